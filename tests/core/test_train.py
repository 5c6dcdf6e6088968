"""Training loop, optimisers' bookkeeping, early stopping, cross-validation (2.7 and 3.x)."""
import os

import pytest

from bpcore import data
from bpcore.errors import BPError, TrainingError
from bpcore.network import Network
from bpcore.optim import SGD, Adam, make_optimizer, optimizer_from_data
from bpcore.train import Trainer, cross_validate, fit

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]
WHEAT = os.path.join(os.path.dirname(__file__), '..', '..', 'examples', 'wheat-seeds.csv')


def test_xor_learns_for_at_least_9_of_10_seeds():
    solved = 0
    for seed in range(10):
        net = Network([2, 4, 1], ['tanh', 'sigmoid'], init='xavier', seed=seed)
        fit(net, XOR_X, XOR_Y, epochs=500, batch_size=4, optimizer='sgd', lr=0.5, loss='bce',
            seed=seed)
        if net.predict_classes(XOR_X) == [0, 1, 1, 0]:
            solved += 1
    assert solved >= 9


def test_same_seed_same_history_and_weights():
    runs = []
    for _ in range(2):
        net = Network([2, 3, 1], 'sigmoid', seed=4)
        h = fit(net, XOR_X, XOR_Y, epochs=30, batch_size=2, optimizer='adam', lr=0.05,
                validation_data=(XOR_X, XOR_Y), seed=8)
        runs.append((h.loss, h.val_loss, h.accuracy, net.weights, net.biases))
    assert runs[0] == runs[1]


def test_continued_training_equals_one_run():
    a = Network([2, 3, 1], 'tanh', seed=1)
    b = a.copy()
    t = Trainer(a, XOR_X, XOR_Y, optimizer='momentum', lr=0.1, batch_size=3, seed=2)
    t.run(7)
    t.run(13)
    h = fit(b, XOR_X, XOR_Y, epochs=20, optimizer='momentum', lr=0.1, batch_size=3, seed=2)
    assert a.weights == b.weights and a.biases == b.biases
    assert t.history.loss == h.loss and t.epoch == 20


def test_per_sample_sgd_is_the_tutorials_update():
    # one epoch, batch 1, no shuffling: W -= lr * delta * x after every sample
    net = Network([2, 2], 'sigmoid', init='uniform', seed=3)
    ref = net.copy()
    fit(net, XOR_X, [[1.0, 0.0]] * 4, epochs=1, batch_size=1, lr=0.3, shuffle=False)
    for x in XOR_X:
        trace = ref.forward([x])
        grads = ref.backward(trace, [[1.0, 0.0]])
        for W, dW in zip(ref.weights, grads.dW):
            for row, drow in zip(W, dW):
                row[:] = [w - 0.3 * g for w, g in zip(row, drow)]
        for b, db in zip(ref.biases, grads.db):
            b[:] = [v - 0.3 * g for v, g in zip(b, db)]
    for W, R in zip(net.weights, ref.weights):
        for row, rrow in zip(W, R):
            for a, b in zip(row, rrow):
                assert abs(a - b) < 1e-15


def test_history_records_every_epoch():
    net = Network([2, 3, 1], 'sigmoid', seed=0)
    h = fit(net, XOR_X * 5, XOR_Y * 5, epochs=12, batch_size=4, validation_split=0.25, seed=1)
    assert h.epochs == 12
    assert len(h.val_loss) == len(h.accuracy) == len(h.val_accuracy) == len(h.seconds) == 12
    assert all(0.0 <= a <= 1.0 for a in h.accuracy)
    assert net.training['epochs'] == 12 and net.training['final_loss'] == h.loss[-1]


def test_callback_stops_training():
    net = Network([2, 3, 1], 'sigmoid', seed=0)
    seen = []

    def callback(epoch, history):
        seen.append((epoch, len(history.loss)))
        return epoch == 3
    h = fit(net, XOR_X, XOR_Y, epochs=50, callback=callback)
    assert h.epochs == 3 and seen == [(1, 1), (2, 2), (3, 3)]
    assert 'callback' in net.training['stopped']


def test_early_stopping_restores_best_weights():
    net = Network([2, 4, 1], 'sigmoid', seed=0)
    # validation targets are the opposite of training: val_loss rises as training succeeds
    flipped = [[1.0 - y[0]] for y in XOR_Y]
    t = Trainer(net, XOR_X, XOR_Y, optimizer='adam', lr=0.05, batch_size=4,
                validation_data=(XOR_X, flipped), early_stopping=5, seed=0)
    h = t.run(300)
    best = min(range(h.epochs), key=lambda e: h.val_loss[e])
    assert h.epochs == best + 1 + 5
    assert t.done and 'early stopping' in t.stopped
    val_now = t.evaluate(XOR_X, flipped)[0]
    assert abs(val_now - h.val_loss[best]) < 1e-12


