"""Compiled kernels: a network's training loop written out as straight-line Python source.

For one architecture (layer sizes, activations), loss, batch mode and optimiser, the
generator writes a module whose ``train`` function holds every weight, bias and optimiser
buffer in a local variable for a whole run of epochs and spells out every dot product,
activation, derivative and update (``z1_0 = b1_0 + (w1_0_0 * a0_0 + w1_0_1 * a0_1 + ...)``).
The module is ``compile()``d and ``exec``ed once and cached (at most :data:`CACHE_SIZE`
kernels, least recently used dropped first). Local variables are the fastest storage every
interpreter has (CPython's fast locals; IronPython compiles the function to .NET IL), so a
small network trains several times faster than with lists of rows; the generated source is
also a readable account of the exact arithmetic of *this* network
(:func:`kernel_source`).

The kernel does exactly what :class:`bpcore.train.Trainer` does with the pure path, in the
same order of operations (sums left to right, ``0 +`` the first term as ``sum`` does, the
rank-one update of a one-sample batch, torch.optim's formulas), so on interpreters whose
``sum`` adds left to right (2.7, 3.9-3.11, IronPython) the weights are bit-identical; on
CPython 3.12+ ``sum`` of floats is compensated and the two agree to ~1e-15 relative.
Zero terms are skipped where they are common (the inputs of a wide first layer, pixels or
one-hot columns, and relu outputs: guarded ``if x:`` blocks in the forward sums and the
gradients, no delta sum for a relu neuron that was off); skipping an exact zero leaves each
left-to-right sum the same number.

Kernel signature (``batch_size``, hyper-parameters and the optimiser state are arguments, so
one kernel serves every learning rate)::

    train(W, B, X, Y, wanted, epochs, next_order, bs, lr, mu, wd, beta1, beta2, eps, state)
        W, B      the network's weights (L x (j, k)) and biases (L x (j,)); read at the start,
                  written back (new row lists) at the end of every epoch
        X, Y      (n, k0) inputs and (n, kL) targets
        wanted    target class per row, or None (regression: no accuracy)
        epochs    epochs to run; next_order() gives each epoch's sample order
        state     the optimiser's ``state`` dict, read at the start and written at epoch ends
    -> list of (mean loss, accuracy or None) per epoch; it stops after an epoch whose batch
       loss is not finite (that epoch is not written back: the network keeps the weights of
       the last finished epoch), its entry carrying the bad value.

Networks with more than :data:`MAX_PARAMS` parameters are not compiled (the source grows
with the parameter count: compiling a 50,000-weight kernel would take longer than training
it with numpy); :func:`bpcore.backends.select` sends them to the pure or numpy path.
"""
from __future__ import absolute_import, division, print_function

from collections import OrderedDict

from bpcore.activations import LEAKY_SLOPE
from bpcore.errors import BPError

__all__ = ['MAX_PARAMS', 'CACHE_SIZE', 'fits', 'kernel_source', 'predict_source',
           'train_kernel', 'predict_kernel', 'optimizer_spec', 'train_epochs', 'predict',
           'cache_info', 'clear_cache']

#: Largest network (weights + biases) that gets a compiled kernel. Measured with
#: ``benchmarks/bench_compile.py`` (relu/softmax, 1,000 samples, CPU seconds): the speed-up over
#: the pure path holds steady with width (CPython 3.11: about 3x one sample at a time, 1.6x in
#: batches of 32; 2.7: 4-6x and 3x) while the source and its compile time grow with the
#: parameter count (2,410 parameters: 12,600 lines, 0.12 s for the batch kernel with its
#: zero-skipping blocks, 0.08 s without; 4,450: 0.12 s without; 13,514: 56,000 lines, 0.4 s on
#: 3.11 and 0.5 s on 2.7). 5,000 keeps every compile well under
#: a second and the generated function moderate for IronPython's compiler (its .NET methods
#: are untested beyond that here), and covers every network of the tutorial, the Grasshopper
#: examples and the 64-32-10 digits benchmark; bigger networks train with numpy or pure.
MAX_PARAMS = 5000
#: Most kernels kept at once (least recently used dropped first).
CACHE_SIZE = 32
#: Inputs at least this many wide are checked for zeros (skipped in the first layer's sums
#: and gradients), the width at which the pure path does the same.
SPARSE_WIDTH = 32
_TERMS = 16          # terms per line of a long sum (keeps expressions shallow for compile)

