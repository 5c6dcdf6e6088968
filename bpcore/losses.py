"""Loss functions and their gradient with respect to the output layer's pre-activation.

All losses are a **mean over the batch** of ``n`` samples:

``mse``  ``L = 1/n * sum_samples 1/2 * sum_outputs (a - y)**2``
    The tutorial's and the matrix derivation's squared error; any output activation.
    ``dL/da = (a - y) / n``, then the output activation's derivative.
``bce``  ``L = 1/n * sum_samples sum_outputs -(y log p + (1 - y) log(1 - p))``, ``p = sigmoid(z)``
    Needs a sigmoid output. Computed from the logits ``z`` as
    ``max(z, 0) - z y + log(1 + exp(-|z|))``, so ``z = +-1000`` gives a finite loss.
    Fused gradient ``dL/dz = (p - y) / n``.
``cce``  ``L = 1/n * sum_samples -sum_outputs y log softmax(z)``
    Needs a softmax output. ``log softmax(z) = z - logsumexp(z)`` (max subtracted first).
    Fused gradient ``dL/dz = (p * sum(y) - y) / n`` (``p - y`` for one-hot ``y``).

:func:`output_delta` returns the loss and ``dL/dZ`` of the output layer, ``(n, j)``.
"""
from __future__ import absolute_import, division, print_function

import math
from operator import mul

from bpcore import activations
from bpcore.errors import BPError, quote

__all__ = ['LOSSES', 'check_loss', 'output_delta', 'loss_value']

LOSSES = ('mse', 'bce', 'cce')
_NEEDS = {'bce': 'sigmoid', 'cce': 'softmax'}

_exp = math.exp
_log = math.log
_log1p = math.log1p


def check_loss(loss, output_activation):
    """Raise a BPError unless ``loss`` is known and fits the output activation."""
    if loss not in LOSSES:
        raise BPError('unknown loss %s; choose one of %s' % (quote(loss), ', '.join(LOSSES)))
    need = _NEEDS.get(loss)
    if need is not None and output_activation != need:
        raise BPError("loss '%s' needs a %s output layer, but the output layer is %s"
                      % (loss, need, output_activation))


def _bce_row(z, y):
    total = 0.0
    for zi, yi in zip(z, y):
        total += (zi if zi > 0.0 else 0.0) - zi * yi + _log1p(_exp(-abs(zi)))
    return total


def _cce_row(z, y):
    top = max(z)
    lse = top + _log(sum(_exp(v - top) for v in z))
    return -sum(yi * (zi - lse) for zi, yi in zip(z, y))


def _mse_row(a, y):
    return 0.5 * sum((ai - yi) * (ai - yi) for ai, yi in zip(a, y))


def loss_value(loss, Z, A, Y):
    """The mean loss of a batch from its output pre-activations ``Z`` and activations ``A``.

    ``Z``, ``A`` and ``Y`` are ``(n, j)``; ``loss`` is checked by the caller.
    """
    n = len(Y)
    if loss == 'mse':
        total = sum(_mse_row(a, y) for a, y in zip(A, Y))
    elif loss == 'bce':
        total = sum(_bce_row(z, y) for z, y in zip(Z, Y))
    else:
        total = sum(_cce_row(z, y) for z, y in zip(Z, Y))
    return total / n


def output_delta(loss, activation, Z, A, Y):
    """Loss and ``dL/dZ`` of the output layer for a batch.

    Parameters
    ----------
    loss : str
        ``'mse'``, ``'bce'`` or ``'cce'`` (already checked against ``activation``).
    activation : str
        The output layer's activation name.
    Z, A, Y : list of list of float
        ``(n, j)`` pre-activations, activations and targets.

    Returns
    -------
    (float, list of list of float)
        The mean loss and ``delta = dL/dZ``, ``(n, j)``, already divided by ``n``.
    """
    n = len(Y)
    inv = 1.0 / n
    if loss == 'mse':
        backward = activations.ACTIVATIONS[activation][1]
        value = 0.0
        delta = []
        for z, a, y in zip(Z, A, Y):
            err = [ai - yi for ai, yi in zip(a, y)]
            value += sum(map(mul, err, err))
            delta.append(backward(z, a, [e * inv for e in err]))
        return 0.5 * value * inv, delta
    value = loss_value(loss, Z, A, Y)
    if loss == 'bce':
        delta = [[(ai - yi) * inv for ai, yi in zip(a, y)] for a, y in zip(A, Y)]
    else:
        delta = []
        for a, y in zip(A, Y):
            s = sum(y)
            delta.append([(ai * s - yi) * inv for ai, yi in zip(a, y)])
    return value, delta
