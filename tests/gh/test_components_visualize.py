"""The "4 Display" components: BP Draw Network, BP Plot History, BP Decision Surface,
BP Neuron Graph, BP Value Graph -- run through the fake-Grasshopper harness with rhino3dm
geometry, written to .3dm files and read back."""
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import rhino3dm

import harness
from bpcore import autograd_graph, drawing
from bpcore.data import MinMaxScaler
from bpcore.network import Network
from bpcore.train import History, fit

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]
CLASSIC = dict(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432)


def rgb(color):
    """(r, g, b) of a harness System.Drawing.Color."""
    return (color.R, color.G, color.B)


def pt(p):
    return (p.X, p.Y, p.Z)


def close(a, b, tol=1e-9):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def polyline_points(curve):
    pl = curve.ToPolyline()
    return [pt(pl[i]) for i in range(pl.Count)]


@pytest.fixture(scope='module')
def xor_net():
    net = Network([2, 4, 1], ['tanh', 'sigmoid'], init='xavier', seed=0)
    fit(net, XOR_X, XOR_Y, epochs=500, batch_size=4, optimizer='adam', lr=0.05, loss='bce',
        seed=0)
    assert net.predict_classes(XOR_X) == [0, 1, 1, 0]
    return net


def classic_expected():
    n = CLASSIC['x1'] * CLASSIC['w1'] + CLASSIC['x2'] * CLASSIC['w2'] + CLASSIC['b']
    o = math.tanh(n)
    dn = 1.0 - o * o
    return o, {'x1': CLASSIC['w1'] * dn, 'x2': CLASSIC['w2'] * dn, 'w1': CLASSIC['x1'] * dn,
               'w2': CLASSIC['x2'] * dn, 'b': dn}


# =========================================================================================
# BP Draw Network
# =========================================================================================
def test_draw_network_one_circle_per_neuron_one_line_per_weight():
    net = Network([3, 4, 2], ['tanh', 'softmax'], seed=3)
    before = net.to_data()
    r = harness.run_component('BP_Draw_Network', net=net)
    assert r.ok and not r.warnings, r.messages
    assert r.message == 'Draw'
    assert len(r['circles']) == sum(net.sizes) == 9
    assert len(r['discs']) == 9 and len(r['fills']) == 9
    n_weights = sum(len(W) * len(W[0]) for W in net.weights)
    assert len(r['lines']) == len(r['colors']) == len(r['widths']) == n_weights == 20
    # default layout: columns 4 apart along x, neurons 1.5 apart, centred on y = 0
    centres = [pt(c.Center) for c in r['circles']]
    assert close(centres[0], (0.0, 1.5, 0.0)) and close(centres[2], (0.0, -1.5, 0.0))
    assert close(centres[3], (4.0, 2.25, 0.0)) and close(centres[8], (8.0, -0.75, 0.0))
    assert all(abs(c.Radius - 0.4) < 1e-12 for c in r['circles'])
    # line order: layer, target neuron i, source neuron k; colour by sign; width by |w|
    flat = [w for W in net.weights for row in W for w in row]
    assert r['weights'] == flat
    wmax = max(abs(w) for w in flat)
    assert any(w < 0 for w in flat) and any(w > 0 for w in flat)
    for line, color, width, w in zip(r['lines'], r['colors'], r['widths'], flat):
        assert rgb(color) == (drawing.POSITIVE if w > 0 else drawing.NEGATIVE)
        assert abs(width - abs(w) / wmax) < 1e-12
    assert max(r['widths']) == 1.0
    # W[1][1][3]: neuron 3 of column 1 -> neuron 1 of column 2, from border to border
    line = r['lines'][12 + 1 * 4 + 3]
    assert close(pt(line.From), (4.0 + 0.4, centres[3 + 3][1], 0.0))
    assert close(pt(line.To), (8.0 - 0.4, centres[7 + 1][1], 0.0))
    assert r['label_text'] == ['input (3)', 'layer 1 tanh (4)', 'layer 2 softmax (2)']
    assert len(r['labels']) == len(r['label_pts']) == 3
    assert all(rgb(c) == drawing.NEUTRAL for c in r['fills'])
    assert r['values'] is None
    assert net.to_data() == before          # never mutates its input


