"""The decision surface: a coloured grid mesh of a 2-input model's answer over a rectangle.

:func:`decision_surface` samples any ``predict_fn``; :func:`network_surface` samples a
Network over its fitted input range (:func:`surface_domain`) in the mode that suits it
(:func:`surface_mode`) and adds a legend. A network with more than 2 inputs is *sliced*: two
inputs vary over the grid (``axes``) and the others are held at fixed values (default the
middle of their fitted range, :func:`default_fixed`). :func:`network_field` colours any
given points (e.g. mesh vertices) the same way.

Every grid or field is evaluated with one batch prediction (:func:`predict_batch`), so the
fastest path the network offers does the work.
"""
from __future__ import absolute_import, division, print_function

from bpcore.drawing.base import (Drawing, _finite_range, _fmt, class_color, gradient_color,
                                 is_finite)
from bpcore.errors import BPError
from bpcore.matrix import classes_of

__all__ = ['CLASS_ACTIVATIONS', 'decision_surface', 'surface_mode', 'surface_domain',
           'network_surface', 'network_field', 'default_fixed', 'slice_rows', 'predict_batch',
           'legend_entries', 'colour_outputs']

CLASS_ACTIVATIONS = ('sigmoid', 'softmax')


# -- any model: decision_surface ------------------------------------------------------------
def _check_domain(domain):
    """``(ax, bx, ay, by)`` floats of ``((x0, x1), (y0, y1))`` with x0 < x1, y0 < y1."""
    try:
        (ax, bx), (ay, by) = domain
        ax, bx, ay, by = float(ax), float(bx), float(ay), float(by)
    except (TypeError, ValueError):
        raise BPError('domain must be ((x0, x1), (y0, y1)), got %r' % (domain,))
    if not (bx > ax and by > ay):
        raise BPError('domain must have x0 < x1 and y0 < y1, got %r' % (domain,))
    return ax, bx, ay, by


def _resolution(resolution, least, what):
    """``(nx, ny)`` ints of ``resolution``, each >= ``least`` (``what``: vertices or cells)."""
    try:
        nx, ny = int(resolution[0]), int(resolution[1])
    except (TypeError, ValueError, IndexError):
        raise BPError('resolution must be (nx, ny), got %r' % (resolution,))
    if nx < least or ny < least:
        raise BPError('resolution needs at least %d %s along x and y, got (%d, %d)'
                      % (least, what, nx, ny))
    return nx, ny


def _grid_points(ax, bx, ay, by, nx, ny):
    """``nx * ny`` points ``[x, y]`` over the rectangle, row by row (x fastest)."""
    pts = []
    for iy in range(ny):
        y = ay + (by - ay) * iy / (ny - 1)
        for ix in range(nx):
            pts.append([ax + (bx - ax) * ix / (nx - 1), y])
    return pts


def _predict_rows(predict_fn, pts):
    """``predict_fn(pts)`` as one list of outputs per point (a bare number -> ``[number]``)."""
    raw = predict_fn(pts)
    if len(raw) != len(pts):
        raise BPError('predict_fn returned %d rows for %d grid points' % (len(raw), len(pts)))
    return [list(r) if isinstance(r, (list, tuple)) else [r] for r in raw]


def _grid_faces(nx, ny):
    """Quad faces ``(a, a + 1, a + 1 + nx, a + nx)`` of an ``nx`` x ``ny`` vertex grid."""
    faces = []
    for iy in range(ny - 1):
        for ix in range(nx - 1):
            a = iy * nx + ix
            faces.append((a, a + 1, a + 1 + nx, a + nx))
    return faces


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
    ax, bx, ay, by = _check_domain(domain)
    nx, ny = _resolution(resolution, 2, 'vertices')
    pts = _grid_points(ax, bx, ay, by, nx, ny)
    rows = _predict_rows(predict_fn, pts)
    width = len(rows[0])
    values, classes, colors = colour_outputs(rows, width, mode, output, n_classes, palette,
                                             'model')
    zs = float(z_scale)
    z0 = float(z)
    vertices = [(p[0], p[1], z0 + (zs * v if zs and is_finite(v) else 0.0))
                for p, v in zip(pts, values)]
    d = Drawing()
    d.meshes.append({'vertices': vertices, 'faces': _grid_faces(nx, ny), 'colors': colors,
                     'values': values, 'classes': classes, 'resolution': (nx, ny)})
    return d


def colour_outputs(rows, width, mode, output=0, n_classes=None, palette=None, owner='network'):
    """``(values, classes, colors)`` of model outputs ``rows (n, width)``: the one colour rule.

    ``values`` is output ``output`` per row. ``'class'`` mode colours each row by its class
    (:func:`bpcore.matrix.classes_of`, ``n_classes`` or ``max(2, width)`` colours of
    ``palette``; ``classes`` is the class per row); ``'value'`` mode by a gradient over the
    finite range of ``values`` (``classes`` None).
    """
    output = int(output)
    if not 0 <= output < width:
        raise BPError('output %d is out of range: the %s has %d outputs' % (output, owner, width))
    values = [float(r[output]) for r in rows]
    if mode == 'class':
        classes = classes_of(rows) if rows else []
        k = int(n_classes) if n_classes else max(2, width)
        return values, classes, [class_color(c % k, palette) for c in classes]
    lo, hi = _finite_range(values) if values else (0.0, 1.0)
    return values, None, [gradient_color(v, lo, hi) for v in values]


