"""Gradient check: backpropagation against central finite differences.

For every weight and bias ``p`` the numerical derivative is
``(L(p + h) - L(p - h)) / (2 h)``, computed on a copy of the network, and compared with the
``dW``/``db`` of :meth:`Network.backward`. The relative error of a layer is its largest
difference over its largest gradient, ``max |analytic - numeric| / max(|analytic|, |numeric|)``
over the layer's weights and biases: measured against the layer's own gradient scale, since
finite differences cannot resolve an entry far below it relatively (their round-off is about
``1e-16 * |L| / h`` whatever the entry's size). Below about 1e-6 (float64, ``h = 1e-5``) backprop is right; relu's kink can give a
larger error when a pre-activation sits within ``h`` of zero.
"""
from __future__ import absolute_import, division, print_function

from bpcore import losses
from bpcore.errors import BPError
from bpcore.matrix import check_matrix, check_number
from bpcore.network import Network

__all__ = ['gradient_check']


def gradient_check(network, X, Y, loss='mse', h=1e-5):
    """Compare backprop's gradients with finite differences.

    Parameters
    ----------
    network : Network
        Not changed (a copy is perturbed).
    X, Y : list of list of float
        A (small) batch ``(n, n_inputs)`` and its targets ``(n, n_outputs)``.
    loss : str
    h : float
        Finite-difference step.

    Returns
    -------
    dict
        ``max_rel_error``: list, the largest relative error per layer (weights and biases);
        ``worst``: the largest over all layers; ``analytic`` and ``numeric``: per layer,
        ``(dW, db)`` pairs of the two computations.
    """
    if not isinstance(network, Network):
        raise BPError('network must be a bpcore Network, got %s' % type(network).__name__)
    h = check_number(h, 'h (the finite-difference step)', 0.0, 1.0, low_open=True)
    losses.check_loss(loss, network.activations[-1])
    X = check_matrix(X, 'X', network.n_inputs)
    Y = check_matrix(Y, 'Y', network.n_outputs)
    grads = network.backward(network.forward(X, validate=False), Y, loss, validate=False)
    net = network.copy()

    def loss_now():
        trace = net.forward(X, validate=False)
        return losses.loss_value(loss, trace.Z[-1], trace.A[-1], Y)

    def numeric(values, i):
        old = values[i]
        values[i] = old + h
        up = loss_now()
        values[i] = old - h
        down = loss_now()
        values[i] = old
        return (up - down) / (2.0 * h)

    report = {'max_rel_error': [], 'analytic': [], 'numeric': []}
    for l in range(net.n_layers):
        W, b = net.weights[l], net.biases[l]
        dW_num = [[numeric(row, c) for c in range(len(row))] for row in W]
        db_num = [numeric(b, i) for i in range(len(b))]
        pairs = [(a, n) for ra, rn in zip(grads.dW[l], dW_num) for a, n in zip(ra, rn)]
        pairs += list(zip(grads.db[l], db_num))
        diff = max(abs(a - n) for a, n in pairs)
        scale = max(max(abs(a), abs(n)) for a, n in pairs)
        worst = diff / scale if scale > 0.0 else diff
        report['max_rel_error'].append(worst)
        report['analytic'].append((grads.dW[l], grads.db[l]))
        report['numeric'].append((dW_num, db_num))
    report['worst'] = max(report['max_rel_error'])
    return report