def test_draw_network_fills_show_one_sample():
    net = Network([2, 3, 2], ['sigmoid', 'softmax'], seed=5)
    net.feature_names = ['width', 'height']
    net.class_names = ['a', 'b']
    x = [0.3, -0.8]
    r = harness.run_component('BP_Draw_Network', net=net, X=x, spacing=[5.0, 2.0],
                              radius=0.5)
    assert r.ok, r.messages
    trace = net.forward([x])
    columns = [x] + [a[0] for a in trace.A]
    assert r.rows('values') == columns
    values = [v for col in columns for v in col]
    lo, hi = min(values), max(values)
    fills = [rgb(c) for c in r['fills']]
    assert fills == [drawing.gradient_color(v, lo, hi) for v in values]
    assert fills[values.index(lo)] == drawing.GRADIENT[0]
    assert fills[values.index(hi)] == drawing.GRADIENT[-1]
    # the discs carry the same colour on every vertex, centred on the circles
    for disc, fill, circle in zip(r['discs'], fills, r['circles']):
        assert len(disc.Vertices) == 25 and len(disc.Faces) == 24
        assert set(tuple(disc.VertexColors[i][:3]) for i in range(25)) == {fill}
        assert close(pt(disc.Vertices[0]), pt(circle.Center), 1e-5)
    assert abs(r['circles'][0].Radius - 0.5) < 1e-12
    assert close(pt(r['circles'][2].Center), (5.0, 2.0, 0.0))
    assert set(['width', 'height', 'a', 'b']) <= set(r['label_text'])


def test_draw_network_applies_the_scaler_and_draws_sample_0():
    net = Network([2, 2, 1], 'sigmoid', seed=1)
    net.scaler = MinMaxScaler().fit([[0.0, 10.0], [4.0, 30.0]])
    r = harness.run_component('BP_Draw_Network', net=net, X=[[1.0, 20.0], [3.0, 10.0]])
    assert r.ok, r.messages
    assert r.rows('values')[0] == [0.25, 0.5]
    assert r.rows('values')[2] == net.predict([[1.0, 20.0]])[0]
    assert r.remarks == ['X has 2 samples: showing sample 0']


def test_draw_network_in_a_plane():
    net = Network([2, 3, 1], seed=2)
    plane = rhino3dm.Plane(rhino3dm.Point3d(10, 20, 30), rhino3dm.Vector3d(0, 1, 0),
                           rhino3dm.Vector3d(0, 0, 1))            # x -> world y, y -> world z
    r = harness.run_component('BP_Draw_Network', net=net, plane=plane)
    assert r.ok, r.messages
    c = r['circles'][2]                                         # column 1, neuron 0
    assert close(pt(c.Center), (10.0, 24.0, 31.5))
    assert close(pt(c.Plane.ZAxis), (1.0, 0.0, 0.0))          # the circle lies in the plane
    for line in r['lines']:
        assert abs(line.From.X - 10.0) < 1e-9 and abs(line.To.X - 10.0) < 1e-9
    for disc in r['discs']:
        assert all(abs(disc.Vertices[i].X - 10.0) < 1e-5 for i in range(len(disc.Vertices)))


def test_draw_network_3dm_round_trip(tmp_path):
    net = Network([4, 5, 3], ['relu', 'softmax'], seed=7)
    r = harness.run_component('BP_Draw_Network', net=net, X=[0.1, 0.2, 0.3, 0.4])
    assert r.ok, r.messages
    objects = r['circles'] + r['lines'] + r['labels'] + r['discs']
    colors = r['fills'] + r['colors'] + [None] * len(r['labels']) + r['fills']
    path = str(tmp_path / 'network.3dm')
    got = harness.write_3dm(objects, path, colors)
    assert got.count('Curve') == 12 + 4 * 5 + 5 * 3
    assert got.count('TextDot') == 3 and got.count('Mesh') == 12
    back = rhino3dm.File3dm.Read(path)
    first_line = back.Objects[12]
    want = drawing.POSITIVE if net.weights[0][0][0] > 0 else drawing.NEGATIVE
    assert tuple(first_line.Attributes.ObjectColor[:3]) == want
    dots = [o.Geometry.Text for o in back.Objects if isinstance(o.Geometry, rhino3dm.TextDot)]
    assert dots == ['input (4)', 'layer 1 relu (5)', 'layer 2 softmax (3)']


def test_draw_network_missing_and_bad_inputs():
    r = harness.run_component('BP_Draw_Network')
    assert r.warnings == ['Input parameter net failed to collect data'] and not r.errors
    assert all(r[n] is None for n in r.names)
    net = Network([2, 2], seed=0)
    r = harness.run_component('BP_Draw_Network', net=net, X=[1.0, 2.0, 3.0])
    assert r.errors == ['X has 3 columns, expected 2']
    assert all(r[n] is None for n in r.names)
    r = harness.run_component('BP_Draw_Network', net='not a network')
    assert r.errors == ["input 'net' is not a bpcore network (got str)"]
    r = harness.run_component('BP_Draw_Network', net=net, radius=0.0)
    assert r.errors == ['input radius must be > 0, got 0.0']
    r = harness.run_component('BP_Draw_Network', net=net, spacing=[1.0, 2.0, 3.0])
    assert r.errors == ['input spacing needs 1 or 2 numbers, got 3']
    assert all(r[n] is None for n in r.names)


