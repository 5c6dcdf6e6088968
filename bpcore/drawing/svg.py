"""Drawings to SVG files (and PNG through a real renderer when one is installed).

:class:`Svg` collects shapes in world units (y up, the units of :mod:`bpcore.drawing`) and
:meth:`Svg.save` fits them into a picture ``width`` pixels wide (y down), with stroke widths
and text sizes in pixels. :func:`add_drawing` puts every item of a
:class:`~bpcore.drawing.Drawing` on it. The three pictures of a model, as ``bpcore plot``
and ``examples/render.py`` draw them: :func:`network_figure`, :func:`history_figure`,
:func:`surface_figure`.

PNG: :func:`to_png` converts a saved SVG with ``cairosvg`` (``pip install bpcore[png]``), else
with the ``rsvg-convert`` program, else raises a BPError saying how to get one. No
dependencies for SVG.
"""
from __future__ import absolute_import, division, print_function

import io
import os
import subprocess

from bpcore.drawing.base import AXIS, TEXT, class_color
from bpcore.drawing.history import history_plot
from bpcore.drawing.network import network_drawing
from bpcore.drawing.surface import network_surface, surface_domain
from bpcore.errors import BPError

__all__ = ['Svg', 'add_drawing', 'to_png', 'save_picture', 'network_figure', 'history_figure',
           'surface_figure', 'FONT']

FONT = 'Helvetica, Arial, sans-serif'


def _hex(rgb):
    return '#%02x%02x%02x' % tuple(int(c) for c in rgb[:3])


def _esc(text):
    return (u'%s' % (text,)).replace('&', '&amp;').replace('<', '&lt;').replace(
        '>', '&gt;').replace('"', '&quot;')


