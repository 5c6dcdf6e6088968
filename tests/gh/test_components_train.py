"""The "2 :: Train" components through the fake-Grasshopper harness: BP Train (at once and
live, tick by tick), BP Evaluate, BP Gradient Check, BP Save, BP Load, BP Self Test."""
import json
import os

import pytest

from harness import load_component, run_component

from bpcore import data, model_io, selftest
from bpcore.gradcheck import gradient_check
from bpcore.network import Network
from bpcore.train import Trainer, fit

# -- data ---------------------------------------------------------------------------------


@pytest.fixture(scope='module')
def iris():
    from sklearn import datasets
    raw = datasets.load_iris()
    X = data.MinMaxScaler().fit_transform(raw.data.tolist())
    y = [int(v) for v in raw.target]
    return X, data.one_hot(y, 3), y


def iris_net(seed=0):
    return Network([4, 8, 3], ['tanh', 'softmax'], init='xavier', seed=seed)


# iris, adam lr 0.05, batches of 16, cce: reaches ~0.97 training accuracy in 60 epochs
OPTS = dict(batch_size=16, lr=0.05, optimizer='adam', loss='cce', seed=0)
OPTION_NAMES = ('batch_size', 'lr', 'optimizer', 'loss', 'val_split', 'seed', 'patience',
                'restore_best', 'budget_ms', 'backend')


def options(**over):
    """BP Train Options' output item for OPTS with ``over``."""
    r = run_component('BP_Train_Options', **dict(OPTS, **over))
    assert r.ok, r.errors
    return r['options']


def train(comp, **kw):
    """One BP Train solution; option keywords go through BP Train Options."""
    opts = dict((k, kw.pop(k)) for k in list(kw) if k in OPTION_NAMES)
    kw.setdefault('epochs', 60)
    return comp.run(options=options(**opts), **kw)


def ticks(comp, r, limit=2000):
    """Run the scheduled solutions until none is left; every Result, the first one too."""
    out = [r]
    while comp.pending_schedules:
        r = comp.tick()
        assert r is not None and r.ok, r
        out.append(r)
        assert len(out) < limit, 'live training never stops scheduling'
    return out


def fit_options(**over):
    opts = dict(epochs=60, **OPTS)
    opts.update(over)
    return opts


def params(net):
    return (net.weights, net.biases)


# =========================================================================================
# BP Train, live
# =========================================================================================
def test_train_live_iris_tick_by_tick(iris):
    X, Y, y = iris
    net = iris_net()
    before = json.dumps(net.to_data(), sort_keys=True)
    comp = load_component('BP_Train')
    r = train(comp, net=net, X=X, Y=Y, live=True, run=True, budget_ms=2)
    assert r.ok, r.errors
    results = ticks(comp, r)
    r = results[-1]
    epochs = [x['epoch'] for x in results]
    # a 2 ms budget: several solutions per epoch on this data, never more than one epoch
    assert len(results) > 60 and epochs == sorted(epochs)
    assert all(b - a <= 1 for a, b in zip(epochs, epochs[1:]))
    assert all(len(x['losses']) == x['epoch'] for x in results)
    assert all(delay >= 1 for delay, _ in comp.component.document.ran)
    messages = [x.message for x in results]
    assert ' ep/s' in messages[-2] and ' left' in messages[-2]
    assert messages[-1].startswith('epoch 60/60 loss ') and ' acc ' in messages[-1]
    assert 'done' in r['message']
    trained = r['trained']
    acc = r['accuracies']
    assert len(acc) == 60 and acc[-1] >= 0.93
    predicted = trained.predict_classes(X)
    measured = sum(1 for p, t in zip(predicted, y) if p == t) / len(y)
    assert measured >= 0.93, measured
    # cutting epochs into slices changes nothing: the same weights as fit
    reference = net.copy()
    h = fit(reference, X, Y, **fit_options())
    assert params(trained) == params(reference) and r['losses'] == h.loss
    # history tree: {0} loss, {1} val_loss (none), {2} accuracy, {3} val_accuracy (none)
    branches = r.branches('history')
    assert [p for p, _ in branches] == [(0,), (1,), (2,), (3,)]
    assert branches[0][1] == r['losses'] and branches[2][1] == acc
    assert branches[1][1] == [] and branches[3][1] == []
    # the input network is untouched
    assert json.dumps(net.to_data(), sort_keys=True) == before
    # a solution without new ticks keeps the result and schedules nothing
    r2 = train(comp, net=net, X=X, Y=Y, live=True, run=True, budget_ms=2)
    assert r2['epoch'] == 60 and not comp.pending_schedules
    assert params(r2['trained']) == params(trained)


