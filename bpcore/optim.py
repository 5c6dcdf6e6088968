"""Optimisers: turn :class:`~bpcore.network.Gradients` into a weight update.

Both follow ``torch.optim`` exactly (same formulas, same order of operations), so the tests
compare them step by step with PyTorch. ``step(network, grads)`` changes ``network.weights``
and ``network.biases`` in place and keeps the optimiser's own state (momentum buffers, Adam
moments) keyed by layer; the gradients were all computed before this call, so no gradient
ever sees a half-updated network.

``SGD``: ``g = dW + weight_decay * W``; with momentum ``buf = momentum * buf + g`` (``buf = g``
on the first step) and ``g = buf``, or ``g = g + momentum * buf`` with Nesterov;
``W = W - lr * g``.

``Adam``: ``g = dW + weight_decay * W``; ``m = b1 m + (1 - b1) g``; ``v = b2 v + (1 - b2) g**2``;
``W = W - lr / (1 - b1**t) * m / (sqrt(v) / sqrt(1 - b2**t) + eps)``.

Weight decay applies to weights and biases alike, as in ``torch.optim`` with one parameter
group.
"""
from __future__ import absolute_import, division, print_function

import copy
import math
from itertools import repeat
from operator import mul, sub

from bpcore.errors import BPError, quote
from bpcore.matrix import is_finite

__all__ = ['SGD', 'Adam', 'OPTIMIZERS', 'OPTIMIZER_NAMES', 'make_optimizer',
           'optimizer_from_data']


def _check_positive(name, value, allow_zero=False):
    if not is_finite(value) or value < 0 or (value == 0 and not allow_zero):
        raise BPError('%s must be a %s number, got %s'
                      % (name, 'non-negative' if allow_zero else 'positive', quote(value)))
    return float(value)


def _params(network):
    """The parameter tensors in a fixed order: W0, b0, W1, b1, ... as lists of rows.

    A bias vector is wrapped as a one-row matrix; rows are updated in place (``row[:] = ...``)
    so the update reaches ``network.biases`` through the wrapper.
    """
    out = []
    for W, b in zip(network.weights, network.biases):
        out.append(W)
        out.append([b])
    return out


def _grads(grads):
    out = []
    for dW, db in zip(grads.dW, grads.db):
        out.append(dW)
        out.append([db])
    return out


def _check_match(network, grads):
    if len(grads.delta) != network.n_layers:
        raise BPError('gradients have %d layers but the network has %d'
                      % (len(grads.delta), network.n_layers))
    for l, (W, d, x) in enumerate(zip(network.weights, grads.delta, grads.inputs)):
        if len(d[0]) != len(W) or len(x[0]) != len(W[0]):
            raise BPError('layer %d: the gradient has shape (%d, %d) but the weights are '
                          '(%d, %d)' % (l, len(d[0]), len(x[0]), len(W), len(W[0])))


def _minus_scaled(p, s, g):
    """``[p[i] - s * g[i]]`` for lists of one length, at C speed (``g[i] * s`` is the same
    number as ``s * g[i]``)."""
    return list(map(sub, p, map(mul, g, repeat(s, len(g)))))


class SGD(object):
    """Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay.

    Parameters
    ----------
    lr : float
        Learning rate (the tutorial uses 0.3).
    momentum : float
    nesterov : bool
    weight_decay : float
    """

    name = 'sgd'

    def __init__(self, lr=0.1, momentum=0.0, nesterov=False, weight_decay=0.0):
        self.lr = _check_positive('lr', lr)
        self.momentum = _check_positive('momentum', momentum, allow_zero=True)
        self.nesterov = bool(nesterov)
        self.weight_decay = _check_positive('weight_decay', weight_decay, allow_zero=True)
        if self.nesterov and self.momentum == 0.0:
            raise BPError('nesterov momentum needs momentum > 0')
        self.state = {'steps': 0, 'buffers': None}

    def step(self, network, grads):
        """Update ``network`` in place from ``grads`` (:class:`~bpcore.network.Gradients`)."""
        _check_match(network, grads)
        lr, mu, wd = self.lr, self.momentum, self.weight_decay
        if mu == 0.0 and wd == 0.0:           # plain SGD: the tutorial's update
            self.state['steps'] += 1
            if grads.n_samples == 1:          # W -= lr * delta x.T, without forming dW
                for W, b, d, x in zip(network.weights, network.biases, grads.delta,
                                      grads.inputs):
                    d, x = d[0], x[0]
                    for r in range(len(W)):
                        s = lr * d[r]
                        W[r] = _minus_scaled(W[r], s, x)
                    b[:] = _minus_scaled(b, lr, d)
                return
            for P, G in zip(_params(network), _grads(grads)):
                for r in range(len(P)):
                    P[r][:] = _minus_scaled(P[r], lr, G[r])
            return
        params = _params(network)
        gradients = _grads(grads)
        buffers = self.state['buffers']
        first = buffers is None
        if first:
            buffers = self.state['buffers'] = [[None] * len(P) for P in params]
        for P, G, B in zip(params, gradients, buffers):
            for r in range(len(P)):
                g = G[r]
                if wd != 0.0:
                    g = [gi + wd * p for gi, p in zip(g, P[r])]
                if mu != 0.0:
                    if first:
                        buf = list(g)
                    else:
                        buf = [mu * bi + gi for bi, gi in zip(B[r], g)]
                    B[r] = buf
                    if self.nesterov:
                        g = [gi + mu * bi for gi, bi in zip(g, buf)]
                    else:
                        g = buf
                P[r][:] = _minus_scaled(P[r], lr, g)
        self.state['steps'] += 1

    def to_data(self):
        return {'type': 'sgd', 'lr': self.lr, 'momentum': self.momentum,
                'nesterov': self.nesterov, 'weight_decay': self.weight_decay,
                'state': copy.deepcopy(self.state)}

    state_dict = to_data

    def load_state_dict(self, data):
        self.state = _check_state(data, ('steps', 'buffers'))