# =========================================================================================
# BP Plot History
# =========================================================================================
@pytest.fixture(scope='module')
def xor_history():
    net = Network([2, 3, 1], ['tanh', 'sigmoid'], seed=1)
    return fit(net, XOR_X, XOR_Y, epochs=40, batch_size=4, optimizer='adam', lr=0.05,
               loss='bce', validation_data=(XOR_X, XOR_Y), seed=0)


def rectangle(x0, x1, y0, y1, plane=None):
    return harness.Rectangle3d(plane or rhino3dm.Plane.WorldXY(), rhino3dm.Interval(x0, x1),
                               rhino3dm.Interval(y0, y1))


def test_plot_history_object_in_a_rectangle(xor_history):
    h = xor_history
    assert h.epochs == 40 and len(h.val_accuracy) == 40
    r = harness.run_component('BP_Plot_History', history=h, rect=rectangle(2, 12, 1, 6))
    assert r.ok, r.messages
    assert r.message == 'Plot 40 epochs'
    for key in ('loss', 'val_loss', 'accuracy', 'val_accuracy'):
        assert len(r[key]) == 1, key
        points = polyline_points(r[key][0])
        assert len(points) == h.epochs
        for x, y, z in points:
            assert 2 - 1e-9 <= x <= 12 + 1e-9 and 1 - 1e-9 <= y <= 6 + 1e-9 and z == 0.0
        assert abs(points[0][0] - 2) < 1e-9 and abs(points[-1][0] - 12) < 1e-9
    # losses: 0 at the bottom, the highest loss at the top; accuracy: 0..1 bottom to top
    loss = polyline_points(r['loss'][0])
    top = max(max(h.loss), max(h.val_loss))
    for (x, y, _), v in zip(loss, h.loss):
        assert abs(y - (1 + 5 * v / top)) < 1e-9
    acc = polyline_points(r['accuracy'][0])
    assert [round((y - 1) / 5, 9) for _, y, _ in acc] == [round(a, 9) for a in h.accuracy]
    assert len(r['curves']) == len(r['colors']) == 4
    assert [rgb(c) for c in r['colors']] == [drawing.PALETTE[i] for i in range(4)]
    assert len(r['axes']) == 3
    assert set(['loss', 'val_loss', 'accuracy', 'val_accuracy', '1']) <= set(r['label_text'])
    assert len(r['labels']) == len(r['label_pts']) == len(r['label_text'])


def test_plot_history_tree_as_bp_train_outputs_it(xor_history):
    """BP Train's history output: {0} loss, {1} val_loss, {2} accuracy, {3} val_accuracy."""
    h = xor_history
    tree = harness.DataTree()
    for i, values in enumerate([h.loss, [], h.accuracy, []]):   # no validation data
        tree.EnsurePath(harness.GH_Path(i)).extend(values)
    r = harness.run_component('BP_Plot_History', history=tree)
    assert r.ok, r.messages
    assert [len(r[k]) for k in ('loss', 'val_loss', 'accuracy', 'val_accuracy')] == [1, 0, 1, 0]
    assert polyline_points(r['loss'][0])[-1][0] == 10.0         # default rect 10 x 5
    ys = [p[1] for p in polyline_points(r['accuracy'][0])]
    assert ys == [5.0 * a for a in h.accuracy]


def test_plot_history_dict_list_and_names(xor_history):
    h = xor_history
    data = h.to_data()                       # includes 'seconds', which is not plotted
    r = harness.run_component('BP_Plot_History', history=[data])
    assert r.ok, r.messages
    assert len(r['curves']) == 4
    assert 'seconds' not in r['label_text']
    r = harness.run_component('BP_Plot_History', history=h.loss)     # a flat list = losses
    assert r.ok and len(r['loss']) == 1 and len(r['curves']) == 1
    assert len(polyline_points(r['loss'][0])) == 40
    r = harness.run_component('BP_Plot_History', history=h.accuracy, names=['accuracy'])
    assert r.ok and len(r['accuracy']) == 1 and r['loss'] == []
    ys = [p[1] for p in polyline_points(r['accuracy'][0])]
    assert ys == [5.0 * a for a in h.accuracy]


def test_plot_history_nan_breaks_the_curve():
    loss = [1.0, 0.8, float('nan'), 0.5, 0.4, 0.3]
    r = harness.run_component('BP_Plot_History', history=loss)
    assert r.ok, r.messages
    assert [len(polyline_points(c)) for c in r['loss']] == [2, 3]


