"""Gradient descent step: a NEW network with W - lr * dW and b - lr * db.

    Plain SGD, one step, no state: the connected network is never changed (Grasshopper shares
    it with every wire), the result is a copy. Chain Forward -> Backward -> Update by hand to
    watch one step; for momentum, Adam, epochs and mini-batches use BP Train.

    Args:
        net: (item, ghdoc) The network to update.
        dW: (tree, ghdoc) Weight gradients from BP Backward, branch {l; i} = row i of layer l.
        db: (tree, ghdoc) Bias gradients from BP Backward, branch {l} = layer l.
        lr: (item, float) Optional. Learning rate (default 0.1; the tutorial uses 0.3).
    Returns:
        updated: The updated copy of the network.
        step: Size of the step, the largest |lr * gradient| over all weights and biases.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees


class BPUpdate(component):
    def RunScript(self, net, dW, db, lr):
        ghc.set_message(ghenv, 'Update')
        if ghc.missing_inputs(ghenv, ('net', net), ('dW', dW), ('db', db)):
            return None, None
        try:
            net = ghc.require_network(net)
            rate = ghc.to_float(lr, 'lr', default=0.1)
            if not rate > 0.0:
                raise BPError("input 'lr' must be > 0, got %r" % rate)
            gW = trees.to_layers(dW, 'dW', [(len(W), len(W[0])) for W in net.weights])
            gb = trees.to_vectors(db, 'db', [len(b) for b in net.biases])
            new = net.copy()
            # the same arithmetic as bpcore.optim.SGD (p - lr * g), so one full-batch step
            # here equals one epoch of bpcore.train.fit with batch_size >= n, shuffle off
            new.weights = [[[w - rate * g for w, g in zip(row, grow)]
                            for row, grow in zip(W, G)] for W, G in zip(net.weights, gW)]
            new.biases = [[b - rate * g for b, g in zip(B, G)] for B, G in zip(net.biases, gb)]
            step = max(max(abs(rate * g) for G in gW for row in G for g in row),
                       max(abs(rate * g) for G in gb for g in G))
            ghc.set_message(ghenv, 'lr %g' % rate)
            return new, step
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None
