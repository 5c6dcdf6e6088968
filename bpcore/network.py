"""The feed-forward network: weights, forward pass and backpropagation.

Shapes (lists of rows, ``n`` samples):

* ``sizes = [k0, k1, ..., kL]``: ``k0`` inputs, ``kL`` outputs, ``L`` weight layers.
* ``weights[l]`` is ``(j, k)`` with ``k = sizes[l]``, ``j = sizes[l + 1]``: row ``i`` holds the
  incoming weights of neuron ``i`` (PyTorch's ``nn.Linear`` layout and the tutorial's
  ``neuron['weights']``); ``biases[l]`` is ``(j,)``.
* forward: ``Z[l] = A[l-1] @ weights[l].T + biases[l]`` is ``(n, j)``, ``A[l] = f(Z[l])``, with
  ``A[-1]`` meaning the input ``X`` ``(n, k0)``.
* backward: ``delta[l] = dL/dZ[l]`` ``(n, j)``; ``dW[l] = delta[l].T @ A[l-1]`` ``(j, k)``;
  ``db[l] = sum over samples of delta[l]`` ``(j,)``; ``dL/dA[l-1] = delta[l] @ weights[l]``.
  The loss is a mean over the batch, so ``delta`` already carries the ``1/n``.

``forward`` and ``backward`` are the deconstructed algorithm the Grasshopper components show;
``predict`` is the plain path that also applies the network's input scaler.
"""
from __future__ import absolute_import, division, print_function

import copy
import math
from itertools import chain, compress
from operator import itemgetter, mul, truth

from bpcore import activations as _act
from bpcore import losses
from bpcore.compas_protocol import DataProtocol
from bpcore.data.scaling import scaler_from_data
from bpcore.errors import TEXT_TYPES, BPError, quote
from bpcore.matrix import check_choice, check_matrix, classes_of, is_finite  # classes_of: old path
from bpcore.ranges import check_input_ranges
from bpcore.rng import Random, check_seed

__all__ = ['Network', 'Trace', 'Gradients', 'INITS', 'default_activations']

INITS = ('uniform', 'xavier', 'he', 'normal')
MAX_PARAMS = 10 ** 8    # weights + biases of a list-based network (~1 GB of Python floats)


class Trace(object):
    """Everything the forward pass computed for a batch.

    Attributes
    ----------
    inputs : list of list of float
        ``X``, ``(n, k0)``.
    Z, A : list over layers of ``(n, j)`` matrices
        Pre-activations and activations of each weight layer.
    """

    __slots__ = ('inputs', 'Z', 'A')

    def __init__(self, inputs, Z, A):
        self.inputs = inputs
        self.Z = Z
        self.A = A

    @property
    def output(self):
        """The network's output ``A[-1]``, ``(n, n_outputs)``."""
        return self.A[-1]


class Gradients(object):
    """What backpropagation computed for a batch.

    Attributes
    ----------
    loss : float
        Mean loss over the batch.
    delta : list over layers of ``(n, j)``
        ``dL/dZ`` per sample (the ``1/n`` of the mean loss included).
    inputs : list over layers of ``(n, k)``
        What each layer received: ``X`` for layer 0, ``A[l-1]`` after that.
    dW : list over layers of ``(j, k)``
        ``delta[l].T @ inputs[l]``, same shapes as the weights (computed on first use: a
        one-sample SGD step uses the rank-one form ``delta x.T`` directly).
    db : list over layers of ``(j,)``
        ``delta[l]`` summed over the samples.
    """

    __slots__ = ('loss', 'delta', 'inputs', 'db', '_dW')

    def __init__(self, loss, delta, inputs, db):
        self.loss = loss
        self.delta = delta
        self.inputs = inputs
        self.db = db
        self._dW = None

    @property
    def n_samples(self):
        return len(self.delta[0])

    @property
    def dW(self):
        if self._dW is None:
            self._dW = [_outer_sum(d, x) for d, x in zip(self.delta, self.inputs)]
        return self._dW


