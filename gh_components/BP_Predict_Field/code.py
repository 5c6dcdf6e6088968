"""Colours points or a mesh by the network's answer: a field over space.

    Each point (or mesh vertex) is one sample: its x, y (and z) feed the network inputs of
    axes (default the first inputs: x, y, z as far as the network has inputs); the other
    inputs are held at the fixed values. Give raw input units (the network's scaler is
    applied, as in BP Predict). A classifier colours by the predicted class, any other
    network by the output value (blue low, red high). All points are predicted in one batch.

    Args:
        net: (item, ghdoc) A trained network.
        geometry: (tree, none) Points, or meshes (their vertices are the samples).
        axes: (list, int) Optional. The network inputs that x, y, z feed (default 0, 1, 2,
            as many as the network has up to 3).
        fixed: (list, float) Optional. Raw values of the other inputs, in input order (one
            value: all of them; default: the middle of each input's fitted range).
        mode: (item, str) Optional. auto (default: class for a classifier, else value), class
            or value. A Value List is added on the canvas when it is empty.
        output: (item, int) Optional. The output whose value colours (default 0).
    Returns:
        values: Output value per point (vertex), on the paths of geometry.
        colors: Colour per point (vertex), on the paths of geometry.
        classes: Predicted class per point (empty in value mode), on the paths of geometry.
        mesh: Each input mesh with vertex colours (empty for points).
        legend: Legend texts: class names, or five values from highest to lowest.
        legend_colors: The colour each legend text explains.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import drawing
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import trees
from bpcore.rhino import valuelists

NOTHING = (None,) * 6


def read_geometry(value):
    """``[(path, [(x, y, z)], mesh or None)]``: the points of each branch, or each mesh's
    vertices (a mesh is its own group, on its branch's path)."""
    groups = []
    for path, items in trees.tree_branches(value) if trees.is_tree(value) else \
            [((0,), trees.to_flat(value))]:
        points = []
        for item in items:
            if hasattr(item, 'Vertices') and hasattr(item, 'Faces'):
                if points:
                    groups.append((path, points, None))
                    points = []
                groups.append((path, draw.mesh_parts(item)[0], item))
                continue
            c = trees.coordinates(item)
            if c is None:
                raise BPError('geometry branch %s holds %s, not a point or a mesh'
                              % ('{%s}' % ';'.join(str(i) for i in path),
                                 type(item).__name__))
            points.append(c)
        if points or not items:
            groups.append((path, points, None))
    return groups


class BPPredictField(component):
    def RunScript(self, net, geometry, axes, fixed, mode, output):
        ghc.set_message(ghenv, 'Field')
        valuelists.offer(ghenv, {'mode': ['auto', 'class', 'value']})
        if ghc.missing_inputs(ghenv, ('net', net), ('geometry', geometry)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            groups = read_geometry(geometry)
            coords = [c for _, pts, _ in groups for c in pts]
            on = [ghc.to_int(v, 'axes', minimum=0) for v in trees.to_flat(axes)]
            held = [ghc.to_float(v, 'fixed') for v in trees.to_flat(fixed)]
            mode = ghc.choice(mode, 'mode', ('auto', 'class', 'value'), 'auto')
            f = drawing.network_field(
                net, coords, on or None, held or None, None if mode == 'auto' else mode,
                ghc.to_int(output, 'output', default=0, minimum=0))
            values, colors, classes, meshes = [], [], [], []
            i = 0
            for path, pts, mesh in groups:
                part = slice(i, i + len(pts))
                i += len(pts)
                values.append((path, f['values'][part]))
                colors.append((path, [draw.make_color(c) for c in f['colors'][part]]))
                if f['classes'] is not None:
                    classes.append((path, f['classes'][part]))
                if mesh is not None:
                    _, faces = draw.mesh_parts(mesh)
                    meshes.append(draw.mesh(pts, faces, f['colors'][part]))
            ghc.set_message(ghenv, '%d points, %s' % (len(coords), f['mode']))
            return (trees.branches_to_tree(values), trees.branches_to_tree(colors),
                    trees.branches_to_tree(classes), meshes,
                    [t for t, _ in f['legend']], [draw.make_color(c) for _, c in f['legend']])
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
