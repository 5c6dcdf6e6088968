"""The numpy backend: the same training loop on float64 arrays (CPython with numpy only).

numpy is imported when a function here runs, never when bpcore is imported, and
:func:`bpcore.backends.select` never sends IronPython here. The loop does what the pure path
does (same sample order, same batches, same loss, deltas and torch.optim updates) with whole
batches at once: ``Z = A @ W.T + b`` by ``np.dot`` into preallocated buffers, activations and
their derivatives in place, ``dW = delta.T @ A`` and ``dA = delta @ W``. BLAS adds in its own
order, so results agree with the pure backend to about 1e-13 relative after a few epochs
(tested to 1e-10), not bit for bit, and may differ in the last bits between machines.

Shapes (``m`` samples in a batch): ``A[l]``, ``Z[l]``, ``D[l]`` are ``(m, j)``; ``W[l]`` is
``(j, k)``; ``b[l]`` is ``(j,)``. The sigmoid is ``1 / (1 + exp(-z))`` everywhere (the pure
path's ``exp(z)`` below ``z = -700`` is the same number to within 1e-300).
"""
from __future__ import absolute_import, division, print_function

from bpcore.activations import LEAKY_SLOPE

__all__ = ['prepare', 'train_epochs', 'predict']

_INF = float('inf')


def _np():
    import numpy
    return numpy


class _Buffers(object):
    """Per-batch-size work arrays, allocated once per run (two sizes: full and the rest)."""

    def __init__(self, np, sizes, m):
        L = len(sizes) - 1
        self.Z = [np.empty((m, j)) for j in sizes[1:]]
        self.A = [np.empty((m, j)) for j in sizes[1:]]
        self.D = [np.empty((m, j)) for j in sizes[1:]]
        self.T = [np.empty((m, j)) for j in sizes[1:]]
        self.mask = [np.empty((m, j), dtype=bool) for j in sizes[1:]]
        self.G = [np.empty((m, j)) for j in sizes[1:L]]           # dL/dA of hidden layers
        self.col = np.empty(m)                  # softmax: the row maxima
        self.esum = np.empty(m)                 # softmax: sum of exp(z - max)
        self.hits = np.empty(m, dtype=bool)
        self.cls = np.empty(m, dtype=np.intp)


def _forward(np, W, b, activations, a, buf):
    """Forward a batch ``a (m, k0)``; fills ``buf.Z`` and ``buf.A``; returns the output."""
    for l, name in enumerate(activations):
        z = buf.Z[l]
        out = buf.A[l]
        np.dot(a, W[l].T, out=z)
        z += b[l]
        if name == 'sigmoid':
            np.negative(z, out=out)
            np.exp(out, out=out)
            out += 1.0
            np.reciprocal(out, out=out)
        elif name == 'tanh':
            np.tanh(z, out=out)
        elif name == 'relu':
            np.maximum(z, 0.0, out=out)
        elif name == 'leaky_relu':
            np.multiply(z, LEAKY_SLOPE, out=out)
            np.maximum(z, out, out=out)
        elif name == 'softmax':
            top = buf.col
            np.max(z, axis=1, out=top)
            np.subtract(z, top[:, None], out=out)
            np.exp(out, out=out)
            np.sum(out, axis=1, out=buf.esum)
            out /= buf.esum[:, None]
        else:
            out[...] = z
        a = out
    return a


def _output_delta(np, loss, activation, z, a, y, ysum, inv, buf, d):
    """Mean loss of the batch; ``d`` gets ``dL/dz`` of the output layer."""
    m = len(y)
    if loss == 'mse':
        e = buf.T[-1]
        np.subtract(a, y, out=e)
        value = 0.5 * float(np.vdot(e, e)) * inv
        e *= inv
        _activation_backward(np, activation, z, a, e, d, buf, -1)
        return value
    if loss == 'bce':
        t = buf.T[-1]
        np.abs(z, out=t)
        np.negative(t, out=t)
        np.exp(t, out=t)
        np.log1p(t, out=t)
        total = float(t.sum()) + float(np.maximum(z, 0.0).sum()) - float(np.vdot(z, y))
        np.subtract(a, y, out=d)
        d *= inv
        return total / m
    # cce: -sum(y * (z - logsumexp(z))), logsumexp from the softmax's own max and sum
    lse = np.log(buf.esum)
    lse += buf.col
    value = -(float(np.vdot(y, z)) - float(lse.sum() if ysum is None else np.dot(ysum, lse))) / m
    if ysum is None:                         # one-hot rows: dL/dz = (p - y) / m
        np.subtract(a, y, out=d)
    else:
        np.multiply(a, ysum[:, None], out=d)
        d -= y
    d *= inv
    return value