def _outer_sum(delta, inputs):
    """``delta.T @ inputs`` for ``delta (n, j)`` and ``inputs (n, k)``: ``(j, k)``.

    Every entry is ``0 + d[0] x[0] + d[1] x[1] + ...`` over the samples in order. When at
    most half of the products can be non-zero (zero inputs: pixels, one-hot columns, relu
    outputs; zero deltas: relu neurons that were off), each sample adds only its non-zero
    products into the rows (:func:`_scatter_sum`), else each entry is one ``sum`` over the
    samples (:func:`_column_sums`). Skipped terms are exact zeros, so the sums are the same
    numbers either way.
    """
    if len(delta) == 1:                      # one sample: an outer product, no transposes
        x = inputs[0]
        return [[di * xi for xi in x] for di in delta[0]]
    n, k, j = len(inputs), len(inputs[0]), len(delta[0])
    columns = range(k)
    nonzero = [list(compress(columns, x)) for x in inputs]      # each sample's non-zero inputs
    used = sorted(set(chain.from_iterable(nonzero)))             # columns not all zero
    products = sum(len(nz) * sum(map(truth, d)) for nz, d in zip(nonzero, delta))
    if 2 * products <= j * len(used) * n:  # measured: the scatter wins up to ~0.65 dense
        return _scatter_sum(delta, inputs, nonzero, k)
    return _column_sums(delta, inputs, used, k)


def _scatter_sum(delta, inputs, nonzero, k):
    """``delta.T @ inputs`` sample by sample over the non-zero products only: row ``r`` gets
    ``d[r] * x[c]`` for every non-zero ``d[r]`` and non-zero input ``x[c]`` of the sample."""
    out = [[0.0] * k for _ in delta[0]]
    rows = range(len(delta[0]))
    for x, d, nz in zip(inputs, delta, nonzero):
        if not nz:
            continue
        pairs = list(zip(nz, [x[c] for c in nz]))
        for r in compress(rows, d):
            row, dr = out[r], d[r]
            for c, v in pairs:
                row[c] += dr * v
    return out


def _column_sums(delta, inputs, used, k):
    """``delta.T @ inputs`` as one ``sum`` per entry over the samples; the columns not in
    ``used`` (ascending: those that are non-zero in some sample) give 0.0 without a sum."""
    pT = list(zip(*inputs))                  # (k, n)
    if len(used) == k:
        return [[sum(map(mul, drow, pcol)) for pcol in pT] for drow in zip(*delta)]
    cols = [pT[c] for c in used]
    where = [len(used)] * k                  # each column's place in a row, or the 0.0 after
    for i, c in enumerate(used):
        where[c] = i
    return [list(map(([sum(map(mul, drow, pcol)) for pcol in cols] + [0.0]).__getitem__,
                     where)) for drow in zip(*delta)]


def _layer_forward(W, b, X):
    """``Z = X @ W.T + b`` for ``X (n, k)``, ``W (j, k)``, ``b (j,)``: returns ``(n, j)``.

    A wide input row that is mostly zeros (pixels, one-hot columns, relu outputs) is
    multiplied over its non-zero entries only: the skipped terms are exact zeros, so each sum
    is the same number.
    """
    out = []
    for x in X:
        if len(x) >= _SPARSE_WIDTH:
            nz = list(compress(range(len(x)), x))
            if 1 < len(nz) <= len(x) // 2:
                pick = itemgetter(*nz)
                xs = pick(x)
                out.append([bi + sum(map(mul, pick(wi), xs)) for wi, bi in zip(W, b)])
                continue
        out.append([bi + sum(map(mul, wi, x)) for wi, bi in zip(W, b)])
    return out


_SPARSE_WIDTH = 32      # rows at least this wide are checked for zeros in _layer_forward