def test_plot_history_in_a_tilted_rectangle(xor_history):
    plane = rhino3dm.Plane(rhino3dm.Point3d(1, 2, 3), rhino3dm.Vector3d(1, 0, 0),
                           rhino3dm.Vector3d(0, 0, 1))      # an upright rectangle in world XZ
    r = harness.run_component('BP_Plot_History', history=xor_history,
                              rect=rectangle(0, 8, 0, 4, plane))
    assert r.ok, r.messages
    for curve in r['curves']:
        for x, y, z in polyline_points(curve):
            assert abs(y - 2.0) < 1e-9                         # in the plane
            assert 1 - 1e-9 <= x <= 9 + 1e-9 and 3 - 1e-9 <= z <= 7 + 1e-9


def test_plot_history_3dm_round_trip(tmp_path, xor_history):
    r = harness.run_component('BP_Plot_History', history=xor_history)
    objects = r['curves'] + r['axes'] + r['labels']
    colors = r['colors'] + [None] * (len(r['axes']) + len(r['labels']))
    path = str(tmp_path / 'history.3dm')
    got = harness.write_3dm(objects, path, colors)
    assert got == ['Curve'] * (4 + 3) + ['TextDot'] * len(r['labels'])
    back = rhino3dm.File3dm.Read(path)
    assert back.Objects[0].Geometry.PointCount == 40


def test_plot_history_missing_and_bad_inputs():
    r = harness.run_component('BP_Plot_History')
    assert r.warnings == ['Input parameter history failed to collect data'] and not r.errors
    r = harness.run_component('BP_Plot_History', history=['0.5', 'abc'])
    assert r.errors == ["history: branch {0} item 1 is not a number ('abc')"]
    assert all(r[n] is None for n in r.names)
    r = harness.run_component('BP_Plot_History', history=[Network([1, 1])])
    assert r.errors == ['input history: expected a History, a dict of lists or a tree of '
                        'numbers, got Network']
    r = harness.run_component('BP_Plot_History', history=[History()])
    assert r.errors == ['input history has no values to plot (no loss, val_loss, accuracy, '
                        'val_accuracy)']
    r = harness.run_component('BP_Plot_History', history=[[0.5, 0.4], [0.9, 1.0]],
                              names=['loss'])
    assert r.errors == ['1 names for 2 branches of history: give one name per branch']
    r = harness.run_component('BP_Plot_History', history=[0.5, 0.4],
                              rect=rectangle(0, 0, 0, 4))
    assert r.errors == ['rect width and height must be > 0, got 0.0 x 4.0']
    assert all(r[n] is None for n in r.names)


# =========================================================================================
# BP Decision Surface
# =========================================================================================
def corner_indices(nx, ny):
    """Vertex indices of (0, 0), (1, 0), (0, 1), (1, 1) in a (nx+1) x (ny+1) grid."""
    w = nx + 1
    return {(0, 0): 0, (1, 0): nx, (0, 1): ny * w, (1, 1): ny * w + nx}


def test_decision_surface_xor_corners(xor_net):
    nx, ny = 10, 6
    r = harness.run_component('BP_Decision_Surface', net=xor_net, resolution=[nx, ny])
    assert r.ok, r.messages
    assert r.message == 'Surface class'
    mesh = r['mesh']
    assert len(mesh.Vertices) == (nx + 1) * (ny + 1)
    assert len(mesh.Faces) == nx * ny
    assert len(mesh.VertexColors) == len(mesh.Vertices)
    assert len(r['values']) == len(r['classes']) == (nx + 1) * (ny + 1)
    for (x, y), i in corner_indices(nx, ny).items():
        v = mesh.Vertices[i]
        assert (v.X, v.Y, v.Z) == (x, y, 0.0)
        want = int(x) ^ int(y)                                     # XOR
        assert r['classes'][i] == want
        assert tuple(mesh.VertexColors[i][:3]) == drawing.PALETTE[want]
        assert abs(r['values'][i] - xor_net.predict([[x, y]])[0][0]) < 1e-12
    assert r['legend'] == ['class 0', 'class 1']
    assert [rgb(c) for c in r['legend_colors']] == [drawing.PALETTE[0], drawing.PALETTE[1]]
    assert all(p.X > 1.0 for p in r['legend_pts'])                # right of the domain


def test_decision_surface_class_names_and_domain(xor_net):
    net = xor_net.copy()
    net.class_names = ['same', 'different']
    r = harness.run_component('BP_Decision_Surface', net=net, resolution=[4],
                              x_domain=rhino3dm.Interval(-1, 2), y_domain=rhino3dm.Interval(3, 1))
    assert r.ok, r.messages
    mesh = r['mesh']
    assert len(mesh.Vertices) == 25
    first, last = mesh.Vertices[0], mesh.Vertices[24]
    assert (first.X, first.Y, last.X, last.Y) == (-1.0, 1.0, 2.0, 3.0)
    assert r['legend'] == ['same', 'different']