# -- a network: network_surface --------------------------------------------------------------
def surface_mode(net):
    """``'class'`` for a classifier (class names, or a sigmoid/softmax output), else
    ``'value'`` (regression: a surface ``z = f(x, y)``)."""
    acts = list(getattr(net, 'activations', None) or [])
    if getattr(net, 'class_names', None) or (acts and acts[-1] in CLASS_ACTIVATIONS):
        return 'class'
    return 'value'


def _input_range(net, j):
    """``(lo, hi)`` of input ``j`` from the network's MinMaxScaler, or None."""
    scaler = getattr(net, 'scaler', None)
    lo = getattr(scaler, 'min_', None)
    hi = getattr(scaler, 'max_', None)
    if lo is not None and hi is not None and j < len(lo) and lo[j] < hi[j]:
        return (float(lo[j]), float(hi[j]))
    return None


def surface_domain(net, axes=(0, 1)):
    """Default domain of :func:`network_surface`: the fitted range of the network's
    MinMaxScaler (``min_``, ``max_``) for the two inputs ``axes``, else ``((0, 1), (0, 1))``."""
    rx, ry = _input_range(net, axes[0]), _input_range(net, axes[1])
    if rx is not None and ry is not None:
        return (rx, ry)
    return ((0.0, 1.0), (0.0, 1.0))


def default_fixed(net):
    """A value per network input for the inputs a slice holds still: the middle of its
    fitted range (MinMaxScaler), its mean (StandardScaler), else 0.5 (the middle of the
    0..1 range scaled inputs have)."""
    n = int(net.sizes[0])
    scaler = getattr(net, 'scaler', None)
    mean = getattr(scaler, 'mean_', None)
    out = []
    for j in range(n):
        r = _input_range(net, j)
        if r is not None:
            out.append(0.5 * (r[0] + r[1]))
        elif mean is not None and j < len(mean):
            out.append(float(mean[j]))
        else:
            out.append(0.5)
    return out


def _check_network(net):
    """The network's ``sizes``, or BPError unless it is a bpcore network."""
    sizes = getattr(net, 'sizes', None)
    if sizes is None or not hasattr(net, 'predict'):
        raise BPError('expected a bpcore network, got %s' % type(net).__name__)
    return sizes


def _check_axes(net, axes, k):
    """``axes`` as ``k`` distinct input indices of the network (default the first ``k``)."""
    n = int(net.sizes[0])
    if axes is None:
        axes = list(range(min(k, n)))
    axes = [int(a) for a in axes]
    if len(axes) != k:
        raise BPError('give %d input indices (the network inputs along x and y), got %d'
                      % (k, len(axes)))
    return _distinct_inputs(axes, n)


def _distinct_inputs(axes, n):
    """``axes`` when every index is one of the ``n`` inputs and no index repeats."""
    for a in axes:
        if not 0 <= a < n:
            raise BPError('input index %d is out of range: the network has %d inputs (0..%d)'
                          % (a, n, n - 1))
    if len(set(axes)) != len(axes):
        raise BPError('input indices must differ, got %r' % (axes,))
    return axes


def _check_fixed(net, axes, fixed):
    """A full row template: ``fixed`` values for the inputs not in ``axes`` (in input
    order), defaults from :func:`default_fixed` when ``fixed`` is None or empty."""
    n = int(net.sizes[0])
    template = default_fixed(net)
    others = [j for j in range(n) if j not in axes]
    if fixed:
        fixed = [float(v) for v in fixed]
        if len(fixed) == 1 and len(others) > 1:
            fixed = fixed * len(others)
        if len(fixed) != len(others):
            raise BPError('%d fixed values for %d held inputs (%s): give one value per input '
                          'not on an axis' % (len(fixed), len(others),
                                              ', '.join(str(j) for j in others) or 'none'))
        for j, v in zip(others, fixed):
            template[j] = v
    return template


def slice_rows(coords, axes, template):
    """Full input rows: ``template`` with ``coords[i][a]`` put at input ``axes[a]``."""
    n = len(template)
    if list(axes) == list(range(n)):                 # every input on an axis: no template
        return [c if isinstance(c, list) and len(c) == n else list(c[:n]) for c in coords]
    rows = []
    for c in coords:
        row = list(template)
        for a, j in enumerate(axes):
            row[j] = c[a]
        rows.append(row)
    return rows


def predict_batch(net, X):
    """``net.predict(X, backend='auto')``: a whole grid or field in one call (raw inputs ->
    outputs), so the fastest backend (numpy where it imports, else compiled) takes it."""
    return net.predict(X, backend='auto')