class Network(DataProtocol):
    """A fully connected feed-forward network.

    A COMPAS data object too (:mod:`bpcore.compas_protocol`): ``compas.json_dump(net, path)``
    and ``compas.json_load(path)`` work without bpcore importing COMPAS.

    Parameters
    ----------
    sizes : list of int
        Neurons per layer, inputs first, e.g. ``[7, 5, 3]``.
    activations : str or list of str
        One name for every layer, or one per weight layer (``len(sizes) - 1``). Default
        ``'sigmoid'``. See :mod:`bpcore.activations`; ``softmax`` only on the output layer.
    init : str
        ``'uniform'``: the tutorial's ``random()`` in [0, 1) for weights and biases;
        ``'xavier'``: U(-a, a), ``a = sqrt(6 / (k + j))``, biases 0;
        ``'he'``: N(0, 2 / k), biases 0; ``'normal'``: N(0, 1 / k), biases 0.
    seed : int
        Seed of :class:`bpcore.rng.Random`: the same seed gives the same weights everywhere.
    """

    def __init__(self, sizes, activations='sigmoid', init='xavier', seed=0):
        self.sizes = _check_sizes(sizes)
        self.activations = _check_activations(activations, len(self.sizes) - 1)
        self.init = check_choice(init, 'init', INITS)
        self.seed = check_seed(seed)
        self.weights, self.biases = _initial_parameters(self.sizes, init, Random(self.seed))
        self.class_names = None
        self.feature_names = None
        self.scaler = None
        self.target_scaler = None
        self.input_ranges = None   # [[min, max], ...] of the training inputs (bpcore.ranges)
        self.training = {}

    # -- shape facts ---------------------------------------------------------------------
    @property
    def n_layers(self):
        return len(self.weights)

    @property
    def n_inputs(self):
        return self.sizes[0]

    @property
    def n_outputs(self):
        return self.sizes[-1]

    @property
    def n_params(self):
        return sum(j * k + j for k, j in zip(self.sizes[:-1], self.sizes[1:]))

    # -- forward and backward ------------------------------------------------------------
    def forward(self, X, validate=True):
        """Forward pass of a batch ``X (n, n_inputs)`` (already scaled) -> :class:`Trace`.

        A flat list of numbers is one sample. ``validate=False`` skips the input check, for
        callers that checked ``X`` once already (the training loop, the gradient check).
        """
        if validate:
            X = check_matrix(X, 'X', self.n_inputs)
        Z = []
        A = []
        a = X
        for W, b, name in zip(self.weights, self.biases, self.activations):
            z = _layer_forward(W, b, a)
            f = _act.ACTIVATIONS[name][0]
            a = [f(row) for row in z]
            Z.append(z)
            A.append(a)
        return Trace(X, Z, A)

    def backward(self, trace, Y, loss='mse', validate=True):
        """Backpropagate targets ``Y (n, n_outputs)`` through a :class:`Trace`.

        Returns :class:`Gradients` with the mean loss and ``delta``, ``dW``, ``db`` per layer.
        The network is not changed. ``validate=False`` skips the checks of ``loss``, ``trace``
        and ``Y``, for callers that checked them once already.
        """
        if validate:
            losses.check_loss(loss, self.activations[-1])
            if not isinstance(trace, Trace) or len(trace.Z) != self.n_layers:
                raise BPError('trace: backward needs the Trace of a forward pass of this network')
            Y = check_matrix(Y, 'Y', self.n_outputs)
            if len(Y) != len(trace.inputs):
                raise BPError('Y has %d rows but the forward pass had %d samples'
                              % (len(Y), len(trace.inputs)))
        L = self.n_layers
        value, d = losses.output_delta(loss, self.activations[-1], trace.Z[-1], trace.A[-1], Y)
        delta = [None] * L
        db = [None] * L
        for l in range(L - 1, -1, -1):
            delta[l] = d
            db[l] = list(d[0]) if len(d) == 1 else [sum(col) for col in zip(*d)]
            if l > 0:
                WT = list(zip(*self.weights[l]))  # (k, j)
                backward = _act.ACTIVATIONS[self.activations[l - 1]][1]
                d = [backward(z, a, [sum(map(mul, col, drow)) for col in WT])
                     for z, a, drow in zip(trace.Z[l - 1], trace.A[l - 1], d)]
        inputs = [trace.inputs] + trace.A[:-1]
        return Gradients(value, delta, inputs, db)

    def loss(self, X, Y, loss='mse'):
        """Mean loss of the network on ``X`` (scaled inputs) against targets ``Y``."""
        trace = self.forward(X)
        losses.check_loss(loss, self.activations[-1])
        Y = check_matrix(Y, 'Y', self.n_outputs)
        return losses.loss_value(loss, trace.Z[-1], trace.A[-1], Y)

    # -- the user's path ---------------------------------------------------------------------
    def predict(self, X, backend=None):
        """Outputs ``(n, n_outputs)`` for raw inputs ``X``; applies :attr:`scaler` if set, and
        maps the outputs back to target units with :attr:`target_scaler` if set.

        ``backend`` (:mod:`bpcore.backends`): None or ``'pure'`` (lists of rows),
        ``'compiled'``, ``'numpy'`` or ``'auto'``; all give the same outputs (numpy within
        1e-12 relative).
        """
        X = check_matrix(X, 'X', self.n_inputs)
        if self.scaler is not None:
            X = self.scaler.transform(X)
        kind = 'pure'
        if backend is not None:
            from bpcore import backends
            kind = backends.select(backend, self, len(X), len(X))
        if kind == 'pure':
            outputs = self.forward(X, validate=False).A[-1]
        else:
            outputs = backends.predict(kind, self, X)
        for i, row in enumerate(outputs):
            for j, v in enumerate(row):
                if v - v != 0.0:                 # NaN or infinite
                    raise BPError('predict: X row %d gives a non-finite output %s (column %d): '
                                  'the inputs are too large for this network in floating point '
                                  '(largest |x| of the row: %s)'
                                  % (i, v, j, max(abs(x) for x in X[i])))
        return self.unscale_outputs(outputs)

    def scale_targets(self, Y):
        """Targets ``(n, n_outputs)`` in target units -> what the output layer is trained on
        (:attr:`target_scaler` applied; unchanged without one)."""
        scaler = getattr(self, 'target_scaler', None)
        return Y if scaler is None else scaler.transform(Y)

    def unscale_outputs(self, outputs):
        """Output-layer values ``(n, n_outputs)`` -> target units (the inverse of
        :meth:`scale_targets`; unchanged without a :attr:`target_scaler`)."""
        scaler = getattr(self, 'target_scaler', None)
        return outputs if scaler is None else scaler.inverse_transform(outputs)

    def predict_classes(self, X, backend=None):
        """Class index per sample: argmax of the outputs, or ``output >= 0.5`` for one output."""
        return classes_of(self.predict(X, backend))

    def kernel_source(self, loss='mse', optimizer='sgd', batch_size=1, classification=True):
        """The Python source of this network's compiled training kernel (a readable account
        of its exact arithmetic; see :mod:`bpcore.backends.compiled`).

        ``optimizer`` is a name (``'sgd'``, ``'momentum'``, ``'nesterov'``, ``'adam'``) or an
        optimiser object; ``batch_size`` 1 gives the one-sample kernel, more the mini-batch
        kernel. Works for any size (training compiles only networks up to
        ``compiled.MAX_PARAMS`` parameters).
        """
        from bpcore.backends import compiled
        losses.check_loss(loss, self.activations[-1])
        return compiled.kernel_source(self.sizes, self.activations, loss, batch_size > 1,
                                      compiled.optimizer_spec(optimizer), classification)

    def predict_labels(self, X):
        """Class name per sample (``class_names``, or the index as text when there are none)."""
        names = self.class_names
        return [names[i] if names else str(i) for i in self.predict_classes(X)]

    # -- copies, text, data ---------------------------------------------------------------------
    def copy(self):
        """An independent deep copy (components never mutate a network they were given)."""
        return copy.deepcopy(self)

    def summary(self):
        """A few lines: layers, shapes, activations and the parameter count."""
        lines = ['Network %s, %d parameters, init %s, seed %d'
                 % ('-'.join(str(s) for s in self.sizes), self.n_params, self.init, self.seed)]
        for l, (W, name) in enumerate(zip(self.weights, self.activations)):
            j, k = len(W), len(W[0])
            lines.append('  layer %d: %d -> %d %-10s W (%d, %d) + b (%d,) = %d params'
                         % (l, k, j, name, j, k, j, j * k + j))
        if self.class_names:
            lines.append('  classes: %s' % ', '.join(self.class_names))
        if self.feature_names:
            lines.append('  features: %s' % ', '.join(self.feature_names))
        if self.scaler is not None:
            lines.append('  input scaler: %s' % type(self.scaler).__name__)
        if getattr(self, 'target_scaler', None) is not None:
            lines.append('  target scaler: %s (predictions in target units)'
                         % type(self.target_scaler).__name__)
        return '\n'.join(lines)

    def __repr__(self):
        return 'Network(%s, %s)' % ('-'.join(str(s) for s in self.sizes), '/'.join(self.activations))

    def __str__(self):
        return 'bpcore %s, %d params' % (self.__repr__(), self.n_params)

    ToString = __str__  # Grasshopper shows .NET-style ToString() in panels and tooltips

    def to_data(self):
        """A JSON-able dict of the whole network (architecture, weights, metadata).

        ``target_scaler`` is present only when the network has one (a regression network
        trained on scaled targets), so networks without one give the same dict as before.
        """
        data = {
            'sizes': list(self.sizes),
            'activations': list(self.activations),
            'init': self.init,
            'seed': self.seed,
            'weights': [[list(row) for row in W] for W in self.weights],
            'biases': [list(b) for b in self.biases],
            'class_names': list(self.class_names) if self.class_names else None,
            'feature_names': list(self.feature_names) if self.feature_names else None,
            'scaler': self.scaler.to_data() if self.scaler is not None else None,
            'training': copy.deepcopy(self.training),
            'input_ranges': ([list(r) for r in self.input_ranges] if self.input_ranges
                             else None),
        }
        if getattr(self, 'target_scaler', None) is not None:
            data['target_scaler'] = self.target_scaler.to_data()
        return data

    @classmethod
    def from_data(cls, data):
        """Rebuild a network from :meth:`to_data`'s dict; every key and shape is checked."""
        if not isinstance(data, dict):
            raise BPError('network data must be a dict, got %s' % type(data).__name__)
        for key in ('sizes', 'activations', 'weights', 'biases'):
            if key not in data:
                raise BPError("network data is missing the key '%s'" % key)
        net = cls.__new__(cls)
        net.sizes = _check_sizes(data['sizes'])
        net.activations = _check_activations(data['activations'], len(net.sizes) - 1)
        net.init = check_choice(data.get('init') or 'xavier', "'init'", INITS)
        net.seed = check_seed(data.get('seed') or 0, "'seed'")
        net.weights, net.biases = _check_parameters(data['weights'], data['biases'], net.sizes)
        net.class_names = _check_names(data.get('class_names'), 'class_names', net.n_outputs)
        net.feature_names = _check_names(data.get('feature_names'), 'feature_names', net.n_inputs)
        net.scaler = None
        if data.get('scaler') is not None:
            net.scaler = scaler_from_data(data['scaler'])
        net.target_scaler = None
        if data.get('target_scaler') is not None:
            net.target_scaler = scaler_from_data(data['target_scaler'])
            if net.target_scaler.n_features_in_ != net.n_outputs:
                raise BPError('target_scaler was fitted on %d columns but the network has %d '
                              'outputs' % (net.target_scaler.n_features_in_, net.n_outputs))
        training = data.get('training') or {}
        if not isinstance(training, dict):
            raise BPError("'training' must be a dict (the summary of the last fit), got %s"
                          % quote(training))
        net.training = copy.deepcopy(training)
        net.input_ranges = check_input_ranges(data.get('input_ranges'), net.n_inputs)
        return net