class Svg(object):
    """Shapes in world coordinates; :meth:`save` fits them into ``width`` pixels."""

    def __init__(self, width=900, margin=24, background=(255, 255, 255)):
        self.width = float(width)
        self.margin = float(margin)
        self.background = background
        self.items = []          # (kind, data) in drawing order

    # -- shapes (world coordinates; sizes of strokes and text in pixels) --
    def polygon(self, points, fill, stroke=None, stroke_px=0.0):
        self.items.append(('polygon', (list(points), fill, stroke, stroke_px)))

    def polyline(self, points, stroke, stroke_px=1.5, closed=False, fill=None):
        self.items.append(('polyline', (list(points), stroke, stroke_px, closed, fill)))

    def line(self, a, b, stroke, stroke_px=1.0):
        self.items.append(('line', (a, b, stroke, stroke_px)))

    def circle(self, center, radius, fill, stroke=(60, 60, 60), stroke_px=1.0):
        self.items.append(('circle', (center, float(radius), fill, stroke, stroke_px)))

    def rect(self, x0, y0, x1, y1, fill, stroke=(60, 60, 60), stroke_px=1.0, round_px=0.0):
        self.items.append(('rect', ((x0, y0), (x1, y1), fill, stroke, stroke_px, round_px)))

    def path(self, d_points, stroke, stroke_px=1.5, dash=False):
        """A cubic Bezier: (p0, c1, c2, p1) in world coordinates."""
        self.items.append(('bezier', (list(d_points), stroke, stroke_px, dash)))

    def text(self, position, text, size_px=12, color=TEXT, anchor='middle', bold=False):
        self.items.append(('text', (position, u'%s' % (text,), float(size_px), color, anchor,
                                    bold)))

    # -- output --
    def _bounds(self, scale=None):
        xs, ys = [], []
        for kind, data in self.items:
            if kind in ('polygon', 'polyline', 'bezier'):
                for p in data[0]:
                    xs.append(p[0])
                    ys.append(p[1])
            elif kind == 'line':
                for p in data[:2]:
                    xs.append(p[0])
                    ys.append(p[1])
            elif kind == 'circle':
                (x, y), r = data[0][:2], data[1]
                xs += [x - r, x + r]
                ys += [y - r, y + r]
            elif kind == 'rect':
                xs += [data[0][0], data[1][0]]
                ys += [data[0][1], data[1][1]]
            elif kind == 'text' and scale:
                pos, text, size, _, anchor, _ = data
                x, y = pos[0], pos[1]
                lines = text.split('\n')
                w = 0.58 * size * max(len(s) for s in lines) / scale
                h = 1.2 * size * len(lines) / scale
                left = {'start': x, 'middle': x - w / 2.0, 'end': x - w}[anchor]
                xs += [left, left + w]
                ys += [y - h / 2.0, y + h / 2.0]
        if not xs:
            raise BPError('nothing to draw: the picture is empty')
        return min(xs), min(ys), max(xs), max(ys)

    def to_text(self):
        """The SVG document as text."""
        x0, y0, x1, y1 = self._bounds()
        inner = self.width - 2 * self.margin
        scale = inner / max(x1 - x0, 1e-9)
        for _ in range(3):          # text extents depend on the scale: settle it
            x0, y0, x1, y1 = self._bounds(scale)
            scale = inner / max(x1 - x0, 1e-9)
        height = int(round((y1 - y0) * scale + 2 * self.margin))
        m = self.margin

        def X(x):
            return m + (x - x0) * scale

        def Y(y):
            return m + (y1 - y) * scale

        def pts(points):
            return ' '.join('%.2f,%.2f' % (X(p[0]), Y(p[1])) for p in points)

        out = [u'<?xml version="1.0" encoding="UTF-8"?>',
               u'<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
               u'viewBox="0 0 %d %d" font-family="%s">'
               % (self.width, height, self.width, height, FONT),
               u'<rect x="0" y="0" width="100%%" height="100%%" fill="%s"/>'
               % _hex(self.background)]
        for kind, data in self.items:
            if kind == 'polygon':
                points, fill, stroke, spx = data
                s = ' stroke="%s" stroke-width="%.2f"' % (_hex(stroke), spx) if stroke else \
                    ' stroke="%s" stroke-width="0.6"' % _hex(fill)    # hide hairline seams
                out.append('<polygon points="%s" fill="%s"%s/>' % (pts(points), _hex(fill), s))
            elif kind == 'polyline':
                points, stroke, spx, closed, fill = data
                tag = 'polygon' if closed else 'polyline'
                out.append('<%s points="%s" fill="%s" stroke="%s" stroke-width="%.2f" '
                           'stroke-linejoin="round"/>'
                           % (tag, pts(points), _hex(fill) if fill else 'none', _hex(stroke),
                              spx))
            elif kind == 'line':
                a, b, stroke, spx = data
                out.append('<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke="%s" '
                           'stroke-width="%.2f" stroke-linecap="round"/>'
                           % (X(a[0]), Y(a[1]), X(b[0]), Y(b[1]), _hex(stroke), spx))
            elif kind == 'circle':
                c, r, fill, stroke, spx = data
                out.append('<circle cx="%.2f" cy="%.2f" r="%.2f" fill="%s" stroke="%s" '
                           'stroke-width="%.2f"/>' % (X(c[0]), Y(c[1]), r * scale, _hex(fill),
                                                      _hex(stroke), spx))
            elif kind == 'rect':
                a, b, fill, stroke, spx, rpx = data
                out.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" rx="%.1f" '
                           'fill="%s" stroke="%s" stroke-width="%.2f"/>'
                           % (X(min(a[0], b[0])), Y(max(a[1], b[1])),
                              abs(b[0] - a[0]) * scale, abs(b[1] - a[1]) * scale, rpx,
                              _hex(fill), _hex(stroke), spx))
            elif kind == 'bezier':
                (p0, c1, c2, p1), stroke, spx, dash = data
                out.append('<path d="M %.2f %.2f C %.2f %.2f, %.2f %.2f, %.2f %.2f" fill="none" '
                           'stroke="%s" stroke-width="%.2f"%s/>'
                           % (X(p0[0]), Y(p0[1]), X(c1[0]), Y(c1[1]), X(c2[0]), Y(c2[1]),
                              X(p1[0]), Y(p1[1]), _hex(stroke), spx,
                              ' stroke-dasharray="6,4"' if dash else ''))
            elif kind == 'text':
                pos, text, size, color, anchor, bold = data
                x, y = pos[0], pos[1]
                lines = text.split('\n')
                top = Y(y) - 0.6 * size * (len(lines) - 1) + 0.35 * size
                weight = ' font-weight="bold"' if bold else ''
                spans = u''.join(u'<tspan x="%.2f" y="%.2f">%s</tspan>'
                                 % (X(x), top + 1.2 * size * i, _esc(s))
                                 for i, s in enumerate(lines))
                out.append(u'<text font-size="%.1f" fill="%s" text-anchor="%s"%s>%s</text>'
                           % (size, _hex(color), anchor, weight, spans))
        out.append(u'</svg>')
        return u'\n'.join(out) + u'\n'

    def save(self, path):
        """Write the SVG file; returns ``path``."""
        text = self.to_text()
        with io.open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        return path


def add_drawing(svg, d, line_px=(0.4, 4.0), text_px=13, curve_px=2.2):
    """Every item of a :class:`bpcore.drawing.Drawing` (meshes, lines, circles, polylines,
    labels) onto ``svg``; weight widths map 0..1 to ``line_px``."""
    for m in d.meshes:
        verts, colors = m['vertices'], m['colors']
        for face in m['faces']:
            c = [sum(colors[i][k] for i in face) / float(len(face)) for k in range(3)]
            svg.polygon([verts[i] for i in face], c)
    for l in d.lines:
        w = l.get('width', 1.0) or 0.0
        px = line_px[0] + (line_px[1] - line_px[0]) * min(1.0, w) if 'layer' in l else 1.2
        svg.line(l['start'], l['end'], l['color'], px)
    for c in d.circles:
        svg.circle(c['center'], c['radius'], c['color'])
    for p in d.polylines:
        svg.polyline(p['points'], p['color'], curve_px)
    for t in d.labels:
        if t.get('justify'):
            x, y = t['position'][0] + t['edge'], t['position'][1]
            svg.text((x, y), t['text'], text_px, t['color'], t['justify'])
        else:
            svg.text(t['position'], t['text'], text_px, t['color'])
    return svg