def test_nan_loss_stops_with_epoch_and_keeps_finite_weights():
    net = Network([1, 8, 1], ['relu', 'linear'], init='he', seed=0)
    X = [[float(i)] for i in range(1, 11)]
    Y = [[1e3 * i] for i in range(1, 11)]
    t = Trainer(net, X, Y, lr=10.0, batch_size=1, seed=0)
    with pytest.raises(TrainingError) as info:
        t.run(50)
    message = str(info.value)
    assert 'epoch' in message and 'lower learning rate' in message
    values = [v for W in net.weights for row in W for v in row] + \
        [v for b in net.biases for v in b]
    assert all(v == v and abs(v) != float('inf') for v in values)


@pytest.mark.parametrize('kwargs,words', [
    ({'batch_size': 0}, 'batch_size'),
    ({'loss': 'cce'}, 'needs a softmax'),
    ({'optimizer': 'rmsprop'}, "unknown optimizer 'rmsprop'"),
    ({'lr': -1.0}, 'lr must be a positive'),
    ({'validation_split': 1.5}, 'validation_split'),
    ({'early_stopping': 0}, 'patience'),
])
def test_bad_training_options(kwargs, words):
    net = Network([2, 2, 1], 'sigmoid', seed=0)
    with pytest.raises(BPError) as info:
        fit(net, XOR_X, XOR_Y, epochs=1, **kwargs)
    assert words in str(info.value)


def test_mismatched_rows_and_bad_epochs():
    net = Network([2, 2, 1], seed=0)
    with pytest.raises(BPError) as info:
        fit(net, XOR_X, XOR_Y[:3])
    assert '4 rows but Y has 3' in str(info.value)
    with pytest.raises(BPError):
        fit(net, XOR_X, XOR_Y, epochs=-1)


def test_optimizer_state_round_trip():
    net = Network([2, 3, 1], seed=0)
    for opt in (SGD(lr=0.1, momentum=0.9), Adam(lr=0.01)):
        a = net.copy()
        for _ in range(2):
            opt.step(a, a.backward(a.forward(XOR_X), XOR_Y))
        twin = optimizer_from_data(opt.to_data())
        b = a.copy()
        opt.step(a, a.backward(a.forward(XOR_X), XOR_Y))
        twin.step(b, b.backward(b.forward(XOR_X), XOR_Y))
        assert a.weights == b.weights and a.biases == b.biases
        assert twin.state['steps'] == opt.state['steps'] == 3
    assert isinstance(make_optimizer('nesterov', lr=0.1), SGD)
    assert make_optimizer('nesterov').nesterov and make_optimizer('momentum').momentum == 0.9


def test_tutorial_cross_validation_on_wheat_seeds():
    ds = data.read_csv(WHEAT)
    assert len(ds.X) == 210 and ds.n_classes == 3
    result = cross_validate(lambda fold: Network([7, 5, 3], 'sigmoid', init='uniform',
                                                 seed=1 + fold),
                            ds.X, ds.y, k=5, seed=1, scaler='minmax', epochs=500, lr=0.3,
                            batch_size=1, loss='mse')
    assert len(result['scores']) == 5
    assert result['mean'] >= 0.90
    assert sum(sum(row) for row in result['confusion']) == 210


class _Clock(object):
    """A fake clock: every reading advances ``step`` seconds (deterministic run_for)."""

    def __init__(self, step):
        self.t = 0.0
        self.step = step

    def __call__(self):
        self.t += self.step
        return self.t


def _sliced_and_whole(batch_size, budget, clock_step, epochs=6, **options):
    X = [[i / 10.0, (i * 7 % 10) / 10.0] for i in range(10)]
    Y = [[1.0, 0.0] if x[0] > x[1] else [0.0, 1.0] for x in X]
    a = Network([2, 3, 2], ['tanh', 'softmax'], seed=5)
    b = a.copy()
    ta = Trainer(a, X, Y, loss='cce', optimizer='adam', lr=0.05, batch_size=batch_size,
                 seed=3, **options)
    clock = _Clock(clock_step)
    calls = 0
    while ta.epoch < epochs and not ta.done:
        ta.run_for(budget, epochs=epochs, clock=clock)
        calls += 1
    tb = Trainer(b, X, Y, loss='cce', optimizer='adam', lr=0.05, batch_size=batch_size,
                 seed=3, **options)
    tb.run(epochs)
    return ta, tb, calls


