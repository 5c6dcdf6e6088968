"""The computation graph of a :class:`bpcore.autograd.Value`: traced, drawn, laid out.

Everything here returns plain Python data (lists, tuples, dicts, strings, floats), so a
Grasshopper component only has to turn positions into points and text into text dots.

``trace(root) -> (values, edges)``
    ``values``: every node ``root`` depends on, inputs first, ``root`` last (deterministic).
    ``edges``: ``(i, j)`` index pairs into ``values``: ``values[i]`` is an input of
    ``values[j]`` (an input used twice, as in ``a * a``, gives two edges).

``to_dot(root) -> str``
    Graphviz DOT text (no graphviz needed to make it) in the style of micrograd's ``draw_dot``:
    each Value is a record ``{ label | data 2.0000 | grad -1.5000 }``, each operation an
    ellipse node between its inputs and its result.  Paste into any Graphviz viewer.

``layout(root, dx=4.0, dy=2.0) -> dict``
    Positions for drawing the same picture as geometry::

        {'nodes': [node, ...],          # value nodes and op nodes, see below
         'edges': [(i, j), ...],        # arrows from nodes[i] to nodes[j]
         'output': {'data': float, 'grad': float},
         'leaves': [(label, data, grad), ...],   # inputs, in graph order
         'width': float, 'height': float}

    each ``node`` is a dict::

        {'kind': 'value' or 'op',
         'label': 'w1',                 # '' if unlabelled; the op's name for an op node
         'op': '*',                     # operation that made the value ('' for an input)
         'data': -3.0, 'grad': 1.0,     # for an op node: those of the value it makes
         'text': 'w1 | data -3.0000 | grad 1.0000',   # one line
         'lines': ['w1', 'data -3.0000', 'grad 1.0000'],  # the same, one item per line
         'x': 0.0, 'y': 2.0,            # position; x grows from the inputs to the output
         'column': 0,                   # x = column * dx / 2 (op nodes sit on odd columns)
         'value': 3}                    # index of the Value in trace(root)[0]

    Columns: a computed value sits two columns right of its deepest input, its op node one
    column left of it; an input sits just left of its first consumer.  Within a column nodes
    are ordered to follow their neighbours (barycentre sweeps), centred on y = 0, first on top.

``neuron_graph(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432, activation='tanh')``
    ``-> (output Value, layout dict)`` for *BP Neuron Graph*: the single neuron
    ``o = act(x1*w1 + x2*w2 + b)`` with labelled nodes (x1, x2, w1, w2, b, x1*w1, x2*w2,
    x1*w1 + x2*w2, n, o), after ``o.backward()``.  The defaults are Karpathy's classic tanh
    neuron: o = 0.7071, x1.grad = -1.5, w1.grad = 1.0.

``expression_graph(text, variables) -> (output Value, layout dict)``
    for *BP Value Graph*: ``text`` in the safe expression language of :mod:`bpcore.expr`
    (e.g. ``'tanh(x1*w1 + x2*w2 + b)'``), ``variables`` a dict name -> number, after
    ``backward()``.  Raises :class:`bpcore.expr.ExprError` (a ``BPError``) naming the
    0-based character position of a syntax error or unknown name.

``expand_network(network, x, y=None, loss='mse') -> NetworkExpansion``
    One sample through a :class:`bpcore.network.Network`, written out as Values; after
    ``expansion.backward()`` the parameter gradients equal ``network.backward`` 's
    ``dW``/``db`` for that sample (the cross-check between the scalar and the matrix engine).
"""
from __future__ import absolute_import, division, print_function

from bpcore.autograd import Value, topological_order
from bpcore.errors import BPError
from bpcore.losses import LOSSES

__all__ = ['trace', 'to_dot', 'layout', 'neuron_graph', 'expression_graph',
           'expand_network', 'NetworkExpansion']


def trace(root):
    """``(values, edges)`` of the graph of ``root``; see the module docstring."""
    if not isinstance(root, Value):
        raise BPError('trace: expected a Value, got %r' % (root,))
    values = topological_order(root)
    index = dict((id(v), i) for i, v in enumerate(values))
    edges = []
    for j, v in enumerate(values):
        for c in v._prev:
            edges.append((index[id(c)], j))
    return values, edges