# -- checks and initialisation -------------------------------------------------------------

def default_activations(n_layers, task='classification'):
    """The activations BP Initialize uses when none are given: sigmoid everywhere for
    classification (the tutorial's); tanh hidden layers and a linear output for regression
    (an output that can reach any target; scale the targets, see :meth:`Network.scale_targets`).
    """
    if task == 'regression':
        return ['tanh'] * (n_layers - 1) + ['linear']
    return ['sigmoid'] * n_layers


def _check_sizes(sizes):
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise BPError('sizes must list at least 2 layer sizes (inputs and outputs), got %s'
                      % quote(sizes))
    result = []
    for i, s in enumerate(sizes):
        if isinstance(s, float) and is_finite(s) and s == int(s):
            s = int(s)
        if not isinstance(s, (int, type(2 ** 64))) or isinstance(s, bool) or s < 1:
            raise BPError('sizes[%d] must be a positive whole number, got %s' % (i, quote(s)))
        result.append(int(s))
    n_params = sum(j * k + j for k, j in zip(result[:-1], result[1:]))
    if n_params > MAX_PARAMS:
        raise BPError('sizes %s make %s parameters, more than a list-based network holds (%d)'
                      % (quote(result), quote(n_params), MAX_PARAMS))
    return result


def _check_activations(names, n_layers):
    if isinstance(names, TEXT_TYPES):
        names = [names] * n_layers
    if not isinstance(names, (list, tuple)):
        raise BPError('activations must be a name or a list of names (one per weight layer), '
                      'got %s' % quote(names))
    names = list(names)
    if len(names) != n_layers:
        raise BPError('got %d activations for %d weight layers; give one name or one per layer'
                      % (len(names), n_layers))
    for l, name in enumerate(names):
        _act.get(name, 'layer %d' % l)
        if name == 'softmax' and l != n_layers - 1:
            raise BPError('layer %d: softmax is only allowed on the output layer' % l)
    return [str(n) for n in names]


