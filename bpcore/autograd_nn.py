"""A tiny neural-network layer on top of :class:`bpcore.autograd.Value` (micrograd's teaching API).

``Neuron``, ``Layer`` and ``MLP`` behave like micrograd's: calling a module on a list of inputs
returns Values; ``parameters()`` lists the weights and biases (per neuron: weights, then the
bias, so the order matches micrograd's and parameters can be copied across);
``zero_grad()`` clears their gradients.  The differences:

* initial weights come from :class:`bpcore.rng.Random` (the same on every interpreter), drawn
  uniform in [-1, 1) like micrograd's, biases start at 0;
* a neuron's pre-activation ``b + sum_i w_i x_i`` is one :meth:`Value.linear` node (with
  ``fused=False``, the textbook chain of ``*`` and ``+`` nodes instead); inputs may be plain
  numbers;
* besides micrograd's ``nonlin`` (ReLU or linear) a neuron can use ``activation='tanh'``,
  ``'sigmoid'``, ``'relu'``, ``'leaky_relu'`` or ``'linear'``.

The micrograd demo (moons, hinge loss, L2, SGD with a decaying learning rate)::

    X, y = make_moons(100, noise=0.1, seed=1)
    y = [2 * t - 1 for t in y]                   # labels -1 / +1 for the hinge loss
    model = MLP(2, [16, 16, 1], seed=0)
    history = train_demo(model, X, y, steps=100)  # [(loss, accuracy), ...]
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.autograd import Value
from bpcore.errors import BPError
from bpcore.rng import Random

__all__ = ['Module', 'Neuron', 'Layer', 'MLP', 'make_moons', 'hinge_loss', 'sgd_step',
           'train_demo']

_ACTIVATIONS = ('relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear')


class Module(object):
    """Base class: ``parameters()`` and ``zero_grad()``."""

    def parameters(self):
        return []

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def get_parameters(self):
        """The parameters' values as a flat list of floats (in ``parameters()`` order)."""
        return [p.data for p in self.parameters()]

    def set_parameters(self, values):
        """Load a flat list of numbers (e.g. another model's ``get_parameters()``)."""
        params = self.parameters()
        values = list(values)
        if len(values) != len(params):
            raise BPError('set_parameters: the model has %d parameters, got %d values'
                          % (len(params), len(values)))
        for p, v in zip(params, values):
            p.data = float(v)


class Neuron(Module):
    """``act(b + sum_i w_i x_i)`` with ``nin`` weights.

    Parameters
    ----------
    nin : int
        Number of inputs.
    nonlin : bool
        micrograd's switch: False makes the neuron linear whatever ``activation`` says.
    activation : str
        'relu' (default, as micrograd), 'tanh', 'sigmoid', 'leaky_relu' or 'linear'.
    rng : bpcore.rng.Random, optional
        Source of the initial weights (a ``Random(0)`` if None).
    fused : bool
        True: the pre-activation is one ``linear`` node (fast); False: ``*`` and ``+`` nodes.
    """

    def __init__(self, nin, nonlin=True, activation='relu', rng=None, fused=True):
        if activation not in _ACTIVATIONS:
            raise BPError('Neuron: unknown activation %r (use one of %s)'
                          % (activation, ', '.join(_ACTIVATIONS)))
        if rng is None:
            rng = Random(0)
        self.w = [Value(rng.uniform(-1.0, 1.0)) for _ in range(nin)]
        self.b = Value(0.0)
        self.activation = activation if nonlin else 'linear'
        self.nonlin = self.activation != 'linear'
        self.fused = fused

    def __call__(self, x):
        if self.fused:
            act = Value.linear(self.w, x, self.b)
        else:
            act = self.b
            for wi, xi in zip(self.w, x):
                act = act + wi * xi
        a = self.activation
        if a == 'relu':
            return act.relu()
        if a == 'linear':
            return act
        if a == 'tanh':
            return act.tanh()
        if a == 'sigmoid':
            return act.sigmoid()
        return act.leaky_relu()

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return '%sNeuron(%d)' % (self.activation.capitalize() if self.nonlin else 'Linear',
                                 len(self.w))