def _value_lines(v, fmt):
    lines = ['data ' + fmt % v.data, 'grad ' + fmt % v.grad]
    if v.label:
        lines.insert(0, v.label)
    return lines


# ------------------------------------------------------------------------------------ DOT
def _dot_escape(text):
    """Escape text for a record label (braces, bars, angle brackets, quotes, backslashes)."""
    out = []
    for ch in text:
        if ch in '{}|<>"\\':
            out.append('\\' + ch)
        else:
            out.append(ch)
    return ''.join(out)


def to_dot(root, rankdir='LR', fmt='%.4f'):
    """Graphviz DOT text of ``root``'s graph (see the module docstring)."""
    values, edges = trace(root)
    out = ['digraph bpcore {', '  graph [rankdir=%s];' % rankdir,
           '  node [shape=record, fontname="Helvetica"];']
    for i, v in enumerate(values):
        label = '{ %s }' % ' | '.join(_dot_escape(s) for s in _value_lines(v, fmt))
        out.append('  v%d [label="%s"];' % (i, label))
        if v._op:
            out.append('  v%d_op [label="%s", shape=ellipse];' % (i, _dot_escape(v._op)))
            out.append('  v%d_op -> v%d;' % (i, i))
    for i, j in edges:
        out.append('  v%d -> v%d_op;' % (i, j))
    out.append('}')
    return '\n'.join(out) + '\n'


# --------------------------------------------------------------------------------- layout
def layout(root, dx=4.0, dy=2.0, fmt='%.4f'):
    """Node positions, edges and text for drawing ``root``'s graph (see the module docstring)."""
    values, edges = trace(root)
    n = len(values)
    inputs = [[] for _ in range(n)]
    consumers = [[] for _ in range(n)]
    for i, j in edges:
        inputs[j].append(i)
        consumers[i].append(j)

    # columns: computed values right of their deepest input, inputs next to first consumer
    col = [0] * n
    for j in range(n):                       # topological order: inputs come first
        if inputs[j]:
            col[j] = 2 + max(col[i] for i in inputs[j])
    for i in range(n):
        if not inputs[i] and consumers[i]:
            col[i] = min(col[j] for j in consumers[i]) - 2
    shift = min(col) if n else 0
    col = [c - shift for c in col]

    # drawing nodes: one per value, one per op (op node of value j has index op_of[j])
    nodes = []
    node_of = [0] * n
    op_of = [None] * n
    for j, v in enumerate(values):
        lines = _value_lines(v, fmt)
        node_of[j] = len(nodes)
        nodes.append({'kind': 'value', 'label': v.label, 'op': v._op, 'data': v.data,
                      'grad': v.grad, 'text': ' | '.join(lines), 'lines': lines,
                      'column': col[j], 'value': j})
    for j, v in enumerate(values):
        if v._op:
            op_of[j] = len(nodes)
            nodes.append({'kind': 'op', 'label': v._op, 'op': v._op, 'data': v.data,
                          'grad': v.grad, 'text': v._op, 'lines': [v._op],
                          'column': col[j] - 1, 'value': j})
    draw_edges = []
    for j in range(n):
        if op_of[j] is not None:
            draw_edges.append((op_of[j], node_of[j]))
    for i, j in edges:
        draw_edges.append((node_of[i], op_of[j]))
    preds = [[] for _ in nodes]
    succs = [[] for _ in nodes]
    for a, b in draw_edges:
        preds[b].append(a)
        succs[a].append(b)

    # order within columns: barycentre sweeps left->right, right->left, left->right
    n_cols = max(nd['column'] for nd in nodes) + 1
    columns = [[] for _ in range(n_cols)]
    for k, nd in enumerate(nodes):
        columns[nd['column']].append(k)
    rank = [0.0] * len(nodes)
    for c in range(n_cols):
        for r, k in enumerate(columns[c]):
            rank[k] = float(r) - (len(columns[c]) - 1) / 2.0

    def sweep(order_cols, neighbours):
        for c in order_cols:
            keyed = []
            for pos, k in enumerate(columns[c]):
                nb = neighbours[k]
                key = sum(rank[m] for m in nb) / len(nb) if nb else rank[k]
                keyed.append((key, pos, k))
            keyed.sort()
            columns[c] = [k for _, _, k in keyed]
            for r, k in enumerate(columns[c]):
                rank[k] = float(r) - (len(columns[c]) - 1) / 2.0

    sweep(range(n_cols), preds)
    sweep(range(n_cols - 1, -1, -1), succs)
    sweep(range(n_cols), preds)

    for k, nd in enumerate(nodes):
        nd['x'] = nd['column'] * dx / 2.0
        nd['y'] = 0.0 - rank[k] * dy         # 0.0 - ...: no -0.0 in the output
    tallest = max(len(c) for c in columns)
    out_v = values[-1]
    return {'nodes': nodes, 'edges': draw_edges,
            'output': {'data': out_v.data, 'grad': out_v.grad},
            'leaves': [(v.label, v.data, v.grad) for v in values if not v._prev],
            'width': (n_cols - 1) * dx / 2.0, 'height': (tallest - 1) * dy}


