"""BP Dataset, BP Scale, BP Split (0 :: Data) and BP Initialize, BP Forward, BP Backward,
BP Update, BP Predict (1 :: Network), run through the fake-Grasshopper harness.

The key test: Forward -> Backward -> Update wired by hand through the components gives the same
weights as one full-batch epoch of ``bpcore.train.fit`` (plain SGD, no shuffle, same lr and
loss), to 1e-12.
"""
import copy
import os

import pytest

from harness import DataTree, GH_Path, load_component, run_component

from bpcore import data
from bpcore.network import Network
from bpcore.rhino import component as ghc
from bpcore.train import fit

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WHEAT = os.path.join(REPO, 'examples', 'wheat-seeds.csv')

SMALL_CSV = ['area, perimeter, kind', '1.0, 2.0, b', '3.0, 4.5, a', '5.0, 6.0, b',
             '0.5, 1.5, c']


@pytest.fixture(scope='module')
def wheat():
    return data.read_csv(WHEAT)


@pytest.fixture(scope='module')
def wheat_scaled(wheat):
    scaler = data.MinMaxScaler().fit(wheat.X)
    return scaler, scaler.transform(wheat.X)


def _close(a, b, tol=1e-12):
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _close(x, y, tol)
    else:
        assert abs(a - b) <= tol, (a, b)


def _all_none(r):
    return all(r[name] is None for name in r.names)


# =========================================================================================
# BP Dataset
# =========================================================================================
def test_dataset_reads_wheat_seeds_file(wheat):
    r = run_component('BP_Dataset', path=WHEAT)
    assert r.ok and not r.warnings
    X = r.rows('X')
    assert len(X) == 210 and all(len(row) == 7 for row in X)
    assert X[0] == [15.26, 14.84, 0.871, 5.763, 3.312, 2.221, 5.22]    # line 1 of the file
    assert X == wheat.X
    assert [p for p, _ in r.branches('X')] == [(i,) for i in range(210)]
    assert r['class_names'] == ['1', '2', '3']
    y = r['classes']
    assert len(y) == 210 and [y.count(k) for k in range(3)] == [70, 70, 70]
    assert y[0] == 0 and y[-1] == 2
    Y = r.rows('Y')
    assert len(Y) == 210 and all(len(row) == 3 and sum(row) == 1.0 for row in Y)
    assert all(row[k] == 1.0 for row, k in zip(Y, y))
    assert r['feature_names'] == ['x%d' % j for j in range(7)]
    assert '210 samples, 7 features, 3 classes' in r['summary']
    assert '1: 70, 2: 70, 3: 70' in r['summary']
    assert r.message == '210 x 7, 3 classes'
    quoted = run_component('BP_Dataset', path='"%s"' % WHEAT)     # Windows "Copy as path"
    assert quoted.ok and quoted.rows('X') == X


def test_dataset_reads_csv_text_lines_with_header_and_label_name():
    r = run_component('BP_Dataset', text=SMALL_CSV, label='kind')
    assert r.ok
    assert r['feature_names'] == ['area', 'perimeter']
    assert r.rows('X') == [[1.0, 2.0], [3.0, 4.5], [5.0, 6.0], [0.5, 1.5]]
    assert r['class_names'] == ['a', 'b', 'c']
    assert r['classes'] == [1, 0, 1, 2]
    assert r.rows('Y') == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


def test_dataset_reads_one_multiline_text_and_label_index():
    text = '\n'.join(SMALL_CSV)
    r = run_component('BP_Dataset', text=[text], label='2')
    assert r.ok and r['classes'] == [1, 0, 1, 2]
    # label column 0: the first column is the label, the other two the features
    r = run_component('BP_Dataset', text=['1, 2, 3', '4, 5, 6'], label=0)
    assert r.ok
    assert r.rows('X') == [[2.0, 3.0], [5.0, 6.0]] and r['class_names'] == ['1', '4']


def test_dataset_label_none_and_regression():
    r = run_component('BP_Dataset', text=['1, 2, 3', '4, 5, 6'], label='none')
    assert r.ok and r.rows('X') == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert r['Y'] is None and r['classes'] == [] and r['class_names'] == []
    r = run_component('BP_Dataset', text=['1, 2, 0.5', '4, 5, 1.25', '7, 8, 2'],
                      regression=True)
    assert r.ok
    assert r.rows('Y') == [[0.5], [1.25], [2.0]] and r['classes'] == [] and r['class_names'] == []
    assert r.message == '3 x 2'


