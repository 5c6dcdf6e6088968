"""The decision surface: a coloured grid mesh of a 2-input model's answer over a rectangle.

:func:`decision_surface` samples any ``predict_fn``; :func:`network_surface` samples a
Network over its fitted input range (:func:`surface_domain`) in the mode that suits it
(:func:`surface_mode`) and adds a legend.
"""
from __future__ import absolute_import, division, print_function

from bpcore.drawing.base import (Drawing, _finite_range, _fmt, class_color, gradient_color,
                                 is_finite)
from bpcore.errors import BPError
from bpcore.matrix import classes_of

__all__ = ['CLASS_ACTIVATIONS', 'decision_surface', 'surface_mode', 'surface_domain',
           'network_surface']

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
    output = int(output)
    if not 0 <= output < width:
        raise BPError('output %d is out of range: the model has %d outputs' % (output, width))
    values = [float(r[output]) for r in rows]
    classes = None
    if mode == 'class':
        classes = classes_of(rows)
        k = int(n_classes) if n_classes else max(2, width)
        colors = [class_color(c % k, palette) for c in classes]
    else:
        lo, hi = _finite_range(values)
        colors = [gradient_color(v, lo, hi) for v in values]
    zs = float(z_scale)
    z0 = float(z)
    vertices = [(p[0], p[1], z0 + (zs * v if zs and is_finite(v) else 0.0))
                for p, v in zip(pts, values)]
    d = Drawing()
    d.meshes.append({'vertices': vertices, 'faces': _grid_faces(nx, ny), 'colors': colors,
                     'values': values, 'classes': classes, 'resolution': (nx, ny)})
    return d


# -- a network: network_surface --------------------------------------------------------------
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


def _check_two_inputs(net):
    """The network's ``sizes``, or BPError unless it is a network with 2 inputs."""
    sizes = getattr(net, 'sizes', None)
    if sizes is None or not hasattr(net, 'predict'):
        raise BPError('expected a bpcore network, got %s' % type(net).__name__)
    if int(sizes[0]) != 2:
        raise BPError('the decision surface needs a network with 2 inputs (x, y); this one has '
                      '%d' % int(sizes[0]))
    return sizes


def _legend_entries(net, mode, n_out, mesh):
    """``(text, colour)`` pairs: each class's name and colour (at least 2) in class mode;
    five values from the highest to the lowest on the gradient in value mode."""
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
    sizes = _check_two_inputs(net)
    if domain is None:
        domain = surface_domain(net)
    nx, ny = _resolution(resolution, 1, 'cell')
    if mode is None:
        mode = surface_mode(net)
    if z_scale is None:
        z_scale = 1.0 if mode == 'value' else 0.0
    d = decision_surface(net.predict, domain, (nx + 1, ny + 1), n_classes=None, mode=mode,
                         z_scale=z_scale, output=output)
    if not legend:
        return d
    (ax, bx), (ay, by) = [(float(a), float(b)) for a, b in domain]
    x = bx + 0.08 * (bx - ax)
    step = (by - ay) / 8.0
    entries = _legend_entries(net, mode, int(sizes[-1]), d.meshes[0])
    for i, (text, color) in enumerate(entries):
        d.labels.append({'text': text, 'position': (x, by - i * step, 0.0), 'color': color,
                         'legend': i})
    return d