# -- the pictures of a model ------------------------------------------------------------------
def network_figure(net, activations_row=None, title=None, subtitle=None, width=760):
    """Neurons and weights of ``net`` (fills: ``activations_row`` when given) as an Svg."""
    d = network_drawing(net, spacing=(4.0, 1.5), radius=0.45, activations_row=activations_row)
    svg = add_drawing(Svg(width), d)
    top = max(c['center'][1] + c['radius'] for c in d.circles)
    mid = 2.0 * (len(net.sizes) - 1)
    svg.text((mid, top + 1.45), title or 'network %s' % '-'.join(str(s) for s in net.sizes),
             14, bold=True)
    svg.text((mid, top + 0.7), subtitle or 'blue lines: positive weights, red: negative; '
                                            'width ~ |w|', 12, AXIS)
    return svg


def history_series(d):
    """``[(name, colour)]`` of the curves of a history plot, in drawing order."""
    series = []
    for p in d.polylines:
        if (p['name'], p['color']) not in series:
            series.append((p['name'], p['color']))
    return series


def history_figure(history, title=None, width=760):
    """Loss (left axis) and accuracy (right axis) per epoch with a legend row, as an Svg."""
    d = history_plot(history, rect=(0.0, 0.0, 10.0, 5.0))
    series = history_series(d)
    names = set(n for n, _ in series)
    d.labels = [t for t in d.labels if t['text'] not in names]   # a legend instead
    svg = add_drawing(Svg(width), d)
    for i, (name, color) in enumerate(series):
        x = 0.6 + 2.4 * i
        svg.line((x, 5.45), (x + 0.5, 5.45), color, 3.0)
        svg.text((x + 0.65, 5.45), name, 12, TEXT, 'start')
    svg.text((0.0, 5.15), 'loss', 12, AXIS)
    if any('loss' not in n for n in names):
        svg.text((10.0, 5.15), 'accuracy', 12, AXIS)
    svg.text((5.0, 6.1), title or 'loss and accuracy per epoch', 14, bold=True)
    svg.text((5.0, -0.75), 'epoch', 12, AXIS)
    return svg


def surface_figure(net, domain=None, cells=40, samples=None, title=None, subtitle=None,
                   width=640):
    """The decision surface of a 2-input network over ``domain`` (raw units; default
    :func:`bpcore.drawing.surface_domain`), with ``samples`` = ``[(x, y, class)]`` as circles."""
    domain = domain or surface_domain(net)
    d = network_surface(net, domain, (cells, cells))
    (ax, bx), (ay, by) = [(float(a), float(b)) for a, b in domain]
    svg = add_drawing(Svg(width), d, text_px=14)
    r = 0.03 * max(bx - ax, by - ay)
    for x, y, k in samples or []:
        svg.circle((x, y), r, class_color(int(k)), (0, 0, 0), 2.0)
    cx = (ax + bx) / 2.0
    svg.text((cx, by + (by - ay) * 17 / 150.0), title or 'decision surface of a %s network'
             % '-'.join(str(s) for s in net.sizes), 14, bold=True)
    svg.text((cx, ay - 0.08 * (by - ay)), subtitle or 'x1 from %.3g to %.3g, x2 from %.3g to '
             '%.3g' % (ax, bx, ay, by), 12, AXIS)
    return svg


# -- PNG -------------------------------------------------------------------------------------
def _rsvg_convert():
    for folder in os.environ.get('PATH', '').split(os.pathsep):
        candidate = os.path.join(folder, 'rsvg-convert')
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def to_png(svg_path, png_path=None, scale=1.0):
    """Convert an SVG file to PNG (white background); returns the PNG's path.

    Uses ``cairosvg`` when it imports (``pip install bpcore[png]``; it needs the cairo
    library), else the ``rsvg-convert`` program; raises a BPError naming both otherwise.
    """
    png_path = png_path or os.path.splitext(svg_path)[0] + '.png'
    problem = None
    try:
        import cairosvg
    except ImportError:
        problem = 'cairosvg is not installed'
    except OSError as exc:                # the package is there but the cairo library is not
        problem = 'cairosvg cannot load the cairo library (%s)' % exc
    else:
        cairosvg.svg2png(url=svg_path, write_to=png_path, background_color='white',
                         scale=scale)
        return png_path
    exe = _rsvg_convert()
    if exe is None:
        raise BPError('cannot write PNG: %s and rsvg-convert is not on PATH; pip install '
                      'bpcore[png] (cairosvg), or write .svg' % problem)
    subprocess.check_call([exe, '-b', 'white', '-z', '%g' % scale, '-o', png_path, svg_path])
    return png_path


def save_picture(svg, path):
    """Save an :class:`Svg` as ``path``: ``.svg`` as it is, ``.png`` through :func:`to_png`."""
    ext = os.path.splitext(path)[1].lower()
    if ext == '.svg':
        return svg.save(path)
    if ext != '.png':
        raise BPError("cannot write '%s': use .svg or .png" % path)
    tmp = path + '.svg.tmp'
    svg.save(tmp)
    try:
        return to_png(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