def _check_parameters(weights, biases, sizes):
    """Check weights ``(j, k)`` and biases ``(j,)`` per layer against ``sizes``; return float
    copies. Raises BPError naming the layer and index of a bad shape or non-finite value."""
    L = len(sizes) - 1
    if not isinstance(weights, list) or len(weights) != L:
        raise BPError("'weights' must hold %d layers" % L)
    if not isinstance(biases, list) or len(biases) != L:
        raise BPError("'biases' must hold %d layers" % L)
    W_out = []
    b_out = []
    for l in range(L):
        k, j = sizes[l], sizes[l + 1]
        W = weights[l]
        if not isinstance(W, list) or len(W) != j:
            raise BPError('layer %d: weights must have shape (%d, %d)' % (l, j, k))
        rows = []
        for i, row in enumerate(W):
            if not isinstance(row, list) or len(row) != k:
                raise BPError('layer %d: weights row %d must have %d values' % (l, i, k))
            for c, v in enumerate(row):
                if not is_finite(v):
                    raise BPError('layer %d: weight [%d][%d] is not a finite number: %s'
                                  % (l, i, c, quote(v)))
            rows.append([float(v) for v in row])
        b = biases[l]
        if not isinstance(b, list) or len(b) != j:
            raise BPError('layer %d: biases must have shape (%d,)' % (l, j))
        for i, v in enumerate(b):
            if not is_finite(v):
                raise BPError('layer %d: bias [%d] is not a finite number: %s' % (l, i, quote(v)))
        W_out.append(rows)
        b_out.append([float(v) for v in b])
    return W_out, b_out


