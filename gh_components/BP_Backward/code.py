"""Backpropagation: the loss and every layer's error delta and gradients dW, db for a batch.

    Runs the forward pass on X, then delta[l] = dL/dZ[l] from the output layer back to the
    first; dW[l] = delta[l]^T A[l-1] (the shape of W[l]) and db[l] = delta[l] summed over the
    samples. The loss is a mean over the batch, so delta already carries the 1/n. The network
    is not changed: feed dW and db to BP Update.

    Args:
        net: (item, ghdoc) The network.
        X: (tree, none) Scaled inputs, one branch per sample (a flat list is one sample).
        Y: (tree, ghdoc) Targets, the wanted outputs: one branch per sample with one value per
            output (e.g. BP Dataset's Y).
        loss: (item, str) Optional. mse (default; 1/2 squared error), bce (needs a sigmoid
            output) or cce (needs a softmax output).
    Returns:
        L: Mean loss over the batch (the loss input's formula).
        delta: dL/dZ, branch {l; i} = layer l, sample i.
        dW: Weight gradients, branch {l; i} = row i of layer l (the shape of W[l]).
        db: Bias gradients, branch {l} = layer l.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.losses import LOSSES
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.rhino import valuelists


class BPBackward(component):
    def RunScript(self, net, X, Y, loss):
        ghc.set_message(ghenv, 'Backward')
        valuelists.offer(ghenv, {'loss': list(LOSSES)})
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X), ('Y', Y)):
            return None, None, None, None
        try:
            net = ghc.require_network(net)
            rows = ghc.samples(ghenv, X, 'X', net.n_inputs).rows
            Y = trees.to_targets(Y, net.n_outputs, len(rows), net.class_names, 'Y')
            if len(Y) != len(rows):
                raise BPError('X has %d samples (branches) but Y has %d'
                              % (len(rows), len(Y)))
            name = 'mse' if ghc.is_missing(loss) else str(loss).strip().lower()
            grads = net.backward(net.forward(rows), Y, name)
            ghc.set_message(ghenv, '%s %.4g' % (name, grads.loss))
            return (grads.loss, trees.layers_to_tree(grads.delta),
                    trees.layers_to_tree(grads.dW), trees.layers_to_tree(grads.db))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None, None
