"""Evaluates an expression of named values and draws its computation graph with gradients.

    The expression language is small and safe: numbers, names, + - * / ** ( ) and the
    functions tanh, exp, log, relu, sigmoid, e.g. tanh(x1*w1 + x2*w2 + b). Nothing else is
    accepted (no attributes, calls, strings or imports); a mistake gives a red message naming
    its position (counted from 0). After evaluating, backpropagation fills every node's grad
    (d output / d node).

    Args:
        expression: (item, str) The expression, e.g. tanh(x1*w1 + x2*w2 + b).
        names: (list, str) Optional. Variable names (one per item, or one text "x1, w1").
        values: (list, float) Optional. One value per name, in the same order.
        plane: (item, plane) Optional. Where to draw (default world XY); inputs on the left.
    Returns:
        out: The expression's value.
        grads: d out / d variable for each of names (0 for a name the expression does not
            use).
        shapes: One outline per node: a box per value, a circle per operation.
        colors: Colour per node: inputs blue, computed values grey, the output green,
            operations orange.
        edges: One line per arrow of the graph (input -> operation -> result).
        arrows: One arrowhead per edge.
        dots: One text dot per node: label, data and grad of a value, or the operation.
        points: Node centres.
        text: The text of each node.
        dot: The graph as Graphviz DOT text (paste into any Graphviz viewer).
"""
from __future__ import absolute_import, division, print_function

import re

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import autograd_graph
from bpcore import drawing
from bpcore.errors import BPError, quote
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import trees

NOTHING = (None,) * 10
_SEPARATORS = re.compile(r'[,;\s]+')


def read_variables(names, values):
    """(list of names, dict name -> value) from the two list inputs."""
    items = [str(v).strip() for v in trees.to_flat(names) if not ghc.is_missing(v)]
    if len(items) == 1:
        items = [s for s in _SEPARATORS.split(items[0]) if s]
    nums = [ghc.to_float(v, 'values') for v in trees.to_flat(values)]
    if len(items) != len(nums):
        raise BPError('%d names but %d values: give one value per name'
                      % (len(items), len(nums)))
    seen = set()
    for n in items:
        if n in seen:
            raise BPError('the name %s is given twice' % quote(n))
        seen.add(n)
    return items, dict(zip(items, nums))


class BPValueGraph(component):
    def RunScript(self, expression, names, values, plane):
        ghc.set_message(ghenv, 'Value')
        if ghc.missing_inputs(ghenv, ('expression', expression)):
            return NOTHING
        try:
            order, variables = read_variables(names, values)
            root, graph = autograd_graph.expression_graph(str(expression), variables,
                                                          dx=6.0, dy=2.5)
            grad = dict((label, g) for label, _, g in graph['leaves'] if label in variables)
            d = drawing.to_frame(drawing.graph_drawing(graph), *draw.plane_frame(plane))
            g = draw.graph_geometry(d, len(graph['nodes']))
            return (root.data, [grad.get(n, 0.0) for n in order], g['shapes'], g['colors'],
                    g['edges'], g['arrows'], g['dots'], g['points'], g['texts'],
                    autograd_graph.to_dot(root))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
