"""The network diagram: one circle per neuron, one line per weight, column labels.

:func:`network_layout` places the neurons, :func:`activations_of` reads one sample of a
forward pass, :func:`network_drawing` draws it all as a :class:`~bpcore.drawing.base.Drawing`.
"""
from __future__ import absolute_import, division, print_function

from bpcore.drawing.base import (NEGATIVE, NEUTRAL, POSITIVE, TEXT, Drawing, _finite_range,
                                 _point, gradient_color, is_finite)
from bpcore.errors import BPError

__all__ = ['network_layout', 'activations_of', 'network_drawing']


def _net_facts(net):
    """``(sizes, weights, biases, activations)`` of a Network (or anything with that
    contract): sizes a list of ints, ``len(sizes) - 1`` activation names."""
    for attr in ('sizes', 'weights', 'biases'):
        if not hasattr(net, attr):
            raise BPError('expected a bpcore network, got %s (no %r)'
                          % (type(net).__name__, attr))
    sizes = [int(s) for s in net.sizes]
    acts = list(getattr(net, 'activations', None) or [''] * (len(sizes) - 1))
    return sizes, net.weights, net.biases, acts


def network_layout(sizes, origin=(0.0, 0.0, 0.0), spacing=(4.0, 1.5)):
    """Neuron centres: list over columns (input first) of lists of ``(x, y, z)``.

    Columns go +x by ``spacing[0]``; neurons are centred on ``origin.y``, neuron 0 on top,
    ``spacing[1]`` apart.
    """
    ox, oy, oz = _point(origin)
    dx, dy = float(spacing[0]), float(spacing[1])
    cols = []
    for c, n in enumerate(sizes):
        x = ox + c * dx
        cols.append([(x, oy + ((n - 1) / 2.0 - i) * dy, oz) for i in range(int(n))])
    return cols


def activations_of(trace, sample=0):
    """Per-column values of one sample of a forward Trace: ``[inputs] + [A[l] per layer]``,
    a list over columns of lists (column ``c`` has ``sizes[c]`` values)."""
    n = len(trace.inputs)
    if not 0 <= sample < n:
        raise BPError('sample %d is out of range: the forward pass has %d samples'
                      % (sample, n))
    return [list(trace.inputs[sample])] + [list(a[sample]) for a in trace.A]


def _check_activations_row(activations_row, sizes):
    """BPError unless ``activations_row`` has one list of ``sizes[c]`` values per column."""
    if len(activations_row) != len(sizes):
        raise BPError('activations_row has %d columns but the network has %d (inputs + '
                      'layers)' % (len(activations_row), len(sizes)))
    for c, (vals, n) in enumerate(zip(activations_row, sizes)):
        if len(vals) != n:
            raise BPError('activations_row column %d has %d values, expected %d'
                          % (c, len(vals), n))


def _neuron_circles(cols, biases, radius, activations_row):
    """One circle dict per neuron, column by column; filled by value on GRADIENT (range over
    every shown value) when ``activations_row`` is given, else NEUTRAL."""
    if activations_row is not None:
        lo, hi = _finite_range([v for vals in activations_row for v in vals])
    circles = []
    for c, centres in enumerate(cols):
        for i, p in enumerate(centres):
            value = None
            color = NEUTRAL
            if activations_row is not None:
                value = activations_row[c][i]
                color = gradient_color(value, lo, hi)
            bias = biases[c - 1][i] if c > 0 else None
            circles.append({'center': p, 'radius': radius, 'color': color, 'value': value,
                            'column': c, 'index': i, 'bias': bias})
    return circles


def _largest_weight(weights):
    """The largest finite ``|w|`` over every layer (0.0 when there is none)."""
    wmax = 0.0
    for W in weights:
        for row in W:
            for w in row:
                if is_finite(w) and abs(w) > wmax:
                    wmax = abs(w)
    return wmax