_cache = OrderedDict()
_stats = {'compiled': 0, 'hits': 0}


def fits(network):
    """True when ``network`` is small enough for a compiled kernel."""
    return network.n_params <= MAX_PARAMS


_SPECS = {'sgd': ('sgd', False, False, False), 'momentum': ('sgd', True, False, False),
          'nesterov': ('sgd', True, True, False), 'adam': ('adam', False)}


def optimizer_spec(optimizer):
    """The part of an optimiser that changes the kernel's code (not its numbers): from an
    optimiser object (:mod:`bpcore.optim`) or the name of one with its default settings."""
    if hasattr(optimizer, 'lower'):
        if optimizer.lower() not in _SPECS:
            raise BPError('unknown optimizer %r; choose one of %s'
                          % (optimizer, ', '.join(sorted(_SPECS))))
        return _SPECS[optimizer.lower()]
    if optimizer.name == 'adam':
        return ('adam', optimizer.weight_decay != 0.0)
    return ('sgd', optimizer.momentum != 0.0, optimizer.nesterov, optimizer.weight_decay != 0.0)


# -- the source generator ----------------------------------------------------------------------

class _Source(object):
    """Lines of Python with an indentation level."""

    def __init__(self):
        self.lines = []
        self.level = 0

    def __call__(self, text):
        self.lines.append('    ' * self.level + text)

    def text(self):
        return '\n'.join(self.lines) + '\n'


def _names(prefix, count):
    return ['%s%d' % (prefix, i) for i in range(count)]


def _unpack(names, source):
    """``a, b = source`` (``a, = source`` for one name)."""
    return '%s = %s' % (', '.join(names) + (',' if len(names) == 1 else ''), source)


def _sum_into(out, target, terms, first=None):
    """``target = first + (t0 + t1 + ...)`` written left to right as ``sum`` adds (``0 + t0``
    is ``t0``), split over lines of :data:`_TERMS` terms; ``first`` (a bias) is added last as
    ``bias + sum``."""
    chunks = [terms[i:i + _TERMS] for i in range(0, len(terms), _TERMS)]
    if len(chunks) == 1:
        body = ' + '.join(chunks[0])
        out('%s = %s' % (target, body if first is None else '%s + (%s)' % (first, body)))
        return
    out('%s = %s' % (target, ' + '.join(chunks[0])))
    for chunk in chunks[1:]:
        out('%s = %s + %s' % (target, target, ' + '.join(chunk)))
    if first is not None:
        out('%s = %s + %s' % (target, first, target))


def _w(l, r, c):
    return 'w%d_%d_%d' % (l, r, c)


def _b(l, r):
    return 'b%d_%d' % (l, r)


def _inputs(l, sizes):
    """Names of what layer ``l`` receives: the sample ``x`` or the previous activations."""
    if l == 0:
        return _names('x', sizes[0])
    return _names('a%d_' % (l - 1), sizes[l])


def _activation(out, name, z, a):
    """``a = f(z)`` for one neuron (softmax is done per layer)."""
    if name == 'sigmoid':
        out('%s = 1.0 / (1.0 + exp(-%s)) if %s > -700.0 else exp(%s)' % (a, z, z, z))
    elif name == 'tanh':
        out('%s = tanh(%s)' % (a, z))
    elif name == 'relu':
        out('%s = %s if %s > 0.0 else 0.0' % (a, z, z))
    elif name == 'leaky_relu':
        out('%s = %s if %s > 0.0 else %r * %s' % (a, z, z, LEAKY_SLOPE, z))
    else:                                   # linear
        out('%s = %s' % (a, z))


