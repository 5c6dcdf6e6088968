"""BP Train's state machine (bpcore.rhino.live), without Grasshopper."""
from __future__ import absolute_import, division, print_function

import json

import pytest

from bpcore.errors import BPError
from bpcore.network import Network
from bpcore.rhino import live
from bpcore.train import fit

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [[0.0], [1.0], [1.0], [0.0]]
OPTIONS = {'batch_size': 1, 'lr': 0.5, 'optimizer': 'sgd', 'loss': 'mse',
           'validation_split': 0.0, 'seed': 3, 'early_stopping': None, 'restore_best': True}
TINY = 1e-6         # a live budget so small that every solution trains one batch


def net():
    return Network([2, 3, 1], 'sigmoid', seed=1)


def reference(epochs):
    n = net()
    fit(n, X, Y, epochs=epochs, batch_size=1, lr=0.5, seed=3)
    return n


def test_train_options_defaults_and_checks():
    opts = live.train_options(None, None, None, None, None, None)
    assert opts == {'batch_size': 1, 'lr': None, 'optimizer': 'sgd', 'loss': 'mse',
                    'validation_split': 0.0, 'seed': 0, 'early_stopping': None,
                    'restore_best': True, 'backend': 'auto'}
    opts = live.train_options(8, 0.01, ' Adam ', 'CCE', 0.2, 4, 5, False)
    assert opts['optimizer'] == 'adam' and opts['loss'] == 'cce' and opts['batch_size'] == 8
    assert opts['early_stopping'] == 5 and opts['restore_best'] is False
    with pytest.raises(BPError) as e:
        live.train_options(None, None, 'rmsprop', None, None, None)
    assert str(e.value) == ("input 'optimizer' is 'rmsprop'; choose one of sgd, momentum, "
                            "nesterov, adam")
    assert live.train_options(None, None, None, None, None, None, None, None,
                              ' Compiled ')['backend'] == 'compiled'
    with pytest.raises(BPError) as e:
        live.train_options(None, None, None, None, None, None, None, None, 'gpu')
    assert str(e.value) == "input 'backend' is 'gpu'; choose one of auto, pure, compiled, numpy"
    with pytest.raises(BPError) as e:
        live.train_options(0, None, None, None, None, None)
    assert 'batch_size' in str(e.value)
    with pytest.raises(BPError) as e:
        live.train_options(None, None, None, None, None, None, 0)
    assert "input 'patience' must be >= 1" in str(e.value)


def test_options_item_and_its_text():
    o = live.options_from(None)
    assert o.trainer == live.train_options(*([None] * 6)) and o.budget_ms == 100
    o = live.TrainOptions(live.train_options(4, 0.01, 'adam', None, 0.25, None, 3), 50)
    assert live.options_from(o) is o
    assert str(o) == ('bpcore train options: adam lr 0.01, batch 4, mse loss, val 0.25, '
                      'patience 3, 50 ms per live solution')
    assert o.to_data() == {'trainer': o.trainer, 'budget_ms': 50}
    with pytest.raises(BPError) as e:
        live.options_from('adam')
    assert "input 'options' is not BP Train Options (got str)" in str(e.value)


def test_at_once_waits_for_run_then_trains_once():
    s = live.TrainingSession()
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=False, reset=False)
    assert tick.status is None and tick.note == 'set run to True to train' and not tick.schedule
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=True, reset=False)
    assert tick.status == 'done' and s.trainer.epoch == 20 and tick.note is None
    assert s.trainer.network.weights == reference(20).weights
    trainer = s.trainer
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=False, reset=False)
    assert tick.status == 'done' and s.trainer is trainer       # kept, not retrained
    s.at_once('k', net(), X, Y, OPTIONS, 30, run=True, reset=False)
    assert s.trainer is not trainer and s.trainer.epoch == 30    # epochs changed: retrained
    tick = s.at_once('k', net(), X, Y, OPTIONS, 30, run=False, reset=True)
    assert tick.status is None and s.trainer is None


