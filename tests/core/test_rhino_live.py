"""BP Train's state machine (bpcore.rhino.live), without Grasshopper."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore.errors import BPError
from bpcore.network import Network
from bpcore.rhino import live
from bpcore.train import fit

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [[0.0], [1.0], [1.0], [0.0]]
OPTIONS = {'batch_size': 1, 'lr': 0.5, 'optimizer': 'sgd', 'loss': 'mse',
           'validation_split': 0.0, 'seed': 3}


def net():
    return Network([2, 3, 1], 'sigmoid', seed=1)


def reference(epochs):
    n = net()
    fit(n, X, Y, epochs=epochs, batch_size=1, lr=0.5, seed=3)
    return n


def test_train_options_defaults_and_checks():
    opts = live.train_options(None, None, None, None, None, None)
    assert opts == {'batch_size': 1, 'lr': None, 'optimizer': 'sgd', 'loss': 'mse',
                    'validation_split': 0.0, 'seed': 0}
    opts = live.train_options(8, 0.01, ' Adam ', 'CCE', 0.2, 4)
    assert opts['optimizer'] == 'adam' and opts['loss'] == 'cce' and opts['batch_size'] == 8
    with pytest.raises(BPError) as e:
        live.train_options(None, None, 'rmsprop', None, None, None)
    assert str(e.value) == ("input 'optimizer' is 'rmsprop'; choose one of sgd, momentum, "
                            "nesterov, adam")
    with pytest.raises(BPError) as e:
        live.train_options(0, None, None, None, None, None)
    assert 'batch_size' in str(e.value)


def test_at_once_waits_for_run_then_trains_once():
    s = live.TrainingSession()
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=False, reset=False)
    assert tick.status is None and tick.note == 'set run to True to train' and not tick.schedule
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=True, reset=False)
    assert tick.status == 'done' and s.trainer.epoch == 20
    assert s.trainer.network.weights == reference(20).weights
    trainer = s.trainer
    tick = s.at_once('k', net(), X, Y, OPTIONS, 20, run=False, reset=False)
    assert tick.status == 'done' and s.trainer is trainer       # kept, not retrained
    s.at_once('k', net(), X, Y, OPTIONS, 30, run=True, reset=False)
    assert s.trainer is not trainer and s.trainer.epoch == 30    # epochs changed: retrained
    tick = s.at_once('k', net(), X, Y, OPTIONS, 30, run=False, reset=True)
    assert tick.status is None and s.trainer is None


def test_input_network_is_never_changed():
    n = net()
    before = [[list(r) for r in W] for W in n.weights]
    live.TrainingSession().at_once('k', n, X, Y, OPTIONS, 10, run=True, reset=False)
    assert n.weights == before


def test_live_ticks_equal_training_all_at_once():
    s = live.TrainingSession()
    seen = []
    for _ in range(10):
        tick = s.live('k', net(), X, Y, OPTIONS, 12, 5, run=True, reset=False)
        seen.append((tick.status, tick.schedule, s.trainer.epoch))
        if not tick.schedule:
            break
    assert seen == [('training', True, 5), ('training', True, 10), ('done', False, 12)]
    assert s.trainer.network.weights == reference(12).weights
    # more epochs continue the same run
    tick = s.live('k', net(), X, Y, OPTIONS, 14, 5, run=True, reset=False)
    assert (tick.status, s.trainer.epoch) == ('done', 14)
    assert s.trainer.network.weights == reference(14).weights


def test_live_ready_pause_reset_and_restart():
    s = live.TrainingSession()
    assert s.live('k', net(), X, Y, OPTIONS, 12, 5, False, False).status == \
        'ready: set run to True to train'
    s.live('k', net(), X, Y, OPTIONS, 12, 5, True, False)
    tick = s.live('k', net(), X, Y, OPTIONS, 12, 5, False, False)
    assert (tick.status, tick.schedule, s.trainer.epoch) == \
        ('paused: set run to True to train', False, 5)
    tick = s.live('k', net(), X, Y, OPTIONS, 12, 5, True, True)      # reset held down
    assert (tick.status, tick.schedule, tick.note, s.trainer.epoch) == \
        ('training', False, 'release reset to go on training', 5)
    tick = s.live('other', net(), X, Y, OPTIONS, 12, 5, False, False)  # data changed
    assert s.trainer.epoch == 0 and s.key == 'other'


def test_live_divergence_stops_with_the_error():
    s = live.TrainingSession()
    options = dict(OPTIONS, lr=1e200)
    tick = s.live('k', Network([2, 3, 1], 'linear', seed=1), X, Y, options, 50, 5, True, False)
    assert tick.status == 'stopped' and not tick.schedule
    assert 'the loss became' in s.error and 'lower learning rate' in s.error


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