@pytest.mark.parametrize('batch_size,budget,clock_step', [
    (1, 2.5, 1.0),      # a slice of about one batch per call
    (3, 4.5, 1.0),      # 4 batches per epoch, the last one short
    (4, 100.0, 1.0),    # whole epochs fit: run() inside run_for
    (2, 7.0, 1.0),      # a mix of slices and whole epochs
])
def test_run_for_slices_equal_whole_epochs(batch_size, budget, clock_step):
    ta, tb, calls = _sliced_and_whole(batch_size, budget, clock_step)
    assert ta.epoch == tb.epoch == 6
    assert ta.network.weights == tb.network.weights and ta.network.biases == tb.network.biases
    assert ta.history.loss == tb.history.loss
    assert ta.history.accuracy == tb.history.accuracy
    if budget < 5:
        assert calls > 6            # epochs really were cut into slices


def test_run_for_with_validation_and_early_stopping_equals_run():
    ta, tb, _ = _sliced_and_whole(1, 3.5, 1.0, epochs=40, validation_split=0.3,
                                  early_stopping=2)
    assert ta.epoch == tb.epoch and ta.stopped == tb.stopped
    assert ta.history.val_loss == tb.history.val_loss
    assert ta.network.weights == tb.network.weights


def test_run_for_progress_and_run_finishes_an_open_epoch():
    X = [[float(i)] for i in range(8)]
    Y = [[0.1 * i] for i in range(8)]
    t = Trainer(Network([1, 2, 1], ['tanh', 'linear'], seed=1), X, Y, batch_size=2, lr=0.01)
    t.run_for(1.0, clock=_Clock(0.4))        # measure one batch, then one more fits
    assert t.epoch == 0 and 0.0 < t.progress < 1.0 and t.history.loss == []
    ref = Trainer(Network([1, 2, 1], ['tanh', 'linear'], seed=1), X, Y, batch_size=2, lr=0.01)
    t.run(3)
    ref.run(3)
    assert t.epoch == 3 and t.progress == 3.0 and t.history.loss == ref.history.loss
    assert t.network.weights == ref.network.weights


def test_run_for_no_time_trains_one_batch():
    """A live solution whose own work took the whole budget asks for no (or negative) time:
    one batch, measured or not, so training always moves on."""
    X = [[float(i)] for i in range(8)]
    Y = [[0.1 * i] for i in range(8)]
    t = Trainer(Network([1, 2, 1], ['tanh', 'linear'], seed=1), X, Y, batch_size=2, lr=0.01)
    for seconds, progress in ((0.0, 0.25), (-0.02, 0.5), (-5.0, 0.75)):
        assert t.run_for(seconds, clock=_Clock(0.4)) == 1 and t.progress == progress


def test_run_for_divergence_restores_the_epoch_start():
    X = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    Y = [[1.0], [2.0], [3.0]]
    net = Network([2, 2, 1], 'linear', seed=0)
    t = Trainer(net, X, Y, lr=1e200, batch_size=1)
    start = [[list(r) for r in W] for W in net.weights]
    with pytest.raises(TrainingError):
        for _ in range(10):
            t.run_for(1.5, clock=_Clock(1.0))
    assert t.done and t.epoch == 0 and net.weights == start


def test_step_by_batches_equals_run():
    X = [[i / 7.0, (i * 3 % 7) / 7.0] for i in range(7)]
    Y = [[1.0] if a > b else [0.0] for a, b in X]
    a = Trainer(Network([2, 3, 1], 'sigmoid', seed=2), X, Y, batch_size=2, lr=0.5, seed=1)
    b = Trainer(Network([2, 3, 1], 'sigmoid', seed=2), X, Y, batch_size=2, lr=0.5, seed=1)
    counts = []
    while a.epoch < 3:
        counts.append(a.step(3))             # 4 batches per epoch: 3 then 1
    b.run(3)
    assert counts == [3, 1, 3, 1, 3, 1]
    assert a.network.weights == b.network.weights and a.history.loss == b.history.loss
    with pytest.raises(BPError):
        a.step(0)


def test_run_for_with_a_clock_that_does_not_move():
    """A coarse clock (IronPython on Windows ticks in ~15 ms) can measure 0 s per batch."""
    X = [[0.1 * i] for i in range(6)]
    Y = [[0.2 * i] for i in range(6)]
    t = Trainer(Network([1, 2, 1], ['tanh', 'linear'], seed=0), X, Y, batch_size=2, lr=0.1)
    t.run_for(1.0, epochs=3, clock=_Clock(0.0))
    ref = Trainer(Network([1, 2, 1], ['tanh', 'linear'], seed=0), X, Y, batch_size=2, lr=0.1)
    ref.run(3)
    assert t.epoch == 3 and t.network.weights == ref.network.weights