def _sparse(sizes, activations, l):
    """True when layer ``l`` skips zero inputs: the first layer of a wide network (pixels,
    one-hot columns: often half zeros, as the pure path's ``_layer_forward`` skips them) and a
    layer of at least 4 neurons after a relu layer (relu outputs are exact zeros about half
    the time)."""
    if l == 0:
        return sizes[0] >= SPARSE_WIDTH
    return activations[l - 1] == 'relu' and sizes[l + 1] >= 4


def _sparse_sums(out, l, ins, j):
    """``z{l}_r = b + (sum of w * x)`` over the non-zero inputs only, column by column: each
    sum still adds its terms left to right from ``0.0`` as ``sum`` does, and the skipped terms
    are exact zeros, so the numbers are those of the dense sums."""
    zs = _names('z%d_' % l, j)
    out('%s = 0.0' % ' = '.join(zs))
    for c in range(0, len(ins) - 1, 2):     # columns in pairs: both non-zero, one, none
        a, b = ins[c], ins[c + 1]
        out('if %s:' % a)
        out('    if %s:' % b)
        for r in range(j):
            out('        %s = %s + %s * %s + %s * %s' % (zs[r], zs[r], _w(l, r, c), a,
                                                      _w(l, r, c + 1), b))
        out('    else:')
        for r in range(j):
            out('        %s += %s * %s' % (zs[r], _w(l, r, c), a))
        out('elif %s:' % b)
        for r in range(j):
            out('    %s += %s * %s' % (zs[r], _w(l, r, c + 1), b))
    if len(ins) % 2:
        c = len(ins) - 1
        out('if %s:' % ins[c])
        for r in range(j):
            out('    %s += %s * %s' % (zs[r], _w(l, r, c), ins[c]))
    for r in range(j):
        out('%s = %s + %s' % (zs[r], _b(l, r), zs[r]))


def _forward(out, sizes, activations):
    """Forward pass of one sample already unpacked into ``x0, x1, ...``."""
    for l, name in enumerate(activations):
        ins = _inputs(l, sizes)
        j = sizes[l + 1]
        out('# layer %d: %d -> %d %s' % (l, sizes[l], j, name))
        if _sparse(sizes, activations, l):
            out('# (zero inputs skipped)')
            _sparse_sums(out, l, ins, j)
        for r in range(j if not _sparse(sizes, activations, l) else 0):
            _sum_into(out, 'z%d_%d' % (l, r), ['%s * %s' % (_w(l, r, c), x)
                                                for c, x in enumerate(ins)], _b(l, r))
        if name == 'softmax':
            zs = _names('z%d_' % l, j)
            out('top = %s' % (zs[0] if j == 1 else 'max(%s)' % ', '.join(zs)))
            for r in range(j):
                out('e%d = exp(z%d_%d - top)' % (r, l, r))
            _sum_into(out, 'esum', _names('e', j))
            for r in range(j):
                out('a%d_%d = e%d / esum' % (l, r, r))
        else:
            for r in range(j):
                _activation(out, name, 'z%d_%d' % (l, r), 'a%d_%d' % (l, r))


def _backward_neuron(out, name, d, z, a, g):
    """``d = dL/dz`` of one neuron from ``g = dL/da`` (not softmax)."""
    if name == 'sigmoid':
        out('%s = %s * %s * (1.0 - %s)' % (d, g, a, a))
    elif name == 'tanh':
        out('%s = %s * (1.0 - %s * %s)' % (d, g, a, a))
    elif name == 'relu':
        out('%s = %s if %s > 0.0 else 0.0' % (d, g, z))
    elif name == 'leaky_relu':
        out('%s = %s if %s > 0.0 else %r * %s' % (d, g, z, LEAKY_SLOPE, g))
    else:
        out('%s = %s' % (d, g))


