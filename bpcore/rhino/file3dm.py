"""Drawings to a Rhino ``.3dm`` file, outside Rhino, with ``rhino3dm``.

:func:`write_3dm` puts each :class:`bpcore.drawing.Drawing` on its own layer tree: a parent
layer named after the picture (``network``, ``history``, ``surface``) with one sub-layer per
kind of item that is present::

    surface              surface::mesh (meshes, vertex colours)  surface::labels (text dots)
    history              history::lines  history::curves (polylines)  history::labels
    network              network::weights (lines)  network::neurons (circles)  ...::labels

Every object carries its drawing colour as its object colour (``ColorFromObject``) and, for
a weight line, a print width from ``width`` and a name ``w[l][i][k] = value``. The geometry
comes from :mod:`bpcore.rhino.draw` with ``rhino3dm`` as the geometry module, the same
functions that make the Grasshopper components' geometry.

Needs ``rhino3dm`` (``pip install bpcore[rhino3dm]``); CPython only.
"""
from __future__ import absolute_import, division, print_function

import os

from bpcore.errors import BPError
from bpcore.rhino import draw

__all__ = ['write_3dm', 'SUBLAYERS']

# drawing list -> sub-layer name (a network's lines are its weights, its circles neurons)
SUBLAYERS = (('meshes', 'mesh'), ('lines', 'lines'), ('circles', 'circles'),
             ('polylines', 'curves'), ('labels', 'labels'))
NETWORK_SUBLAYERS = {'lines': 'weights', 'circles': 'neurons'}
_LAYER_COLORS = {'mesh': (127, 127, 127), 'lines': (90, 90, 90), 'circles': (60, 60, 60),
                 'curves': (31, 119, 180), 'labels': (40, 40, 40)}


def _rhino3dm():
    from bpcore.interop import require
    return require('rhino3dm', 'rhino3dm')


def _rgba(rgb):
    return (int(rgb[0]), int(rgb[1]), int(rgb[2]), 255)


def _layer(r, model, name, color, parent=None):
    layer = r.Layer()
    layer.Name = name
    layer.Color = _rgba(color)
    if parent is not None:
        layer.ParentLayerId = parent
    index = model.Layers.Add(layer)
    return index, model.Layers[index].Id


def _attributes(r, layer_index, color, name=None):
    a = r.ObjectAttributes()
    a.LayerIndex = layer_index
    a.ObjectColor = _rgba(color)
    a.ColorSource = r.ObjectColorSource.ColorFromObject
    if name:
        a.Name = name
    return a


def _add_items(r, model, kind, items, layer_index):
    """Add the items of one drawing list to ``model``; returns how many were added."""
    for item in items:
        color = item.get('color', (0, 0, 0))
        if kind == 'circles':
            a = _attributes(r, layer_index, color, None if item.get('value') is None
                            else 'activation %.6g' % item['value'])
            model.Objects.AddCircle(draw.circle(item['center'], item['radius'], r,
                                                item.get('axes')), a)
        elif kind == 'lines':
            name = None
            if 'layer' in item and item.get('value') is not None:
                name = 'w[%d][%d][%d] = %.6g' % (item['layer'], item['i'], item['k'],
                                                 item['value'])
            a = _attributes(r, layer_index, color, name)
            if item.get('width') is not None:
                a.PlotWeight = 0.1 + 0.5 * float(item['width'])
                a.PlotWeightSource = r.ObjectPlotWeightSource.PlotWeightFromObject
            model.Objects.AddLine(draw.point(item['start'], r), draw.point(item['end'], r), a)
        elif kind == 'polylines':
            a = _attributes(r, layer_index, color, item.get('name'))
            model.Objects.AddCurve(draw.polyline(item['points'], r), a)
        elif kind == 'labels':
            a = _attributes(r, layer_index, color, item['text'])
            model.Objects.AddTextDot(item['text'], draw.point(item['position'], r), a)
        else:
            colors = item.get('colors')
            a = _attributes(r, layer_index, colors[0] if colors else (127, 127, 127))
            model.Objects.AddMesh(draw.mesh(item['vertices'], item['faces'], colors, r), a)
    return len(items)


def write_3dm(drawings, path, version=7):
    """Write ``[(name, Drawing), ...]`` (or one ``(name, Drawing)``) to a ``.3dm`` file.

    Returns ``{'layer::sublayer': number of objects}``. Raises BPError when rhino3dm is
    missing, a drawing is empty or the file cannot be written.
    """
    r = _rhino3dm()
    if isinstance(drawings, tuple):
        drawings = [drawings]
    model = r.File3dm()
    model.Settings.ModelUnitSystem = r.UnitSystem.Millimeters
    counts = {}
    for name, d in drawings:
        if not len(d):
            raise BPError("drawing '%s' is empty: nothing to write" % name)
        _, parent = _layer(r, model, name, (0, 0, 0))
        for kind, sub in SUBLAYERS:
            items = getattr(d, kind)
            if items:
                color = _LAYER_COLORS[sub]
                if name == 'network':
                    sub = NETWORK_SUBLAYERS.get(kind, sub)
                index, _ = _layer(r, model, sub, color, parent)
                counts['%s::%s' % (name, sub)] = _add_items(r, model, kind, items, index)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise BPError('cannot write %s: the folder %s does not exist' % (path, folder))
    if not model.Write(path, version):
        raise BPError('rhino3dm could not write %s' % path)
    return counts