def test_at_once_keeps_the_old_result_marked_outdated_when_inputs_change():
    s = live.TrainingSession()
    s.at_once('k', net(), X, Y, OPTIONS, 5, True, False, data_key='d1')
    trainer = s.trainer
    # a sample appended with run off: the old result stays, marked outdated
    tick = s.at_once('k', net(), X + X[:1], Y + Y[:1], OPTIONS, 5, False, False, data_key='d2')
    assert s.trainer is trainer and tick.status.startswith('outdated')
    assert 'the inputs changed since this network was trained' in tick.note
    tick = s.at_once('k', net(), X + X[:1], Y + Y[:1], OPTIONS, 5, True, False, data_key='d2')
    assert tick.status == 'done' and s.trainer is not trainer and len(s.trainer.X) == 5


def test_slow_training_at_once_suggests_live_mode(monkeypatch):
    monkeypatch.setattr(live, 'SLOW_SECONDS', 0.0)
    tick = live.TrainingSession().at_once('k', net(), X, Y, OPTIONS, 3, True, False)
    assert tick.status == 'done' and 'set live to True' in tick.note


def test_input_network_is_never_changed():
    n = net()
    before = [[list(r) for r in W] for W in n.weights]
    live.TrainingSession().at_once('k', n, X, Y, OPTIONS, 10, run=True, reset=False)
    assert n.weights == before


def _live_until_done(s, epochs, budget, key='k', data_key=None, n=None, options=OPTIONS):
    ticks = []
    for _ in range(10000):
        tick = s.live(key, n or net(), X, Y, options, epochs, True, False, budget, data_key)
        ticks.append((tick.status, s.trainer.progress))
        if not tick.schedule:
            return tick, ticks
    raise AssertionError('never finished')


def test_live_by_time_budget_equals_training_all_at_once():
    s = live.TrainingSession()
    tick, ticks = _live_until_done(s, 12, TINY)
    assert tick.status == 'done' and s.trainer.epoch == 12
    # slices of one batch: 4 samples, batch 1 -> 4 solutions per epoch, part-way epochs seen
    assert len(ticks) >= 12 * 4 - 1
    assert any(p != int(p) for _, p in ticks)
    assert s.trainer.network.weights == reference(12).weights
    assert s.trainer.history.loss == fit(net(), X, Y, epochs=12, lr=0.5, seed=3).loss
    # a large budget trains whole epochs, same result
    s2 = live.TrainingSession()
    tick, ticks = _live_until_done(s2, 12, 10.0)
    assert len(ticks) == 1 and s2.trainer.network.weights == reference(12).weights
    # more epochs continue the same run
    tick, _ = _live_until_done(s, 14, TINY)
    assert (tick.status, s.trainer.epoch) == ('done', 14)
    assert s.trainer.network.weights == reference(14).weights
    assert s.rate > 0 and ' ep/s' in live.status_line(s.trainer, 20, s.rate)


def test_live_leaves_room_for_the_time_between_solutions(monkeypatch):
    """A live solution trains for 0.95 of the budget minus its own time before training and
    minus the smoothed time between solutions (outputs, redraw, Grasshopper collecting the
    inputs; a tenth of the budget until measured), never for less than MIN_TRAINING of the
    budget."""
    clock = [100.0]
    monkeypatch.setattr(live.time, 'time', lambda: clock[0])
    asked = []

    def run_for(trainer, seconds, epochs=None):
        asked.append(round(seconds, 6))
        clock[0] += seconds                       # training takes what it was given
        return trainer.step(1)
    monkeypatch.setattr(live.Trainer, 'run_for', run_for)
    s = live.TrainingSession()
    budget = 0.1

    def solution(gap, run=True, own=0.0):
        clock[0] += gap                           # between the last solution and this one
        started = clock[0]
        clock[0] += own                           # reading inputs, before the session
        return s.live('k', net(), X, Y, OPTIONS, 50, run, False, budget, None, started)
    assert solution(0.0).schedule and s.between is None
    assert solution(0.03).schedule and s.between == pytest.approx(0.03)
    assert solution(0.03, own=0.01).schedule
    assert solution(0.5).schedule                 # a gap longer than the budget counts as it
    assert s.between == pytest.approx(0.5 * 0.03 + 0.5 * 0.1)
    assert solution(0.5).schedule and s.between == pytest.approx(0.0825)
    assert solution(0.01).schedule and s.between == pytest.approx(0.04625)
    # 5th: 0.095 - 0.0825 is less than MIN_TRAINING * 0.1
    assert asked == [0.085, 0.065, 0.055, 0.03, 0.025, 0.04875]
    # a pause: the solution after it was not scheduled, so its gap measures nothing
    assert not solution(0.0, run=False).schedule
    between = s.between
    assert solution(30.0).schedule and s.between == between
    # reading large inputs took more than the budget already: no quarter (run_for trains
    # one batch when it is given no time)
    assert solution(0.01, own=0.12).schedule and asked[-1] == pytest.approx(-0.02)
    # a reset or a new run starts measuring again
    s.live('k', net(), X, Y, OPTIONS, 50, True, True, budget)
    assert s.between is None


