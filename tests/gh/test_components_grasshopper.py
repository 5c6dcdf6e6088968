"""Components behave like Grasshopper (issue 13), through the harness with rhino3dm geometry:
regression works with the defaults, trees keep their paths, points are samples, Value Lists
appear for mode inputs, and a trained network survives saving and reopening the .gh file."""
import json
import os
import uuid

import pytest
import rhino3dm

import harness
from harness import DataTree, GH_Path, load_component, run_component

from bpcore import data
from bpcore.build import ghio
from bpcore.network import Network
from bpcore.train import fit


def items(r, name):
    """Every item of a tree output, in path order."""
    return [v for _, values in r.branches(name) for v in values]


# =========================================================================================
# 1. task-aware defaults
# =========================================================================================
XS = [i * 0.5 for i in range(21)]                 # a Range of 21 numbers, 0 to 10
YS = [20.0 + 4.8 * x * x for x in XS]             # targets from 20 to 500


def test_regression_20_to_500_with_the_defaults_reaches_r2_099():
    d = run_component('BP_Dataset', features=XS, targets=YS)
    assert d.ok and d.rows('Y') == [[y] for y in YS] and d['classes'] == []
    assert d.remarks == ['features: each number is one sample of one value (21 samples)',
                         'the targets are numbers with decimals (e.g. 21.2): read as '
                         'regression (one numeric output). Set regression to False to make '
                         'each value a class']
    s = run_component('BP_Scale', X=d['X'])
    n = run_component('BP_Initialize', sizes=[1, 8, 1], scaler=s['scaler'], targets=d['Y'])
    net = n['network']
    assert net.activations == ['tanh', 'linear'] and net.target_scaler is not None
    assert n.remarks and n.remarks[0].startswith('regression targets: tanh layers, a linear '
                                                 'output and a target scaler')
    t = run_component('BP_Train', net=net, X=s['scaled'], Y=d['Y'], run=True)
    assert t.ok and not t.warnings, t.messages
    p = run_component('BP_Predict', net=t['trained'], X=XS)
    assert p['classes'] == [] and p['labels'] == []
    pred = items(p, 'values')
    assert [path for path, _ in p.branches('values')] == [(0,)]      # a list in, a list out
    from sklearn.metrics import r2_score
    r2 = r2_score(YS, pred)
    assert r2 >= 0.99, r2
    assert min(pred) < 30.0 and max(pred) > 450.0                   # in target units
    # BP Evaluate scores in target units too (scaled X, as trained)
    e = run_component('BP_Evaluate', net=t['trained'], X=s['scaled'], Y=d['Y'])
    assert e['r2'] == pytest.approx(r2, abs=1e-12)
    # the model file keeps the target scaler
    from bpcore import model_io
    back = model_io.loads(model_io.dumps(t['trained']))
    assert back.predict([[x] for x in XS]) == t['trained'].predict([[x] for x in XS])


def test_regression_with_the_old_defaults_warns_about_the_output_range():
    """The issue's failing case: sigmoid everywhere, raw targets 20..500 -> a warning."""
    net = Network([1, 8, 1], 'sigmoid', seed=0)
    t = run_component('BP_Train', net=net, X=[[x / 10.0] for x in XS], Y=[[y] for y in YS],
                      epochs=2, run=True)
    assert t.warnings == [
        'the targets run from 20 to 500 but a sigmoid output layer gives only 0 to 1: the '
        'network cannot reach them. For regression use a linear output and scale the targets '
        '(BP Initialize with targets connected does both)']
    # BP Initialize with targets and explicit sigmoid layers: scaled to 0..1, no warning
    n = run_component('BP_Initialize', sizes=[1, 4, 1], activations='sigmoid',
                      targets=[[y] for y in YS])
    assert n.ok and not n.warnings and type(n['network'].target_scaler).__name__ == \
        'MinMaxScaler'
    assert not n.remarks