def test_decision_surface_regression_heights():
    net = Network([2, 5, 1], ['tanh', 'linear'], seed=4)
    net.scaler = MinMaxScaler().fit([[-2.0, 0.0], [2.0, 10.0]])
    r = harness.run_component('BP_Decision_Surface', net=net, resolution=[8, 5])
    assert r.ok, r.messages
    assert r.message == 'Surface value'
    mesh = r['mesh']
    assert len(mesh.Vertices) == 9 * 6 and r['classes'] == []
    xs = [mesh.Vertices[i].X for i in range(len(mesh.Vertices))]
    ys = [mesh.Vertices[i].Y for i in range(len(mesh.Vertices))]
    assert (min(xs), max(xs), min(ys), max(ys)) == (-2.0, 2.0, 0.0, 10.0)   # scaler range
    for i in range(len(mesh.Vertices)):
        v = mesh.Vertices[i]
        want = net.predict([[v.X, v.Y]])[0][0]
        assert abs(v.Z - want) < 1e-5                   # rhino3dm stores float32 vertices
        assert abs(r['values'][i] - want) < 1e-5
    lo, hi = min(r['values']), max(r['values'])
    i_hi = r['values'].index(hi)
    assert tuple(mesh.VertexColors[i_hi][:3]) == drawing.GRADIENT[-1]
    assert float(r['legend'][0]) == pytest.approx(hi, rel=1e-2)
    assert float(r['legend'][-1]) == pytest.approx(lo, rel=1e-2, abs=1e-3)
    r = harness.run_component('BP_Decision_Surface', net=net, resolution=[2], height=0.0)
    mesh = r['mesh']
    assert all(mesh.Vertices[i].Z == 0.0 for i in range(len(mesh.Vertices)))


def test_decision_surface_3dm_round_trip(tmp_path, xor_net):
    r = harness.run_component('BP_Decision_Surface', net=xor_net, resolution=[6, 6])
    path = str(tmp_path / 'surface.3dm')
    assert harness.write_3dm([r['mesh']], path) == ['Mesh']
    back = rhino3dm.File3dm.Read(path).Objects[0].Geometry
    assert len(back.Vertices) == 49 and len(back.Faces) == 36
    assert len(back.VertexColors) == 49
    assert tuple(back.VertexColors[6][:3]) == drawing.PALETTE[1]      # corner (1, 0)


def test_decision_surface_missing_and_bad_inputs(xor_net):
    r = harness.run_component('BP_Decision_Surface')
    assert r.warnings == ['Input parameter net failed to collect data'] and not r.errors
    r = harness.run_component('BP_Decision_Surface', net=Network([1, 4, 1], seed=0))
    assert r.errors == ['the decision surface needs a network with 2 inputs or more (x, y); '
                        'this one has 1']
    assert all(r[n] is None for n in r.names)
    r = harness.run_component('BP_Decision_Surface', net=xor_net, mode='colour')
    assert r.errors == ["input 'mode' is 'colour'; choose one of auto, class, value"]
    r = harness.run_component('BP_Decision_Surface', net=xor_net, output=1)
    assert r.errors == ['output 1 is out of range: the model has 1 outputs']
    r = harness.run_component('BP_Decision_Surface', net=xor_net, resolution=[0])
    assert r.errors == ["input 'resolution' must be >= 1, got 0"]
    r = harness.run_component('BP_Decision_Surface', net=xor_net,
                              x_domain=rhino3dm.Interval(1, 1))
    assert r.errors == ["input 'x_domain' is empty: 1.0 to 1.0"]
    assert all(r[n] is None for n in r.names)


# =========================================================================================
# BP Neuron Graph and BP Value Graph
# =========================================================================================
GRAPH_OUTPUTS = ('shapes', 'colors', 'dots', 'points', 'text')


def check_graph_geometry(r, graph):
    nodes, edges = graph['nodes'], graph['edges']
    for key in GRAPH_OUTPUTS:
        assert len(r[key]) == len(nodes), key
    assert len(r['edges']) == len(r['arrows']) == len(edges)
    for shape, node, dot, text in zip(r['shapes'], nodes, r['dots'], r['text']):
        if node['kind'] == 'op':
            assert isinstance(shape, rhino3dm.Circle)
        else:
            assert isinstance(shape, rhino3dm.PolylineCurve) and shape.IsClosed
            assert shape.PointCount == 5
        assert text == '\n'.join(node['lines']) == dot.Text
    for arrow in r['arrows']:
        assert isinstance(arrow, rhino3dm.PolylineCurve) and arrow.IsClosed
    # every edge runs from its source node's outline to its target's, left to right
    for line, (a, b) in zip(r['edges'], edges):
        pa, pb = r['points'][a], r['points'][b]
        assert pa.DistanceTo(line.From) < pa.DistanceTo(line.To)
        assert pb.DistanceTo(line.To) < pb.DistanceTo(line.From)
        assert line.From.X > pa.X and line.To.X < pb.X