def _output(out, sizes, activations, loss, batch):
    """Loss row ``row`` and output deltas ``d{L-1}_r`` (with the batch's ``inv`` = 1/m)."""
    o = len(activations) - 1
    j = sizes[-1]
    act = activations[-1]
    scale = ' * inv' if batch else ''
    a = ['a%d_%d' % (o, r) for r in range(j)]
    z = ['z%d_%d' % (o, r) for r in range(j)]
    y = _names('y', j)
    d = ['d%d_%d' % (o, r) for r in range(j)]
    out('# loss %s and dL/dz of the output layer' % loss)
    if loss == 'mse':
        for r in range(j):
            out('e%d = %s - %s' % (r, a[r], y[r]))
        _sum_into(out, 'row', ['e%d * e%d' % (r, r) for r in range(j)])
        q = ['e%d%s' % (r, scale) for r in range(j)]
        if batch:
            for r in range(j):
                out('q%d = e%d * inv' % (r, r))
            q = _names('q', j)
        if act == 'softmax':
            _sum_into(out, 'dot', ['%s * %s' % (q[r], a[r]) for r in range(j)])
            for r in range(j):
                out('%s = %s * (%s - dot)' % (d[r], a[r], q[r]))
        else:
            for r in range(j):
                _backward_neuron(out, act, d[r], z[r], a[r], q[r])
    elif loss == 'bce':
        _sum_into(out, 'row', ['((%s if %s > 0.0 else 0.0) - %s * %s + log1p(exp(-abs(%s))))'
                               % (z[r], z[r], z[r], y[r], z[r]) for r in range(j)])
        for r in range(j):
            out('%s = (%s - %s)%s' % (d[r], a[r], y[r], scale))
    else:                                   # cce on a softmax output: esum is sum(exp(z - top))
        out('lse = top + log(esum)')
        _sum_into(out, 'row', ['%s * (%s - lse)' % (y[r], z[r]) for r in range(j)])
        out('row = -row')
        _sum_into(out, 'ysum', y)
        for r in range(j):
            out('%s = (%s * ysum - %s)%s' % (d[r], a[r], y[r], scale))


def _accuracy(out, sizes, activations):
    o = len(activations) - 1
    j = sizes[-1]
    if j == 1:
        out('if (1 if a%d_0 >= 0.5 else 0) == wanted[i]:' % o)
    else:                                   # argmax, the first of equal maxima
        out('p = 0')
        out('top = a%d_0' % o)
        for r in range(1, j):
            out('if a%d_%d > top:' % (o, r))
            out('    p = %d' % r)
            out('    top = a%d_%d' % (o, r))
        out('if p == wanted[i]:')
    out('    correct += 1')


def _hidden(out, sizes, activations):
    """Deltas of the hidden layers, from the output back (old weights, before any update)."""
    for l in range(len(activations) - 2, -1, -1):
        nxt = sizes[l + 2]
        out('# dL/dz of layer %d (%s)' % (l, activations[l]))
        for c in range(sizes[l + 1]):
            terms = ['%s * d%d_%d' % (_w(l + 1, r, c), l + 1, r) for r in range(nxt)]
            if activations[l] == 'relu':        # an off neuron's delta is 0.0 whatever g is
                out('if z%d_%d > 0.0:' % (l, c))
                out.level += 1
                _sum_into(out, 'g', terms)
                out('d%d_%d = g' % (l, c))
                out.level -= 1
                out('else:')
                out('    d%d_%d = 0.0' % (l, c))
                continue
            _sum_into(out, 'g', terms)
            _backward_neuron(out, activations[l], 'd%d_%d' % (l, c), 'z%d_%d' % (l, c),
                             'a%d_%d' % (l, c), 'g')


def _params(sizes):
    """Every parameter: (name, gradient-accumulator name, layer, row, column or None)."""
    out = []
    for l in range(len(sizes) - 1):
        for r in range(sizes[l + 1]):
            for c in range(sizes[l]):
                out.append((_w(l, r, c), 'g' + _w(l, r, c), l, r, c))
            out.append((_b(l, r), 'g' + _b(l, r), l, r, None))
    return out