def test_train_live_equals_fit_at_once(iris):
    X, Y, _ = iris
    net = iris_net(seed=3)
    comp = load_component('BP_Train')
    r = ticks(comp, train(comp, net=net, X=X, Y=Y, live=True, run=True, epochs=40,
                          budget_ms=1))[-1]
    assert r['epoch'] == 40
    reference = net.copy()
    history = fit(reference, X, Y, **fit_options(epochs=40))
    assert params(r['trained']) == params(reference)
    assert r['losses'] == history.loss
    # the component's own non-live mode gives the same weights
    once = train(load_component('BP_Train'), net=net, X=X, Y=Y, live=False, run=True,
                 epochs=40)
    assert once.ok and params(once['trained']) == params(reference)
    assert once['losses'] == history.loss


def test_train_live_with_the_compiled_kernel_equals_the_pure_path(iris):
    # BP Train's Trainer picks the compiled kernel for this small network ('auto'): live
    # solutions (whole epochs on the kernel, part-way epochs on the pure path, as the time
    # budget cuts them) give the same weights as the pure path trained all at once
    X, Y, _ = iris
    net = iris_net(seed=4)
    comp = load_component('BP_Train')
    r = ticks(comp, train(comp, net=net, X=X, Y=Y, live=True, run=True, epochs=30,
                          budget_ms=20))[-1]
    assert r['epoch'] == 30 and r['trained'].training['backend'] == 'compiled'
    reference = net.copy()
    history = fit(reference, X, Y, backend='pure', **fit_options(epochs=30))
    assert reference.training['backend'] == 'pure'
    assert params(r['trained']) == params(reference)
    assert r['losses'] == history.loss


def test_train_live_1000_x_8_is_cut_into_solutions_by_the_budget(monkeypatch):
    """The issue's case: 1,000 samples x 8 inputs, 8-16-16-1, batch 1, where one epoch takes
    longer than the budget: solutions end part-way through an epoch and the result equals
    fit. (The time of each solution, within 1.5 x the budget, is measured by
    benchmarks/bench_live.py: timing targets live in benchmarks, not in unit tests.)
    The inputs are read once: every later solution gets equal trees and reuses them."""
    from bpcore.rhino import live
    from bpcore.rng import Random
    reads = []
    read = live.read_training_data
    monkeypatch.setattr(live, 'read_training_data', lambda *a: reads.append(1) or read(*a))
    rng = Random(7)
    X = [[rng.random() for _ in range(8)] for _ in range(1000)]
    Y = [[0.25 + 0.5 * x[0] * x[1] + 0.2 * x[7]] for x in X]
    net = Network([8, 16, 16, 1], 'sigmoid', seed=0)
    comp = load_component('BP_Train')
    opts = options(batch_size=1, optimizer='sgd', lr=0.1, loss='mse', budget_ms=10)
    results = ticks(comp, comp.run(net=net, X=X, Y=Y, epochs=2, options=opts, live=True,
                                   run=True))
    r = results[-1]
    assert r['epoch'] == 2 and len(results) > 4
    assert sum(1 for x in results if x['epoch'] == 0) >= 2       # epoch 1 took 2+ solutions
    assert len(reads) == 1
    reference = net.copy()
    fit(reference, X, Y, epochs=2, batch_size=1, optimizer='sgd', lr=0.1, seed=0)
    assert params(r['trained']) == params(reference)


def test_train_backend_option_same_weights_and_reported(iris):
    X, Y, _ = iris
    net = iris_net(seed=5)
    results = {}
    for backend in ('pure', 'compiled', 'numpy'):
        r = train(load_component('BP_Train'), net=net, X=X, Y=Y, live=False, run=True,
                  epochs=10, backend=backend)
        assert r.ok, r.errors
        assert r['trained'].training['backend'] == backend
        results[backend] = r['trained']
    assert params(results['pure']) == params(results['compiled'])
    flat = lambda n: [v for W in n.weights for row in W for v in row]     # noqa: E731
    assert all(abs(a - b) <= 1e-10 * max(abs(a), 1e-12)
               for a, b in zip(flat(results['pure']), flat(results['numpy'])))
    bad = run_component('BP_Train_Options', **dict(OPTS, backend='gpu'))
    assert not bad.ok and "choose one of auto, pure, compiled, numpy" in ' '.join(bad.errors)


