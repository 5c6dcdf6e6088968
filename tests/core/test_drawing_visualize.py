"""bpcore.drawing helpers of the Visualize components: to_frame, network_surface,
surface_domain, graph_drawing, disc_mesh, history_from_branches (stdlib + pytest only)."""
from __future__ import absolute_import, division, print_function

import math

import pytest

from bpcore import autograd_graph, drawing
from bpcore.data import MinMaxScaler
from bpcore.errors import BPError
from bpcore.network import Network


def close(a, b, tol=1e-12):
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))


# -- to_frame ------------------------------------------------------------------------------
def test_to_frame_maps_every_item_and_keeps_the_original():
    d = drawing.Drawing()
    d.circles.append({'center': (1.0, 2.0, 0.0), 'radius': 0.5, 'color': (1, 2, 3)})
    d.lines.append({'start': (0.0, 0.0, 0.0), 'end': (1.0, 0.0, 0.0), 'width': 1.0})
    d.polylines.append({'points': [(0.0, 1.0, 0.0), (2.0, 1.0, 0.0)], 'name': 'loss'})
    d.labels.append({'text': 'a', 'position': (0.0, 0.0, 1.0)})
    d.meshes.append({'vertices': [(1.0, 1.0, 2.0)], 'faces': [], 'values': [7.0]})
    # plane at (10, 20, 30) with x -> world y, y -> world z (so z -> world x)
    f = drawing.to_frame(d, (10, 20, 30), (0, 1, 0), (0, 0, 1))
    assert close(f.circles[0]['center'], (10.0, 21.0, 32.0))
    assert f.circles[0]['axes'] == ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
    assert f.circles[0]['radius'] == 0.5 and f.circles[0]['color'] == (1, 2, 3)
    assert close(f.lines[0]['end'], (10.0, 21.0, 30.0)) and f.lines[0]['width'] == 1.0
    assert close(f.polylines[0]['points'][1], (10.0, 22.0, 31.0))
    assert f.polylines[0]['name'] == 'loss'
    assert close(f.labels[0]['position'], (11.0, 20.0, 30.0))     # z along x cross y = +x
    assert close(f.meshes[0]['vertices'][0], (12.0, 21.0, 31.0))
    assert f.meshes[0]['values'] == [7.0]
    assert d.circles[0]['center'] == (1.0, 2.0, 0.0) and 'axes' not in d.circles[0]


def test_to_frame_identity_and_bad_axes():
    d = drawing.network_drawing(Network([2, 2], seed=0))
    f = drawing.to_frame(d)
    assert [c['center'] for c in f.circles] == [c['center'] for c in d.circles]
    with pytest.raises(BPError) as e:
        drawing.to_frame(d, (0, 0), (1, 0, 0), (0, 1, 0))
    assert 'origin must be 3 numbers' in str(e.value)


# -- network_surface -----------------------------------------------------------------------
def test_network_surface_counts_cells_and_legend():
    net = Network([2, 3, 3], ['tanh', 'softmax'], seed=1)
    net.class_names = ['a', 'b', 'c']
    d = drawing.network_surface(net, ((0, 2), (0, 1)), (4, 2))
    m = d.meshes[0]
    assert len(m['vertices']) == 5 * 3 and len(m['faces']) == 4 * 2
    assert m['resolution'] == (5, 3)
    X = [[v[0], v[1]] for v in m['vertices']]
    assert m['classes'] == net.predict_classes(X)
    assert [t['text'] for t in d.labels] == ['a', 'b', 'c']
    assert [t['color'] for t in d.labels] == [drawing.PALETTE[i] for i in range(3)]
    assert all(t['position'][0] > 2.0 for t in d.labels)
    assert all(v[2] == 0.0 for v in m['vertices'])


def test_network_surface_value_mode_heights_and_scaler_domain():
    net = Network([2, 4, 1], ['tanh', 'linear'], seed=2)
    net.scaler = MinMaxScaler().fit([[-1.0, 5.0], [3.0, 6.0]])
    assert drawing.surface_mode(net) == 'value'
    assert drawing.surface_domain(net) == ((-1.0, 3.0), (5.0, 6.0))
    d = drawing.network_surface(net, resolution=(3, 3), z_scale=2.0)
    m = d.meshes[0]
    assert m['classes'] is None
    xs = [v[0] for v in m['vertices']]
    assert (min(xs), max(xs)) == (-1.0, 3.0)
    for v, value in zip(m['vertices'], m['values']):
        want = net.predict([[v[0], v[1]]])[0][0]
        assert abs(value - want) < 1e-12 and abs(v[2] - 2.0 * want) < 1e-12
    assert len(d.labels) == 5
    assert float(d.labels[0]['text']) == pytest.approx(max(m['values']), rel=1e-2)


