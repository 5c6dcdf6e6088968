"""bpcore.autograd_graph: trace, DOT text, layout, neuron_graph, expression_graph (2.7 and 3.x)."""
from __future__ import absolute_import, division, print_function

import math
import re

import pytest

from bpcore.autograd import Value
from bpcore.autograd_graph import expression_graph, layout, neuron_graph, to_dot, trace
from bpcore.errors import BPError
from bpcore.expr import ExprError


def parse_dot(text):
    """A small DOT reader for what to_dot writes: -> (graph name, node attrs dict, edges)."""
    text = text.strip()
    m = re.match(r'^digraph\s+(\w+)\s*\{(.*)\}$', text, re.S)
    assert m, 'not a digraph'
    body = m.group(2)
    # split statements on ';' outside quotes
    stmts, cur, in_q, esc = [], [], False, False
    for ch in body:
        if esc:
            cur.append(ch)
            esc = False
        elif ch == '\\':
            cur.append(ch)
            esc = True
        elif ch == '"':
            cur.append(ch)
            in_q = not in_q
        elif ch == ';' and not in_q:
            stmts.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    assert not in_q and ''.join(cur).strip() == ''
    nodes, edges = {}, []
    attr = r'(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[\w.]+)'
    for s in stmts:
        if not s:
            continue
        if s.startswith('graph ') or s.startswith('node '):
            continue
        e = re.match(r'^(\w+)\s*->\s*(\w+)$', s)
        if e:
            edges.append((e.group(1), e.group(2)))
            continue
        n = re.match(r'^(\w+)\s*\[(.*)\]$', s, re.S)
        assert n, 'bad statement %r' % s
        nodes[n.group(1)] = dict(re.findall(attr, n.group(2)))
    return m.group(1), nodes, edges


def classic():
    x1, x2 = Value(2.0, 'x1'), Value(0.0, 'x2')
    w1, w2 = Value(-3.0, 'w1'), Value(1.0, 'w2')
    b = Value(6.8813735870195432, 'b')
    o = (x1 * w1 + x2 * w2 + b).named('n').tanh().named('o')
    o.backward()
    return o


def test_trace_counts_and_order():
    o = classic()
    values, edges = trace(o)
    assert len(values) == 10 and values[-1] is o
    assert len(edges) == 9
    for i, j in edges:
        assert i < j and values[i] in values[j].inputs
    a = Value(3.0, 'a')
    sq = a * a
    values, edges = trace(sq)
    assert len(values) == 2 and edges == [(0, 1), (0, 1)]
    with pytest.raises(BPError):
        trace(3.0)


def test_dot_parses_with_right_counts():
    o = classic()
    name, nodes, edges = parse_dot(to_dot(o))
    values, vedges = trace(o)
    n_ops = sum(1 for v in values if v.op)
    assert len(nodes) == len(values) + n_ops == 15
    assert len(edges) == len(vedges) + n_ops == 14
    for a, b in edges:
        assert a in nodes and b in nodes
    labels = [attrs['label'] for attrs in nodes.values()]
    assert '"{ w1 | data -3.0000 | grad 1.0000 }"' in labels
    assert '"{ x1 | data 2.0000 | grad -1.5000 }"' in labels
    assert '"tanh"' in labels
    ops = [k for k, attrs in nodes.items() if attrs.get('shape') == 'ellipse']
    assert len(ops) == n_ops


def test_dot_escapes_record_characters():
    a = Value(1.0, 'a|b {c} <d> "e"')
    out = (a * 2).named('x\\y')
    out.backward()
    name, nodes, edges = parse_dot(to_dot(out))
    assert len(nodes) == 4 and len(edges) == 3      # a, 2, out, op
    text = to_dot(out)
    assert 'a\\|b \\{c\\} \\<d\\> \\"e\\"' in text


def test_dot_multi_use_edges():
    a = Value(3.0, 'a')
    out = a * a + a
    out.backward()
    name, nodes, edges = parse_dot(to_dot(out))
    assert len(nodes) == 5           # a, a*a, *, out, +
    assert len(edges) == 2 + 2 + 2   # a->* twice, a*a->+, a->+, op->value twice