def _per_weight(out, sizes, activations, l, r, before, after, line):
    """One statement ``line(weight name, input name)`` per incoming weight of neuron ``r`` of
    layer ``l`` (with ``before`` and ``after`` lines around them, when given).

    Exact zeros are skipped, the same numbers either way: the whole neuron when it is a relu
    that was off (``d == 0``), and each zero input of a sparse layer (:func:`_sparse`)."""
    relu = activations[l] == 'relu'
    sparse = _sparse(sizes, activations, l)
    if relu:
        out('if d%d_%d:' % (l, r))
        out.level += 1
    if before:
        out(before)
    for c, x in enumerate(_inputs(l, sizes)):
        text = line(_w(l, r, c), x)
        out('if %s: %s' % (x, text) if sparse else text)
    if after:
        out(after)
    if relu:
        out.level -= 1


def _rank_one(out, sizes, activations):
    """Plain SGD on one sample, as optim.SGD does it: ``W -= (lr * d) x.T``, ``b -= lr * d``.

    A relu neuron that was off has ``d == 0``: its row would only subtract zeros, so it is
    skipped (the same numbers)."""
    for l in range(len(sizes) - 1):
        for r in range(sizes[l + 1]):
            _per_weight(out, sizes, activations, l, r, 's = lr * d%d_%d' % (l, r), None,
                        lambda w, x: '%s -= s * %s' % (w, x))
        for r in range(sizes[l + 1]):
            out('%s -= lr * d%d_%d' % (_b(l, r), l, r))


def _gradient(sizes, l, r, c, batch):
    """The gradient of one parameter: the accumulator (batch) or ``d * x`` (one sample)."""
    if batch:
        return 'g' + (_w(l, r, c) if c is not None else _b(l, r))
    if c is None:
        return 'd%d_%d' % (l, r)
    return 'd%d_%d * %s' % (l, r, _inputs(l, sizes)[c])


def _update(out, sizes, spec, batch):
    """The optimiser's step for every parameter (plain SGD with ``lr * g``, momentum,
    Nesterov, weight decay, Adam), torch.optim's formulas in optim.py's order."""
    if spec[0] == 'sgd' and not spec[1] and not spec[3]:
        for name, acc, l, r, c in _params(sizes):
            out('%s -= lr * %s' % (name, acc))
        out('steps += 1')
        return
    if spec[0] == 'adam':
        out('steps += 1')
        out('ss = lr / (1.0 - beta1 ** steps)')
        out('rb = sqrt(1.0 - beta2 ** steps)')
        for name, acc, l, r, c in _params(sizes):
            g = _gradient(sizes, l, r, c, batch)
            if spec[1]:
                out('g = %s + wd * %s' % (g, name))
                g = 'g'
            elif not batch and c is not None:
                out('g = %s' % g)
                g = 'g'
            out('m%s = beta1 * m%s + c1 * %s' % (name, name, g))
            out('v%s = beta2 * v%s + c2 * %s * %s' % (name, name, g, g))
            out('%s -= ss * m%s / (sqrt(v%s) / rb + eps)' % (name, name, name))
        return
    momentum, nesterov, decay = spec[1], spec[2], spec[3]
    for name, acc, l, r, c in _params(sizes):
        g = _gradient(sizes, l, r, c, batch)
        if decay:
            out('g = %s + wd * %s' % (g, name))
            g = 'g'
        if momentum:
            out('u%s = %s if first else mu * u%s + %s' % (name, g, name, g))
            if nesterov:
                out('%s -= lr * (%s + mu * u%s)' % (name, g, name))
            else:
                out('%s -= lr * u%s' % (name, name))
        else:
            out('%s -= lr * %s' % (name, g))
    out('first = False')
    out('steps += 1')