class Adam(object):
    """Adam (Kingma and Ba 2015) with ``torch.optim.Adam``'s bias correction and eps placement.

    Parameters
    ----------
    lr : float
    betas : (float, float)
    eps : float
    weight_decay : float
        L2 penalty added to the gradient (not AdamW's decoupled decay).
    """

    name = 'adam'

    def __init__(self, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.lr = _check_positive('lr', lr)
        if not isinstance(betas, (list, tuple)) or len(betas) != 2:
            raise BPError('betas must be two numbers in [0, 1), got %s' % quote(betas))
        b1 = _check_positive('betas[0]', betas[0], allow_zero=True)
        b2 = _check_positive('betas[1]', betas[1], allow_zero=True)
        if b1 >= 1.0 or b2 >= 1.0:
            raise BPError('betas must be in [0, 1), got %s' % quote(betas))
        self.betas = (b1, b2)
        self.eps = _check_positive('eps', eps)
        self.weight_decay = _check_positive('weight_decay', weight_decay, allow_zero=True)
        self.state = {'steps': 0, 'm': None, 'v': None}

    def step(self, network, grads):
        """Update ``network`` in place from ``grads`` (:class:`~bpcore.network.Gradients`)."""
        _check_match(network, grads)
        b1, b2 = self.betas
        wd, eps = self.weight_decay, self.eps
        params = _params(network)
        gradients = _grads(grads)
        if self.state['m'] is None:
            self.state['m'] = [[[0.0] * len(row) for row in P] for P in params]
            self.state['v'] = [[[0.0] * len(row) for row in P] for P in params]
        self.state['steps'] += 1
        t = self.state['steps']
        step_size = self.lr / (1.0 - b1 ** t)
        root_bc2 = math.sqrt(1.0 - b2 ** t)
        c1, c2 = 1.0 - b1, 1.0 - b2
        sqrt = math.sqrt
        for P, G, M, V in zip(params, gradients, self.state['m'], self.state['v']):
            for r in range(len(P)):
                g = G[r]
                if wd != 0.0:
                    g = [gi + wd * p for gi, p in zip(g, P[r])]
                m = [b1 * mi + c1 * gi for mi, gi in zip(M[r], g)]
                v = [b2 * vi + c2 * gi * gi for vi, gi in zip(V[r], g)]
                M[r] = m
                V[r] = v
                P[r][:] = [p - step_size * mi / (sqrt(vi) / root_bc2 + eps)
                        for p, mi, vi in zip(P[r], m, v)]

    def to_data(self):
        return {'type': 'adam', 'lr': self.lr, 'betas': list(self.betas), 'eps': self.eps,
                'weight_decay': self.weight_decay, 'state': copy.deepcopy(self.state)}

    state_dict = to_data

    def load_state_dict(self, data):
        self.state = _check_state(data, ('steps', 'm', 'v'))


#: name -> (optimiser class, default settings): the one table of optimiser names.
OPTIMIZERS = {
    'sgd': (SGD, {}),
    'momentum': (SGD, {'momentum': 0.9}),
    'nesterov': (SGD, {'momentum': 0.9, 'nesterov': True}),
    'adam': (Adam, {}),
}
#: The names in the order menus show them.
OPTIMIZER_NAMES = ('sgd', 'momentum', 'nesterov', 'adam')


def _check_state(data, keys):
    state = data.get('state', data) if isinstance(data, dict) else None
    if not isinstance(state, dict):
        raise BPError('optimizer state must be a dict')
    for key in keys:
        if key not in state:
            raise BPError("optimizer state is missing the key '%s'" % key)
    return copy.deepcopy(dict((k, state[k]) for k in keys))


def make_optimizer(optimizer='sgd', lr=None, **options):
    """An optimiser from a name of :data:`OPTIMIZERS`, or an optimiser object as it is.

    ``'momentum'`` is SGD with momentum 0.9 and ``'nesterov'`` adds Nesterov, unless
    ``options`` say otherwise. ``lr=None`` keeps each optimiser's default.
    """
    if isinstance(optimizer, (SGD, Adam)):
        return optimizer
    name = optimizer.lower() if hasattr(optimizer, 'lower') else optimizer
    entry = OPTIMIZERS.get(name) if hasattr(name, 'lower') else None
    if entry is None:
        raise BPError('unknown optimizer %s; choose one of %s'
                      % (quote(optimizer), ', '.join(OPTIMIZER_NAMES)))
    cls, defaults = entry
    kwargs = dict(defaults)
    kwargs.update(options)
    if lr is not None:
        kwargs['lr'] = lr
    return cls(**kwargs)


def optimizer_from_data(data):
    """Rebuild an optimiser (settings and state) from its ``to_data()`` dict."""
    if not isinstance(data, dict) or data.get('type') not in ('sgd', 'adam'):
        raise BPError("optimizer data needs 'type' 'sgd' or 'adam'")
    if data['type'] == 'sgd':
        opt = SGD(data.get('lr', 0.1), data.get('momentum', 0.0), data.get('nesterov', False),
                  data.get('weight_decay', 0.0))
    else:
        opt = Adam(data.get('lr', 0.001), tuple(data.get('betas', (0.9, 0.999))),
                   data.get('eps', 1e-8), data.get('weight_decay', 0.0))
    if 'state' in data:
        opt.load_state_dict(data)
    return opt