def _check_names(names, key, expected):
    """A list of ``expected`` strings, or None. Class names of a one-output (sigmoid) network
    may also be two: the names of class 0 and class 1."""
    if names is None:
        return None
    allowed = (expected, 2) if key == 'class_names' and expected == 1 else (expected,)
    if not isinstance(names, list) or len(names) not in allowed or \
            not all(isinstance(n, TEXT_TYPES) for n in names):
        raise BPError("'%s' must be a list of %s strings"
                      % (key, ' or '.join(str(n) for n in allowed)))
    return list(names)        # text as it is: 'W\u00fcrfel' stays unicode on Python 2


def _initial_parameters(sizes, init, rng):
    """Draw weights and biases layer by layer, neuron by neuron (a fixed, documented order)."""
    weights = []
    biases = []
    for k, j in zip(sizes[:-1], sizes[1:]):
        W = []
        b = []
        for _ in range(j):
            if init == 'uniform':           # the tutorial: k weights then the bias, all in [0, 1)
                row = [rng.random() for _ in range(k + 1)]
                W.append(row[:k])
                b.append(row[k])
            elif init == 'xavier':
                a = math.sqrt(6.0 / (k + j))
                W.append([rng.uniform(-a, a) for _ in range(k)])
                b.append(0.0)
            elif init == 'he':
                s = math.sqrt(2.0 / k)
                W.append([rng.gauss(0.0, s) for _ in range(k)])
                b.append(0.0)
            else:
                s = math.sqrt(1.0 / k)
                W.append([rng.gauss(0.0, s) for _ in range(k)])
                b.append(0.0)
        weights.append(W)
        biases.append(b)
    return weights, biases