def test_dataset_ragged_csv_names_the_line():
    lines = list(SMALL_CSV)
    lines[3] = '5.0, 6.0'
    r = run_component('BP_Dataset', text=lines)
    assert len(r.errors) == 1
    assert 'line 4 has 2 values, expected 3' in r.errors[0]
    assert _all_none(r)


def test_dataset_bad_cell_and_missing_file_are_red(tmp_path):
    r = run_component('BP_Dataset', text=['1, 2, a', '3, x, b'])
    assert r.errors == ["line 2, column 1 ('x1'): cannot read 'x' as a number"]
    assert _all_none(r)
    missing = str(tmp_path / 'nope.csv')
    r = run_component('BP_Dataset', path=missing)
    assert len(r.errors) == 1 and 'not found' in r.errors[0] and 'nope.csv' in r.errors[0]
    r = run_component('BP_Dataset', text=SMALL_CSV, label='colour')
    assert r.errors == ["no column named 'colour'; the columns are: area, perimeter, kind"]


def test_dataset_missing_source_warns():
    r = run_component('BP_Dataset')
    assert not r.errors and len(r.warnings) == 1
    for name in ('path', 'text', 'features'):
        assert name in r.warnings[0]
    assert _all_none(r)


def test_dataset_path_wins_over_text_with_a_remark():
    r = run_component('BP_Dataset', path=WHEAT, text=SMALL_CSV)
    assert r.ok and len(r.rows('X')) == 210
    assert r.remarks == ['path and text are both connected: reading path']