def test_decimals_can_still_be_classes_and_names_stay_classes():
    d = run_component('BP_Dataset', features=XS, targets=YS, regression=False)
    assert d.ok and len(d['class_names']) == 21
    assert d.remarks == ['features: each number is one sample of one value (21 samples)']
    four = [[x] for x in XS[:4]]
    d = run_component('BP_Dataset', features=four, targets=['a', 'b', 'a', 'b'])
    assert d['class_names'] == ['a', 'b'] and d['classes'] == [0, 1, 0, 1] and not d.remarks
    d = run_component('BP_Dataset', features=four, targets=[1, 2, 2, 1])
    assert d['class_names'] == ['1', '2'] and not d.remarks
    assert data.infer_task(list(range(12)))[1].startswith('the targets are whole numbers: '
                                                          'read as 12 classes')
    n = run_component('BP_Initialize', sizes=[1, 3, 2], targets=d['Y'])
    assert n['network'].activations == ['sigmoid', 'sigmoid']
    assert n['network'].target_scaler is None and not n.remarks


# =========================================================================================
# 2. trees keep their paths; geometry counts as coordinates
# =========================================================================================
def tree(branches):
    t = DataTree()
    for path, values in branches:
        t.EnsurePath(GH_Path(path))
        t.AddRange(values, GH_Path(path))
    return t


def test_predict_keeps_paths_and_empty_branches():
    """The issue's case: {0;3}, {0;4} (empty), {0;5} come back on the same paths."""
    net = Network([2, 3, 2], ['tanh', 'softmax'], seed=1)
    net.class_names = ['left', 'right']
    X = tree([((0, 3), [0.1, 0.2]), ((0, 4), []), ((0, 5), [0.7, -0.3])])
    r = run_component('BP_Predict', net=net, X=X)
    assert r.ok and not r.remarks
    expected = net.predict([[0.1, 0.2], [0.7, -0.3]])
    assert r.branches('values') == [((0, 3), expected[0]), ((0, 4), []), ((0, 5), expected[1])]
    k = net.predict_classes([[0.1, 0.2], [0.7, -0.3]])
    assert r.branches('classes') == [((0, 3), [k[0]]), ((0, 4), []), ((0, 5), [k[1]])]
    assert r.branches('labels') == [((0, 3), [net.class_names[k[0]]]), ((0, 4), []),
                                    ((0, 5), [net.class_names[k[1]]])]


def test_points_vectors_and_plane_origins_are_samples():
    net = Network([3, 4, 1], ['tanh', 'linear'], seed=2)
    pts = [rhino3dm.Point3d(1, 2, 3), rhino3dm.Point3d(-1, 0.5, 2)]
    r = run_component('BP_Predict', net=net, X=tree([((7,), pts)]))
    assert r.ok and not r.remarks
    want = [row[0] for row in net.predict([[1, 2, 3], [-1, 0.5, 2]])]
    assert r.branches('values') == [((7,), want)]               # one value per point
    vec = rhino3dm.Vector3d(1, 2, 3)
    plane = rhino3dm.Plane(rhino3dm.Point3d(-1, 0.5, 2), rhino3dm.Vector3d(0, 0, 1))
    r = run_component('BP_Predict', net=net, X=[[vec], [plane]])
    assert r.branches('values') == [((0,), [want[0]]), ((1,), [want[1]])]
    # a 2-input network reads points as (x, y), and says so
    net2 = Network([2, 3, 1], ['tanh', 'linear'], seed=2)
    r = run_component('BP_Predict', net=net2, X=tree([((0,), pts)]))
    assert items(r, 'values') == [row[0] for row in net2.predict([[1, 2], [-1, 0.5]])]
    assert r.remarks == ['X: points read as (x, y), z ignored: the network has 2 inputs']
    # points into a 4-input network: refused, naming the branch
    net4 = Network([4, 2], seed=0)
    r = run_component('BP_Predict', net=net4, X=tree([((0,), pts)]))
    assert r.errors == ['X branch {0} holds 2 points (3 coordinates each) but the network '
                        'has 4 inputs']


