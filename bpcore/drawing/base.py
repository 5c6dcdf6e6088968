"""The shared base of every picture: the Drawing container, colours, points and ticks.

Nothing here knows Rhino. A :class:`Drawing` holds plain lists of dicts with points as
``(x, y, z)`` tuples of floats and colours as ``(r, g, b)`` ints in 0..255 (the item keys are
listed in :mod:`bpcore.drawing`). The picture modules (``network``, ``history``, ``surface``,
``graph``) build Drawings with these helpers; :func:`to_frame` places any Drawing in a plane
and :func:`disc_mesh` fills a circle.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.errors import BPError

__all__ = ['Drawing', 'PALETTE', 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'TEXT', 'AXIS', 'GRADIENT',
           'is_finite', 'lerp_color', 'class_color', 'gradient_color', 'nice_ticks',
           'to_frame', 'disc_mesh']

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
    """Plain drawing data: five lists of item dicts (``circles``, ``lines``, ``polylines``,
    ``labels``, ``meshes``); see :mod:`bpcore.drawing` for the keys of each item."""

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
    """Blend two ``(r, g, b)`` colours, ``t`` in [0, 1] (clamped); returns ``(r, g, b)``."""
    t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c0, c1))


def class_color(index, palette=None):
    """Colour ``(r, g, b)`` of class ``index`` (cycles through the palette)."""
    palette = palette or PALETTE
    return tuple(palette[int(index) % len(palette)])


def gradient_color(value, lo, hi, stops=None):
    """Colour ``(r, g, b)`` of ``value`` on a gradient from ``lo`` to ``hi`` (clamped;
    NaN -> NEUTRAL)."""
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
    """``(lo, hi)`` of the finite values in a flat list; ``(0.0, 1.0)`` when there is none."""
    finite = [float(v) for v in values if is_finite(v)]
    if not finite:
        return 0.0, 1.0
    return min(finite), max(finite)


# -- points, ticks, numbers -----------------------------------------------------------------
def _point(p):
    """``(x, y, z)`` floats from 2 or 3 coordinates (z = 0 for 2)."""
    p = tuple(float(c) for c in p)
    if len(p) == 2:
        return (p[0], p[1], 0.0)
    if len(p) != 3:
        raise BPError('a point needs 2 or 3 coordinates, got %d' % len(p))
    return p


def nice_ticks(lo, hi, count=5):
    """About ``count`` round tick values covering [lo, hi] (1, 2, 5 x 10^n steps); a list
    of floats ([] for a non-finite end, ``[lo]`` when ``lo == hi``)."""
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
    """A tick or legend number as short text: ``0.25``, ``3``, ``1.2e+03``."""
    if abs(v) >= 1000 or (v != 0 and abs(v) < 0.01):
        return '%.2g' % v
    return ('%.3f' % v).rstrip('0').rstrip('.') or '0'


# -- placing a drawing in a plane ----------------------------------------------------------
def _vec(v, name):
    """3 floats, or BPError naming the parameter ``name``."""
    try:
        v = tuple(float(c) for c in v)
    except (TypeError, ValueError):
        raise BPError('%s must be 3 numbers, got %r' % (name, v))
    if len(v) != 3:
        raise BPError('%s must be 3 numbers, got %r' % (name, v))
    return v


def _copy(item, **changes):
    """A copy of an item dict with some keys replaced."""
    c = dict(item)
    c.update(changes)
    return c


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

    d = Drawing()
    d.circles = [_copy(c, center=m(c['center']), axes=(X, Y)) for c in drawing.circles]
    d.lines = [_copy(l, start=m(l['start']), end=m(l['end'])) for l in drawing.lines]
    d.polylines = [_copy(p, points=[m(q) for q in p['points']]) for p in drawing.polylines]
    d.labels = [_copy(t, position=m(t['position'])) for t in drawing.labels]
    d.meshes = [_copy(me, vertices=[m(q) for q in me['vertices']]) for me in drawing.meshes]
    return d


def disc_mesh(center, radius, color, segments=24, axes=None):
    """A filled disc as a mesh item (triangle fan, one colour on every vertex).

    ``axes = (xaxis, yaxis)``: the disc's plane (as :func:`to_frame` sets on circles);
    default world XY. Used to show a neuron's activation as a fill colour that Grasshopper's
    plain preview displays. Returns a dict: ``vertices`` (``segments + 1`` points, the centre
    first), ``faces`` (``segments`` triangles), ``colors`` (one per vertex).
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