def test_network_surface_errors_and_defaults():
    assert drawing.surface_domain(Network([2, 1], seed=0)) == ((0.0, 1.0), (0.0, 1.0))
    assert drawing.surface_mode(Network([2, 1], 'sigmoid', seed=0)) == 'class'
    with pytest.raises(BPError) as e:
        drawing.network_surface(Network([1, 1], seed=0))
    assert 'needs a network with 2 inputs or more' in str(e.value) and 'has 1' in str(e.value)
    with pytest.raises(BPError) as e:
        drawing.network_surface(Network([2, 1], seed=0), resolution=(0, 3))
    assert 'at least 1 cell' in str(e.value)
    with pytest.raises(BPError):
        drawing.network_surface(object())


# -- graph_drawing -------------------------------------------------------------------------
def test_graph_drawing_of_the_classic_neuron():
    o, graph = autograd_graph.neuron_graph(dx=6.0, dy=2.5)
    d = drawing.graph_drawing(graph, box=(3.2, 1.8), op_radius=0.5, arrow=0.35)
    nodes, edges = graph['nodes'], graph['edges']
    ops = [k for k, n in enumerate(nodes) if n['kind'] == 'op']
    boxes = [p for p in d.polylines if p['name'] == 'node']
    arrows = [p for p in d.polylines if p['name'] == 'arrow']
    assert [c['node'] for c in d.circles] == ops
    assert len(boxes) + len(d.circles) == len(nodes) == len(d.labels)
    assert len(d.lines) == len(arrows) == len(edges)
    for b in boxes:
        n = nodes[b['node']]
        xs = [p[0] for p in b['points']]
        ys = [p[1] for p in b['points']]
        assert b['points'][0] == b['points'][-1]
        assert (min(xs), max(xs)) == (n['x'] - 1.6, n['x'] + 1.6)
        assert (min(ys), max(ys)) == (n['y'] - 0.9, n['y'] + 0.9)
    colors = dict((nodes[b['node']]['label'], b['color']) for b in boxes)
    assert colors['x1'] == drawing.LEAF and colors['o'] == drawing.OUTPUT
    assert colors['n'] == drawing.INNER
    for line, arrow in zip(d.lines, arrows):
        a, b = nodes[line['a']], nodes[line['b']]
        # starts on the source outline, ends on the target outline, tip of the arrow there
        for p, n in ((line['start'], a), (line['end'], b)):
            dx, dy = p[0] - n['x'], p[1] - n['y']
            if n['kind'] == 'op':
                assert abs(math.hypot(dx, dy) - 0.5) < 1e-9
            else:
                assert abs(abs(dx) - 1.6) < 1e-9 or abs(abs(dy) - 0.9) < 1e-9
        assert arrow['points'][0] == line['end'] == arrow['points'][-1]
        base = arrow['points'][1]
        assert abs(math.hypot(base[0] - line['end'][0], base[1] - line['end'][1])
                   - math.hypot(0.35, 0.14)) < 1e-9
    texts = [t['text'] for t in d.labels]
    assert 'o\ndata 0.7071\ngrad 1.0000' in texts and 'tanh' in texts


def test_graph_drawing_errors():
    with pytest.raises(BPError) as e:
        drawing.graph_drawing({'nodes': []})
    assert 'graph layout' in str(e.value)
    _, graph = autograd_graph.neuron_graph()
    with pytest.raises(BPError):
        drawing.graph_drawing(graph, box=(0, 1))


# -- disc_mesh -----------------------------------------------------------------------------
def test_disc_mesh_is_a_fan_in_its_plane():
    m = drawing.disc_mesh((1.0, 2.0, 3.0), 0.5, (10, 20, 30), segments=8,
                          axes=((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)))
    assert len(m['vertices']) == 9 and len(m['faces']) == 8
    assert m['faces'][-1] == (0, 8, 1)
    assert m['colors'] == [(10, 20, 30)] * 9
    for v in m['vertices'][1:]:
        assert abs(v[0] - 1.0) < 1e-12
        assert abs(math.hypot(v[1] - 2.0, v[2] - 3.0) - 0.5) < 1e-12
    with pytest.raises(BPError):
        drawing.disc_mesh((0, 0, 0), 0.0, (0, 0, 0))