def test_a_range_into_a_1_input_network_is_that_many_samples():
    """The issue's case: a Range of 21 numbers was refused ("X has 21 columns")."""
    net = Network([1, 4, 1], ['tanh', 'linear'], seed=0)
    r = run_component('BP_Predict', net=net, X=XS)
    assert r.ok and r.branches('values') == [((0,), [v[0] for v in
                                                     net.predict([[x] for x in XS])])]
    assert r.remarks == ['X: each number is one sample of one value (21 samples)']
    # 2 outputs: one branch per sample under the list's path
    net2 = Network([1, 2], 'sigmoid', seed=0)
    r = run_component('BP_Predict', net=net2, X=tree([((2,), [0.0, 1.0, 2.0])]))
    assert [p for p, _ in r.branches('values')] == [(2, 0), (2, 1), (2, 2)]
    assert r.branches('classes') == [((2,), net2.predict_classes([[0.0], [1.0], [2.0]]))]
    # training takes the same list, with Y as a list of one target per sample
    t = run_component('BP_Train', net=net, X=XS, Y=[y / 500.0 for y in YS], epochs=2,
                      run=True)
    assert t.ok and t['epoch'] == 2
    ref = net.copy()
    fit(ref, [[x] for x in XS], [[y / 500.0] for y in YS], epochs=2)
    assert t['trained'].weights == ref.weights


def test_entwined_columns_are_read_as_rows():
    """The issue's case: Data Recorder columns joined with Entwine ({0;0} = x, {0;1} = y,
    6 values each) were read as 2 samples of 6 features."""
    net = Network([2, 3, 1], ['tanh', 'linear'], seed=4)
    xs, ys = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, 1.0, 0.0]
    r = run_component('BP_Predict', net=net, X=tree([((0, 0), xs), ((0, 1), ys)]))
    assert r.ok and r.branches('values') == [((0,), [v[0] for v in
                                                     net.predict(list(map(list,
                                                                          zip(xs, ys))))])]
    assert r.remarks == ['X: 2 branches of 6 values read as columns, one branch per input: '
                         '6 samples of 2 inputs (give one branch per sample to avoid this)']


def test_dataset_features_from_points():
    pts = [rhino3dm.Point3d(0, 0, 1), rhino3dm.Point3d(1, 2, 3)]
    d = run_component('BP_Dataset', features=tree([((0,), pts)]), targets=['a', 'b'])
    assert d.ok and d.rows('X') == [[0.0, 0.0, 1.0], [1.0, 2.0, 3.0]]
    assert d['classes'] == [0, 1]


# =========================================================================================
# 5. Value Lists for mode inputs
# =========================================================================================
def test_train_options_adds_value_lists_once():
    comp = load_component('BP_Train_Options')
    r = comp.run()
    assert r.ok and len(comp.pending_schedules) == 1
    r = comp.tick()                                     # between solutions: lists added
    doc = comp.component.document
    lists = [o for o in doc.objects if isinstance(o, harness.GH_ValueList)]
    assert [vl.NickName for vl in lists] == ['optimizer', 'loss']
    assert [i.Value for i in lists[0].ListItems] == ['sgd', 'momentum', 'nesterov', 'adam']
    assert [i.Value for i in lists[1].ListItems] == ['mse', 'bce', 'cce']
    params = dict((p.NickName, p) for p in comp.component.Params.Input)
    assert params['optimizer'].Sources == [lists[0]] and params['loss'].Sources == [lists[1]]
    assert lists[0].Attributes.Pivot.X < params['optimizer'].Attributes.Bounds.X
    # never again for this component (also after reopening: the mark is in the file)
    comp.run()
    assert comp.pending_schedules == [] and len(doc.objects) == 2
    # a connected input gets no list
    other = load_component('BP_Train_Options')
    other.run(optimizer='adam')
    other.tick()
    assert [o.NickName for o in other.component.document.objects] == ['loss']


