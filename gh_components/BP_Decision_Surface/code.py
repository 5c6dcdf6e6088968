"""Colours a grid over two inputs by the network's answer: its decision surface (a slice).

    Classifier (class names, or a sigmoid/softmax output): each vertex gets the colour of
    the predicted class (argmax; one sigmoid output: class 1 when >= 0.5). Regression (any
    other output): the colour follows the output value and the vertex height is
    z = height * f(x, y), a surface over the domain. The grid is in raw input units (the
    network's scaler is applied, as in BP Predict).

    A network with more inputs is sliced: the two inputs of axes vary over the grid, the
    others are held at the fixed values (default: the middle of their fitted range). The
    whole grid is predicted in one batch (the fastest path the network offers).

    Args:
        net: (item, ghdoc) A network with 2 inputs or more.
        x_domain: (item, interval) Optional. Range of the x input (default: its range in the
            network's MinMaxScaler, else 0 to 1).
        y_domain: (item, interval) Optional. Range of the y input (default as x_domain).
        resolution: (list, int) Optional. Cells along x and y (default 20; one number for
            both): the mesh has (nx + 1) * (ny + 1) vertices.
        mode: (item, str) Optional. auto (default: 'class' for a classifier, else 'value'),
            'class' or 'value'. A Value List is added on the canvas when it is empty.
        height: (item, float) Optional. Vertex height factor (default 0 for classes, 1 for
            values).
        output: (item, int) Optional. The output shown by value (and height) (default 0).
        axes: (list, int) Optional. The two network inputs along x and y (default 0, 1).
        fixed: (list, float) Optional. Raw values of the other inputs, in input order (one
            value: all of them; default: the middle of each input's fitted range).
    Returns:
        mesh: The grid mesh with vertex colours (shows in the preview as it is).
        values: Output value per vertex (row by row, x fastest).
        classes: Predicted class per vertex (empty in value mode).
        legend: Legend texts: class names, or five values from highest to lowest.
        legend_pts: Legend positions (right of the domain).
        legend_colors: The colour each legend text explains.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import drawing
from bpcore.errors import BPError, quote
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import trees
from bpcore.rhino import valuelists

NOTHING = (None,) * 6


def interval(value, name):
    """(t0, t1) of an Interval input (or two numbers); None when not connected."""
    if ghc.is_missing(value):
        return None
    if hasattr(value, 'T0') and hasattr(value, 'T1'):
        a, b = float(value.T0), float(value.T1)
    else:
        items = trees.to_flat(value)
        if len(items) != 2:
            raise BPError('input %s must be an interval, got %s' % (quote(name), quote(value)))
        a, b = ghc.to_float(items[0], name), ghc.to_float(items[1], name)
    if a == b:
        raise BPError('input %s is empty: %r to %r' % (quote(name), a, b))
    return (min(a, b), max(a, b))


def read_resolution(values):
    items = [ghc.to_int(v, 'resolution', minimum=1) for v in trees.to_flat(values)]
    if not items:
        return 20, 20
    if len(items) > 2:
        raise BPError('input resolution needs 1 or 2 numbers, got %d' % len(items))
    return items[0], items[-1]


class BPDecisionSurface(component):
    def RunScript(self, net, x_domain, y_domain, resolution, mode, height, output, axes, fixed):
        ghc.set_message(ghenv, 'Surface')
        valuelists.offer(ghenv, {'mode': ['auto', 'class', 'value']})
        if ghc.missing_inputs(ghenv, ('net', net)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            dx = interval(x_domain, 'x_domain')
            dy = interval(y_domain, 'y_domain')
            on = [ghc.to_int(v, 'axes', minimum=0) for v in trees.to_flat(axes)] or [0, 1]
            if len(on) != 2:
                raise BPError('input %s needs 2 input indices (x and y), got %d'
                              % (quote('axes'), len(on)))
            held = [ghc.to_float(v, 'fixed') for v in trees.to_flat(fixed)]
            domain = None
            if dx is not None or dy is not None:
                default = drawing.surface_domain(net, on)
                domain = (dx or default[0], dy or default[1])
            mode = ghc.choice(mode, 'mode', ('auto', 'class', 'value'), 'auto')
            mode = None if mode == 'auto' else mode
            d = drawing.network_surface(
                net, domain, read_resolution(resolution), mode=mode,
                z_scale=ghc.to_float(height, 'height'),
                output=ghc.to_int(output, 'output', default=0, minimum=0), axes=on,
                fixed=held or None)
            g = draw.drawing_geometry(d)
            m = d.meshes[0]
            ghc.set_message(ghenv, 'Surface %s' % ('class' if m['classes'] is not None
                                                   else 'value'))
            return (g['meshes'][0], list(m['values']), list(m['classes'] or []),
                    g['label_texts'], g['label_points'], g['label_colors'])
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