def _weight_lines(cols, sizes, weights, radius, max_width):
    """One line dict per weight, layer by layer, ``i`` then ``k``: circle border to circle
    border, blue/red by sign, width ``max_width * |w| / max |w|`` (0 and NEUTRAL for 0)."""
    wmax = _largest_weight(weights)
    lines = []
    for l, W in enumerate(weights):
        if len(W) != sizes[l + 1]:
            raise BPError('weights[%d] has %d rows, expected %d' % (l, len(W), sizes[l + 1]))
        for i, row in enumerate(W):
            if len(row) != sizes[l]:
                raise BPError('weights[%d] row %d has %d values, expected %d'
                              % (l, i, len(row), sizes[l]))
            end = cols[l + 1][i]
            end = (end[0] - radius, end[1], end[2])
            for k, w in enumerate(row):
                start = cols[l][k]
                start = (start[0] + radius, start[1], start[2])
                if not is_finite(w) or w == 0.0:
                    color, width = NEUTRAL, 0.0
                else:
                    color = POSITIVE if w > 0 else NEGATIVE
                    width = float(max_width) * abs(w) / wmax
                lines.append({'start': start, 'end': end, 'color': color, 'width': width,
                              'value': w, 'layer': l, 'i': i, 'k': k})
    return lines


def _network_labels(net, cols, sizes, acts, spacing, radius):
    """Label dicts: one per column below the lowest neuron ('input (n)', 'layer c act (n)'),
    then feature names left of the inputs and class names right of the outputs (when their
    count matches the column), justified toward their neuron (``justify``, ``edge``)."""
    labels = []
    dy = float(spacing[1])
    bottom = min(p[1] for col in cols for p in col) - dy
    for c, col in enumerate(cols):
        if c == 0:
            text = 'input (%d)' % sizes[0]
        else:
            text = 'layer %d %s (%d)' % (c, acts[c - 1], sizes[c])
            text = text.replace('  ', ' ')
        labels.append({'text': text, 'position': (col[0][0], bottom, col[0][2]),
                       'color': TEXT})
    names = [(getattr(net, 'feature_names', None), 0, -1.0),
             (getattr(net, 'class_names', None), len(cols) - 1, 1.0)]
    for seq, c, side in names:
        if seq and len(seq) == len(cols[c]):
            for name, p in zip(seq, cols[c]):
                # a text dot is centred on position; text that can be justified ends (or
                # starts) half a radius clear of the neuron, however long the name
                labels.append({'text': str(name),
                               'position': (p[0] + side * 2.5 * radius, p[1], p[2]),
                               'color': TEXT, 'justify': 'end' if side < 0 else 'start',
                               'edge': -side * radius})
    return labels


def network_drawing(net, origin=(0.0, 0.0, 0.0), spacing=(4.0, 1.5), radius=0.4,
                    activations_row=None, max_width=1.0, labels=True):
    """Circles, weight lines and labels of a feed-forward network.

    Parameters
    ----------
    net : Network
        Anything with ``sizes``, ``weights[l]`` ``(j, k)``, ``biases[l]`` ``(j,)`` and optionally
        ``activations``, ``feature_names``, ``class_names``.
    origin, spacing, radius : layout (see :func:`network_layout`).
    activations_row : list over columns of lists of values, optional
        One sample's values (:func:`activations_of`); neurons are filled by value on
        :data:`GRADIENT` (range over every shown value). Without it neurons are NEUTRAL.
    max_width : float
        Line width of the largest ``|w|``; others scale linearly (0 for a zero weight).
    labels : bool
        Column labels below the columns, feature names left of inputs, class names right of
        outputs.

    Returns
    -------
    Drawing
        circles (one per neuron, column by column), lines (one per weight, layer by layer,
        ``i`` then ``k``), labels.
    """
    sizes, weights, biases, acts = _net_facts(net)
    radius = float(radius)
    if radius <= 0.0:
        raise BPError('radius must be > 0, got %r' % radius)
    cols = network_layout(sizes, origin, spacing)
    if activations_row is not None:
        _check_activations_row(activations_row, sizes)
    d = Drawing()
    d.circles = _neuron_circles(cols, biases, radius, activations_row)
    d.lines = _weight_lines(cols, sizes, weights, radius, max_width)
    if labels:
        d.labels = _network_labels(net, cols, sizes, acts, spacing, radius)
    return d