# -- history_from_branches -----------------------------------------------------------------
def test_history_from_branches_follows_bp_train_paths():
    series, keys = drawing.history_from_branches(
        [((0,), [1.0, 0.5]), ((1,), []), ((2,), ['0.5', 0.75]), ((3,), []), ((5,), [None, 2])])
    assert keys == ['loss', 'accuracy', 'series 5']
    assert series['loss'] == [1.0, 0.5] and series['accuracy'] == [0.5, 0.75]
    assert series['val_loss'] == []
    assert math.isnan(series['series 5'][0]) and series['series 5'][1] == 2.0
    d = drawing.history_plot(series, keys=keys)
    assert sorted(set(p['name'] for p in d.polylines)) == ['accuracy', 'loss', 'series 5']


def test_history_from_branches_names_and_errors():
    series, keys = drawing.history_from_branches([((0,), [0.1, 0.2])], ['val_accuracy'])
    assert keys == ['val_accuracy'] and series['val_accuracy'] == [0.1, 0.2]
    with pytest.raises(BPError) as e:
        drawing.history_from_branches([((0,), [1.0])], ['a', 'b'])
    assert '2 names for 1 branches' in str(e.value)
    with pytest.raises(BPError) as e:
        drawing.history_from_branches([((0, 2), [1.0, 'x'])])
    assert str(e.value) == "history: branch {0;2} item 1 is not a number ('x')"
    with pytest.raises(BPError) as e:
        drawing.history_from_branches([((0,), [1.0]), ((1,), [2.0])], ['a', 'a'])
    assert 'two branches are named' in str(e.value)
    with pytest.raises(BPError) as e:
        drawing.history_from_branches([((0,), [])])
    assert 'no values to plot' in str(e.value)


def test_network_surface_slices_a_network_with_more_inputs():
    from bpcore.data import MinMaxScaler, StandardScaler
    net = Network([4, 3, 1], ['tanh', 'linear'], seed=2)
    net.scaler = MinMaxScaler().fit([[0.0, 10.0, -1.0, 5.0], [2.0, 30.0, 1.0, 9.0]])
    assert drawing.default_fixed(net) == [1.0, 20.0, 0.0, 7.0]
    assert drawing.surface_domain(net, (1, 3)) == ((10.0, 30.0), (5.0, 9.0))
    d = drawing.network_surface(net, resolution=(2, 2), axes=(1, 3), fixed=[0.5, -1.0])
    m = d.meshes[0]
    for v, value in zip(m['vertices'], m['values']):
        assert value == net.predict([[0.5, v[0], -1.0, v[1]]])[0][0]
    assert (m['vertices'][0][:2], m['vertices'][-1][:2]) == ((10.0, 5.0), (30.0, 9.0))
    # one fixed value holds every other input; defaults from a StandardScaler are its means
    d = drawing.network_surface(net, resolution=(1, 1), fixed=[3.0])
    assert d.meshes[0]['values'][0] == net.predict([[0.0, 10.0, 3.0, 3.0]])[0][0]
    net.scaler = StandardScaler().fit([[0.0, 10.0, -1.0, 5.0], [2.0, 30.0, 1.0, 9.0]])
    assert drawing.default_fixed(net) == [1.0, 20.0, 0.0, 7.0]
    for bad, text in (({'axes': (0, 0)}, 'must differ'), ({'axes': (0, 4)}, 'out of range'),
                      ({'axes': (0,)}, 'give 2 input indices'),
                      ({'fixed': [1.0, 2.0, 3.0]}, '3 fixed values for 2 held inputs (2, 3)')):
        with pytest.raises(BPError) as e:
            drawing.network_surface(net, **bad)
        assert text in str(e.value)


def test_network_field_predicts_points_in_one_batch():
    calls = []

    class Counting(Network):
        def predict(self, X, backend=None):
            calls.append((len(X), backend))
            return Network.predict(self, X, backend=backend)
    net = Counting([3, 4, 2], ['tanh', 'softmax'], seed=1)
    pts = [(0.1, 0.2, 0.3), (1.0, -1.0, 0.5), (0.0, 0.0, 0.0)]
    f = drawing.network_field(net, pts)
    assert calls == [(3, 'auto')]
    assert f['outputs'] == Network.predict(net, [list(p) for p in pts])
    assert f['classes'] == [max(range(2), key=r.__getitem__) for r in f['outputs']]
    assert f['mode'] == 'class' and len(f['colors']) == 3 and len(f['legend']) == 2
    # x, y into inputs 2 and 0; input 1 held at 0.25; value mode colours by output 1
    f = drawing.network_field(net, [(0.5, 0.7)], axes=[2, 0], fixed=[0.25], mode='value',
                              output=1)
    assert f['values'] == [Network.predict(net, [[0.7, 0.25, 0.5]])[0][1]]
    assert f['classes'] is None and f['fixed'] == [0.5, 0.25, 0.5]
    assert drawing.network_field(net, [])['values'] == []