def test_train_live_reset_pause_and_changes(iris):
    X, Y, _ = iris
    net = iris_net()
    comp = load_component('BP_Train')
    go = dict(live=True, budget_ms=1)
    r = train(comp, net=net, X=X, Y=Y, run=True, **go)
    r = comp.tick()
    r = comp.tick()
    progress = r['epoch']
    # run = False: pauses; the pending solution runs once more and schedules nothing
    r = train(comp, net=net, X=X, Y=Y, run=False, **go)
    assert r['epoch'] == progress and 'paused' in r['message']
    r = comp.tick()                      # the solution scheduled before the pause
    assert r is not None and r['epoch'] == progress
    assert comp.pending_schedules == []
    assert comp.tick() is None           # nothing left: no more solutions
    # run = True again continues where it stopped
    r = train(comp, net=net, X=X, Y=Y, run=True, **go)
    assert len(comp.pending_schedules) == 1
    # reset starts over: nothing scheduled while reset is held
    r = train(comp, net=net, X=X, Y=Y, run=True, reset=True, **go)
    assert r['epoch'] <= 1 and comp.pending_schedules == [] or comp.tick() is not None
    assert 'release reset to go on training' in r.remarks[-1]
    r = train(comp, net=net, X=X, Y=Y, run=True, reset=False, epochs=3, budget_ms=10000,
              live=True)
    three = net.copy()
    fit(three, X, Y, **fit_options(epochs=3))
    assert r['epoch'] == 3 and params(r['trained']) == params(three)
    # a changed option starts over, and says so
    r = train(comp, net=net, X=X, Y=Y, run=True, epochs=3, budget_ms=10000, live=True,
              lr=0.02)
    assert 'the network or a setting changed: training started over' in r.remarks
    # changed data (a sample appended) goes on from the current weights, and says so
    r = train(comp, net=net, X=X[:-1], Y=Y[:-1], run=True, epochs=5, budget_ms=10000,
              live=True, lr=0.02)
    assert r['epoch'] == 5 and any(t.startswith('X or Y changed at epoch 3') for t in r.remarks)
    # a changed network (other weights) starts over
    r = train(comp, net=iris_net(seed=9), X=X[:-1], Y=Y[:-1], run=True, epochs=5,
              budget_ms=10000, live=True, lr=0.02)
    assert 'the network or a setting changed: training started over' in r.remarks
    # an equal network rebuilt upstream does not (same content); more epochs continue
    r = train(comp, net=iris_net(seed=9), X=X[:-1], Y=Y[:-1], run=True, epochs=7,
              budget_ms=10000, live=True, lr=0.02)
    assert r['epoch'] == 7 and not r.remarks and r.message.startswith('epoch 7/7')


def test_train_live_early_stopping_and_restore_best_on_the_component(iris):
    X, Y, _ = iris
    net = iris_net()
    comp = load_component('BP_Train')
    r = ticks(comp, train(comp, net=net, X=X, Y=Y, live=True, run=True, epochs=300,
                          val_split=0.3, patience=3, lr=0.2, budget_ms=20))[-1]
    reference = net.copy()
    h = fit(reference, X, Y, validation_split=0.3, early_stopping=3,
            **fit_options(epochs=300, lr=0.2))
    assert r['epoch'] == len(h.loss) < 300
    assert any(t.startswith('early stopping at epoch') for t in r.remarks)
    assert 'stopped' in r['message'] and params(r['trained']) == params(reference)


def test_train_live_two_instances_do_not_share_state(iris):
    X, Y, _ = iris
    a = load_component('BP_Train')
    b = load_component('BP_Train')
    ra = train(a, net=iris_net(), X=X, Y=Y, live=True, run=True, epochs=3, budget_ms=10000)
    rb = train(b, net=iris_net(), X=X, Y=Y, live=True, run=True, epochs=1, budget_ms=10000)
    assert (ra['epoch'], rb['epoch']) == (3, 1)
    ra = train(a, net=iris_net(), X=X, Y=Y, live=True, run=True, epochs=3, budget_ms=10000)
    assert ra['epoch'] == 3 and not a.pending_schedules


