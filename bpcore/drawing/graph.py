"""The computation graph: value boxes, operation circles and arrows of an autograd graph.

:func:`graph_drawing` draws a layout of :mod:`bpcore.autograd_graph` (``layout``,
``neuron_graph``, ``expression_graph``); the node colours tell inputs (LEAF), computed values
(INNER), the result (OUTPUT) and operations (OP) apart.
"""
from __future__ import absolute_import, division, print_function

from bpcore.drawing.base import AXIS, TEXT, Drawing
from bpcore.errors import BPError

__all__ = ['LEAF', 'INNER', 'OUTPUT', 'OP', 'graph_drawing']

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


def _value_color(k, nd, consumed):
    """OUTPUT for a value nothing consumes, INNER for a computed one, LEAF for an input."""
    if k not in consumed:
        return OUTPUT
    if nd.get('op'):
        return INNER
    return LEAF


def _add_nodes(d, nodes, edges, hw, hh, r):
    """Add one circle per op node, one closed box polyline per value node, and one label per
    node at its centre (its ``lines`` joined by newlines, ``fill`` = the node's colour)."""
    consumed = set(a for a, _ in edges)
    for k, nd in enumerate(nodes):
        x, y = float(nd['x']), float(nd['y'])
        if nd['kind'] == 'op':
            d.circles.append({'center': (x, y, 0.0), 'radius': r, 'color': OP, 'value': None,
                              'column': nd.get('column'), 'index': k, 'node': k,
                              'kind': 'op'})
            color = OP
        else:
            color = _value_color(k, nd, consumed)
            pts = [(x - hw, y - hh, 0.0), (x + hw, y - hh, 0.0), (x + hw, y + hh, 0.0),
                   (x - hw, y + hh, 0.0), (x - hw, y - hh, 0.0)]
            d.polylines.append({'points': pts, 'color': color, 'name': 'node', 'node': k,
                                'kind': 'value'})
        d.labels.append({'text': '\n'.join(nd['lines']), 'position': (x, y, 0.0),
                         'color': TEXT, 'node': k, 'kind': nd['kind'], 'fill': color})


def _add_edge(d, e, a, b, nodes, hw, hh, r, a_len):
    """Add edge ``e`` from node ``a`` to node ``b``: a line border to border and a closed
    arrowhead triangle of length ``a_len`` at its end."""
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
    d = Drawing()
    _add_nodes(d, nodes, edges, hw, hh, r)
    for e, (a, b) in enumerate(edges):
        _add_edge(d, e, a, b, nodes, hw, hh, r, a_len)
    return d