# =========================================================================================
# 4. the trained network is kept in the .gh file
# =========================================================================================
GHPYTHON = 'a8b97322-2d53-47cd-905e-b932c3ccd74e'     # GhPython Script component type


def write_gh(path, comp):
    """A .gh archive (GH_IO, bpcore.ghio) with the component and the document's ValueTable,
    as Grasshopper saves them: Root/Definition/ValueTable and DefinitionObjects/Object."""
    root = ghio.Chunk('Root')
    definition = root.add_chunk('Definition')
    table = definition.add_chunk('ValueTable')
    for key, value in sorted(comp.component.document.ValueTable.to_dict().items()):
        table.set_string(key, value)
    objects = definition.add_chunk('DefinitionObjects')
    objects.set_int32('ObjectCount', 1)
    obj = objects.add_chunk('Object', 0)
    obj.set_guid('GUID', GHPYTHON)
    obj.set_string('Name', 'Python Script')
    container = obj.add_chunk('Container')
    container.set_guid('InstanceGuid', str(comp.component.InstanceGuid))
    container.set_string('Name', comp.meta['name'])
    container.set_string('NickName', comp.meta['nickname'])
    container.set_string('CodeInput', comp.source)
    with open(path, 'wb') as f:
        f.write(ghio.dumps(root))


def reopen_gh(path, name):
    """Read the .gh file back (a new Rhino session: sticky is empty) and place the component
    with its saved InstanceGuid in a document whose ValueTable is the file's."""
    with open(path, 'rb') as f:
        root = ghio.loads(f.read())
    definition = root.chunk('Definition')
    values = dict((it.name, it.value) for it in definition.chunk('ValueTable').items)
    container = definition.chunk('DefinitionObjects').chunk('Object', 0).chunk('Container')
    doc = harness.GH_Document()
    doc.ValueTable = harness.GH_SettingsServer(values)
    harness.reset_sticky()
    return load_component(name, document=doc, instance_guid=str(container.get('InstanceGuid')))


@pytest.fixture
def no_training(monkeypatch):
    """Make any training step fail: proves a reopened file shows the network without it."""
    from bpcore.train import Trainer

    def refuse(*args, **kwargs):
        raise AssertionError('trained again after reopening')
    return lambda: monkeypatch.setattr(Trainer, '_train_batches', refuse)


@pytest.mark.parametrize('live', [False, True])
def test_trained_network_survives_save_and_reopen(tmp_path, no_training, live):
    from sklearn import datasets
    raw = datasets.load_iris()
    X = data.MinMaxScaler().fit_transform(raw.data.tolist())
    Y = data.one_hot([int(v) for v in raw.target], 3)
    net = Network([4, 6, 3], ['tanh', 'softmax'], seed=0)
    opts = run_component('BP_Train_Options', batch_size=16, optimizer='adam', lr=0.05,
                         budget_ms=5)['options']
    inputs = dict(net=net, X=X, Y=Y, epochs=25, options=opts, live=live, run=True)
    comp = load_component('BP_Train')
    r = comp.run(**inputs)
    while comp.pending_schedules:
        r = comp.tick()
    assert r['epoch'] == 25
    keys = comp.component.document.ValueTable.EntryNames
    assert keys == ['bpcore.train.%s' % comp.component.InstanceGuid]
    assert comp.component.document.IsModified
    path = str(tmp_path / 'trained.gh')
    write_gh(path, comp)
    no_training()
    again = reopen_gh(path, 'BP_Train')
    r2 = again.run(**inputs)
    assert r2.ok and not again.pending_schedules, r2.messages
    assert r2['trained'].weights == r['trained'].weights
    assert r2['losses'] == r['losses'] and r2['epoch'] == 25
    assert any('restored from the file' in t for t in r2.remarks)
    assert r2.message == r.message.split(' |')[0]
    # reset forgets it, in the file too
    again.run(**dict(inputs, run=False, reset=True))
    assert again.component.document.ValueTable.EntryNames == []


