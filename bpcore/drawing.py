"""Pure drawing data: network diagrams, training curves and decision surfaces.

Nothing here knows Rhino. Each function returns a :class:`Drawing`: plain lists of dicts with
points as ``(x, y, z)`` tuples and colours as ``(r, g, b)`` ints in 0..255.
:mod:`bpcore.rhino.draw` turns a Drawing into ``Rhino.Geometry`` objects; anything else (SVG,
matplotlib, a test) can read the dicts directly.

Item keys
---------
circles   ``center``, ``radius``, ``color``, ``value`` (activation or None), ``column``, ``index``
lines     ``start``, ``end``, ``color``, ``width`` (0..max_width, by ``|w|``), ``value`` (the
          weight), ``layer``, ``i`` (target neuron), ``k`` (source neuron)
polylines ``points`` (list of points), ``color``, ``name``
labels    ``text``, ``position``, ``color``
meshes    ``vertices`` (points), ``faces`` (tuples of 3 or 4 vertex indices), ``colors`` (one per
          vertex), plus extra per-vertex lists (``classes``, ``values``) when meaningful
"""
from __future__ import absolute_import, division, print_function

__all__ = ['Drawing', 'PALETTE', 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'GRADIENT',
           'class_color', 'gradient_color', 'lerp_color', 'is_finite',
           'network_layout', 'network_drawing', 'activations_of',
           'history_plot', 'decision_surface', 'nice_ticks', 'to_frame', 'surface_mode',
           'network_surface', 'surface_domain', 'graph_drawing', 'disc_mesh',
           'history_from_branches']

import math

from bpcore.errors import BPError

# Tableau 10: distinct class colours, in class order.
PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
           (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]
POSITIVE = (31, 119, 180)    # positive weights: blue
NEGATIVE = (214, 39, 40)     # negative weights: red
NEUTRAL = (200, 200, 200)    # neurons without a value, zero weights
TEXT = (40, 40, 40)
AXIS = (90, 90, 90)
# low -> high: dark blue, white, dark red (diverging, readable on white and black)
GRADIENT = [(49, 54, 149), (116, 173, 209), (247, 247, 247), (244, 109, 67), (165, 0, 38)]


class Drawing(object):
    """Plain drawing data; see the module docstring for the keys of each item."""

    def __init__(self):
        self.circles = []
        self.lines = []
        self.polylines = []
        self.labels = []
        self.meshes = []

    def extend(self, other):
        """Append every item of another Drawing; returns self."""
        self.circles.extend(other.circles)
        self.lines.extend(other.lines)
        self.polylines.extend(other.polylines)
        self.labels.extend(other.labels)
        self.meshes.extend(other.meshes)
        return self

    def __len__(self):
        return (len(self.circles) + len(self.lines) + len(self.polylines) + len(self.labels)
                + len(self.meshes))

    def __repr__(self):
        return ('Drawing(%d circles, %d lines, %d polylines, %d labels, %d meshes)'
                % (len(self.circles), len(self.lines), len(self.polylines), len(self.labels),
                   len(self.meshes)))

    ToString = __repr__