class Layer(Module):
    """``nout`` neurons of ``nin`` inputs; calling returns a list (one Value if ``nout == 1``)."""

    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return 'Layer of [%s]' % ', '.join(repr(n) for n in self.neurons)


class MLP(Module):
    """A multilayer perceptron: ``MLP(2, [16, 16, 1])``; every layer but the last is nonlinear.

    Parameters
    ----------
    nin : int
    nouts : list of int
        Neurons per layer.
    activation : str
        Activation of the hidden layers ('relu' as micrograd); the last layer is linear.
    seed : int
        Seed of the initial weights (:class:`bpcore.rng.Random`).
    fused : bool
        See :class:`Neuron`.
    """

    def __init__(self, nin, nouts, activation='relu', seed=0, fused=True):
        rng = Random(seed)
        sz = [nin] + list(nouts)
        n = len(nouts)
        self.layers = [Layer(sz[i], sz[i + 1], nonlin=(i != n - 1), activation=activation,
                             rng=rng, fused=fused) for i in range(n)]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return 'MLP of [%s]' % ', '.join(repr(layer) for layer in self.layers)


def make_moons(n=100, noise=0.1, seed=0):
    """Two interleaving half circles, like ``sklearn.datasets.make_moons`` (shuffled).

    Returns ``(X, y)``: ``X`` a list of ``n`` ``[x, y]`` points, ``y`` a list of 0 (upper moon)
    / 1 (lower moon).  Gaussian noise of standard deviation ``noise`` from
    ``bpcore.rng.Random(seed)``; the same seed gives the same points everywhere.
    """
    n = int(n)
    if n < 2:
        raise BPError('make_moons: n must be at least 2, got %r' % n)
    rng = Random(seed)
    n_out = n // 2
    n_in = n - n_out
    X = []
    y = []
    for i in range(n_out):
        t = math.pi * i / (n_out - 1) if n_out > 1 else 0.0
        X.append([math.cos(t), math.sin(t)])
        y.append(0)
    for i in range(n_in):
        t = math.pi * i / (n_in - 1) if n_in > 1 else 0.0
        X.append([1.0 - math.cos(t), 0.5 - math.sin(t)])
        y.append(1)
    order = rng.permutation(n)
    X = [X[i] for i in order]
    y = [y[i] for i in order]
    if noise:
        for p in X:
            p[0] += rng.gauss(0.0, noise)
            p[1] += rng.gauss(0.0, noise)
    return X, y


def hinge_loss(model, X, y, alpha=1e-4):
    """micrograd demo's loss: mean SVM max-margin loss plus ``alpha`` * L2 of the parameters.

    ``y`` holds -1 / +1.  Returns ``(total_loss Value, accuracy float)``.
    """
    if len(X) != len(y) or not y:
        raise BPError('hinge_loss: %d rows of X but %d labels' % (len(X), len(y)))
    for i, t in enumerate(y):
        if t != 1 and t != -1:
            raise BPError('hinge_loss: label %r in row %d; labels must be -1 or +1 '
                          '(map 0/1 labels with 2 * t - 1)' % (t, i))
    scores = [model(row) for row in X]
    losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    data_loss = Value.sum(losses) * (1.0 / len(losses))
    reg_loss = alpha * Value.sum([p * p for p in model.parameters()])
    total = data_loss + reg_loss
    hits = [(yi > 0) == (si.data > 0) for yi, si in zip(y, scores)]
    return total, sum(hits) / len(hits)


def sgd_step(model, lr):
    """``p.data -= lr * p.grad`` for every parameter."""
    for p in model.parameters():
        p.data -= lr * p.grad


def train_demo(model, X, y, steps=100, alpha=1e-4, callback=None):
    """micrograd's demo loop: full batch, lr = 1 - 0.9 k / 100.  Returns [(loss, accuracy)].

    ``callback(k, loss, accuracy)`` is called after each step; returning True stops.
    """
    history = []
    for k in range(steps):
        total, acc = hinge_loss(model, X, y, alpha)
        model.zero_grad()
        total.backward()
        sgd_step(model, 1.0 - 0.9 * k / 100)
        history.append((total.data, acc))
        if callback is not None and callback(k, total.data, acc):
            break
    return history
