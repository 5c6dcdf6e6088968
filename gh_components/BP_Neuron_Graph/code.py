"""Draws one neuron o = act(x1*w1 + x2*w2 + b) as a computation graph with its gradients.

    Every value is a box with its label, data and grad (d o / d value after backpropagation);
    every operation (*, +, tanh...) a circle between its inputs and its result; arrows show
    the forward pass. The defaults are the classic tanh neuron: o = 0.7071, x1.grad = -1.5,
    w1.grad = 1.0, x2.grad = 0.5, w2.grad = 0.

    Args:
        x1: (item, float) Optional. Input 1 (default 2).
        x2: (item, float) Optional. Input 2 (default 0).
        w1: (item, float) Optional. Weight of x1 (default -3).
        w2: (item, float) Optional. Weight of x2 (default 1).
        b: (item, float) Optional. Bias (default 6.8813735870195432).
        activation: (item, str) Optional. tanh (default), sigmoid, relu, leaky_relu or linear.
            A Value List is added on the canvas when it is empty.
        plane: (item, plane) Optional. Where to draw (default world XY); inputs on the left.
    Returns:
        out: The neuron's output o.
        grads: d o / d x1, x2, w1, w2, b (in this order).
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

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import autograd_graph
from bpcore import drawing
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import valuelists

NOTHING = (None,) * 10
LEAVES = ('x1', 'x2', 'w1', 'w2', 'b')


class BPNeuronGraph(component):
    def RunScript(self, x1, x2, w1, w2, b, activation, plane):
        ghc.set_message(ghenv, 'Neuron')
        valuelists.offer(ghenv, {'activation': ['tanh', 'sigmoid', 'relu', 'leaky_relu',
                                                'linear']})
        try:
            act = 'tanh' if ghc.is_missing(activation) else str(activation).strip().lower()
            o, graph = autograd_graph.neuron_graph(
                ghc.to_float(x1, 'x1', default=2.0), ghc.to_float(x2, 'x2', default=0.0),
                ghc.to_float(w1, 'w1', default=-3.0), ghc.to_float(w2, 'w2', default=1.0),
                ghc.to_float(b, 'b', default=6.8813735870195432), act, dx=6.0, dy=2.5)
            grad = dict((label, g) for label, _, g in graph['leaves'])
            d = drawing.to_frame(drawing.graph_drawing(graph), *draw.plane_frame(plane))
            g = draw.graph_geometry(d, len(graph['nodes']))
            ghc.set_message(ghenv, 'Neuron %s' % act)
            return (o.data, [grad[k] for k in LEAVES], g['shapes'], g['colors'], g['edges'],
                    g['arrows'], g['dots'], g['points'], g['texts'], autograd_graph.to_dot(o))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