# -- colours ------------------------------------------------------------------------------
def is_finite(v):
    """True for a real number that is neither NaN nor infinite (works on IronPython 2.7)."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return False
    return v - v == 0.0


def lerp_color(c0, c1, t):
    """Blend two ``(r, g, b)`` colours, ``t`` in [0, 1] (clamped)."""
    t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c0, c1))


def class_color(index, palette=None):
    """Colour of class ``index`` (cycles through the palette)."""
    palette = palette or PALETTE
    return tuple(palette[int(index) % len(palette)])


def gradient_color(value, lo, hi, stops=None):
    """Colour of ``value`` on a gradient from ``lo`` to ``hi`` (clamped; NaN -> NEUTRAL)."""
    stops = stops or GRADIENT
    if not is_finite(value):
        return NEUTRAL
    if hi - lo <= 0.0:
        t = 0.5
    else:
        t = (float(value) - lo) / (hi - lo)
    t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
    s = t * (len(stops) - 1)
    i = int(s)
    if i >= len(stops) - 1:
        return tuple(stops[-1])
    return lerp_color(stops[i], stops[i + 1], s - i)


def _finite_range(values):
    finite = [float(v) for v in values if is_finite(v)]
    if not finite:
        return 0.0, 1.0
    return min(finite), max(finite)


def _point(p):
    p = tuple(float(c) for c in p)
    if len(p) == 2:
        return (p[0], p[1], 0.0)
    if len(p) != 3:
        raise BPError('a point needs 2 or 3 coordinates, got %d' % len(p))
    return p


# -- network diagram ----------------------------------------------------------------------
def _net_facts(net):
    """sizes, weights, biases, activations of a Network (or anything with that contract)."""
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
    """Per-column values of one sample of a forward Trace: ``[inputs] + [A[l] per layer]``."""
    n = len(trace.inputs)
    if not 0 <= sample < n:
        raise BPError('sample %d is out of range: the forward pass has %d samples'
                      % (sample, n))
    return [list(trace.inputs[sample])] + [list(a[sample]) for a in trace.A]


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
        if len(activations_row) != len(sizes):
            raise BPError('activations_row has %d columns but the network has %d (inputs + '
                          'layers)' % (len(activations_row), len(sizes)))
        for c, (vals, n) in enumerate(zip(activations_row, sizes)):
            if len(vals) != n:
                raise BPError('activations_row column %d has %d values, expected %d'
                              % (c, len(vals), n))
        lo, hi = _finite_range([v for vals in activations_row for v in vals])
    d = Drawing()
    for c, centres in enumerate(cols):
        for i, p in enumerate(centres):
            value = None
            color = NEUTRAL
            if activations_row is not None:
                value = activations_row[c][i]
                color = gradient_color(value, lo, hi)
            bias = biases[c - 1][i] if c > 0 else None
            d.circles.append({'center': p, 'radius': radius, 'color': color, 'value': value,
                              'column': c, 'index': i, 'bias': bias})
    wmax = 0.0
    for W in weights:
        for row in W:
            for w in row:
                if is_finite(w) and abs(w) > wmax:
                    wmax = abs(w)
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
                d.lines.append({'start': start, 'end': end, 'color': color, 'width': width,
                                'value': w, 'layer': l, 'i': i, 'k': k})
    if labels:
        dy = float(spacing[1])
        bottom = min(p[1] for col in cols for p in col) - dy
        for c, col in enumerate(cols):
            if c == 0:
                text = 'input (%d)' % sizes[0]
            else:
                text = 'layer %d %s (%d)' % (c, acts[c - 1], sizes[c])
                text = text.replace('  ', ' ')
            d.labels.append({'text': text, 'position': (col[0][0], bottom, col[0][2]),
                             'color': TEXT})
        names = [(getattr(net, 'feature_names', None), 0, -1.0),
                 (getattr(net, 'class_names', None), len(cols) - 1, 1.0)]
        for seq, c, side in names:
            if seq and len(seq) == len(cols[c]):
                for name, p in zip(seq, cols[c]):
                    d.labels.append({'text': str(name),
                                     'position': (p[0] + side * 2.5 * radius, p[1], p[2]),
                                     'color': TEXT})
    return d


# -- training history plot ----------------------------------------------------------------
HISTORY_KEYS = ('loss', 'val_loss', 'accuracy', 'val_accuracy')


def _history_series(history, keys):
    """(key, list of values) pairs, from a dict of lists or an object with list attributes."""
    out = []
    if keys is None:
        if isinstance(history, dict):
            keys = [k for k in HISTORY_KEYS if k in history]
            keys += sorted(k for k in history if k not in HISTORY_KEYS
                           and isinstance(history[k], (list, tuple)))
        else:
            keys = list(HISTORY_KEYS)
    for k in keys:
        if isinstance(history, dict):
            values = history.get(k)
        else:
            values = getattr(history, k, None)
        if values:
            out.append((k, list(values)))
    return out


def nice_ticks(lo, hi, count=5):
    """About ``count`` round tick values covering [lo, hi] (1, 2, 5 x 10^n steps)."""
    if not (is_finite(lo) and is_finite(hi)):
        return []
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        return [lo]
    raw = (hi - lo) / max(1, int(count))
    mag = 1.0
    while mag * 10.0 <= raw:
        mag *= 10.0
    while mag > raw:
        mag /= 10.0
    step = mag
    for m in (1.0, 2.0, 5.0, 10.0):
        if mag * m >= raw:
            step = mag * m
            break
    first = int(lo / step)
    if first * step < lo - 1e-12 * step:
        first += 1
    ticks = []
    t = first
    while t * step <= hi + 1e-9 * step:
        ticks.append(round(t * step, 12))
        t += 1
    return ticks


def _fmt(v):
    if abs(v) >= 1000 or (v != 0 and abs(v) < 0.01):
        return '%.2g' % v
    return ('%.3f' % v).rstrip('0').rstrip('.') or '0'


def history_plot(history, rect=(0.0, 0.0, 10.0, 5.0), keys=None, ticks=5):
    """Training curves scaled into a rectangle.

    Parameters
    ----------
    history : dict of lists or History
        Per-epoch values (``loss``, ``val_loss``, ``accuracy``, ``val_accuracy``...).
    rect : (x0, y0, width, height)
    keys : list of str, optional
        Series to draw; default: the four above that are present and non-empty.
    ticks : int
        About this many tick labels per axis.

    Series whose key contains ``'loss'`` share the left axis from ``min(0, lowest)`` to the
    highest finite value; other series (accuracy) use a right axis from 0 to 1. NaN and inf
    break a curve into pieces. A single epoch draws a flat segment across the rectangle.

    Returns
    -------
    Drawing
        polylines (one or more per series, ``name`` = key, coloured from PALETTE in series
        order), lines (axes, colour AXIS), labels (ticks, and the series names as a legend row above the
        rectangle).
    """
    x0, y0, w, h = [float(v) for v in rect]
    if not (w > 0 and h > 0):
        raise BPError('rect width and height must be > 0, got %r x %r' % (w, h))
    series = _history_series(history, keys)
    d = Drawing()
    if not series:
        raise BPError('history has no values to plot (expected lists such as %s)'
                      % ', '.join(HISTORY_KEYS))
    n = max(len(v) for _, v in series)
    loss_vals = [v for k, vals in series if 'loss' in k for v in vals if is_finite(v)]
    lo, hi = _finite_range(loss_vals)
    lo = min(0.0, lo)
    if hi <= lo:
        hi = lo + 1.0
    has_right = any('loss' not in k for k, _ in series)

    def x_of(e):
        return x0 + (w * e / (n - 1) if n > 1 else 0.0)

    def y_of(v, key):
        if 'loss' in key:
            t = (float(v) - lo) / (hi - lo)
        else:
            t = float(v)
        return y0 + h * t

    for s, (key, values) in enumerate(series):
        color = class_color(s)
        runs, run = [], []
        for e, v in enumerate(values):
            if is_finite(v):
                run.append((x_of(e), y_of(v, key), 0.0))
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            if len(run) == 1:
                y = run[0][1]
                run = [(x0, y, 0.0), (x0 + w, y, 0.0)] if n == 1 else \
                    [(run[0][0], y, 0.0), (run[0][0] + w / max(1, n - 1) * 0.25, y, 0.0)]
            d.polylines.append({'points': run, 'color': color, 'name': key})
        # a legend row above the plot: series names never overlap the curves or the ticks
        d.labels.append({'text': key, 'color': color,
                         'position': (x0 + w * (s + 0.5) / len(series), y0 + 1.08 * h, 0.0)})
    # axes
    d.lines.append({'start': (x0, y0, 0.0), 'end': (x0 + w, y0, 0.0), 'color': AXIS,
                    'width': 1.0, 'value': None, 'name': 'x axis'})
    d.lines.append({'start': (x0, y0, 0.0), 'end': (x0, y0 + h, 0.0), 'color': AXIS,
                    'width': 1.0, 'value': None, 'name': 'loss axis'})
    if has_right:
        d.lines.append({'start': (x0 + w, y0, 0.0), 'end': (x0 + w, y0 + h, 0.0),
                        'color': AXIS, 'width': 1.0, 'value': None, 'name': 'accuracy axis'})
    off = 0.04 * min(w, h)
    for e in nice_ticks(0, max(0, n - 1), ticks):
        if e == int(e):
            d.labels.append({'text': str(int(e) + 1), 'position': (x_of(e), y0 - off, 0.0),
                             'color': AXIS})
    if loss_vals:
        for v in nice_ticks(lo, hi, ticks):
            d.labels.append({'text': _fmt(v), 'position': (x0 - off, y_of(v, 'loss'), 0.0),
                             'color': AXIS})
    if has_right:
        for v in nice_ticks(0.0, 1.0, ticks):
            d.labels.append({'text': _fmt(v), 'position': (x0 + w + off, y0 + h * v, 0.0),
                             'color': AXIS})
    return d


# -- decision surface ---------------------------------------------------------------------
def decision_surface(predict_fn, domain=((0.0, 1.0), (0.0, 1.0)), resolution=(20, 20),
                     n_classes=None, mode='class', z_scale=0.0, output=0, palette=None,
                     z=0.0):
    """A coloured grid mesh of a 2-input model's answer over a rectangle.

    Parameters
    ----------
    predict_fn : callable
        Called once with every grid point ``[[x, y], ...]`` (row by row, x fastest); returns
        one output row (list of numbers) or one number per point.
    domain : ((x0, x1), (y0, y1))
    resolution : (nx, ny)
        Vertices along x and y, each >= 2.
    n_classes : int, optional
        For ``mode='class'``: classes in the palette (default: the output width, or 2 for
        one output).
    mode : 'class' or 'value'
        ``'class'``: vertex colour = colour of the predicted class (argmax, or ``>= 0.5`` for
        one output). ``'value'``: colour = output ``output`` on GRADIENT over its range.
    z_scale : float
        Vertex height ``z + z_scale * value`` (``value`` = output ``output``; 0 = flat). Use it
        for regression surfaces ``z = f(x, y)``.

    Returns
    -------
    Drawing
        one mesh: ``vertices``, quad ``faces``, ``colors``, ``values`` (output ``output`` per
        vertex), ``classes`` (class index per vertex; None in value mode), ``resolution``.
    """
    if mode not in ('class', 'value'):
        raise BPError("mode must be 'class' or 'value', got %r" % (mode,))
    try:
        (ax, bx), (ay, by) = domain
        ax, bx, ay, by = float(ax), float(bx), float(ay), float(by)
    except (TypeError, ValueError):
        raise BPError('domain must be ((x0, x1), (y0, y1)), got %r' % (domain,))
    if not (bx > ax and by > ay):
        raise BPError('domain must have x0 < x1 and y0 < y1, got %r' % (domain,))
    try:
        nx, ny = int(resolution[0]), int(resolution[1])
    except (TypeError, ValueError, IndexError):
        raise BPError('resolution must be (nx, ny), got %r' % (resolution,))
    if nx < 2 or ny < 2:
        raise BPError('resolution needs at least 2 vertices along x and y, got (%d, %d)'
                      % (nx, ny))
    pts = []
    for iy in range(ny):
        y = ay + (by - ay) * iy / (ny - 1)
        for ix in range(nx):
            pts.append([ax + (bx - ax) * ix / (nx - 1), y])
    raw = predict_fn(pts)
    if len(raw) != len(pts):
        raise BPError('predict_fn returned %d rows for %d grid points' % (len(raw), len(pts)))
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in raw]
    width = len(rows[0])
    output = int(output)
    if not 0 <= output < width:
        raise BPError('output %d is out of range: the model has %d outputs' % (output, width))
    values = [float(r[output]) for r in rows]
    classes = None
    if mode == 'class':
        if width == 1:
            classes = [1 if v >= 0.5 else 0 for v in values]
        else:
            classes = []
            for r in rows:
                best = 0
                for c in range(1, width):
                    if r[c] > r[best]:
                        best = c
                classes.append(best)
        k = int(n_classes) if n_classes else max(2, width)
        colors = [class_color(c % k, palette) for c in classes]
    else:
        lo, hi = _finite_range(values)
        colors = [gradient_color(v, lo, hi) for v in values]
    zs = float(z_scale)
    z0 = float(z)
    vertices = [(p[0], p[1], z0 + (zs * v if zs and is_finite(v) else 0.0))
                for p, v in zip(pts, values)]
    faces = []
    for iy in range(ny - 1):
        for ix in range(nx - 1):
            a = iy * nx + ix
            faces.append((a, a + 1, a + 1 + nx, a + nx))
    d = Drawing()
    d.meshes.append({'vertices': vertices, 'faces': faces, 'colors': colors,
                     'values': values, 'classes': classes, 'resolution': (nx, ny)})
    return d


# -- placing a drawing in a plane ----------------------------------------------------------
def _vec(v, name):
    try:
        v = tuple(float(c) for c in v)
    except (TypeError, ValueError):
        raise BPError('%s must be 3 numbers, got %r' % (name, v))
    if len(v) != 3:
        raise BPError('%s must be 3 numbers, got %r' % (name, v))
    return v


def to_frame(drawing, origin=(0.0, 0.0, 0.0), xaxis=(1.0, 0.0, 0.0), yaxis=(0.0, 1.0, 0.0),
             zaxis=None):
    """A copy of ``drawing`` with every point ``(x, y, z)`` moved to
    ``origin + x * xaxis + y * yaxis + z * zaxis`` (a plane's frame; ``zaxis`` defaults to
    ``xaxis x yaxis``). Circles get ``axes = (xaxis, yaxis)`` so they lie in the plane; other
    keys are copied. The axes should be unit vectors at right angles (a Rhino Plane's are).
    """
    o = _vec(origin, 'origin')
    X = _vec(xaxis, 'xaxis')
    Y = _vec(yaxis, 'yaxis')
    if zaxis is None:
        Z = (X[1] * Y[2] - X[2] * Y[1], X[2] * Y[0] - X[0] * Y[2], X[0] * Y[1] - X[1] * Y[0])
    else:
        Z = _vec(zaxis, 'zaxis')

    def m(p):
        x, y, z = _point(p)
        return (o[0] + x * X[0] + y * Y[0] + z * Z[0],
                o[1] + x * X[1] + y * Y[1] + z * Z[1],
                o[2] + x * X[2] + y * Y[2] + z * Z[2])

    def copy(item, **changes):
        c = dict(item)
        c.update(changes)
        return c

    d = Drawing()
    d.circles = [copy(c, center=m(c['center']), axes=(X, Y)) for c in drawing.circles]
    d.lines = [copy(l, start=m(l['start']), end=m(l['end'])) for l in drawing.lines]
    d.polylines = [copy(p, points=[m(q) for q in p['points']]) for p in drawing.polylines]
    d.labels = [copy(t, position=m(t['position'])) for t in drawing.labels]
    d.meshes = [copy(me, vertices=[m(q) for q in me['vertices']]) for me in drawing.meshes]
    return d


# -- a network's decision surface ---------------------------------------------------------
CLASS_ACTIVATIONS = ('sigmoid', 'softmax')


def surface_mode(net):
    """``'class'`` for a classifier (class names, or a sigmoid/softmax output), else
    ``'value'`` (regression: a surface ``z = f(x, y)``)."""
    acts = list(getattr(net, 'activations', None) or [])
    if getattr(net, 'class_names', None) or (acts and acts[-1] in CLASS_ACTIVATIONS):
        return 'class'
    return 'value'


def surface_domain(net):
    """Default domain of :func:`network_surface`: the fitted range of the network's
    MinMaxScaler (``min_``, ``max_``) when it has one for 2 features, else
    ``((0, 1), (0, 1))``."""
    scaler = getattr(net, 'scaler', None)
    lo = getattr(scaler, 'min_', None)
    hi = getattr(scaler, 'max_', None)
    if lo is not None and hi is not None and len(lo) == 2 and len(hi) == 2 \
            and lo[0] < hi[0] and lo[1] < hi[1]:
        return ((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])))
    return ((0.0, 1.0), (0.0, 1.0))


def network_surface(net, domain=None, resolution=(20, 20), mode=None, z_scale=None, output=0,
                    legend=True):
    """:func:`decision_surface` of a 2-input network over ``domain`` with a legend.

    Parameters
    ----------
    net : Network
        Two inputs; ``net.predict`` is used (so its scaler applies: the domain is in raw
        input units).
    domain : ((x0, x1), (y0, y1)), optional
        Default: the fitted range of a MinMaxScaler on the network (``min_``, ``max_``), else
        ``((0, 1), (0, 1))``.
    resolution : (nx, ny)
        **Cells** along x and y (each >= 1): the mesh has ``(nx + 1) * (ny + 1)`` vertices and
        ``nx * ny`` quad faces.
    mode : 'class', 'value' or None
        None: :func:`surface_mode`.
    z_scale : float, optional
        Height factor of the vertices; default 0 in class mode and 1 in value mode (so the
        surface is ``z = f(x, y)``).
    output : int
        The output shown in value mode (and its heights).
    legend : bool
        Add legend labels right of the domain: one per class (its name and colour) in class
        mode; five values on the gradient in value mode.

    Returns
    -------
    Drawing
        one mesh (see :func:`decision_surface`) and the legend labels (``color`` = the colour
        they explain).
    """
    sizes = getattr(net, 'sizes', None)
    if sizes is None or not hasattr(net, 'predict'):
        raise BPError('expected a bpcore network, got %s' % type(net).__name__)
    if int(sizes[0]) != 2:
        raise BPError('the decision surface needs a network with 2 inputs (x, y); this one has '
                      '%d' % int(sizes[0]))
    if domain is None:
        domain = surface_domain(net)
    try:
        nx, ny = int(resolution[0]), int(resolution[1])
    except (TypeError, ValueError, IndexError):
        raise BPError('resolution must be (nx, ny), got %r' % (resolution,))
    if nx < 1 or ny < 1:
        raise BPError('resolution needs at least 1 cell along x and y, got (%d, %d)' % (nx, ny))
    if mode is None:
        mode = surface_mode(net)
    if z_scale is None:
        z_scale = 1.0 if mode == 'value' else 0.0
    n_out = int(sizes[-1])
    d = decision_surface(net.predict, domain, (nx + 1, ny + 1), n_classes=None, mode=mode,
                         z_scale=z_scale, output=output)
    if not legend:
        return d
    (ax, bx), (ay, by) = [(float(a), float(b)) for a, b in domain]
    x = bx + 0.08 * (bx - ax)
    step = (by - ay) / 8.0
    mesh = d.meshes[0]
    if mode == 'class':
        k = max(2, n_out)
        names = getattr(net, 'class_names', None)
        if not names or len(names) != k:
            names = ['class %d' % c for c in range(k)]
        entries = [(str(names[c]), class_color(c)) for c in range(k)]
    else:
        lo, hi = _finite_range(mesh['values'])
        entries = []
        for i in range(5):
            v = hi - (hi - lo) * i / 4.0
            entries.append((_fmt(v), gradient_color(v, lo, hi)))
    for i, (text, color) in enumerate(entries):
        d.labels.append({'text': text, 'position': (x, by - i * step, 0.0), 'color': color,
                         'legend': i})
    return d


# -- a computation graph (bpcore.autograd_graph.layout) -----------------------------------
LEAF = (31, 119, 180)      # input values: blue
INNER = (127, 127, 127)    # computed values: grey
OUTPUT = (44, 160, 44)     # the result: green
OP = (255, 127, 14)        # operations: orange


def _rect_exit(hw, hh, ux, uy):
    """Distance from a box centre to its border along the unit direction (ux, uy)."""
    t = None
    if abs(ux) > 1e-12:
        t = hw / abs(ux)
    if abs(uy) > 1e-12:
        ty = hh / abs(uy)
        t = ty if t is None or ty < t else t
    return t or 0.0


def graph_drawing(graph, box=(3.2, 1.8), op_radius=0.5, arrow=0.35):
    """Boxes, operation circles, arrows and text of a computation graph.

    Parameters
    ----------
    graph : dict
        :func:`bpcore.autograd_graph.layout` (or ``neuron_graph`` / ``expression_graph`` 's
        second result): ``nodes`` with ``kind``, ``x``, ``y``, ``lines``, ``op``; ``edges``
        ``(a, b)`` node index pairs.
    box : (width, height)
        Size of a value node's box (lay the graph out with ``dx`` > ``width + 2 * op_radius``).
    op_radius : float
        Radius of an operation node's circle.
    arrow : float
        Length of the arrowheads.

    Returns
    -------
    Drawing
        polylines: one closed box per value node (``name`` 'node') then one closed triangle
        per edge (``name`` 'arrow'); circles: one per op node; lines: one per edge, border to
        border (``edge``, ``a``, ``b``); labels: one per node at its centre, its ``lines``
        joined by newlines. Every node item has ``node`` (its index in ``graph['nodes']``)
        and ``kind``.
    """
    try:
        nodes = graph['nodes']
        edges = graph['edges']
    except (TypeError, KeyError):
        raise BPError('expected a graph layout with nodes and edges, got %r'
                      % (type(graph).__name__,))
    hw, hh = float(box[0]) / 2.0, float(box[1]) / 2.0
    r = float(op_radius)
    a_len = float(arrow)
    if not (hw > 0 and hh > 0 and r > 0 and a_len >= 0):
        raise BPError('box sizes and op_radius must be > 0, arrow >= 0')
    consumed = set(a for a, _ in edges)
    d = Drawing()
    for k, nd in enumerate(nodes):
        x, y = float(nd['x']), float(nd['y'])
        if nd['kind'] == 'op':
            d.circles.append({'center': (x, y, 0.0), 'radius': r, 'color': OP, 'value': None,
                              'column': nd.get('column'), 'index': k, 'node': k,
                              'kind': 'op'})
            color = OP
        else:
            if k not in consumed:
                color = OUTPUT
            elif nd.get('op'):
                color = INNER
            else:
                color = LEAF
            pts = [(x - hw, y - hh, 0.0), (x + hw, y - hh, 0.0), (x + hw, y + hh, 0.0),
                   (x - hw, y + hh, 0.0), (x - hw, y - hh, 0.0)]
            d.polylines.append({'points': pts, 'color': color, 'name': 'node', 'node': k,
                                'kind': 'value'})
        d.labels.append({'text': '\n'.join(nd['lines']), 'position': (x, y, 0.0),
                         'color': TEXT, 'node': k, 'kind': nd['kind'], 'fill': color})
    for e, (a, b) in enumerate(edges):
        na, nb = nodes[a], nodes[b]
        ax, ay = float(na['x']), float(na['y'])
        bx, by = float(nb['x']), float(nb['y'])
        vx, vy = bx - ax, by - ay
        length = (vx * vx + vy * vy) ** 0.5
        if length == 0.0:
            raise BPError('graph nodes %d and %d are at the same position' % (a, b))
        ux, uy = vx / length, vy / length
        ta = r if na['kind'] == 'op' else _rect_exit(hw, hh, ux, uy)
        tb = r if nb['kind'] == 'op' else _rect_exit(hw, hh, ux, uy)
        start = (ax + ux * ta, ay + uy * ta, 0.0)
        end = (bx - ux * tb, by - uy * tb, 0.0)
        d.lines.append({'start': start, 'end': end, 'color': AXIS, 'width': 1.0,
                        'value': None, 'edge': e, 'a': a, 'b': b})
        px, py = -uy, ux
        base = (end[0] - ux * a_len, end[1] - uy * a_len)
        w = 0.4 * a_len
        tri = [end, (base[0] + px * w, base[1] + py * w, 0.0),
               (base[0] - px * w, base[1] - py * w, 0.0), end]
        d.polylines.append({'points': tri, 'color': AXIS, 'name': 'arrow', 'edge': e})
    return d


def disc_mesh(center, radius, color, segments=24, axes=None):
    """A filled disc as a mesh item (triangle fan, one colour on every vertex).

    ``axes = (xaxis, yaxis)``: the disc's plane (as :func:`to_frame` sets on circles);
    default world XY. Used to show a neuron's activation as a fill colour that Grasshopper's
    plain preview displays.
    """
    cx, cy, cz = _point(center)
    r = float(radius)
    n = int(segments)
    if r <= 0.0 or n < 3:
        raise BPError('a disc needs radius > 0 and at least 3 segments, got %r, %r'
                      % (radius, segments))
    X, Y = axes if axes is not None else ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
    verts = [(cx, cy, cz)]
    for s in range(n):
        a = 2.0 * math.pi * s / n
        u, v = r * math.cos(a), r * math.sin(a)
        verts.append((cx + u * X[0] + v * Y[0], cy + u * X[1] + v * Y[1],
                      cz + u * X[2] + v * Y[2]))
    faces = [(0, 1 + s, 1 + (s + 1) % n) for s in range(n)]
    color = tuple(int(c) for c in color)
    return {'vertices': verts, 'faces': faces, 'colors': [color] * len(verts)}


def history_from_branches(branches, names=None):
    """Per-epoch series from tree branches, e.g. BP Train's ``history`` output.

    Parameters
    ----------
    branches : list of (path tuple, list of items)
        Items are numbers; None, NaN and inf are gaps (they break the curve).
    names : list of str, optional
        One name per branch in the given order. Default: branch ``{..; i}`` (its last path
        index) is ``HISTORY_KEYS[i]`` -- loss, val_loss, accuracy, val_accuracy, BP Train's
        order -- and ``'series i'`` beyond.

    Returns
    -------
    (dict, list)
        name -> list of floats, and the names of the non-empty series in branch order (pass
        them as :func:`history_plot` ``keys``).
    """
    branches = list(branches)
    if names is not None:
        names = [str(n) for n in names]
        if len(names) != len(branches):
            raise BPError('%d names for %d branches of history: give one name per branch'
                          % (len(names), len(branches)))
    series = {}
    keys = []
    for b, (path, items) in enumerate(branches):
        if names is not None:
            key = names[b]
        else:
            i = int(path[-1]) if len(path) else b
            key = HISTORY_KEYS[i] if 0 <= i < len(HISTORY_KEYS) else 'series %d' % i
        if key in series:
            raise BPError('history: two branches are named %r' % key)
        values = []
        for e, v in enumerate(items):
            if v is None:
                values.append(float('nan'))
                continue
            try:
                values.append(float(v))
            except (TypeError, ValueError):
                raise BPError('history: branch {%s} item %d is not a number (%r)'
                              % (';'.join(str(p) for p in path), e, v))
        series[key] = values
        if values:
            keys.append(key)
    if not keys:
        raise BPError('history has no values to plot (expected lists such as %s)'
                      % ', '.join(HISTORY_KEYS))
    return series, keys