def test_neuron_graph_classic_tanh_neuron():
    r = harness.run_component('BP_Neuron_Graph')              # the defaults
    assert r.ok and not r.warnings, r.messages
    assert r.message == 'Neuron tanh'
    o, grads = classic_expected()
    assert round(r['out'], 4) == 0.7071 and abs(r['out'] - o) < 1e-12
    assert [round(g, 4) for g in r['grads']] == [-1.5, 0.5, 1.0, 0.0, 0.5]
    for got, name in zip(r['grads'], ('x1', 'x2', 'w1', 'w2', 'b')):
        assert abs(got - grads[name]) < 1e-12
    _, graph = autograd_graph.neuron_graph(dx=6.0, dy=2.5)
    assert len(graph['nodes']) == 15 and len(graph['edges']) == 14
    check_graph_geometry(r, graph)
    texts = r['text']
    assert 'x1\ndata 2.0000\ngrad -1.5000' in texts
    assert 'w1\ndata -3.0000\ngrad 1.0000' in texts
    assert 'o\ndata 0.7071\ngrad 1.0000' in texts
    assert texts.count('*') == 2 and texts.count('+') == 2 and texts.count('tanh') == 1
    colors = dict((t.split('\n')[0], rgb(c)) for t, c in zip(texts, r['colors']))
    assert colors['x1'] == drawing.LEAF and colors['o'] == drawing.OUTPUT
    assert colors['n'] == drawing.INNER and colors['tanh'] == drawing.OP
    dot = r['dot']
    assert dot.startswith('digraph') and dot.rstrip().endswith('}')
    assert 'grad \\-1.5000' in dot or 'grad -1.5000' in dot
    assert dot.count('->') == 14


def test_neuron_graph_other_inputs_and_plane():
    plane = rhino3dm.Plane(rhino3dm.Point3d(0, 0, 5), rhino3dm.Vector3d(0, 0, 1))
    r = harness.run_component('BP_Neuron_Graph', x1=1.0, x2=-2.0, w1=0.5, w2=0.25, b=0.1,
                              activation='Sigmoid', plane=plane)
    assert r.ok, r.messages
    n = 1.0 * 0.5 + -2.0 * 0.25 + 0.1
    s = 1.0 / (1.0 + math.exp(-n))
    ds = s * (1 - s)
    assert abs(r['out'] - s) < 1e-12
    want = [0.5 * ds, 0.25 * ds, 1.0 * ds, -2.0 * ds, ds]
    assert all(abs(a - b) < 1e-12 for a, b in zip(r['grads'], want))
    assert all(abs(p.Z - 5.0) < 1e-9 for p in r['points'])
    assert 'sigmoid' in r['text']


def test_neuron_graph_3dm_round_trip(tmp_path):
    r = harness.run_component('BP_Neuron_Graph')
    objects = r['shapes'] + r['edges'] + r['arrows'] + r['dots']
    colors = r['colors'] + [None] * (28 + 15)
    got = harness.write_3dm(objects, str(tmp_path / 'neuron.3dm'), colors)
    assert got == ['Curve'] * (15 + 14 + 14) + ['TextDot'] * 15


def test_neuron_graph_bad_activation():
    r = harness.run_component('BP_Neuron_Graph', activation='softmax')
    assert r.errors == ["neuron_graph: unknown activation 'softmax' (use one of tanh, sigmoid, "
                        "relu, leaky_relu, linear)"]
    assert all(r[n] is None for n in r.names)


def test_value_graph_classic_expression():
    names = ['x1', 'x2', 'w1', 'w2', 'b', 'unused']
    values = [CLASSIC[k] for k in names[:5]] + [3.0]
    r = harness.run_component('BP_Value_Graph', expression='tanh(x1*w1 + x2*w2 + b)',
                              names=names, values=values)
    assert r.ok and not r.warnings, r.messages
    o, grads = classic_expected()
    assert abs(r['out'] - o) < 1e-12 and round(r['out'], 4) == 0.7071
    assert [round(g, 4) for g in r['grads']] == [-1.5, 0.5, 1.0, 0.0, 0.5, 0.0]
    for got, name in zip(r['grads'], names[:5]):
        assert abs(got - grads[name]) < 1e-12
    _, graph = autograd_graph.expression_graph('tanh(x1*w1 + x2*w2 + b)',
                                               dict(zip(names, values)), dx=6.0, dy=2.5)
    check_graph_geometry(r, graph)
    assert r['dot'].count('->') == len(r['edges'])


def test_value_graph_shared_variable_and_text_names():
    r = harness.run_component('BP_Value_Graph', expression='x*x + 3*y', names='x, y',
                              values=[1.5, -2.0])
    assert r.ok, r.messages
    assert r['out'] == 1.5 * 1.5 + 3 * -2.0
    assert r['grads'] == [2 * 1.5, 3.0]
    texts = r['text']
    assert sum(1 for t in texts if t.startswith('x\n')) == 1     # one shared node for x