# ----------------------------------------------------------------------- ready-made graphs
_NEURON_ACTIVATIONS = ('tanh', 'sigmoid', 'relu', 'leaky_relu', 'linear')


def neuron_graph(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432, activation='tanh',
                 dx=4.0, dy=2.0):
    """``(output Value, layout)`` of ``o = act(x1*w1 + x2*w2 + b)`` after ``o.backward()``."""
    if activation not in _NEURON_ACTIVATIONS:
        raise BPError('neuron_graph: unknown activation %r (use one of %s)'
                      % (activation, ', '.join(_NEURON_ACTIVATIONS)))
    vx1, vx2 = Value(x1, 'x1'), Value(x2, 'x2')
    vw1, vw2 = Value(w1, 'w1'), Value(w2, 'w2')
    vb = Value(b, 'b')
    x1w1 = (vx1 * vw1).named('x1*w1')
    x2w2 = (vx2 * vw2).named('x2*w2')
    s = (x1w1 + x2w2).named('x1*w1 + x2*w2')
    n = (s + vb).named('n')
    if activation == 'linear':
        o = n.named('o')
    else:
        o = getattr(n, activation)().named('o')
    o.backward()
    return o, layout(o, dx, dy)


def expression_graph(text, variables=None, dx=4.0, dy=2.0):
    """``(output Value, layout)`` of an expression of :mod:`bpcore.expr` after ``backward()``."""
    from bpcore import expr
    root = expr.evaluate(text, variables or {})
    root.backward()
    return root, layout(root, dx, dy)


# ------------------------------------------------------------ scalar <-> matrix cross-check
class NetworkExpansion(object):
    """One sample through a Network as Values (made by :func:`expand_network`).

    Attributes
    ----------
    inputs : list of Value            ``x[k]``
    weights : list over layers of (j, k) lists of Value   ``W{l}[i,k]``
    biases : list over layers of (j,) lists of Value      ``b{l}[i]``
    Z, A : list over layers of (j,) lists of Value        ``z{l}[i]``, ``a{l}[i]``
    output : list of Value            ``A[-1]``
    loss : Value or None              the sample's loss (None without ``y``)
    """

    def __init__(self, inputs, weights, biases, Z, A, loss):
        self.inputs = inputs
        self.weights = weights
        self.biases = biases
        self.Z = Z
        self.A = A
        self.output = A[-1]
        self.loss = loss

    def parameters(self):
        """Every weight and bias Value, layer by layer (weights row by row, then biases)."""
        out = []
        for Wl, bl in zip(self.weights, self.biases):
            for row in Wl:
                out.extend(row)
            out.extend(bl)
        return out

    def backward(self):
        """Back-propagate the loss; returns ``(dW, db)`` as plain nested lists of floats."""
        if self.loss is None:
            raise BPError('NetworkExpansion.backward: no loss (expand_network was given no y)')
        for p in self.parameters():
            p.grad = 0.0
        for v in self.inputs:
            v.grad = 0.0
        self.loss.backward()
        return self.gradients()

    def gradients(self):
        """``(dW, db)``: the parameters' ``.grad`` in the shapes of weights and biases."""
        dW = [[[w.grad for w in row] for row in Wl] for Wl in self.weights]
        db = [[b.grad for b in bl] for bl in self.biases]
        return dW, db


