"""Pure drawing data (:mod:`bpcore.drawing`) -> ``Rhino.Geometry`` objects.

Uses only the subset of the geometry API that RhinoCommon (in Rhino) and ``rhino3dm`` (in
tests, or any CPython) share:

=================  ==========================================================================
point              ``Point3d(x, y, z)``
circle             ``Circle(Point3d center, radius)`` (parallel to world XY)
line               ``Line(Point3d, Point3d)``
polyline           ``PolylineCurve([Point3d, ...])`` -- not ``Polyline``: GhPython iterates a
                   Polyline (it is a list of points) and would output loose points
mesh               ``Mesh()``, ``Vertices.Add(x, y, z)``, ``Faces.AddFace(a, b, c[, d])``,
                   ``VertexColors.Add(r, g, b)``, ``Normals.ComputeNormals()``, ``Compact()``
mesh in            ``Vertices.Count`` (RhinoCommon) or ``len(Vertices)`` (rhino3dm), ``Vertices[i]``
                   ``.X .Y .Z``, ``Faces.Count``, ``Faces[i]`` (``.A .B .C .D`` or a tuple)
text dot           ``TextDot(text, Point3d)``
colour             ``System.Drawing.Color.FromArgb(r, g, b)`` in Rhino, an ``(r, g, b)`` tuple
                   without System (colours are a separate output list, never geometry)
=================  ==========================================================================

The geometry module is ``Rhino.Geometry`` when importable, else ``rhino3dm``.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError

__all__ = ['geometry_module', 'make_color', 'point', 'circle', 'line', 'polyline', 'mesh',
           'text_dot', 'drawing_geometry', 'plane', 'plane_frame', 'graph_geometry',
           'rectangle_frame', 'mesh_parts']


def geometry_module():
    """``Rhino.Geometry`` in Rhino (or the test harness), else the ``rhino3dm`` module."""
    try:
        import Rhino.Geometry as rg
        return rg
    except ImportError:
        pass
    try:
        import rhino3dm
        return rhino3dm
    except ImportError:
        raise BPError('no geometry library: run inside Rhino or install rhino3dm')


def make_color(rgb):
    """``System.Drawing.Color`` from ``(r, g, b)`` (or ``(r, g, b, a)``); the tuple itself
    when System.Drawing is not available."""
    rgb = tuple(int(c) for c in rgb)
    try:
        from System.Drawing import Color
    except ImportError:
        return rgb
    if len(rgb) == 4:
        return Color.FromArgb(rgb[3], rgb[0], rgb[1], rgb[2])
    return Color.FromArgb(rgb[0], rgb[1], rgb[2])


def _xyz(p):
    p = tuple(float(c) for c in p)
    if len(p) == 2:
        return p[0], p[1], 0.0
    return p[0], p[1], p[2]


def point(p, rg=None):
    rg = rg or geometry_module()
    x, y, z = _xyz(p)
    return rg.Point3d(x, y, z)


def circle(center, radius, rg=None, axes=None):
    """A Circle parallel to world XY, or in the plane through ``center`` spanned by
    ``axes = (xaxis, yaxis)`` (see :func:`bpcore.drawing.to_frame`)."""
    rg = rg or geometry_module()
    if axes is None:
        return rg.Circle(point(center, rg), float(radius))
    pl = plane(center, axes[0], axes[1], rg)
    try:
        return rg.Circle(pl, float(radius))       # RhinoCommon
    except TypeError:                             # rhino3dm: no (Plane, radius) constructor
        c = rg.Circle(float(radius))
        c.Plane = pl
        return c


def plane(origin, xaxis, yaxis, rg=None):
    """A Plane from an origin and two axis directions (tuples)."""
    rg = rg or geometry_module()
    return rg.Plane(point(origin, rg), rg.Vector3d(*_xyz(xaxis)), rg.Vector3d(*_xyz(yaxis)))


def plane_frame(pl=None):
    """``(origin, xaxis, yaxis, zaxis)`` tuples of a Plane (None: world XY); the arguments
    of :func:`bpcore.drawing.to_frame`."""
    if pl is None:
        return (0.0, 0.0, 0.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)
    for attr in ('Origin', 'XAxis', 'YAxis', 'ZAxis'):
        if not hasattr(pl, attr):
            raise BPError('expected a plane, got %s' % type(pl).__name__)

    def t(v):
        return (float(v.X), float(v.Y), float(v.Z))
    return t(pl.Origin), t(pl.XAxis), t(pl.YAxis), t(pl.ZAxis)


def line(start, end, rg=None):
    rg = rg or geometry_module()
    return rg.Line(point(start, rg), point(end, rg))


def polyline(points, rg=None):
    """A ``PolylineCurve`` through ``points`` (at least 2)."""
    rg = rg or geometry_module()
    if len(points) < 2:
        raise BPError('a polyline needs at least 2 points, got %d' % len(points))
    return rg.PolylineCurve([point(p, rg) for p in points])


def mesh(vertices, faces, colors=None, rg=None):
    """A Mesh from vertex points, faces (3 or 4 indices) and optional per-vertex colours."""
    rg = rg or geometry_module()
    m = rg.Mesh()
    for p in vertices:
        x, y, z = _xyz(p)
        m.Vertices.Add(x, y, z)
    n = len(vertices)
    for f, face in enumerate(faces):
        if len(face) not in (3, 4) or min(face) < 0 or max(face) >= n:
            raise BPError('mesh face %d %r is not 3 or 4 indices below %d' % (f, face, n))
        if len(face) == 3:
            m.Faces.AddFace(int(face[0]), int(face[1]), int(face[2]))
        else:
            m.Faces.AddFace(int(face[0]), int(face[1]), int(face[2]), int(face[3]))
    if colors:
        if len(colors) != n:
            raise BPError('mesh has %d vertices but %d colours' % (n, len(colors)))
        for c in colors:
            m.VertexColors.Add(int(c[0]), int(c[1]), int(c[2]))
    m.Normals.ComputeNormals()
    m.Compact()
    return m


def mesh_parts(m):
    """``(vertices, faces)`` of a Rhino Mesh: ``[(x, y, z)]`` and ``[(a, b, c)]`` /
    ``[(a, b, c, d)]`` (RhinoCommon's MeshFace or rhino3dm's tuples; a triangle repeats C)."""
    verts = m.Vertices
    n = verts.Count if hasattr(verts, 'Count') else len(verts)
    vertices = [(float(verts[i].X), float(verts[i].Y), float(verts[i].Z)) for i in range(n)]
    faces = []
    for i in range(m.Faces.Count):
        f = m.Faces[i]
        a, b, c, d = (f.A, f.B, f.C, f.D) if hasattr(f, 'A') else tuple(f)
        faces.append((a, b, c) if c == d else (a, b, c, d))
    return vertices, faces


def text_dot(text, position, rg=None):
    rg = rg or geometry_module()
    return rg.TextDot(str(text), point(position, rg))


def drawing_geometry(drawing, rg=None, colors=True):
    """Every item of a :class:`bpcore.drawing.Drawing` as geometry, in separate lists.

    Returns a dict: ``circles``, ``circle_colors``, ``lines``, ``line_colors``,
    ``line_widths``, ``polylines``, ``polyline_colors``, ``polyline_names``, ``labels``
    (TextDots), ``label_points`` (Point3d), ``label_texts``, ``label_colors``, ``meshes``.
    Colours are ``System.Drawing.Color`` in Rhino (see :func:`make_color`); ``colors=False``
    keeps the ``(r, g, b)`` tuples.
    """
    rg = rg or geometry_module()
    col = make_color if colors else tuple
    out = {}
    out['circles'] = [circle(c['center'], c['radius'], rg, c.get('axes'))
                      for c in drawing.circles]
    out['circle_colors'] = [col(c['color']) for c in drawing.circles]
    out['lines'] = [line(l['start'], l['end'], rg) for l in drawing.lines]
    out['line_colors'] = [col(l['color']) for l in drawing.lines]
    out['line_widths'] = [l['width'] for l in drawing.lines]
    out['polylines'] = [polyline(p['points'], rg) for p in drawing.polylines]
    out['polyline_colors'] = [col(p['color']) for p in drawing.polylines]
    out['polyline_names'] = [p.get('name') for p in drawing.polylines]
    out['labels'] = [text_dot(t['text'], t['position'], rg) for t in drawing.labels]
    out['label_points'] = [point(t['position'], rg) for t in drawing.labels]
    out['label_texts'] = [t['text'] for t in drawing.labels]
    out['label_colors'] = [col(t['color']) for t in drawing.labels]
    out['meshes'] = [mesh(m['vertices'], m['faces'], m.get('colors'), rg)
                     for m in drawing.meshes]
    return out


def graph_geometry(drawing, n_nodes, rg=None, colors=True):
    """Per-node and per-edge geometry of :func:`bpcore.drawing.graph_drawing`.

    Returns a dict of lists: ``shapes`` (one per node, in node order: a closed PolylineCurve
    box for a value, a Circle for an operation), ``colors`` (one per node), ``points`` (node
    centres), ``texts`` and ``dots`` (TextDots) per node, ``edges`` (Lines) and ``arrows``
    (closed PolylineCurve triangles) per edge.
    """
    rg = rg or geometry_module()
    col = make_color if colors else tuple
    shapes = [None] * n_nodes
    fills = [None] * n_nodes
    for c in drawing.circles:
        shapes[c['node']] = circle(c['center'], c['radius'], rg, c.get('axes'))
        fills[c['node']] = col(c['color'])
    arrows = []
    for p in drawing.polylines:
        if p.get('name') == 'node':
            shapes[p['node']] = polyline(p['points'], rg)
            fills[p['node']] = col(p['color'])
        elif p.get('name') == 'arrow':
            arrows.append(polyline(p['points'], rg))
    if any(s is None for s in shapes):
        raise BPError('graph drawing: node %d has no shape' % shapes.index(None))
    labels = sorted(drawing.labels, key=lambda t: t['node'])
    return {'shapes': shapes, 'colors': fills,
            'points': [point(t['position'], rg) for t in labels],
            'texts': [t['text'] for t in labels],
            'dots': [text_dot(t['text'], t['position'], rg) for t in labels],
            'edges': [line(l['start'], l['end'], rg) for l in drawing.lines],
            'arrows': arrows}


def rectangle_frame(rect=None, default=(10.0, 5.0)):
    """``((x0, y0, width, height), (origin, xaxis, yaxis, zaxis))`` of a Rectangle3d: the
    rectangle in its plane's coordinates (intervals may run backwards) and the plane's frame.
    None: a ``default`` width x height rectangle at the world origin."""
    if rect is None:
        return (0.0, 0.0, float(default[0]), float(default[1])), plane_frame(None)
    for attr in ('Plane', 'X', 'Y'):
        if not hasattr(rect, attr):
            raise BPError('expected a rectangle, got %s' % type(rect).__name__)
    a, b = float(rect.X.T0), float(rect.X.T1)
    c, d = float(rect.Y.T0), float(rect.Y.T1)
    return (min(a, b), min(c, d), abs(b - a), abs(d - c)), plane_frame(rect.Plane)