def test_dataset_from_trees_with_labels_and_with_target_rows():
    feats = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    r = run_component('BP_Dataset', features=feats, targets=[['yes'], ['no'], ['yes']])
    assert r.ok
    assert r.rows('X') == feats and r['class_names'] == ['no', 'yes'] and r['classes'] == [1, 0, 1]
    assert r.rows('Y') == [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    # labels as a flat list in one branch each via a DataTree with other paths
    t = DataTree()
    for i, lab in enumerate([2.0, 1.0, 2.0]):
        t.Add(lab, GH_Path(0, i))
    r = run_component('BP_Dataset', features=feats, targets=t)
    assert r.ok and r['class_names'] == ['1', '2'] and r['classes'] == [1, 0, 1]
    # one-hot rows are used as they are, y is their argmax
    onehot = [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    r = run_component('BP_Dataset', features=feats, targets=onehot)
    assert r.ok and r.rows('Y') == onehot and r['classes'] == [2, 0, 1] and r['class_names'] == []
    # features only
    r = run_component('BP_Dataset', features=feats)
    assert r.ok and r['Y'] is None and r.message == '3 x 2'


def test_dataset_from_trees_bad_input():
    r = run_component('BP_Dataset', features=[[0.0, 1.0], [1.0]], targets=[[1], [2]])
    assert r.errors == ['features row 1 has 1 values, expected 2'] and _all_none(r)
    r = run_component('BP_Dataset', features=[[0.0, 1.0], [1.0, 2.0]], targets=[[1]])
    assert r.errors == ['features has 2 samples (branches) but targets has 1']


# =========================================================================================
# BP Scale
# =========================================================================================
def test_scale_minmax_fits_and_scales(wheat):
    r = run_component('BP_Scale', X=wheat.X)
    assert r.ok and r.message == 'minmax'
    scaled = r.rows('scaled')
    assert [p for p, _ in r.branches('scaled')] == [(i,) for i in range(210)]
    ref = data.MinMaxScaler().fit(wheat.X)
    assert scaled == ref.transform(wheat.X)
    for col in zip(*scaled):
        assert min(col) == 0.0 and abs(max(col) - 1.0) < 1e-12
    holder = r['scaler']
    assert isinstance(holder, ghc.Holder) and 'MinMaxScaler, 7 features' in str(holder)
    scaler = ghc.unwrap(holder)
    assert scaler.min_ == ref.min_ and scaler.max_ == ref.max_


def test_scale_standard(wheat):
    r = run_component('BP_Scale', X=wheat.X, kind='standard')
    assert r.ok and r.message == 'standard'
    scaled = r.rows('scaled')
    for col in zip(*scaled):
        mean = sum(col) / len(col)
        var = sum((v - mean) ** 2 for v in col) / len(col)
        assert abs(mean) < 1e-12 and abs(var - 1.0) < 1e-12


def test_scale_applies_a_fitted_scaler_or_a_networks_scaler(wheat):
    train, new = wheat.X[:150], wheat.X[150:]
    fitted = run_component('BP_Scale', X=train)['scaler']
    r = run_component('BP_Scale', X=new, fitted=fitted, kind='standard')   # kind ignored
    ref = data.MinMaxScaler().fit(train)
    assert r.ok and r.rows('scaled') == ref.transform(new)
    assert max(v for row in r.rows('scaled') for v in row) > 1.0     # not refitted
    net = Network([7, 3], 'sigmoid')
    net.scaler = ref
    r = run_component('BP_Scale', X=new, fitted=net)
    assert r.ok and r.rows('scaled') == ref.transform(new)
    assert ghc.unwrap(r['scaler']) is not ref                          # a copy travels on


def test_scale_bad_inputs_are_red(wheat):
    r = run_component('BP_Scale', X=wheat.X, kind='robust')
    assert r.errors == ["unknown scaler 'robust'; choose one of: minmax, standard, none"]
    assert _all_none(r)
    r = run_component('BP_Scale', X=wheat.X, kind='none')
    assert r.errors == ["input 'kind': choose minmax or standard"]
    r = run_component('BP_Scale', X=wheat.X, fitted=Network([7, 3]))
    assert len(r.errors) == 1 and 'network has no scaler' in r.errors[0]
    fitted = run_component('BP_Scale', X=[[1.0, 2.0], [3.0, 4.0]])['scaler']
    r = run_component('BP_Scale', X=wheat.X, fitted=fitted)
    assert r.errors == ['X has 7 columns, expected 2'] and _all_none(r)
    r = run_component('BP_Scale', X=wheat.X, fitted='hello')
    assert len(r.errors) == 1 and "'fitted' is not a bpcore scaler" in r.errors[0]
    r = run_component('BP_Scale', X=[[1.0, 'a']])
    assert r.errors == ["X row 0, column 1: cannot read 'a' as a number"]


def test_scale_missing_X_warns():
    r = run_component('BP_Scale', kind='minmax')
    assert not r.errors and r.warnings == ['Input parameter X failed to collect data']
    assert _all_none(r)


# =========================================================================================
# BP Split
# =========================================================================================
def test_split_stratified_matches_core_and_keeps_pairs(wheat):
    r = run_component('BP_Split', X=wheat.X, Y=wheat.Y, test_size=0.2, seed=3, stratify=True)
    assert r.ok and r.message == '168 train / 42 test'
    Xtr, Ytr, Xte, Yte = (r.rows(n) for n in ('X_train', 'Y_train', 'X_test', 'Y_test'))
    assert len(Xtr) == len(Ytr) == 168 and len(Xte) == len(Yte) == 42
    assert [p for p, _ in r.branches('X_test')] == [(i,) for i in range(42)]
    ref = data.train_test_split(wheat.X, wheat.Y, 0.2, 3, wheat.Y)
    assert (Xtr, Xte, Ytr, Yte) == tuple(ref)
    # every test class gets 14 samples (70 each * 0.2)
    assert [sum(row[k] for row in Yte) for k in range(3)] == [14.0, 14.0, 14.0]
    # each sample keeps its own target and the parts cover the data once
    label_of = dict((tuple(x), tuple(yv)) for x, yv in zip(wheat.X, wheat.Y))
    assert all(label_of[tuple(x)] == tuple(yv) for x, yv in zip(Xtr + Xte, Ytr + Yte))
    assert sorted(map(tuple, Xtr + Xte)) == sorted(map(tuple, wheat.X))


def test_split_defaults_seed_and_label_rows(wheat):
    a = run_component('BP_Split', X=wheat.X, Y=wheat.Y)
    assert a.ok and len(a.rows('X_test')) == 70          # ceil(0.33 * 210)
    b = run_component('BP_Split', X=wheat.X, Y=wheat.Y, seed=0)
    c = run_component('BP_Split', X=wheat.X, Y=wheat.Y, seed=1)
    assert a.rows('X_test') == b.rows('X_test') != c.rows('X_test')
    # a count of test samples, and one text label per sample stratified by the label
    labels = [['a'], ['a'], ['b'], ['b'], ['a'], ['b']]
    X = [[float(i)] for i in range(6)]
    r = run_component('BP_Split', X=X, Y=labels, test_size=2, stratify=True)
    assert r.ok and sorted(r.rows('Y_test')) == [['a'], ['b']]


def test_split_bad_and_missing_inputs(wheat):
    r = run_component('BP_Split', X=wheat.X)
    assert r.warnings == ['Input parameter Y failed to collect data'] and not r.errors
    assert _all_none(r)
    r = run_component('BP_Split', X=wheat.X, Y=wheat.Y[:10])
    assert r.errors == ['X has 210 samples (branches) but Y has 10'] and _all_none(r)
    r = run_component('BP_Split', X=wheat.X, Y=wheat.Y, test_size=1.5)
    assert r.errors == ['test_size must be a fraction in (0, 1) or a count, got 1.5']
    r = run_component('BP_Split', X=[[1.0], [2.0]], Y=[[1.0], [0.0]], test_size=2)
    assert r.errors == ['cannot split 2 samples into 0 for training and 2 for testing']


# =========================================================================================
# BP Initialize
# =========================================================================================
def test_initialize_matches_network_and_attaches_metadata(wheat):
    scaler = run_component('BP_Scale', X=wheat.X)['scaler']
    r = run_component('BP_Initialize', sizes=[7, 5, 3], activations=['sigmoid', 'softmax'],
                      init='he', seed=4, class_names=wheat.class_names,
                      feature_names=['f%d' % j for j in range(7)], scaler=scaler)
    assert r.ok and r.message == '7-5-3'
    net = r['network']
    ref = Network([7, 5, 3], ['sigmoid', 'softmax'], init='he', seed=4)
    assert net.weights == ref.weights and net.biases == ref.biases
    assert net.activations == ['sigmoid', 'softmax']
    assert net.class_names == ['1', '2', '3'] and net.feature_names[6] == 'f6'
    assert net.scaler.min_ == ghc.unwrap(scaler).min_ and net.scaler is not ghc.unwrap(scaler)
    assert r['summary'] == net.summary()
    assert 'layer 1: 5 -> 3 softmax' in r['summary'] and 'input scaler: MinMaxScaler' in \
        r['summary']


def test_initialize_defaults_and_text_inputs():
    r = run_component('BP_Initialize', sizes=['2, 4, 1'])
    assert r.ok
    net = r['network']
    assert net.sizes == [2, 4, 1] and net.activations == ['sigmoid', 'sigmoid']
    assert net.init == 'xavier' and net.seed == 0
    assert net.weights == Network([2, 4, 1]).weights
    r = run_component('BP_Initialize', sizes=[2, 4, 1], activations=['tanh, sigmoid'],
                      class_names=['no, yes'])
    assert r.ok and r['network'].activations == ['tanh', 'sigmoid']
    assert r['network'].class_names == ['no', 'yes']       # 2 names for one sigmoid output


def test_initialize_bad_activation_is_red():
    r = run_component('BP_Initialize', sizes=[7, 5, 3], activations=['sigmoid', 'sigmod'])
    assert r.errors == ["layer 1: unknown activation 'sigmod'; choose one of leaky_relu, "
                        "linear, relu, sigmoid, softmax, tanh"]
    assert _all_none(r)
    r = run_component('BP_Initialize', sizes=[7, 5, 3], activations=['softmax', 'sigmoid'])
    assert r.errors == ['layer 0: softmax is only allowed on the output layer']


def test_initialize_other_bad_inputs(wheat):
    r = run_component('BP_Initialize', sizes=[7, 0, 3])
    assert r.errors == ["input 'sizes' must be >= 1, got 0"]
    r = run_component('BP_Initialize', sizes=[7])
    assert len(r.errors) == 1 and 'at least 2 layer sizes' in r.errors[0]
    r = run_component('BP_Initialize', sizes=[7, 3], init='zeros')
    assert r.errors == ["unknown init 'zeros'; choose one of uniform, xavier, he, normal"]
    r = run_component('BP_Initialize', sizes=[7, 3], class_names=['a', 'b'])
    assert r.errors == ["input 'class_names' has 2 names but the network has 3 outputs"]
    scaler = run_component('BP_Scale', X=[[1.0, 2.0], [2.0, 1.0]])['scaler']
    r = run_component('BP_Initialize', sizes=[7, 3], scaler=scaler)
    assert r.errors == ["input 'scaler' was fitted on 2 features but the network has 7 "
                        "inputs"] and _all_none(r)


def test_initialize_missing_sizes_warns():
    r = run_component('BP_Initialize', activations=['sigmoid'])
    assert r.warnings == ['Input parameter sizes failed to collect data'] and not r.errors
    assert _all_none(r)


# =========================================================================================
# BP Forward / BP Backward / BP Update
# =========================================================================================
def _net(seed=0, acts=('sigmoid', 'softmax')):
    return Network([7, 5, 3], list(acts), init='xavier', seed=seed)


def test_forward_outputs_and_tree_paths(wheat_scaled):
    X = wheat_scaled[1][:6]
    net = _net()
    r = run_component('BP_Forward', net=net, X=X)
    assert r.ok and r.message == '6 samples'
    trace = net.forward(X)
    assert r.rows('outputs') == trace.output
    assert [p for p, _ in r.branches('outputs')] == [(i,) for i in range(6)]
    for name, mats in (('Z', trace.Z), ('A', trace.A)):
        branches = r.branches(name)
        assert [p for p, _ in branches] == [(l, i) for l in range(2) for i in range(6)]
        assert [len(items) for _, items in branches] == [5] * 6 + [3] * 6
        assert [items for _, items in branches] == mats[0] + mats[1]
    # softmax rows sum to 1
    assert all(abs(sum(row) - 1.0) < 1e-12 for row in r.rows('outputs'))


def test_forward_one_sample_as_flat_list(wheat_scaled):
    net = _net()
    x = wheat_scaled[1][0]
    r = run_component('BP_Forward', net=net, X=x)
    assert r.ok and r.rows('outputs') == net.forward([x]).output
    assert [p for p, _ in r.branches('A')] == [(0, 0), (1, 0)]


def test_forward_wrong_width_and_missing_net():
    net = _net()
    r = run_component('BP_Forward', net=net, X=[[0.1] * 5, [0.2] * 5])
    assert r.errors == ['X branch {0} has 5 values but the network has 7 inputs: give one branch per sample with 7 values']
    assert _all_none(r)
    r = run_component('BP_Forward', X=[[0.1] * 7])
    assert r.warnings == ['Input parameter net failed to collect data'] and not r.errors
    assert _all_none(r)
    r = run_component('BP_Forward', net='not a network', X=[[0.1] * 7])
    assert r.errors == ["input 'net' is not a bpcore network (got str)"]
    r = run_component('BP_Forward', net=net, X=[[0.1] * 7, [0.1] * 6 + ['abc']])
    assert r.errors == ["X row 1, column 6: cannot read 'abc' as a number"]


def test_backward_matches_network_backward(wheat, wheat_scaled):
    X, Y = wheat_scaled[1][:8], wheat.Y[:8]
    net = _net(seed=2)
    r = run_component('BP_Backward', net=net, X=X, Y=Y, loss='cce')
    assert r.ok and r.message.startswith('cce ')
    grads = net.backward(net.forward(X), Y, 'cce')
    assert r['L'] == grads.loss
    assert [p for p, _ in r.branches('delta')] == [(l, i) for l in range(2) for i in range(8)]
    assert [items for _, items in r.branches('delta')] == grads.delta[0] + grads.delta[1]
    dW = r.branches('dW')
    assert [p for p, _ in dW] == [(0, i) for i in range(5)] + [(1, i) for i in range(3)]
    assert [items for _, items in dW] == grads.dW[0] + grads.dW[1]
    assert [len(items) for _, items in dW] == [7] * 5 + [5] * 3
    assert r.branches('db') == [((0,), grads.db[0]), ((1,), grads.db[1])]


def test_backward_default_loss_and_bad_inputs(wheat, wheat_scaled):
    X, Y = wheat_scaled[1][:4], wheat.Y[:4]
    net = _net(acts=('sigmoid', 'sigmoid'))
    r = run_component('BP_Backward', net=net, X=X, Y=Y)
    assert r.ok and r['L'] == net.backward(net.forward(X), Y, 'mse').loss
    r = run_component('BP_Backward', net=net, X=X, Y=Y, loss='cce')
    assert len(r.errors) == 1 and 'cce' in r.errors[0] and 'softmax' in r.errors[0]
    assert _all_none(r)
    r = run_component('BP_Backward', net=net, X=X, Y=Y, loss='hinge')
    assert r.errors == ["unknown loss 'hinge'; choose one of mse, bce, cce"]
    r = run_component('BP_Backward', net=net, X=X, Y=[row[:2] for row in Y])
    assert r.errors == ['Y has 2 columns, expected 3']
    r = run_component('BP_Backward', net=net, X=X, Y=Y[:3])
    assert r.errors == ['X has 4 samples (branches) but Y has 3']
    r = run_component('BP_Backward', net=net, X=X)
    assert r.warnings == ['Input parameter Y failed to collect data'] and not r.errors


def test_update_returns_a_new_network_and_never_mutates(wheat, wheat_scaled):
    X, Y = wheat_scaled[1][:8], wheat.Y[:8]
    net = _net(seed=1)
    before = copy.deepcopy(net.to_data())
    g = run_component('BP_Backward', net=net, X=X, Y=Y, loss='mse')
    r = run_component('BP_Update', net=net, dW=g['dW'], db=g['db'], lr=0.5)
    assert r.ok and r.message == 'lr 0.5'
    new = r['updated']
    assert new is not net and net.to_data() == before               # input untouched
    grads = net.backward(net.forward(X), Y, 'mse')
    for l in range(2):
        assert new.weights[l] == [[w - 0.5 * d for w, d in zip(wr, dr)]
                                  for wr, dr in zip(net.weights[l], grads.dW[l])]
        assert new.biases[l] == [b - 0.5 * d for b, d in zip(net.biases[l], grads.db[l])]
    assert new.sizes == net.sizes and new.activations == net.activations
    step = max(abs(0.5 * v) for M in grads.dW for row in M for v in row)
    step = max(step, max(abs(0.5 * v) for b in grads.db for v in b))
    assert r['step'] == step
    # the default learning rate is 0.1
    r = run_component('BP_Update', net=net, dW=g['dW'], db=g['db'])
    assert r['updated'].biases[1] == [b - 0.1 * d for b, d in zip(net.biases[1], grads.db[1])]


def test_update_bad_and_missing_inputs(wheat, wheat_scaled):
    X, Y = wheat_scaled[1][:4], wheat.Y[:4]
    net = _net()
    g = run_component('BP_Backward', net=net, X=X, Y=Y)
    other = Network([7, 4, 3], ['sigmoid', 'softmax'])
    r = run_component('BP_Update', net=other, dW=g['dW'], db=g['db'])
    assert r.errors == ['dW layer 0 has shape (5, 7), expected (4, 7)'] and _all_none(r)
    r = run_component('BP_Update', net=Network([7, 5, 2, 3]), dW=g['dW'], db=g['db'])
    assert r.errors == ['dW has 2 layers (branch groups {l; i}), expected 3']
    db = DataTree()
    db.AddRange([0.0] * 5, GH_Path(0))
    db.AddRange([0.0] * 2, GH_Path(1))
    r = run_component('BP_Update', net=net, dW=g['dW'], db=db)
    assert r.errors == ['db layer 1 has 2 values, expected 3']
    r = run_component('BP_Update', net=net, dW=g['dW'], db=g['db'], lr=-1.0)
    assert r.errors == ["input 'lr' must be > 0, got -1.0"]
    r = run_component('BP_Update', net=net, dW=g['dW'])
    assert r.warnings == ['Input parameter db failed to collect data'] and not r.errors
    assert _all_none(r)


@pytest.mark.parametrize('loss,acts,lr', [
    ('cce', ('sigmoid', 'softmax'), 0.5),
    ('mse', ('sigmoid', 'sigmoid'), 0.3),
    ('bce', ('tanh', 'sigmoid'), 0.1),
])
def test_forward_backward_update_equals_one_fit_step(wheat, wheat_scaled, loss, acts, lr):
    """The key test: the deconstructed algorithm on the canvas == bpcore.train.fit."""
    X, Y = wheat_scaled[1], wheat.Y
    net = _net(seed=7, acts=acts)
    reference = net.copy()
    fit(reference, X, Y, epochs=3, batch_size=len(X), optimizer='sgd', lr=lr, loss=loss,
        shuffle=False)
    forward = load_component('BP_Forward')
    backward = load_component('BP_Backward')
    update = load_component('BP_Update')
    current = net
    for step in range(3):
        f = forward.run(net=current, X=X)
        assert f.ok and f.rows('outputs') == current.forward(X).output
        b = backward.run(net=current, X=X, Y=Y, loss=loss)
        assert b.ok
        u = update.run(net=current, dW=b['dW'], db=b['db'], lr=lr)
        assert u.ok
        current = u['updated']
    for l in range(2):
        _close(current.weights[l], reference.weights[l], 1e-12)
        _close(current.biases[l], reference.biases[l], 1e-12)
    # in fact bit for bit: the same floats in the same order of operations
    assert current.weights == reference.weights and current.biases == reference.biases
    assert net.weights == _net(seed=7, acts=acts).weights        # the start network unchanged


# =========================================================================================
# BP Predict, and the whole data -> network path
# =========================================================================================
def test_predict_applies_the_scaler_and_names_classes(wheat):
    d = run_component('BP_Dataset', path=WHEAT)
    s = run_component('BP_Scale', X=d['X'])
    n = run_component('BP_Initialize', sizes=[7, 4, 3], activations=['tanh', 'softmax'],
                      seed=5, class_names=d['class_names'], scaler=s['scaler'])
    net = n['network']
    r = run_component('BP_Predict', net=net, X=d['X'])
    assert r.ok and r.message == '210 samples, scaled'
    values = r.rows('values')
    assert values == net.predict(wheat.X)
    # Predict on raw X == Forward on the scaled X
    f = run_component('BP_Forward', net=net, X=s['scaled'])
    assert f.rows('outputs') == values
    classes = _items(r, 'classes')
    assert classes == net.predict_classes(wheat.X)
    assert _items(r, 'labels') == [['1', '2', '3'][k] for k in classes]
    assert [p for p, _ in r.branches('values')] == [(i,) for i in range(210)]
    assert [p for p, _ in r.branches('classes')] == [(i,) for i in range(210)]


def _items(r, name):
    """Every item of a tree output, in path order."""
    return [v for _, items in r.branches(name) for v in items]


def test_predict_regression_and_binary():
    reg = Network([2, 3, 1], ['tanh', 'linear'], seed=1)
    r = run_component('BP_Predict', net=reg, X=[[0.5, -0.5], [1.0, 2.0]])
    assert r.ok and r.message == '2 samples'
    assert r.rows('values') == reg.predict([[0.5, -0.5], [1.0, 2.0]])
    assert r['classes'] == [] and r['labels'] == []
    binary = Network([2, 1], 'sigmoid', seed=1)
    r = run_component('BP_Predict', net=binary, X=[[5.0, 5.0], [-5.0, -5.0]])
    p = [row[0] for row in binary.predict([[5.0, 5.0], [-5.0, -5.0]])]
    assert _items(r, 'classes') == [1 if v >= 0.5 else 0 for v in p]
    assert _items(r, 'labels') == [str(k) for k in _items(r, 'classes')]


def test_predict_bad_and_missing_inputs():
    net = _net()
    r = run_component('BP_Predict', net=net, X=[[1.0, 2.0]])
    assert r.errors == ['X branch {0} has 2 values but the network has 7 inputs: give one '
                        'branch per sample with 7 values']
    assert _all_none(r)
    r = run_component('BP_Predict', X=[[1.0] * 7])
    assert r.warnings == ['Input parameter net failed to collect data'] and not r.errors
    r = run_component('BP_Predict')
    assert r.warnings == ['Input parameters net, X failed to collect data']