def _state_names(sizes, prefix):
    """Nested name lists shaped like optim's state: [W0 rows, [b0], W1 rows, [b1], ...]."""
    out = []
    for l in range(len(sizes) - 1):
        out.append([[prefix + _w(l, r, c) for c in range(sizes[l])]
                    for r in range(sizes[l + 1])])
        out.append([[prefix + _b(l, r) for r in range(sizes[l + 1])]])
    return out


def _load_state(out, sizes, key, prefix):
    """Locals from ``state[key]`` (zeros when it is None)."""
    tensors = _state_names(sizes, prefix)
    out('if state[%r] is None:' % key)
    for rows in tensors:
        for row in rows:
            out('    %s = 0.0' % ' = '.join(row))
    out('else:')
    out('    S = state[%r]' % key)
    for t, rows in enumerate(tensors):
        for r, row in enumerate(rows):
            out('    ' + _unpack(row, 'S[%d][%d]' % (t, r)))


def _store_state(sizes, prefix):
    return '[%s]' % ', '.join('[%s]' % ', '.join('[%s]' % ', '.join(row) for row in rows)
                              for rows in _state_names(sizes, prefix))


def _header(title):
    return ['"""%s (generated by bpcore.backends.compiled)."""' % title,
            'from __future__ import absolute_import, division, print_function',
            '',
            'from math import exp as _exp, log as _log, log1p as _log1p, sqrt as _sqrt, '
            'tanh as _tanh',
            '',
            "_INF = float('inf')",
            '', '']


def _load_weights(out, sizes):
    for l in range(len(sizes) - 1):
        for r in range(sizes[l + 1]):
            out(_unpack([_w(l, r, c) for c in range(sizes[l])], 'W[%d][%d]' % (l, r)))
        out(_unpack([_b(l, r) for r in range(sizes[l + 1])], 'B[%d]' % l))


def _check(sizes, activations):
    """Activations the generator knows (the loss is checked by the caller)."""
    from bpcore.activations import ACTIVATIONS
    for l, name in enumerate(activations):
        if name not in ACTIVATIONS or (name == 'softmax' and l != len(activations) - 1):
            raise BPError('layer %d: no compiled kernel for activation %r' % (l, name))


