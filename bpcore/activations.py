"""Activation functions, each with its derivative written right beside it.

Every function works on one row (a list of floats) so that a batch is a list comprehension
over rows and the per-sample path of training stays fast in pure Python.

``forward(z) -> a`` maps a row of pre-activations ``z`` (length ``j``) to activations ``a``.
``backward(z, a, g) -> dz`` maps the gradient ``g = dL/da`` of one row to ``dL/dz``, using
whichever of ``z`` and ``a`` gives the derivative most cheaply (``sigmoid' = a (1 - a)``).

Names: ``sigmoid``, ``tanh``, ``relu``, ``leaky_relu`` (slope 0.01), ``linear``, ``softmax``.
All are finite for any finite ``z``: ``sigmoid(-1000) == 0.0`` and ``softmax`` subtracts the
row maximum before exponentiating, so no ``OverflowError`` is ever raised.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.errors import BPError, quote

__all__ = ['ACTIVATIONS', 'OUTPUT_RANGES', 'get', 'LEAKY_SLOPE']

LEAKY_SLOPE = 0.01

_exp = math.exp
_tanh = math.tanh


def sigmoid(z):
    # exp(-v) overflows for v < -709; there exp(v) is the same number to full precision.
    return [1.0 / (1.0 + _exp(-v)) if v > -700.0 else _exp(v) for v in z]


def sigmoid_backward(z, a, g):
    return [gi * ai * (1.0 - ai) for gi, ai in zip(g, a)]


def tanh(z):
    return [_tanh(v) for v in z]


def tanh_backward(z, a, g):
    return [gi * (1.0 - ai * ai) for gi, ai in zip(g, a)]


def relu(z):
    return [v if v > 0.0 else 0.0 for v in z]


def relu_backward(z, a, g):
    return [gi if v > 0.0 else 0.0 for gi, v in zip(g, z)]


def leaky_relu(z):
    return [v if v > 0.0 else LEAKY_SLOPE * v for v in z]


def leaky_relu_backward(z, a, g):
    return [gi if v > 0.0 else LEAKY_SLOPE * gi for gi, v in zip(g, z)]


def linear(z):
    return list(z)


def linear_backward(z, a, g):
    return list(g)


def softmax(z):
    top = max(z)
    e = [_exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def softmax_backward(z, a, g):
    # Jacobian-vector product: dz_i = a_i * (g_i - sum_k g_k a_k)
    dot = sum(gi * ai for gi, ai in zip(g, a))
    return [ai * (gi - dot) for gi, ai in zip(g, a)]


ACTIVATIONS = {
    'sigmoid': (sigmoid, sigmoid_backward),
    'tanh': (tanh, tanh_backward),
    'relu': (relu, relu_backward),
    'leaky_relu': (leaky_relu, leaky_relu_backward),
    'linear': (linear, linear_backward),
    'softmax': (softmax, softmax_backward),
}


# What each activation can output, (low, high) (None: unbounded on that side). A target outside
# this range can never be reached by an output layer with that activation.
OUTPUT_RANGES = {
    'sigmoid': (0.0, 1.0),
    'tanh': (-1.0, 1.0),
    'relu': (0.0, None),
    'leaky_relu': (None, None),
    'linear': (None, None),
    'softmax': (0.0, 1.0),
}


def get(name, where='activation'):
    """Return ``(forward, backward)`` for an activation name, or raise a clear BPError."""
    pair = ACTIVATIONS.get(name) if hasattr(name, 'lower') else None
    if pair is None:
        raise BPError('%s: unknown activation %s; choose one of %s'
                      % (where, quote(name), ', '.join(sorted(ACTIVATIONS))))
    return pair