def _activation_backward(np, name, z, a, g, d, buf, l):
    """``d = dL/dz`` from ``g = dL/da`` for a batch (``g`` may be overwritten)."""
    if name == 'sigmoid':
        t = buf.T[l] if g is not buf.T[l] else buf.D[l]
        np.subtract(1.0, a, out=t)
        t *= a
        np.multiply(g, t, out=d)
    elif name == 'tanh':
        t = buf.T[l] if g is not buf.T[l] else buf.D[l]
        np.multiply(a, a, out=t)
        np.subtract(1.0, t, out=t)
        np.multiply(g, t, out=d)
    elif name == 'relu':
        mask = buf.mask[l]
        np.greater(z, 0.0, out=mask)
        np.multiply(g, mask, out=d)
    elif name == 'leaky_relu':
        mask = buf.mask[l]
        np.greater(z, 0.0, out=mask)
        np.multiply(g, LEAKY_SLOPE, out=d)
        np.copyto(d, g, where=mask)
    elif name == 'softmax':
        dot = (g * a).sum(axis=1)
        np.subtract(g, dot[:, None], out=d)
        d *= a
    else:
        d[...] = g


class _Optimizer(object):
    """The optimiser's state as arrays, updated in place; written back as lists."""

    def __init__(self, np, opt, W, b):
        self.np = np
        self.opt = opt
        self.params = []
        for Wl, bl in zip(W, b):
            self.params.append(Wl)
            self.params.append(bl)
        state = opt.state
        self.steps = state['steps']
        self.adam = opt.name == 'adam'
        self.plain = not self.adam and opt.momentum == 0.0 and opt.weight_decay == 0.0
        self.first = False
        if self.adam:
            self.m = self._load(state['m'])
            self.v = self._load(state['v'])
        elif not self.plain and opt.momentum != 0.0:
            self.first = state['buffers'] is None
            self.buf = self._load(state['buffers'])

    def _load(self, tensors):
        np = self.np
        if tensors is None:
            return [np.zeros_like(p) for p in self.params]
        return [np.array(t, dtype=float).reshape(p.shape) for t, p in zip(tensors, self.params)]

    def step(self, grads):
        """``grads``: arrays in the order W0, b0, W1, b1, ... (overwritten)."""
        np, opt = self.np, self.opt
        self.steps += 1
        if self.plain:
            lr = opt.lr
            for p, g in zip(self.params, grads):
                g *= lr
                p -= g
            return
        wd = opt.weight_decay
        if self.adam:
            b1, b2 = opt.betas
            ss = opt.lr / (1.0 - b1 ** self.steps)
            rb = np.sqrt(1.0 - b2 ** self.steps)
            for p, g, m, v in zip(self.params, grads, self.m, self.v):
                if wd != 0.0:
                    g += wd * p
                m *= b1
                m += (1.0 - b1) * g
                v *= b2
                v += (1.0 - b2) * g * g
                p -= ss * m / (np.sqrt(v) / rb + opt.eps)
            return
        mu, lr = opt.momentum, opt.lr
        for i, (p, g) in enumerate(zip(self.params, grads)):
            if wd != 0.0:
                g += wd * p
            if mu != 0.0:
                buf = self.buf[i]
                if self.first:
                    buf[...] = g
                else:
                    buf *= mu
                    buf += g
                if opt.nesterov:
                    g += mu * buf
                else:
                    g = buf
            p -= lr * g
        self.first = False

    def store(self):
        """Write the state back to the optimiser in its list form."""
        state = self.opt.state
        state['steps'] = self.steps
        if self.adam:
            state['m'] = [_rows(m) for m in self.m]
            state['v'] = [_rows(v) for v in self.v]
        elif not self.plain and self.opt.momentum != 0.0 and not self.first:
            state['buffers'] = [_rows(u) for u in self.buf]


def _rows(array):
    """A parameter tensor as optim.py keeps it: a matrix as rows, a vector as one row."""
    return array.tolist() if array.ndim == 2 else [array.tolist()]


def prepare(trainer):
    """Convert the trainer's data to arrays now (done once per Trainer)."""
    _arrays(_np(), trainer)