def test_layout_geometry():
    o = classic()
    g = layout(o, dx=4.0, dy=2.0)
    nodes, edges = g['nodes'], g['edges']
    assert len(nodes) == 15 and len(edges) == 14
    for a, b in edges:
        assert nodes[a]['x'] < nodes[b]['x']
        assert nodes[b]['column'] == nodes[a]['column'] + 1 or nodes[a]['kind'] == 'value'
    positions = set((n['x'], n['y']) for n in nodes)
    assert len(positions) == len(nodes)               # no two nodes on one spot
    out = [n for n in nodes if n['label'] == 'o'][0]
    assert out['x'] == max(n['x'] for n in nodes)
    assert g['width'] == out['x']
    assert g['output']['data'] == o.data and g['output']['grad'] == 1.0
    kinds = sorted(set(n['kind'] for n in nodes))
    assert kinds == ['op', 'value']
    for n in nodes:
        assert n['text'] == ' | '.join(n['lines'])
        if n['kind'] == 'op':
            assert n['column'] % 2 == 1 and n['lines'] == [n['op']]
        else:
            assert n['column'] % 2 == 0
    # every value node that is not an input has exactly one op node feeding it
    for k, n in enumerate(nodes):
        if n['kind'] == 'value':
            feeding = [a for a, b in edges if b == k]
            assert len(feeding) == (1 if n['op'] else 0)
    assert [leaf[0] for leaf in g['leaves']] == ['x1', 'w1', 'x2', 'w2', 'b']
    # inputs sit just left of their first consumer: b is next to the last '+'
    b = [n for n in nodes if n['label'] == 'b'][0]
    n_node = [n for n in nodes if n['label'] == 'n'][0]
    assert n_node['column'] - b['column'] == 2


def test_layout_single_leaf():
    g = layout(Value(1.5, 'x'))
    assert len(g['nodes']) == 1 and g['edges'] == []
    assert g['nodes'][0]['x'] == 0.0 and g['nodes'][0]['y'] == 0.0
    assert g['nodes'][0]['text'] == 'x | data 1.5000 | grad 0.0000'


def test_neuron_graph_defaults_reproduce_the_classic_neuron():
    o, g = neuron_graph()
    assert round(o.data, 4) == 0.7071
    texts = [n['text'] for n in g['nodes']]
    assert 'w1 | data -3.0000 | grad 1.0000' in texts
    assert 'x1 | data 2.0000 | grad -1.5000' in texts
    assert 'x2 | data 0.0000 | grad 0.5000' in texts
    assert 'w2 | data 1.0000 | grad 0.0000' in texts
    assert 'b | data 6.8814 | grad 0.5000' in texts
    assert 'n | data 0.8814 | grad 0.5000' in texts
    assert 'o | data 0.7071 | grad 1.0000' in texts
    grads = dict((label, grad) for label, data, grad in g['leaves'])
    assert abs(grads['x1'] + 1.5) < 1e-9 and abs(grads['w1'] - 1.0) < 1e-9
    ops = sorted(n['label'] for n in g['nodes'] if n['kind'] == 'op')
    assert ops == ['*', '*', '+', '+', 'tanh']


@pytest.mark.parametrize('act,f', [
    ('sigmoid', lambda n: 1 / (1 + math.exp(-n))), ('relu', lambda n: max(n, 0.0)),
    ('leaky_relu', lambda n: n if n > 0 else 0.01 * n), ('linear', lambda n: n),
    ('tanh', math.tanh)])
def test_neuron_graph_activations(act, f):
    o, g = neuron_graph(1.0, -2.0, 0.5, 0.25, 0.1, activation=act)
    assert abs(o.data - f(1.0 * 0.5 - 2.0 * 0.25 + 0.1)) < 1e-12
    assert o.label == 'o'
    n_ops = 4 if act == 'linear' else 5
    assert sum(1 for n in g['nodes'] if n['kind'] == 'op') == n_ops


def test_neuron_graph_bad_activation():
    with pytest.raises(BPError):
        neuron_graph(activation='softmax')


def test_expression_graph():
    o, g = expression_graph('tanh(x1*w1 + x2*w2 + b)',
                            {'x1': 2, 'x2': 0, 'w1': -3, 'w2': 1, 'b': 6.8813735870195432})
    assert round(o.data, 4) == 0.7071
    grads = dict((label, grad) for label, data, grad in g['leaves'])
    assert abs(grads['x1'] + 1.5) < 1e-9 and abs(grads['w1'] - 1.0) < 1e-9
    o, g = expression_graph('x*x + 3*x', {'x': 2.0})
    grads = dict((label, grad) for label, data, grad in g['leaves'])
    assert grads['x'] == 7.0 and o.data == 10.0
    assert sum(1 for n in g['nodes'] if n['label'] == 'x') == 1   # one shared node
    with pytest.raises(ExprError) as info:
        expression_graph('x * (y + ', {'x': 1.0, 'y': 2.0})
    assert 'position 9' in str(info.value)