@pytest.mark.parametrize('text,message', [
    ('x.__class__', "syntax error at position 1: unexpected '.': attribute access is not "
                    "allowed"),
    ('__import__("os")', "syntax error at position 0: names starting with '__' are not "
                         "allowed ('__import__')"),
    ('2 * (x + 1', "syntax error at position 10: expected ')' to close '(' at position 4, "
                   "found end of text"),
    ('x * y', "unknown name 'y' at position 4 (known names: x)"),
])
def test_value_graph_rejects_bad_expressions(text, message):
    r = harness.run_component('BP_Value_Graph', expression=text, names=['x'], values=[1.0])
    assert r.errors == [message]
    assert 'position' in r.errors[0]
    assert all(r[n] is None for n in r.names)


def test_value_graph_missing_and_bad_inputs():
    r = harness.run_component('BP_Value_Graph')
    assert r.warnings == ['Input parameter expression failed to collect data'] and not r.errors
    assert all(r[n] is None for n in r.names)
    r = harness.run_component('BP_Value_Graph', expression='x', names=['x', 'y'], values=[1.0])
    assert r.errors == ['2 names but 1 values: give one value per name']
    r = harness.run_component('BP_Value_Graph', expression='x', names=['x', 'x'],
                              values=[1.0, 2.0])
    assert r.errors == ["the name 'x' is given twice"]
    r = harness.run_component('BP_Value_Graph', expression='2 * 3')
    assert r.ok and r['out'] == 6.0 and r['grads'] == []


def test_value_graph_3dm_round_trip(tmp_path):
    r = harness.run_component('BP_Value_Graph', expression='relu(a*b - 1) / 2',
                              names=['a', 'b'], values=[2.0, 3.0])
    assert r.ok, r.messages
    assert r['out'] == 2.5 and r['grads'] == [1.5, 1.0]
    objects = r['shapes'] + r['edges'] + r['arrows'] + r['dots']
    got = harness.write_3dm(objects, str(tmp_path / 'value.3dm'))
    n_nodes, n_edges = len(r['shapes']), len(r['edges'])
    assert got == ['Curve'] * (n_nodes + 2 * n_edges) + ['TextDot'] * n_nodes


