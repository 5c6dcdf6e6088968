"""Uses a network: outputs, class index and class name for raw input samples.

    Applies the network's own scaler first (the one connected to BP Initialize), so give raw,
    unscaled inputs here, in the same units as the training data; a regression network
    with a target scaler gives its values in target units. An input outside the range the
    network was trained on gives an orange warning naming it and how far out it is.

    The outputs keep the paths of X: one branch per sample stays one branch per sample on
    the same path, an empty branch gives an empty branch, so results line up with the
    geometry they belong to.

    Args:
        net: (item, ghdoc) A trained network (BP Train, BP Update, BP Load...).
        X: (tree, none) Raw inputs: one branch per sample; or points, vectors or planes
            (their coordinates); or, for a 1-input network, a list of numbers (one sample
            each).
    Returns:
        values: The network's outputs for each sample, on the paths of X.
        classes: Class index per sample, on the paths of X (argmax, or output >= 0.5 for
            one sigmoid output); empty for a regression network.
        labels: Class name per sample, on the paths of X (the network's class_names, else
            the index as text); empty when classes is empty.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.network import classes_of
from bpcore.ranges import range_warnings
from bpcore.rhino import component as ghc
from bpcore.rhino import trees


class BPPredict(component):
    def RunScript(self, net, X):
        ghc.set_message(ghenv, 'Predict')
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X)):
            return None, None, None
        try:
            net = ghc.require_network(net)
            samples = trees.read_samples(X, 'X', net.n_inputs)
            values = net.predict(samples.rows)
            for text in range_warnings(net, samples.rows):   # outside the training ranges
                ghc.warn(ghenv, text)
            classes, labels = [], []
            if net.class_names or net.activations[-1] in ('sigmoid', 'softmax'):
                found = classes_of(values)
                names = net.class_names
                classes = samples.item_tree(found)
                labels = samples.item_tree([names[i] if names else str(i) for i in found])
            if samples.note:
                ghc.remark(ghenv, samples.note)
            ghc.set_message(ghenv, '%d samples%s' % (len(samples.rows), '' if net.scaler is None
                                                     else ', scaled'))
            return samples.tree(values), classes, labels
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None