def test_train_live_divergence_keeps_last_good_network():
    X = [[float(i), float(i) * 0.5] for i in range(1, 9)]
    Y = [[3.0 * a - b] for a, b in X]
    net = Network([2, 4, 1], ['linear', 'linear'], seed=1)
    comp = load_component('BP_Train')
    opts = dict(epochs=50, batch_size=1, lr=0.015, optimizer='sgd', loss='mse', seed=0,
                budget_ms=1)      # diverges in epoch 31
    r = train(comp, net=net, X=X, Y=Y, live=True, run=True, **opts)
    for _ in range(2000):
        if not comp.pending_schedules:
            break
        r = comp.tick()
    assert not comp.pending_schedules
    assert len(r.errors) == 1 and 'the loss became' in r.errors[0]
    # the reference: the same run in the core keeps the weights of the last finite epoch
    ref = Trainer(net.copy(), X, Y, loss='mse', optimizer='sgd', lr=0.015, batch_size=1, seed=0)
    with pytest.raises(Exception) as info:
        for _ in range(20):
            ref.run(3)
    assert ref.epoch == 30
    assert 'the loss became' in str(info.value)
    trained = r['trained']
    assert trained is not None and params(trained) == params(ref.network)
    assert all(abs(w) < float('inf') for W in trained.weights for row in W for w in row)
    assert r['epoch'] == ref.epoch and len(r['losses']) == ref.epoch
    assert params(trained) != params(net)            # 30 good epochs were kept
    # later solutions keep reporting it and do not train on
    r2 = train(comp, net=net, X=X, Y=Y, live=True, run=True, **opts)
    assert r2.errors == r.errors and r2['epoch'] == ref.epoch and not comp.pending_schedules


# =========================================================================================
# BP Train, at once
# =========================================================================================
def test_train_at_once_does_not_mutate_input(iris):
    X, Y, _ = iris
    net = iris_net()
    before = json.dumps(net.to_data(), sort_keys=True)
    comp = load_component('BP_Train')
    r = train(comp, net=net, X=X, Y=Y, run=True, val_split=0.2, epochs=30)
    assert r.ok and r.message.startswith('epoch 30/30 loss ')
    assert json.dumps(net.to_data(), sort_keys=True) == before
    trained = r['trained']
    assert trained is not net and params(trained) != params(net)
    reference = net.copy()
    h = fit(reference, X, Y, validation_split=0.2, **fit_options(epochs=30))
    assert params(trained) == params(reference)
    tree = dict(r.branches('history'))
    assert tree[(0,)] == h.loss and tree[(1,)] == h.val_loss
    assert tree[(2,)] == h.accuracy and tree[(3,)] == h.val_accuracy
    assert len(h.val_loss) == 30 and ' val ' in r.message
    assert comp.pending_schedules == []
    # run goes False: the result stays; changing an input without run keeps it, outdated
    r = train(comp, net=net, X=X, Y=Y, run=False, val_split=0.2, epochs=30)
    assert params(r['trained']) == params(reference)
    r = train(comp, net=net, X=X[:-1], Y=Y[:-1], run=False, val_split=0.2, epochs=30)
    assert params(r['trained']) == params(reference) and r['message'].startswith('outdated')
    assert r.remarks == ['the inputs changed since this network was trained: set run to '
                         'True to train again']
    assert not r.errors
    r = train(comp, net=net, X=X[:-1], Y=Y[:-1], run=True, val_split=0.2, epochs=30)
    assert params(r['trained']) != params(reference) and r['message'].startswith('done')
    # nothing trained yet: nothing on the outputs, and a remark
    r = train(load_component('BP_Train'), net=net, X=X, Y=Y, run=False)
    assert r['trained'] is None and r.remarks == ['set run to True to train']


def test_train_at_once_slow_run_suggests_live_mode(iris, monkeypatch):
    from bpcore.rhino import live
    X, Y, _ = iris
    monkeypatch.setattr(live, 'SLOW_SECONDS', 0.0)
    r = train(load_component('BP_Train'), net=iris_net(), X=X, Y=Y, run=True, epochs=2)
    assert r.ok and len(r.remarks) == 1
    assert 'the canvas waited: set live to True to train in short steps' in r.remarks[0]


def test_train_at_once_divergence_red_message_last_good_network():
    X = [[float(i), float(i) * 0.5] for i in range(1, 9)]
    Y = [[3.0 * a - b] for a, b in X]
    net = Network([2, 4, 1], ['linear', 'linear'], seed=1)
    r = train(load_component('BP_Train'), net=net, X=X, Y=Y, run=True, epochs=50,
              batch_size=1, lr=0.02, optimizer='sgd', loss='mse')     # diverges in epoch 3
    ref = Trainer(net.copy(), X, Y, loss='mse', optimizer='sgd', lr=0.02, batch_size=1, seed=0)
    with pytest.raises(Exception) as info:
        ref.run(50)
    assert r.errors == [str(info.value)] and 'the loss became' in r.errors[0]
    assert 0 < r['epoch'] == ref.epoch < 50
    assert params(r['trained']) == params(ref.network) and 'stopped' in r['message']