# =========================================================================================
# examples/render.py: the pictures of examples/*.md
# =========================================================================================
def test_render_examples_script(tmp_path):
    script = os.path.join(harness.REPO, 'examples', 'render.py')
    proc = subprocess.run([sys.executable, script, '--out', str(tmp_path), '--no-png'],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = {'network.svg': 'circle', 'history.svg': 'polyline',
                'xor_surface.svg': 'polygon', 'neuron_graph.svg': 'rect'}
    for name, tag in expected.items():
        path = tmp_path / name
        assert path.is_file(), name
        assert path.stat().st_size > 2000, name
        root = ET.parse(str(path)).getroot()
        assert root.tag.endswith('svg')
        found = [e for e in root.iter() if e.tag.split('}')[-1] == tag]
        assert found, (name, tag)
    root = ET.parse(str(tmp_path / 'network.svg')).getroot()
    circles = [e for e in root.iter() if e.tag.split('}')[-1] == 'circle']
    assert len(circles) == 4 + 5 + 3                          # the iris network 4-5-3
    root = ET.parse(str(tmp_path / 'xor_surface.svg')).getroot()
    quads = [e for e in root.iter() if e.tag.split('}')[-1] == 'polygon']
    assert len(quads) >= 40 * 40
    # the committed pictures are what the script draws now (re-run examples/render.py after
    # changing bpcore.drawing or a component's parameters)
    for name in sorted(os.listdir(str(tmp_path))):
        committed = os.path.join(harness.REPO, 'examples', 'images', name)
        assert os.path.isfile(committed), 'examples/images/%s is missing' % name
        with open(committed, 'rb') as f:
            assert f.read() == (tmp_path / name).read_bytes(), \
                'examples/images/%s is out of date: run python3 examples/render.py' % name


# =========================================================================================
# the canvas layouts of examples/*.md, wired component to component
# =========================================================================================
XOR_TABLE = ['x1,x2,xor', '0,0,0', '0,1,1', '1,0,1', '1,1,0']


def test_layout_deconstructed_loop_through_the_model_file(tmp_path):
    """examples/deconstructed_loop.md: BP Save (start) once, then per Timer tick BP Load ->
    BP Backward -> BP Update -> BP Save (step); equals plain full-batch SGD in bpcore."""
    from bpcore.optim import SGD
    path = str(tmp_path / 'xor-loop.json')
    data = harness.run_component('BP_Dataset', text=XOR_TABLE, regression=True)
    assert data.rows('Y') == XOR_Y
    init = harness.run_component('BP_Initialize', sizes=[2, 4, 1],
                                 activations=['tanh', 'sigmoid'], seed=0)
    start = harness.run_component('BP_Save', net=init['network'], path=path, save=True)
    assert start.ok and os.path.isfile(path), start.messages
    load, backward = harness.load_component('BP_Load'), harness.load_component('BP_Backward')
    update, save = harness.load_component('BP_Update'), harness.load_component('BP_Save')
    losses = []
    for tick in range(100):
        net = load.run(source=path)['net']
        b = backward.run(net=net, X=data['X'], Y=data['Y'], loss='bce')
        u = update.run(net=net, dW=b['dW'], db=b['db'], lr=1.0)
        s = save.run(net=u['updated'], path=path, save=True)
        assert b.ok and u.ok and s.ok, (b.messages, u.messages, s.messages)
        losses.append(b['L'])
    ref = Network([2, 4, 1], ['tanh', 'sigmoid'], init='xavier', seed=0)
    opt = SGD(lr=1.0)
    for tick in range(100):
        g = ref.backward(ref.forward(XOR_X), XOR_Y, 'bce')
        assert abs(g.loss - losses[tick]) < 1e-12
        opt.step(ref, g)
    final = load.run(source=path)['net']
    assert final.weights == ref.weights
    assert losses[-1] < 0.1 < losses[0]
    assert final.predict_classes(XOR_X) == [0, 1, 1, 0]
    # the recorded losses plot as one curve
    plot = harness.run_component('BP_Plot_History', history=losses)
    assert plot.ok and len(polyline_points(plot['loss'][0])) == 100


def test_layout_xor_decision_surface():
    """examples/xor_decision_surface.md: Dataset -> Initialize -> Train -> Decision Surface."""
    data = harness.run_component('BP_Dataset', text=XOR_TABLE, regression=True)
    init = harness.run_component('BP_Initialize', sizes=[2, 4, 1],
                                 activations=['tanh', 'sigmoid'], seed=0)
    opts = harness.run_component('BP_Train_Options', batch_size=4, lr=0.05, optimizer='adam',
                                 loss='bce')
    train = harness.run_component('BP_Train', net=init['network'], X=data['X'], Y=data['Y'],
                                  epochs=500, options=opts['options'], run=True)
    assert train.ok, train.messages
    surf = harness.run_component('BP_Decision_Surface', net=train['trained'], resolution=[20])
    assert surf.ok, surf.messages
    for (x, y), i in corner_indices(20, 20).items():
        assert surf['classes'][i] == int(x) ^ int(y)


def test_layout_iris_live_training_with_history_plot():
    """examples/iris_live_training.md: BP Train live, BP Plot History after every tick."""
    iris = os.path.join(harness.REPO, 'examples', 'iris.csv')
    data = harness.run_component('BP_Dataset', path=iris)
    assert data.ok and len(data.rows('X')) == 150, data.messages
    scale = harness.run_component('BP_Scale', X=data['X'])
    init = harness.run_component('BP_Initialize', sizes=[4, 5, 3],
                                 activations=['sigmoid', 'softmax'],
                                 class_names=data['class_names'],
                                 feature_names=data['feature_names'], scaler=scale['scaler'])
    train = harness.load_component('BP_Train')
    opts = harness.run_component('BP_Train_Options', batch_size=16, lr=0.05, optimizer='adam',
                                 loss='cce', val_split=0.2, budget_ms=5)
    r = train.run(net=init['network'], X=scale['scaled'], Y=data['Y'], epochs=60,
                  options=opts['options'], live=True, run=True)
    plot = harness.load_component('BP_Plot_History')
    epochs_seen = []
    ticks = 0
    while True:
        if r['epoch']:                          # (a 5 ms solution may end before epoch 1)
            p = plot.run(history=r['history'])
            assert p.ok, p.messages
            epochs_seen.append(len(polyline_points(p['loss'][0])))
        if not train.pending_schedules:
            break
        nxt = train.tick()
        ticks += 1
        if nxt is not None:
            r = nxt
    assert epochs_seen[-1] == 60 and epochs_seen == sorted(epochs_seen)
    assert len(set(epochs_seen)) > 3                       # the plot grew tick by tick
    assert len(p['val_accuracy']) == 1 and len(p['accuracy']) == 1
    accuracy = polyline_points(p['accuracy'][0])[-1][1] / 5.0
    assert accuracy > 0.9
    sample = data.rows('X')[60]     # one flower as a Panel of four lines gives it: {0} x 4 items
    draw = harness.run_component('BP_Draw_Network', net=r['trained'], X=sample)
    assert draw.ok and draw.rows('values')[-1] == r['trained'].predict([sample])[0]
    assert 'versicolor' in draw['label_text'] and 'petal_width' in draw['label_text']