def test_a_changed_input_after_reopening_is_not_the_saved_run(tmp_path):
    X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    Y = [[0.0], [1.0], [1.0], [0.0]]
    net = Network([2, 3, 1], 'sigmoid', seed=1)
    comp = load_component('BP_Train')
    r = comp.run(net=net, X=X, Y=Y, epochs=5, run=True)
    path = str(tmp_path / 'xor.gh')
    write_gh(path, comp)
    again = reopen_gh(path, 'BP_Train')
    r2 = again.run(net=net, X=X, Y=[[0.0], [1.0], [1.0], [1.0]], epochs=5, run=False)
    assert r2['trained'] is None and r2.remarks == ['set run to True to train']


# =========================================================================================
# 6. fields: BP Predict Field, sliced decision surfaces
# =========================================================================================
def grid_mesh(n=4, size=1.0):
    m = rhino3dm.Mesh()
    for j in range(n):
        for i in range(n):
            m.Vertices.Add(size * i / (n - 1), size * j / (n - 1), 0.0)
    for j in range(n - 1):
        for i in range(n - 1):
            a = j * n + i
            m.Faces.AddFace(a, a + 1, a + 1 + n, a + n)
    return m


def test_predict_field_colours_a_mesh_by_class(tmp_path):
    net = Network([2, 6, 3], ['tanh', 'softmax'], seed=3)
    net.class_names = ['a', 'b', 'c']
    mesh = grid_mesh(5, 2.0)
    r = run_component('BP_Predict_Field', net=net, geometry=mesh)
    assert r.ok, r.messages
    xy = [[2.0 * i / 4, 2.0 * j / 4] for j in range(5) for i in range(5)]
    assert r.branches('values') == [((0,), [row[0] for row in net.predict(xy)])]
    classes = net.predict_classes(xy)
    assert r.branches('classes') == [((0,), classes)]
    from bpcore.drawing.base import class_color
    assert [c.rgb for c in items(r, 'colors')] == [class_color(k) for k in classes]
    out = r['mesh'][0]
    assert len(out.Vertices) == 25 and len(out.Faces) == 16 and len(out.VertexColors) == 25
    assert r['legend'] == ['a', 'b', 'c']
    harness.write_3dm([out], str(tmp_path / 'field.3dm'))


def test_predict_field_points_keep_paths_and_slice_extra_inputs():
    net = Network([4, 5, 1], ['tanh', 'linear'], seed=1)
    net.scaler = data.MinMaxScaler().fit([[0, 0, 0, 10], [1, 2, 3, 20]])
    pts = tree([((0, 1), [rhino3dm.Point3d(0.5, 1, 2), rhino3dm.Point3d(0, 0, 0)]),
                ((0, 2), []), ((0, 3), [rhino3dm.Point3d(1, 2, 3)])])
    # x, y, z feed inputs 0, 1, 2; input 3 held at the middle of its range (15)
    r = run_component('BP_Predict_Field', net=net, geometry=pts)
    want = [v[0] for v in net.predict([[0.5, 1, 2, 15.0], [0, 0, 0, 15.0], [1, 2, 3, 15.0]])]
    assert r.branches('values') == [((0, 1), want[:2]), ((0, 2), []), ((0, 3), want[2:])]
    assert r['classes'] is not None and items(r, 'classes') == [] and r['mesh'] == []
    # x, y feed inputs 3 and 0; inputs 1, 2 held at 7 and 8
    r = run_component('BP_Predict_Field', net=net, geometry=pts, axes=[3, 0], fixed=[7, 8])
    want = [v[0] for v in net.predict([[1, 7, 8, 0.5], [0, 7, 8, 0], [2, 7, 8, 1]])]
    assert items(r, 'values') == want
    r = run_component('BP_Predict_Field', net=net, geometry=pts, axes=[0, 1], fixed=[1, 2, 3])
    assert r.errors == ['3 fixed values for 2 held inputs (2, 3): give one value per input '
                        'not on an axis']
    r = run_component('BP_Predict_Field', net=net, geometry=['a'])
    assert r.errors == ['geometry branch {0} holds str, not a point or a mesh']


