"""Draws a network: one circle per neuron, one line per weight, layer labels.

    Weight lines are blue for positive and red for negative weights; widths grow with |w|
    (the largest weight gets width 1). Give one sample X to fill every neuron with its
    activation for that sample (dark blue = lowest, white = middle, dark red = highest over
    all shown values; the input column shows the scaled inputs the network sees).
    Feed circles + fills, or lines + colors, to a Custom Preview; set line thickness from
    widths (e.g. a Curve display with widths * 5).

    Args:
        net: (item, ghdoc) The network (BP Initialize, BP Train, BP Update or BP Load).
        plane: (item, plane) Optional. Where to draw (default world XY): columns go along
            its x axis, neuron 0 of each column on top (+y).
        spacing: (list, float) Optional. Distance between columns and between neurons
            (default 4 and 1.5; one number sets both).
        radius: (item, float) Optional. Neuron radius (default 0.4).
        X: (tree, float) Optional. One raw sample (a flat list, or the first branch of a
            tree is used) to show activations as fills.
    Returns:
        circles: One circle per neuron, column by column (inputs first), neuron 0 first.
        discs: One filled disc mesh per neuron, coloured like fills (shows in the preview).
        fills: Colour per neuron: its activation for X, grey without X.
        lines: One line per weight, layer by layer, neuron by neuron (W[l][i][k] runs from
            neuron k of column l to neuron i of column l + 1).
        colors: Colour per line: blue for a positive weight, red for a negative one.
        widths: Width per line, |w| / max |w| (0 for a zero weight).
        weights: The weight of each line.
        labels: Text dots: a label under each column, feature and class names.
        label_pts: The label positions.
        label_text: The label texts.
        values: Activations for X, branch {c} per column (inputs first); empty without X.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import drawing
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import trees

NOTHING = (None,) * 11


def read_spacing(values):
    items = [ghc.to_float(v, 'spacing') for v in trees.to_flat(values)]
    if not items:
        return 4.0, 1.5
    if len(items) > 2:
        raise BPError('input spacing needs 1 or 2 numbers, got %d' % len(items))
    sx, sy = items[0], items[-1]
    if not (sx > 0 and sy > 0):
        raise BPError('input spacing must be > 0, got %r' % (items,))
    return sx, sy


class BPDrawNetwork(component):
    def RunScript(self, net, plane, spacing, radius, X):
        ghc.set_message(ghenv, 'Draw')
        if ghc.missing_inputs(ghenv, ('net', net)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            sx, sy = read_spacing(spacing)
            r = ghc.to_float(radius, 'radius', default=0.4)
            if r <= 0:
                raise BPError('input radius must be > 0, got %r' % r)
            row = None
            values = None
            if not ghc.is_missing(X):
                rows = trees.to_matrix(X, 'X', net.n_inputs)
                if len(rows) > 1:
                    ghc.remark(ghenv, 'X has %d samples: showing sample 0' % len(rows))
                x = rows[:1]
                if net.scaler is not None:
                    x = net.scaler.transform(x)
                row = drawing.activations_of(net.forward(x), 0)
                values = trees.rows_to_tree(row)
            d = drawing.network_drawing(net, (0.0, 0.0, 0.0), (sx, sy), r,
                                        activations_row=row)
            d = drawing.to_frame(d, *draw.plane_frame(plane))
            g = draw.drawing_geometry(d)
            discs = [draw.mesh(m['vertices'], m['faces'], m['colors'])
                     for m in [drawing.disc_mesh(c['center'], c['radius'], c['color'],
                                                 axes=c.get('axes')) for c in d.circles]]
            return (g['circles'], discs, g['circle_colors'], g['lines'], g['line_colors'],
                    g['line_widths'], [l['value'] for l in d.lines], g['labels'],
                    g['label_points'], g['label_texts'], values)
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