def kernel_source(sizes, activations, loss='mse', batch=False, spec=('sgd', False, False, False),
                  classification=True):
    """The Python source of a training kernel (see the module docstring for its signature).

    Parameters
    ----------
    sizes : list of int
        Layer sizes, inputs first.
    activations : list of str
        One per weight layer.
    loss : str
        ``'mse'``, ``'bce'`` or ``'cce'``, already checked against the output activation
        (:func:`bpcore.losses.check_loss`).
    batch : bool
        False: one sample per update (``batch_size`` 1); True: mini-batches of ``bs``.
    spec : tuple
        :func:`optimizer_spec` of the optimiser.
    classification : bool
        Count correct classes (needs ``wanted``).
    """
    _check(sizes, activations)
    out = _Source()
    out.lines.extend(_header('Training kernel %s %s, loss %s, %s, optimizer %s'
                             % ('-'.join(str(s) for s in sizes), '/'.join(activations), loss,
                                'mini-batch' if batch else 'one sample per step',
                                spec[0] + ''.join(
                                    ' ' + f for f, on in zip(
                                        ('momentum', 'nesterov', 'weight-decay')
                                        if spec[0] == 'sgd' else ('weight-decay',),
                                        spec[1:]) if on))))
    out('def train(W, B, X, Y, wanted, epochs, next_order, bs, lr, mu, wd, beta1, beta2, eps, '
        'state):')
    out.level = 1
    out('exp, log, log1p, sqrt, tanh, INF = _exp, _log, _log1p, _sqrt, _tanh, _INF  # locals')
    out('n = len(X)')
    out('results = []')
    _load_weights(out, sizes)
    out("steps = state['steps']")
    if spec[0] == 'adam':
        out('c1 = 1.0 - beta1')
        out('c2 = 1.0 - beta2')
        _load_state(out, sizes, 'm', 'm')
        _load_state(out, sizes, 'v', 'v')
    elif spec[1]:
        out("first = state['buffers'] is None")
        _load_state(out, sizes, 'buffers', 'u')
    plain = spec[0] == 'sgd' and not spec[1] and not spec[3]
    out('for epoch in range(epochs):')
    out.level = 2
    out('order = next_order()')
    out('total = 0.0')
    out('correct = 0')
    if batch:
        out('for start in range(0, n, bs):')
        out.level = 3
        out('idx = order[start:start + bs]')
        out('m = len(idx)')
        out('inv = 1.0 / m')
        for name, acc, l, r, c in _params(sizes):
            out('%s = 0.0' % acc)
        out('vsum = 0.0')
        out('for i in idx:')
    else:
        out('for i in order:')
    out.level += 1
    sample = out.level
    out(_unpack(_names('x', sizes[0]), 'X[i]'))
    out(_unpack(_names('y', sizes[-1]), 'Y[i]'))
    _forward(out, sizes, activations)
    _output(out, sizes, activations, loss, batch)
    if batch:
        out('vsum += row')
    else:
        out('value = %s' % ('0.5 * row' if loss == 'mse' else 'row'))
        out('if not -INF < value < INF:')
        out('    results.append((value, None))')
        out('    return results')
        out('total += value')
    if classification:
        _accuracy(out, sizes, activations)
    _hidden(out, sizes, activations)
    if batch:
        out('# gradients summed over the batch (a relu neuron that was off adds zeros: skipped)')
        for l in range(len(sizes) - 1):
            for r in range(sizes[l + 1]):
                d = 'd%d_%d' % (l, r)
                _per_weight(out, sizes, activations, l, r, None,
                            'g%s += %s' % (_b(l, r), d),
                            lambda w, x, d=d: 'g%s += %s * %s' % (w, d, x))
        out.level = sample - 1
        out('value = %s' % ('0.5 * vsum * inv' if loss == 'mse' else 'vsum / m'))
        out('if not -INF < value < INF:')
        out('    results.append((value, None))')
        out('    return results')
        out('total += value * m')
        out('# the optimizer step')
        if plain:
            out('if m == 1:')
            out.level += 1
            _rank_one(out, sizes, activations)
            out('steps += 1')
            out.level -= 1
            out('else:')
            out.level += 1
            _update(out, sizes, spec, batch)
            out.level -= 1
        else:
            _update(out, sizes, spec, batch)
    else:
        out('# the optimizer step')
        if plain:
            _rank_one(out, sizes, activations)
            out('steps += 1')
        else:
            _update(out, sizes, spec, batch)
    out.level = 2
    out('# end of the epoch: weights and optimizer state back to the network')
    for l in range(len(sizes) - 1):
        out('W[%d][:] = [%s]' % (l, ', '.join('[%s]' % ', '.join(_w(l, r, c)
                                                                for c in range(sizes[l]))
                                               for r in range(sizes[l + 1]))))
        out('B[%d][:] = [%s]' % (l, ', '.join(_b(l, r) for r in range(sizes[l + 1]))))
    out("state['steps'] = steps")
    if spec[0] == 'adam':
        out("state['m'] = %s" % _store_state(sizes, 'm'))
        out("state['v'] = %s" % _store_state(sizes, 'v'))
    elif spec[1]:
        out('if not first:')
        out("    state['buffers'] = %s" % _store_state(sizes, 'u'))
    out('results.append((total / n, %s))' % ('correct / n' if classification else 'None'))
    out.level = 1
    out('return results')
    return out.text()