def test_train_class_indices_equal_one_hot(iris):
    X, Y, y = iris
    a = train(load_component('BP_Train'), net=iris_net(), X=X, Y=[[k] for k in y], run=True,
              epochs=3)
    b = train(load_component('BP_Train'), net=iris_net(), X=X, Y=Y, run=True, epochs=3)
    # a flat list of one class per sample (BP Dataset's classes) works too
    c = train(load_component('BP_Train'), net=iris_net(), X=X, Y=y, run=True, epochs=3)
    assert params(a['trained']) == params(b['trained']) == params(c['trained'])


def test_train_missing_inputs_warn():
    r = run_component('BP_Train', run=True)
    assert r.warnings == ['Input parameters net, X, Y failed to collect data']
    assert not r.errors and all(r[n] is None for n in r.names)
    r = run_component('BP_Train', net=iris_net(), X=[[0.1, 0.2, 0.3, 0.4]], run=True)
    assert r.warnings == ['Input parameter Y failed to collect data']


def test_train_bad_options_red_message_on_the_options_component():
    r = run_component('BP_Train_Options', optimizer='rmsprop')
    assert r.errors == ["input 'optimizer' is 'rmsprop'; choose one of sgd, momentum, "
                        "nesterov, adam"] and r['options'] is None
    r = run_component('BP_Train_Options', budget_ms=0)
    assert r.errors == ["input 'budget_ms' must be >= 1, got 0"]
    r = run_component('BP_Train', net=iris_net(), X=[[0.1, 0.2, 0.3, 0.4]], Y=[[0]],
                      options='adam', run=True)
    assert r.errors == ["input 'options' is not BP Train Options (got str); connect the "
                        "output of BP Train Options"]


@pytest.mark.parametrize('over,text', [
    (dict(loss='bce'), 'bce'),
    (dict(epochs=-1), "input 'epochs' must be >= 0"),
    (dict(val_split=1.5), 'validation_split must be between 0 and 1'),
])
def test_train_bad_inputs_red_message(iris, over, text):
    X, Y, _ = iris
    for live in (False, True):
        comp = load_component('BP_Train')
        r = train(comp, net=iris_net(), X=X, Y=Y, run=True, live=live,
                  **dict(dict(epochs=5), **over))
        assert len(r.errors) == 1 and text in r.errors[0], r.errors
        assert all(r[n] is None for n in r.names)
        assert comp.pending_schedules == []


def test_train_bad_data_names_row_and_column(iris):
    X, Y, _ = iris
    bad = [list(row) for row in X]
    bad[3] = bad[3][:3]
    r = run_component('BP_Train', net=iris_net(), X=bad, Y=Y, run=True)
    assert r.errors == ['X branch {3} has 3 values but the network has 4 inputs: give one '
                        'branch per sample with 4 values']
    r = run_component('BP_Train', net=iris_net(), X=X, Y=[[5]] * len(X), run=True)
    assert r.errors == ['Y: row 0 is 5, not a class index 0..2']
    r = run_component('BP_Train', net='not a network', X=X, Y=Y, run=True)
    assert r.errors == ["input 'net' is not a bpcore network (got str)"]


# =========================================================================================
# BP Evaluate
# =========================================================================================
def test_evaluate_equals_sklearn(iris):
    from sklearn import metrics as skm
    X, Y, y = iris
    net = iris_net()
    fit(net, X, Y, **fit_options(epochs=2, lr=0.01))          # a half-trained net: errors
    outputs = net.forward(X).output
    pred = [max(range(3), key=row.__getitem__) for row in outputs]
    assert 0.3 < skm.accuracy_score(y, pred) < 0.97          # mistakes to count
    r = run_component('BP_Evaluate', net=net, X=X, Y=Y)
    assert r.ok and r.message == 'acc %.3f' % skm.accuracy_score(y, pred)
    assert r['accuracy'] == pytest.approx(skm.accuracy_score(y, pred), abs=1e-15)
    assert r.rows('confusion') == skm.confusion_matrix(y, pred, labels=[0, 1, 2]).tolist()
    assert [p for p, _ in r.branches('confusion')] == [(0,), (1,), (2,)]
    prec = skm.precision_score(y, pred, average=None, labels=[0, 1, 2], zero_division=0)
    rec = skm.recall_score(y, pred, average=None, labels=[0, 1, 2], zero_division=0)
    assert r['precision'] == pytest.approx(prec.tolist(), abs=1e-12)
    assert r['recall'] == pytest.approx(rec.tolist(), abs=1e-12)
    assert r['mse'] == pytest.approx(skm.mean_squared_error(Y, outputs), abs=1e-12)
    assert r['mae'] == pytest.approx(skm.mean_absolute_error(Y, outputs), abs=1e-12)
    assert r['r2'] == pytest.approx(skm.r2_score(Y, outputs), abs=1e-12)
    assert 'accuracy %.3f' % skm.accuracy_score(y, pred) in r['report']
    assert 'true \\ predicted' in r['report']
    # class indices (a tree of one per branch, or BP Dataset's flat y) score the same
    for Yc in ([[k] for k in y], y):
        rc = run_component('BP_Evaluate', net=net, X=X, Y=Yc)
        assert rc['accuracy'] == r['accuracy'] and rc.rows('confusion') == r.rows('confusion')
        assert rc['mse'] == r['mse']
    # class names: in the report, and accepted as labels
    named = net.copy()
    named.class_names = ['setosa', 'versicolor', 'virginica']
    rn = run_component('BP_Evaluate', net=named, X=X, Y=[named.class_names[k] for k in y])
    assert rn['accuracy'] == r['accuracy'] and 'versicolor' in rn['report']