def test_read_data_reads_again_only_when_the_inputs_change():
    s = live.TrainingSession()
    n = Network([2, 3, 2], 'sigmoid', seed=1)
    X2 = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    labels = [0, 1, 1, 0]
    d = s.read_data('k', n, X2, labels)
    assert d.rows == X2 and d.targets == [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
    assert d.notes == [] and d.problem is None
    assert d.key == live.read_training_data(n, X2, labels).key
    # equal inputs (new lists, as Grasshopper hands them every solution): not read again
    assert s.read_data('k', n, [list(r) for r in X2], list(labels)) is d
    s.clear()                                    # a reset forgets the run, not the inputs
    assert s.read_data('k', n, [list(r) for r in X2], list(labels)) is d
    # a changed value, a changed label, another network or setting: read again
    changed = s.read_data('k', n, X2[:3] + [[1.0, 0.5]], labels)
    assert changed is not d and changed.rows[3] == [1.0, 0.5] and changed.key != d.key
    assert s.read_data('k', n, X2, [0, 1, 1, 1]).targets[3] == [0.0, 1.0]
    assert s.read_data('other', n, X2, labels) is not d
    # the same values as other types are read again: 1 == True, but bools are refused
    ints = [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert s.read_data('k', n, ints, labels).rows == X2
    with pytest.raises(BPError) as e:
        s.read_data('k', n, [[bool(v) for v in r] for r in ints], labels)
    assert 'X row 0, column 0' in str(e.value)
    # after a failed read nothing stale is kept: the inputs before it are read again
    again = s.read_data('k', n, ints, labels)
    assert again.rows == X2 and s.read_data('k', n, ints, labels) is again
    # how X was read is kept with the rows (two columns of 4 values, one branch per input)
    cols = s.read_data('k', n, [[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]], labels)
    assert cols.rows == X2 and 'read as columns' in cols.notes[0]


def test_live_ready_pause_reset_and_restart():
    s = live.TrainingSession()
    assert s.live('k', net(), X, Y, OPTIONS, 12, False, False, TINY).status == \
        'ready: set run to True to train'
    s.live('k', net(), X, Y, OPTIONS, 12, True, False, TINY)
    tick = s.live('k', net(), X, Y, OPTIONS, 12, False, False, TINY)
    assert (tick.status, tick.schedule, s.trainer.progress) == \
        ('paused: set run to True to train', False, 0.25)
    tick = s.live('k', net(), X, Y, OPTIONS, 12, True, True, TINY)      # reset held down
    assert (tick.status, tick.schedule, tick.note, s.trainer.progress) == \
        ('training', False, 'release reset to go on training', 0.25)
    tick = s.live('other', net(), X, Y, OPTIONS, 12, False, False, TINY)  # a setting changed
    assert s.trainer.progress == 0 and s.key == 'other'
    assert tick.note == 'the network or a setting changed: training started over'


def test_live_changed_data_while_paused_goes_on_from_the_current_weights():
    s = live.TrainingSession()
    _live_until_done(s, 3, 10.0, data_key='d1')
    weights = [[list(r) for r in W] for W in s.trainer.network.weights]
    X2, Y2 = X + [[0.5, 0.5]], Y + [[1.0]]
    tick = s.live('k', net(), X2, Y2, OPTIONS, 5, False, False, 10.0, 'd2')
    assert tick.status.startswith('paused') and s.trainer.epoch == 3
    assert tick.note.startswith('X or Y changed at epoch 3: training goes on from the '
                                'current weights with the new data (5 samples')
    assert s.trainer.network.weights == weights
    tick = s.live('k', net(), X2, Y2, OPTIONS, 5, True, False, 10.0, 'd2')
    assert tick.status == 'done' and s.trainer.epoch == 5 and len(s.trainer.history.loss) == 5
    # the reference: 3 epochs on the old data, then 2 on the new data from those weights
    ref = reference(3)
    fit(ref, X2, Y2, epochs=2, lr=0.5, seed=3)
    assert s.trainer.network.weights == ref.weights


def test_live_early_stopping_restores_the_best_epoch():
    options = dict(OPTIONS, early_stopping=2, lr=3.0)
    s = live.TrainingSession()
    tick, _ = _live_until_done(s, 300, TINY, options=options)
    ref = net()
    h = fit(ref, X, Y, epochs=300, lr=3.0, seed=3, early_stopping=2)
    assert tick.status == 'stopped' and tick.note.startswith('early stopping at epoch')
    assert s.trainer.epoch == len(h.loss) < 300
    assert s.trainer.network.weights == ref.weights


def test_live_divergence_stops_with_the_error():
    s = live.TrainingSession()
    options = dict(OPTIONS, lr=1e200)
    tick = None
    for _ in range(50):
        tick = s.live('k', Network([2, 3, 1], 'linear', seed=1), X, Y, options, 50, True,
                      False, TINY)
        if not tick.schedule:
            break
    assert tick.status == 'stopped' and not tick.schedule
    assert 'the loss became' in s.error and 'lower learning rate' in s.error


def test_kept_run_restores_without_training():
    s = live.TrainingSession()
    s.at_once('k', net(), X, Y, OPTIONS, 7, True, False, data_key='d')
    text = json.dumps(s.to_data(), sort_keys=True)     # what the .gh file keeps
    back = live.TrainingSession()
    assert not back.restore(json.loads(text), 'k', X, Y, OPTIONS, 'other data', epochs=7)
    assert not back.restore(json.loads(text), 'k', X, Y, OPTIONS, 'd', epochs=8)
    assert back.restore(json.loads(text), 'k', X, Y, OPTIONS, 'd', epochs=7)
    tick = back.at_once('k', net(), X, Y, OPTIONS, 7, True, False, data_key='d')
    assert tick.status == 'done' and 'restored from the file' in tick.note
    assert back.trainer.epoch == 7 and back.trainer.network.weights == reference(7).weights
    assert back.trainer.history.loss == s.trainer.history.loss
    # live: a finished run is done at once; more epochs go on from the saved weights
    s = live.TrainingSession()
    _live_until_done(s, 4, 10.0, data_key='d')
    back = live.TrainingSession()
    assert back.restore(json.loads(json.dumps(s.to_data())), 'k', X, Y, OPTIONS, 'd')
    tick = back.live('k', net(), X, Y, OPTIONS, 4, True, False, 10.0, 'd')
    assert tick.status == 'done' and not tick.schedule and back.trainer.epoch == 4
    tick = back.live('k', net(), X, Y, OPTIONS, 6, True, False, 10.0, 'd')
    assert back.trainer.epoch == 6 and tick.status == 'done'


def test_part_way_epoch_is_kept_as_the_last_whole_epoch():
    s = live.TrainingSession()
    _live_until_done(s, 2, 10.0)
    whole = [[list(r) for r in W] for W in s.trainer.network.weights]
    s.live('k', net(), X, Y, OPTIONS, 3, True, False, TINY)           # one batch of epoch 3
    assert 2 < s.trainer.progress < 3
    data = s.to_data()
    assert data['epoch'] == 2 and data['network']['weights'] == whole


def test_status_and_report_text():
    s = live.TrainingSession()
    s.at_once('k', net(), X, Y, OPTIONS, 3, True, False)
    line = live.status_line(s.trainer, 3)
    assert line.startswith('epoch 3/3 loss ') and ' acc ' in line
    report = live.report_lines(s.trainer, 3, 'done').splitlines()
    assert report[0] == 'done' and report[1] == line and report[2].endswith(' s training')
    branches = live.history_branches(s.trainer.history)
    assert [p for p, _ in branches] == [(0,), (1,), (2,), (3,)]
    assert len(branches[0][1]) == 3 and branches[1][1] == []
    assert live.status_line(s.trainer, 63, 2.0).endswith('| 2 ep/s, 30 s left')
    assert live.status_line(s.trainer, 363, 2.0).endswith('| 2 ep/s, 3 min 00 s left')