def predict_source(sizes, activations):
    """The Python source of a forward-only kernel ``predict(W, B, X) -> (n, kL) outputs``."""
    _check(sizes, activations)
    out = _Source()
    out.lines.extend(_header('Forward kernel %s %s' % ('-'.join(str(s) for s in sizes),
                                                       '/'.join(activations))))
    out('def predict(W, B, X):')
    out.level = 1
    out('exp, tanh = _exp, _tanh')
    _load_weights(out, sizes)
    out('outputs = []')
    out('for x in X:')
    out.level = 2
    out(_unpack(_names('x', sizes[0]), 'x'))
    _forward(out, sizes, activations)
    o = len(activations) - 1
    out('outputs.append([%s])' % ', '.join('a%d_%d' % (o, r) for r in range(sizes[-1])))
    out.level = 1
    out('return outputs')
    return out.text()


# -- compile and cache ---------------------------------------------------------------------

def _compiled(key, make_source, function):
    fn = _cache.pop(key, None)
    if fn is not None:
        _stats['hits'] += 1
    else:
        source = make_source()
        namespace = {}
        code = compile(source, '<bpcore kernel %s>' % function, 'exec')
        exec(code, namespace)
        fn = namespace[function]
        fn.source = source
        _stats['compiled'] += 1
    _cache[key] = fn                          # most recently used last
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return fn


def _shape_of(network):
    """The network's current architecture, checked against its weight lists (a network whose
    lists were resized without its sizes never runs a kernel built for other shapes)."""
    sizes = tuple(network.sizes)
    if len(network.weights) != len(sizes) - 1 or len(network.biases) != len(sizes) - 1 \
            or len(network.activations) != len(sizes) - 1:
        raise BPError('the network has %d weight layers but sizes %r'
                      % (len(network.weights), list(sizes)))
    for l, (W, b) in enumerate(zip(network.weights, network.biases)):
        if len(W) != sizes[l + 1] or len(b) != sizes[l + 1] \
                or any(len(row) != sizes[l] for row in W):
            raise BPError('layer %d: the weights are not (%d, %d) as sizes %r say'
                          % (l, sizes[l + 1], sizes[l], list(sizes)))
    return sizes, tuple(network.activations)


def train_kernel(network, loss, batch, spec, classification):
    """The cached training kernel for ``network``'s current architecture."""
    sizes, acts = _shape_of(network)
    key = ('train', sizes, acts, loss, bool(batch), tuple(spec), bool(classification))
    return _compiled(key, lambda: kernel_source(list(sizes), list(acts), loss, batch, spec,
                                                classification), 'train')


def predict_kernel(network):
    """The cached forward kernel for ``network``'s current architecture."""
    sizes, acts = _shape_of(network)
    return _compiled(('predict', sizes, acts),
                     lambda: predict_source(list(sizes), list(acts)), 'predict')


def cache_info():
    """``{'size': kernels cached, 'max': CACHE_SIZE, 'compiled': n, 'hits': n}``."""
    return {'size': len(_cache), 'max': CACHE_SIZE, 'compiled': _stats['compiled'],
            'hits': _stats['hits']}


def clear_cache():
    _cache.clear()


# -- the backend ---------------------------------------------------------------------------

def train_epochs(trainer, epochs):
    """Run ``epochs`` epochs of ``trainer`` (:class:`bpcore.train.Trainer`) with its kernel.

    Returns a list of ``(mean loss, accuracy or None)`` per epoch (see the module docstring).
    """
    net, opt = trainer.network, trainer.optimizer
    fn = train_kernel(net, trainer.loss, trainer.batch_size > 1, optimizer_spec(opt),
                      trainer.classification)
    b1, b2 = getattr(opt, 'betas', (0.0, 0.0))
    return fn(net.weights, net.biases, trainer.X, trainer.Y, trainer._classes, epochs,
              trainer.next_order, trainer.batch_size, opt.lr, getattr(opt, 'momentum', 0.0),
              opt.weight_decay, b1, b2, getattr(opt, 'eps', 0.0), opt.state)


def predict(network, X):
    """Outputs ``(n, n_outputs)`` of already scaled rows ``X`` through the forward kernel."""
    return predict_kernel(network)(network.weights, network.biases, X)
