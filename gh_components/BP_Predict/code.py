"""Uses a network: outputs, class index and class name for raw input samples.

    Applies the network's own scaler first (the one connected to BP Initialize), so give raw,
    unscaled inputs here, in the same units as the training data. An input outside the
    range the network was trained on gives an orange warning naming it and how far out it is.

    Args:
        net: (item, ghdoc) A trained network (BP Train, BP Update, BP Load...).
        X: (tree, ghdoc) Raw inputs, one branch per sample (a flat list is one sample).
    Returns:
        values: The network's outputs, one branch {i} per sample.
        classes: Class index per sample (argmax, or output >= 0.5 for one sigmoid output);
            empty for a regression network (linear/relu/tanh output without class names).
        labels: Class name per sample (the network's class_names, else the index as text);
            empty when classes is empty.
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
            rows = trees.to_network_rows(X, net, 'X', 'inputs')
            values = net.predict(rows)
            for text in range_warnings(net, rows):   # outside the training inputs' ranges
                ghc.warn(ghenv, text)
            classes, labels = [], []
            if net.class_names or net.activations[-1] in ('sigmoid', 'softmax'):
                classes = classes_of(values)
                names = net.class_names
                labels = [names[i] if names else str(i) for i in classes]
            ghc.set_message(ghenv, '%d samples%s' % (len(rows), '' if net.scaler is None
                                                     else ', scaled'))
            return trees.rows_to_tree(values), classes, labels
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None