def test_evaluate_regression_and_raw_inputs():
    from sklearn import metrics as skm
    raw = [[float(i), 10.0 - 2.0 * i] for i in range(8)]
    targets = [[0.3 * a + 0.1 * b, 0.5 * a * 0.1] for a, b in raw]
    net = Network([2, 3, 2], ['tanh', 'linear'], seed=2)
    net.scaler = data.MinMaxScaler().fit(raw)
    scaled = net.scaler.transform(raw)
    outputs = net.forward(scaled).output
    r = run_component('BP_Evaluate', net=net, X=raw, Y=targets, raw=True)
    assert r.ok and not r.remarks
    for name in ('accuracy', 'confusion', 'precision', 'recall'):
        assert r[name] is None
    assert r['mse'] == pytest.approx(skm.mean_squared_error(targets, outputs), abs=1e-12)
    assert r['mae'] == pytest.approx(skm.mean_absolute_error(targets, outputs), abs=1e-12)
    assert r['r2'] == pytest.approx(skm.r2_score(targets, outputs), abs=1e-12)
    assert r.message == 'r2 %.3f' % skm.r2_score(targets, outputs)
    # scaled X without raw: the same numbers (with a reminder that X is taken as scaled)
    rs = run_component('BP_Evaluate', net=net, X=scaled, Y=targets)
    assert (rs['mse'], rs['mae'], rs['r2']) == (r['mse'], r['mae'], r['r2'])
    assert rs.remarks == ['X is taken as scaled; set raw to True for raw inputs']


def test_evaluate_missing_and_bad_inputs(iris):
    X, Y, _ = iris
    r = run_component('BP_Evaluate', net=iris_net(), Y=Y)
    assert r.warnings == ['Input parameter X failed to collect data'] and not r.errors
    assert all(r[n] is None for n in r.names)
    r = run_component('BP_Evaluate', net=iris_net(), X=X, Y=Y[:-2])
    assert r.errors == ['X has 150 samples (branches) but Y has 148']
    assert all(r[n] is None for n in r.names)
    r = run_component('BP_Evaluate', net=iris_net(), X=X, Y=[[1.0, 0.0]] * 150)
    assert r.errors == ['Y has 2 columns, expected 3']


# =========================================================================================
# BP Gradient Check
# =========================================================================================
SMALL_X = [[0.1, -0.4, 0.7], [0.9, 0.2, -0.3], [-0.5, 0.8, 0.05]]


def test_gradient_check_passes_on_small_net():
    net = Network([3, 4, 2], ['tanh', 'softmax'], seed=3)
    Y = [[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]]
    before = json.dumps(net.to_data(), sort_keys=True)
    r = run_component('BP_Gradient_Check', net=net, X=SMALL_X, Y=Y, loss='cce')
    assert r.ok and not r.warnings and r.message == 'pass'
    expected = gradient_check(net, SMALL_X, Y, 'cce')
    assert r['max_rel_error'] == expected['max_rel_error'] and len(r['max_rel_error']) == 2
    assert r['worst'] == expected['worst'] < 1e-6
    assert r['result'].startswith('pass: worst relative error ')
    assert json.dumps(net.to_data(), sort_keys=True) == before
    # class indices as Y, default loss mse
    r = run_component('BP_Gradient_Check', net=net, X=SMALL_X, Y=[[1], [0], [0]])
    assert r['worst'] == gradient_check(net, SMALL_X, Y, 'mse')['worst'] < 1e-6


def test_gradient_check_fails_at_relu_kink():
    # zero inputs and zero biases put every hidden pre-activation exactly on relu's kink
    net = Network([3, 4, 2], ['relu', 'sigmoid'], init='he', seed=0)
    X = [[0.0, 0.0, 0.0], [0.5, -0.2, 0.1]]
    r = run_component('BP_Gradient_Check', net=net, X=X, Y=[[0.0, 1.0], [1.0, 0.0]])
    assert r.message == 'FAIL' and r['worst'] > 1e-6 and not r.errors
    assert r['result'].startswith('FAIL') and r.warnings == [r['result']]