def legend_entries(net, mode, n_out, mesh):
    """``(text, colour)`` pairs: each class's name and colour (at least 2) in class mode;
    five values from the highest to the lowest on the gradient in value mode (``mesh`` is a
    dict with ``values``)."""
    if mode == 'class':
        k = max(2, n_out)
        names = getattr(net, 'class_names', None)
        if not names or len(names) != k:
            names = ['class %d' % c for c in range(k)]
        return [(str(names[c]), class_color(c)) for c in range(k)]
    lo, hi = _finite_range(mesh['values'])
    entries = []
    for i in range(5):
        v = hi - (hi - lo) * i / 4.0
        entries.append((_fmt(v), gradient_color(v, lo, hi)))
    return entries


def network_surface(net, domain=None, resolution=(20, 20), mode=None, z_scale=None, output=0,
                    legend=True, axes=(0, 1), fixed=None):
    """:func:`decision_surface` of a network over ``domain`` with a legend.

    Parameters
    ----------
    net : Network
        Two inputs or more; ``net.predict`` is used (so its scaler applies: the domain is in
        raw input units).
    domain : ((x0, x1), (y0, y1)), optional
        Default: the fitted range of a MinMaxScaler on the network (``min_``, ``max_``) for
        the two inputs ``axes``, else ``((0, 1), (0, 1))``.
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
    axes : (int, int)
        The network inputs along x and y (default the first two).
    fixed : list of float, optional
        Raw values of the other inputs, in input order (one value: all of them); default
        :func:`default_fixed`. The surface is the slice of the network through them.

    Returns
    -------
    Drawing
        one mesh (see :func:`decision_surface`) and the legend labels (``color`` = the colour
        they explain).
    """
    sizes = _check_network(net)
    if int(sizes[0]) < 2:
        raise BPError('the decision surface needs a network with 2 inputs or more (x, y); '
                      'this one has %d' % int(sizes[0]))
    axes = _check_axes(net, axes, 2)
    template = _check_fixed(net, axes, fixed)
    if domain is None:
        domain = surface_domain(net, axes)
    nx, ny = _resolution(resolution, 1, 'cell')
    if mode is None:
        mode = surface_mode(net)
    if z_scale is None:
        z_scale = 1.0 if mode == 'value' else 0.0

    def predict(pts):
        return predict_batch(net, slice_rows(pts, axes, template))
    d = decision_surface(predict, domain, (nx + 1, ny + 1), n_classes=None, mode=mode,
                         z_scale=z_scale, output=output)
    if not legend:
        return d
    (ax, bx), (ay, by) = [(float(a), float(b)) for a, b in domain]
    x = bx + 0.08 * (bx - ax)
    step = (by - ay) / 8.0
    entries = legend_entries(net, mode, int(sizes[-1]), d.meshes[0])
    for i, (text, color) in enumerate(entries):
        d.labels.append({'text': text, 'position': (x, by - i * step, 0.0), 'color': color,
                         'legend': i})
    return d


def network_field(net, coords, axes=None, fixed=None, mode=None, output=0):
    """The network's answer at given points, with a colour each (BP Predict Field).

    Parameters
    ----------
    coords : list of (x, y, z) or (x, y)
        Points (e.g. mesh vertices), in raw input units.
    axes : list of int, optional
        The network inputs that x, y (and z) give: default the first ``min(3, n_inputs)``
        (a 2-input network uses x and y). Inputs not on an axis are held at ``fixed``.
    fixed : list of float, optional
        Raw values of the other inputs, in input order; default :func:`default_fixed`.
    mode : 'class', 'value' or None
        As :func:`decision_surface` (None: :func:`surface_mode`).
    output : int
        The output whose value colours the points in value mode.

    Returns
    -------
    dict
        ``outputs`` (all outputs per point), ``values`` (output ``output`` per point),
        ``classes`` (class per point; None in value mode), ``colors`` ((r, g, b) per point),
        ``mode``, ``axes``, ``fixed`` (the full row template used), ``legend`` ((text,
        colour) pairs).
    """
    sizes = _check_network(net)
    n = int(sizes[0])
    if axes is None or len(axes) == 0:
        axes = list(range(min(3, n)))
    axes = [int(a) for a in axes]
    if not 1 <= len(axes) <= 3:
        raise BPError('give 1 to 3 input indices (the network inputs x, y, z feed), got %d'
                      % len(axes))
    _distinct_inputs(axes, n)
    template = _check_fixed(net, axes, fixed)
    if mode is None:
        mode = surface_mode(net)
    if mode not in ('class', 'value'):
        raise BPError("mode must be 'class' or 'value', got %r" % (mode,))
    coords = [tuple(c) for c in coords]
    for i, c in enumerate(coords):
        if len(c) < len(axes):
            raise BPError('point %d has %d coordinates, %d needed' % (i, len(c), len(axes)))
    outputs = [list(r) for r in predict_batch(net, slice_rows(coords, axes, template))] \
        if coords else []
    width = int(sizes[-1])
    values, classes, colors = colour_outputs(outputs, width, mode, output)
    return {'outputs': outputs, 'values': values, 'classes': classes, 'colors': colors,
            'mode': mode, 'axes': axes, 'fixed': template,
            'legend': legend_entries(net, mode, width, {'values': values or [0.0]})}