def _arrays(np, trainer):
    """The trainer's data as arrays (converted once per Trainer)."""
    cache = trainer.backend_cache
    if 'numpy' not in cache:
        X = np.array(trainer.X, dtype=float)
        Y = np.array(trainer.Y, dtype=float)
        ysum = Y.sum(axis=1)
        if trainer.loss != 'cce' or bool((ysum == 1.0).all()):
            ysum = None                         # p * 1 - y == p - y: skip the product
        wanted = None
        if trainer._classes is not None:
            wanted = np.array(trainer._classes, dtype=np.intp)
        cache['numpy'] = (X, Y, ysum, wanted)
    return cache['numpy']


def train_epochs(trainer, epochs):
    """Run ``epochs`` epochs of ``trainer`` on arrays; a list of ``(mean loss, accuracy or
    None)`` per epoch. The weights and the optimiser state are written back to the network
    and the optimiser at the end of every epoch; an epoch whose loss is not finite is not
    (its entry carries the bad value and the run stops)."""
    np = _np()
    net = trainer.network
    sizes, activations, loss = net.sizes, net.activations, trainer.loss
    X, Y, ysum, wanted = _arrays(np, trainer)
    n, bs = len(X), trainer.batch_size
    W = [np.array(Wl, dtype=float) for Wl in net.weights]
    b = [np.array(bl, dtype=float) for bl in net.biases]
    opt = _Optimizer(np, trainer.optimizer, W, b)
    L = len(W)
    GW = [np.empty_like(Wl) for Wl in W]
    GB = [np.empty_like(bl) for bl in b]
    grads = []
    for gw, gb in zip(GW, GB):
        grads.append(gw)
        grads.append(gb)
    buffers = {}
    Xp, Yp = np.empty_like(X), np.empty_like(Y)
    results = []
    with np.errstate(over='ignore', under='ignore'):
        for _ in range(epochs):
            order = np.array(trainer.next_order(), dtype=np.intp)
            np.take(X, order, axis=0, out=Xp, mode='clip')   # valid indices: no buffer
            np.take(Y, order, axis=0, out=Yp, mode='clip')
            yps = ysum[order] if ysum is not None else None
            wp = wanted[order] if wanted is not None else None
            total = 0.0
            correct = 0
            for start in range(0, n, bs):
                xb = Xp[start:start + bs]
                yb = Yp[start:start + bs]
                m = len(xb)
                buf = buffers.get(m)
                if buf is None:
                    buf = buffers[m] = _Buffers(np, sizes, m)
                out = _forward(np, W, b, activations, xb, buf)
                d = buf.D[L - 1]
                value = _output_delta(np, loss, activations[-1], buf.Z[L - 1], out, yb,
                                      yps[start:start + bs] if yps is not None else None,
                                      1.0 / m, buf, d)
                if not -_INF < value < _INF:
                    results.append((value, None))
                    return results
                total += value * m
                if wp is not None:
                    if out.shape[1] == 1:
                        np.greater_equal(out[:, 0], 0.5, out=buf.hits)
                        correct += int(np.count_nonzero(buf.hits == wp[start:start + bs]))
                    else:
                        np.argmax(out, axis=1, out=buf.cls)
                        np.equal(buf.cls, wp[start:start + bs], out=buf.hits)
                        correct += int(np.count_nonzero(buf.hits))
                for l in range(L - 1, -1, -1):
                    inputs = xb if l == 0 else buf.A[l - 1]
                    np.dot(d.T, inputs, out=GW[l])
                    np.sum(d, axis=0, out=GB[l])
                    if l > 0:
                        g = buf.G[l - 1]
                        np.dot(d, W[l], out=g)
                        d = buf.D[l - 1]
                        _activation_backward(np, activations[l - 1], buf.Z[l - 1],
                                             buf.A[l - 1], g, d, buf, l - 1)
                opt.step(list(grads))
            for l in range(L):
                net.weights[l][:] = W[l].tolist()
                net.biases[l][:] = b[l].tolist()
            opt.store()
            results.append((total / n, correct / n if wanted is not None else None))
    return results



def predict(network, X):
    """Outputs ``(n, n_outputs)`` (lists) of already scaled rows ``X``."""
    np = _np()
    W = [np.array(Wl, dtype=float) for Wl in network.weights]
    b = [np.array(bl, dtype=float) for bl in network.biases]
    X = np.array(X, dtype=float)
    buf = _Buffers(np, network.sizes, len(X))
    return _forward(np, W, b, network.activations, X, buf).tolist()