def test_gradient_check_missing_and_bad_inputs():
    net = Network([3, 4, 2], ['tanh', 'softmax'], seed=3)
    r = run_component('BP_Gradient_Check', net=net, X=SMALL_X)
    assert r.warnings == ['Input parameter Y failed to collect data']
    assert (r['max_rel_error'], r['worst'], r['result']) == (None, None, None)
    r = run_component('BP_Gradient_Check', net=net, X=SMALL_X, Y=[[0, 1]] * 3, loss='bce')
    assert len(r.errors) == 1 and 'bce' in r.errors[0] and r['worst'] is None
    r = run_component('BP_Gradient_Check', net=net, X=SMALL_X, Y=[[0, 1]] * 3, loss='hinge')
    assert r.errors == ["input 'loss' is 'hinge'; choose one of mse, bce, cce"]


# =========================================================================================
# BP Save / BP Load
# =========================================================================================
def model_net():
    X = [[5.1, 3.5], [4.9, 3.0], [6.2, 2.9], [5.9, 3.0]]
    net = Network([2, 3, 2], ['sigmoid', 'softmax'], seed=4)
    net.scaler = data.MinMaxScaler().fit(X)
    net.class_names = ['a', 'b']
    fit(net, net.scaler.transform(X), [[1, 0], [1, 0], [0, 1], [0, 1]], epochs=3, loss='cce')
    return net


def same_network(a, b):
    assert a.sizes == b.sizes and a.activations == b.activations
    assert params(a) == params(b)
    assert a.class_names == b.class_names
    assert a.scaler.to_data() == b.scaler.to_data()
    assert a.training == b.training


def test_save_load_round_trip_file(tmp_path):
    net = model_net()
    path = str(tmp_path / 'model.json')
    r = run_component('BP_Save', net=net, path=path, save=True)
    assert r.ok and r['saved'] == os.path.abspath(path) and r.message == 'saved'
    assert os.path.isfile(path) and sorted(os.listdir(str(tmp_path))) == ['model.json']
    with open(path) as f:
        assert f.read() == r['json'] == model_io.dumps(net, indent=1)
    back = run_component('BP_Load', source=path)
    assert back.ok and back.message == '2-3-2'
    same_network(back['net'], net)
    assert back['summary'] == net.summary()
    assert back['net'].predict([[5.0, 3.1]]) == net.predict([[5.0, 3.1]])


def test_save_load_round_trip_json_text(tmp_path):
    net = model_net()
    r = run_component('BP_Save', net=net)                  # no path, save off: JSON only
    assert r.ok and r['saved'] is None and not r.warnings
    assert json.loads(r['json'])['schema'] == 'bpcore.model'
    back = run_component('BP_Load', source=r['json'])
    assert back.ok
    same_network(back['net'], net)
    # save=True without a path: the JSON is still there, with a warning naming path
    r2 = run_component('BP_Save', net=net, save=True)
    assert r2.warnings == ['Input parameter path failed to collect data']
    assert r2['saved'] is None and r2['json'] == r['json']
    assert os.listdir(str(tmp_path)) == []


def test_load_corrupt_and_foreign_files(tmp_path):
    bad = tmp_path / 'bad.json'
    bad.write_text('{"schema": "bpcore.model", "version": 1, "network": {"sizes": [2, ')
    r = run_component('BP_Load', source=str(bad))
    assert len(r.errors) == 1 and r.errors[0].startswith('%s is not valid JSON' % bad)
    assert (r['net'], r['summary']) == (None, None)
    other = tmp_path / 'other.json'
    other.write_text('{"schema": "something.else", "version": 1}')
    r = run_component('BP_Load', source=str(other))
    assert r.errors == ["%s: schema is 'something.else', expected 'bpcore.model'" % other]
    doc = json.loads(model_io.dumps(model_net()))
    doc['network']['weights'][0] = doc['network']['weights'][0][:2]      # wrong shape
    r = run_component('BP_Load', source=json.dumps(doc))
    assert len(r.errors) == 1 and r.errors[0].startswith('JSON text: ') and 'layer 0' in r.errors[0]
    binary = tmp_path / 'model.bin'
    binary.write_bytes(b'\xff\xfe\x00garbage\x80')
    r = run_component('BP_Load', source=str(binary))
    assert len(r.errors) == 1 and 'decode' in r.errors[0] and r['net'] is None
    r = run_component('BP_Load', source=str(tmp_path / 'missing.json'))
    assert r.errors == ['model file not found: %s' % (tmp_path / 'missing.json')]
    r = run_component('BP_Load')
    assert r.warnings == ['Input parameter source failed to collect data'] and not r.errors


