"""Forward pass: every layer's pre-activation Z and activation A for a batch of samples.

    Z[l] = A[l-1] W[l]^T + b[l] and A[l] = f(Z[l]), with A[-1] = X. X must already be scaled
    (BP Scale's X); BP Predict is the component that applies the network's scaler.

    Args:
        net: (item, ghdoc) The network (BP Initialize, BP Update, BP Train...).
        X: (tree, none) Scaled inputs, one branch per sample (a flat list is one sample).
    Returns:
        outputs: The network's outputs A of the last layer, one branch {i} per sample.
        Z: Pre-activations, branch {l; i} = layer l, sample i.
        A: Activations, branch {l; i} = layer l, sample i.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees


class BPForward(component):
    def RunScript(self, net, X):
        ghc.set_message(ghenv, 'Forward')
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X)):
            return None, None, None
        try:
            net = ghc.require_network(net)
            rows = ghc.samples(ghenv, X, 'X', net.n_inputs).rows
            trace = net.forward(rows)
            ghc.set_message(ghenv, '%d samples' % len(rows))
            return (trees.rows_to_tree(trace.output), trees.layers_to_tree(trace.Z),
                    trees.layers_to_tree(trace.A))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None