def _activate(zs, name, layer):
    if name == 'sigmoid':
        return [z.sigmoid() for z in zs]
    if name == 'tanh':
        return [z.tanh() for z in zs]
    if name == 'relu':
        return [z.relu() for z in zs]
    if name == 'leaky_relu':
        return [z.leaky_relu(0.01) for z in zs]
    if name == 'linear':
        return list(zs)
    if name == 'softmax':
        lse = Value.logsumexp(zs).named('lse%d' % layer)
        return [(z - lse).exp() for z in zs]
    raise BPError('expand_network: layer %d has an unknown activation %r' % (layer, name))


def expand_network(network, x, y=None, loss='mse'):
    """Write one sample ``x`` (and target ``y``) through ``network`` as labelled Values.

    Parameters
    ----------
    network : bpcore.network.Network
        Read only: ``weights``, ``biases``, ``activations`` (sigmoid, tanh, relu, leaky_relu
        with slope 0.01, linear, softmax).
    x : list of float
        One already-scaled sample of ``network.n_inputs`` features.
    y : list of float, optional
        Its target (``n_outputs`` numbers); without it ``loss`` is None.
    loss : str
        'mse' (1/2 sum (a - y)^2), 'bce' (from the logits of a sigmoid output) or 'cce' (from
        the logits of a softmax output) -- the conventions of ``Network.backward``.

    Returns
    -------
    NetworkExpansion
        ``expansion.backward()`` returns ``(dW, db)``, equal to
        ``network.backward(network.forward([x]), [y], loss)`` 's ``dW`` and ``db``.
    """
    weights = network.weights
    biases = network.biases
    acts = network.activations
    if isinstance(acts, str):
        acts = [acts] * len(weights)
    x = list(x)
    k = len(weights[0][0]) if weights and weights[0] else 0
    if len(x) != k:
        raise BPError('expand_network: x has %d features, the network expects %d' % (len(x), k))
    if loss not in LOSSES:
        raise BPError('expand_network: unknown loss %r (use one of %s)'
                      % (loss, ', '.join(LOSSES)))
    inputs = [Value(v, 'x[%d]' % i) for i, v in enumerate(x)]
    VW, Vb, Z, A = [], [], [], []
    a = inputs
    for l, (Wl, bl) in enumerate(zip(weights, biases)):
        Wv = [[Value(w, 'W%d[%d,%d]' % (l, i, kk)) for kk, w in enumerate(row)]
              for i, row in enumerate(Wl)]
        bv = [Value(b, 'b%d[%d]' % (l, i)) for i, b in enumerate(bl)]
        zs = []
        for i, (row, b) in enumerate(zip(Wv, bv)):
            z = b
            for w, ai in zip(row, a):
                z = z + w * ai
            zs.append(z.named('z%d[%d]' % (l, i)))
        a = _activate(zs, acts[l], l)       # 'linear' returns the z nodes themselves
        if acts[l] != 'linear':
            for i, v in enumerate(a):
                v.named('a%d[%d]' % (l, i))
        VW.append(Wv)
        Vb.append(bv)
        Z.append(zs)
        A.append(a)
    total = None
    if y is not None:
        y = [float(t) for t in y]
        out = A[-1]
        if len(y) != len(out):
            raise BPError('expand_network: y has %d values, the network has %d outputs'
                          % (len(y), len(out)))
        last = acts[-1]
        if loss == 'mse':
            total = 0.5 * Value.sum([(ai - yi) ** 2 for ai, yi in zip(out, y)])
        elif loss == 'bce':
            if last != 'sigmoid':
                raise BPError("expand_network: loss 'bce' needs a sigmoid output layer, "
                              "layer %d is %r" % (len(acts) - 1, last))
            total = Value.sum([z.softplus() - z * yi for z, yi in zip(Z[-1], y)])
        else:
            if last != 'softmax':
                raise BPError("expand_network: loss 'cce' needs a softmax output layer, "
                              "layer %d is %r" % (len(acts) - 1, last))
            lse = Value.logsumexp(Z[-1])
            total = Value.sum([(lse - z) * yi for z, yi in zip(Z[-1], y)])
        total.named('loss')
    return NetworkExpansion(inputs, VW, Vb, Z, A, total)