def _old_file(tmp_path):
    path = str(tmp_path / 'model.json')
    r = run_component('BP_Save', net=model_net(), path=path, save=True)
    assert r.ok
    with open(path) as f:
        return path, f.read()


def _unchanged(tmp_path, path, old):
    with open(path) as f:
        assert f.read() == old
    assert sorted(os.listdir(str(tmp_path))) == ['model.json']     # no temporary file left


def test_failed_save_keeps_old_file_unserialisable(tmp_path):
    path, old = _old_file(tmp_path)
    broken = model_net()
    broken.weights[1][0][1] = float('nan')
    r = run_component('BP_Save', net=broken, path=path, save=True)
    assert len(r.errors) == 1 and 'layer 1: weight [0][1] is not a finite number' in r.errors[0]
    assert (r['saved'], r['json']) == (None, None)
    _unchanged(tmp_path, path, old)


def test_failed_save_keeps_old_file_read_only_folder(tmp_path, monkeypatch):
    import tempfile
    path, old = _old_file(tmp_path)
    new = model_net()
    new.class_names = ['x', 'y']
    # a read-only folder: creating the temporary file beside the target is refused (simulated,
    # since the tests may run as root, for whom chmod does not forbid writing)

    def refuse(*args, **kwargs):
        raise OSError(13, 'Permission denied', str(tmp_path))
    monkeypatch.setattr(tempfile, 'mkstemp', refuse)
    r = run_component('BP_Save', net=new, path=path, save=True)
    assert len(r.errors) == 1 and 'Permission denied' in r.errors[0]
    assert r['saved'] is None and r['json'] == model_io.dumps(new, indent=1)
    _unchanged(tmp_path, path, old)
    monkeypatch.undo()
    # the last step failing (renaming over the old file): the temporary file is removed

    def fail_rename(src, dst):
        raise OSError(30, 'Read-only file system', dst)
    monkeypatch.setattr(model_io, '_rename_over', fail_rename)
    r = run_component('BP_Save', net=new, path=path, save=True)
    assert len(r.errors) == 1 and 'Read-only file system' in r.errors[0]
    _unchanged(tmp_path, path, old)


def test_save_bad_inputs(tmp_path):
    r = run_component('BP_Save', path=str(tmp_path / 'm.json'), save=True)
    assert r.warnings == ['Input parameter net failed to collect data'] and not r.errors
    r = run_component('BP_Save', net=model_net(), path=str(tmp_path / 'no' / 'm.json'),
                      save=True)
    assert r.errors == ['cannot save: the folder %s does not exist' % (tmp_path / 'no')]
    assert r['saved'] is None and r['json'] is not None
    r = run_component('BP_Save', net=42, path=str(tmp_path / 'm.json'), save=True)
    assert r.errors == ["input 'net' is not a bpcore network (got int)"]
    assert os.listdir(str(tmp_path)) == []


# =========================================================================================
# BP Self Test
# =========================================================================================
def test_self_test_reports_all_checks():
    n = len(selftest.CHECKS)
    r = run_component('BP_Self_Test', run=True)
    assert r.ok and r.message == '%d passed, 0 failed' % n
    assert r['report'].splitlines()[-1] == '%d passed, 0 failed' % n
    assert (r['passed'], r['failed']) == (n, 0)
    assert len(r['details']) == n
    assert all(line.startswith('ok  ') for line in r['details'])
    assert r['details'][0].endswith(selftest.CHECKS[0][0])


def test_self_test_off_and_failing_check(monkeypatch):
    r = run_component('BP_Self_Test')
    assert r.remarks == ['set run to True to run the self-test'] and not r.errors
    assert all(r[n] is None for n in r.names)

    def broken():
        raise AssertionError('2 + 2 is 5')
    checks = list(selftest.CHECKS) + [('arithmetic', broken)]
    monkeypatch.setattr(selftest, 'CHECKS', checks)
    r = run_component('BP_Self_Test', run=True)
    n = len(checks)
    assert r.message == '%d passed, 1 failed' % (n - 1) and (r['passed'], r['failed']) == (n - 1, 1)
    assert r.errors == ['1 of %d self-test checks failed: arithmetic' % n]
    assert r['details'][-1] == 'FAIL  arithmetic  -- AssertionError: 2 + 2 is 5'