def test_decision_surface_slices_a_network_with_more_inputs():
    """The issue: a surrogate with more than 2 inputs could not be sliced."""
    net = Network([3, 6, 2], ['tanh', 'softmax'], seed=2)
    r = run_component('BP_Decision_Surface', net=net, resolution=[4], axes=[0, 2], fixed=[0.25])
    assert r.ok, r.messages
    xs = [i / 4.0 for i in range(5)]
    rows = [[x, 0.25, y] for y in xs for x in xs]
    assert r['classes'] == net.predict_classes(rows)
    assert r['values'] == [v[0] for v in net.predict(rows)]
    # default: inputs 0 and 1, input 2 held at 0.5 (no scaler: the middle of 0..1)
    r = run_component('BP_Decision_Surface', net=net, resolution=[4])
    assert r['values'] == [v[0] for v in net.predict([[x, y, 0.5] for y in xs for x in xs])]
    r = run_component('BP_Decision_Surface', net=net, axes=[0, 0])
    assert r.errors == ['input indices must differ, got [0, 0]']
    r = run_component('BP_Decision_Surface', net=Network([1, 2]), resolution=[4])
    assert r.errors == ['the decision surface needs a network with 2 inputs or more (x, y); '
                        'this one has 1']


def test_scale_keeps_paths_and_the_loop_takes_a_range():
    X = tree([((1, 0), [0.0, 10.0]), ((1, 1), []), ((1, 2), [4.0, 20.0])])
    r = run_component('BP_Scale', X=X)
    assert r.branches('scaled') == [((1, 0), [0.0, 0.0]), ((1, 1), []), ((1, 2), [1.0, 1.0])]
    net = Network([1, 3, 1], ['tanh', 'linear'], seed=0)
    f = run_component('BP_Forward', net=net, X=XS)
    assert f.rows('outputs') == net.forward([[x] for x in XS]).output
    assert f.remarks == ['X: each number is one sample of one value (21 samples)']
    b = run_component('BP_Backward', net=net, X=XS, Y=[y / 500.0 for y in YS])
    assert b['L'] == net.backward(net.forward([[x] for x in XS]),
                                  [[y / 500.0] for y in YS]).loss


def test_whole_number_quantities_into_one_output_are_regression():
    ys = [20 + 24 * i for i in range(21)]                  # whole numbers 20..500
    n = run_component('BP_Initialize', sizes=[1, 6, 1], targets=ys)
    assert n['network'].activations == ['tanh', 'linear']
    assert n['network'].target_scaler is not None
    assert data.infer_targets_task([[y] for y in ys], 1)[0] == 'regression'
    assert data.infer_targets_task([[0], [1], [1]], 1)[0] == 'classification'
    assert data.infer_targets_task([[0, 1], [1, 0]])[0] == 'classification'
    assert data.infer_targets_task([[0.5, 2.0], [1.0, 0.0]])[0] == 'regression'


def test_auto_is_the_first_value_list_item_where_the_default_is_decided():
    comp = load_component('BP_Initialize')
    comp.run(sizes=[1, 4, 1], targets=YS)
    comp.tick()
    lists = dict((o.NickName, [i.Value for i in o.ListItems])
                 for o in comp.component.document.objects)
    assert lists['activations'][0] == 'auto' and lists['init'][0] == 'xavier'
    # 'auto' from the list keeps the task-aware default
    n = comp.run(sizes=[1, 4, 1], targets=YS, activations='auto')
    assert n['network'].activations == ['tanh', 'linear']
    r = run_component('BP_Decision_Surface', net=Network([2, 3, 1], ['tanh', 'linear']),
                      mode='auto', resolution=[2])
    assert r.ok and r['classes'] == []
