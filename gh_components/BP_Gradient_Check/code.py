"""Checks backpropagation against finite differences, layer by layer.

    Every weight and bias is nudged by +-1e-5 on a copy of the network and the change of the
    loss is compared with the gradient backprop computes. A relative error below 1e-6 means
    backprop is right; relu can exceed it when a pre-activation sits within 1e-5 of zero.
    Costs two forward passes per parameter: use a small network and a few samples.

    Args:
        net: (item, ghdoc) The network to check (not changed).
        X: (tree, none) A few scaled inputs, one branch per sample.
        Y: (tree, ghdoc) Their targets, one branch per sample, or one class per sample.
        loss: (item, str) Optional. 'mse' (default), 'bce' (sigmoid output) or 'cce'
            (softmax output).
    Returns:
        max_rel_error: Per layer: the largest relative error of its weights and biases.
        worst: The largest relative error over all layers.
        result: 'pass' or 'FAIL' with the worst error and the threshold.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.losses import LOSSES
from bpcore.gradcheck import gradient_check
from bpcore.losses import LOSSES
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.rhino import valuelists

THRESHOLD = 1e-6
SLOW = 200000        # parameters x samples above which the check takes seconds


class BPGradientCheck(component):
    def RunScript(self, net, X, Y, loss):
        ghc.set_message(ghenv, 'Grad Check')
        valuelists.offer(ghenv, {'loss': list(LOSSES)})
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X), ('Y', Y)):
            return None, None, None
        try:
            net = ghc.require_network(net)
            name = ghc.choice(loss, 'loss', LOSSES, 'mse')
            Xs = ghc.samples(ghenv, X, 'X', net.n_inputs).rows
            Ys = trees.to_targets(Y, net.n_outputs, len(Xs), net.class_names, 'Y')
            if len(Ys) != len(Xs):
                raise BPError('X has %d samples (branches) but Y has %d' % (len(Xs), len(Ys)))
            if net.n_params * len(Xs) > SLOW:
                ghc.remark(ghenv, '%d parameters x %d samples: this check is slow; a few '
                                  'samples are enough' % (net.n_params, len(Xs)))
            report = gradient_check(net, Xs, Ys, name)
            worst = report['worst']
            ok = worst < THRESHOLD
            result = '%s: worst relative error %.3g %s %.0e over %d layers' % (
                'pass' if ok else 'FAIL', worst, '<' if ok else '>=', THRESHOLD, net.n_layers)
            if not ok:
                ghc.warn(ghenv, result)
            ghc.set_message(ghenv, 'pass' if ok else 'FAIL')
            return list(report['max_rel_error']), worst, result
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None
