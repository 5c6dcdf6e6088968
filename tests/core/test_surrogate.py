"""The surrogate-model workflow's library parts: sampling plans, BP Sampler's session,
BP Recorder's store and CSV, training ranges and the out-of-range warning."""
from __future__ import absolute_import, division, print_function

import io
import os

import pytest

from bpcore import model_io, sampling
from bpcore.data import MinMaxScaler, StandardScaler
from bpcore.errors import BPError, DataError
from bpcore.network import Network
from bpcore.ranges import range_warnings, ranges_of, training_ranges
from bpcore.rhino.recorder import Recorder, RecordingSession, load_csv, resolve_path
from bpcore.rhino.sampler import SamplingSession, ranges_from_rows, slider_ranges
from bpcore.train import fit

RANGES = [[0.0, 10.0], [-1.0, 1.0], [100.0, 400.0]]


# -- plans ------------------------------------------------------------------------------------
@pytest.mark.parametrize('method', ['lhs', 'random', 'grid'])
def test_plans_are_reproducible_by_seed_and_inside_the_ranges(method):
    a = sampling.plan(RANGES, 7, method, seed=3)
    b = sampling.plan(RANGES, 7, method, seed=3)
    assert a == b
    assert len(a) == sampling.plan_size(RANGES, 7, method)
    for row in a:
        assert len(row) == 3
        for v, (lo, hi) in zip(row, RANGES):
            assert lo <= v <= hi
    if method != 'grid':
        assert sampling.plan(RANGES, 7, method, seed=4) != a


@pytest.mark.parametrize('n', [1, 2, 5, 50])
def test_latin_hypercube_has_one_sample_per_stratum_per_input(n):
    plan = sampling.latin_hypercube(RANGES, n, seed=11)
    assert len(plan) == n
    for j, (lo, hi) in enumerate(RANGES):
        strata = sorted(int((row[j] - lo) / (hi - lo) * n) for row in plan)
        assert strata == list(range(n))


def test_latin_hypercube_strata_are_paired_differently_across_inputs():
    plan = sampling.latin_hypercube([[0, 1], [0, 1]], 20, seed=0)
    first = [int(r[0] * 20) for r in plan]
    second = [int(r[1] * 20) for r in plan]
    assert first != second          # independent permutations, not the diagonal


def test_grid_is_the_full_factorial_with_ends_included():
    plan = sampling.full_grid([[0, 1], [10, 30]], 3)
    assert plan == [[0.0, 10.0], [0.0, 20.0], [0.0, 30.0], [0.5, 10.0], [0.5, 20.0],
                    [0.5, 30.0], [1.0, 10.0], [1.0, 20.0], [1.0, 30.0]]
    assert sampling.full_grid([[2, 4]], 1) == [[3.0]]


def test_random_plan_covers_the_range_roughly_uniformly():
    plan = sampling.random_plan([[0, 1]], 2000, seed=5)
    quarters = [sum(1 for r in plan if q / 4.0 <= r[0] < (q + 1) / 4.0) for q in range(4)]
    assert all(430 < c < 570 for c in quarters), quarters


def test_constant_range_and_bad_input():
    assert all(r[0] == 2.0 for r in sampling.plan([[2, 2], [0, 1]], 5, 'lhs'))
    with pytest.raises(BPError, match="parameter 'span' \\(1\\) has low 3.0 above high 1.0"):
        sampling.plan([[0, 1], [3, 1]], 5, names=['h', 'span'])
    with pytest.raises(BPError, match='unknown sampling method'):
        sampling.plan(RANGES, 5, 'sobol')
    with pytest.raises(BPError, match='whole number'):
        sampling.plan(RANGES, 0)
    with pytest.raises(BPError, match='more than'):
        sampling.full_grid([[0, 1]] * 8, 10)


# -- BP Sampler's session ---------------------------------------------------------------------
def make_session(n=4):
    s = SamplingSession()
    s.prepare(('k', n), [[0, 1], [5, 6]], n, 'lhs', 0)
    return s


def test_session_steps_once_per_solution_and_schedules_the_next():
    s = make_session(4)
    first = s.step(run=False, reset=False)
    assert first.sample is None and not first.schedule and first.status.startswith('ready')
    steps = [s.step(run=True, reset=False) for _ in range(4)]
    assert [t.index for t in steps] == [0, 1, 2, 3]
    assert [t.sample for t in steps] == s.plan
    assert [t.schedule for t in steps] == [True, True, True, False]
    assert [t.status for t in steps] == ['sample 1/4', 'sample 2/4', 'sample 3/4',
                                         'sample 4/4']
    done = s.step(run=True, reset=False)
    assert done.status == 'done: sample 4/4' and not done.schedule and done.index == 3


def test_session_pause_resume_reset_and_new_plan():
    s = make_session(5)
    s.step(True, False)
    s.step(True, False)
    paused = s.step(False, False)
    assert paused.status == 'paused: sample 2/5' and paused.index == 1 and not paused.schedule
    assert s.step(True, False).index == 2            # resumes where it stopped
    again = s.step(True, True)                        # reset while running: sample 0, no loop
    assert again.index == 0 and not again.schedule and again.note
    plan = s.plan
    s.prepare(('k', 5), [[0, 1], [5, 6]], 5, 'lhs', 0)   # same key: progress kept
    assert s.emitted == 1 and s.plan is plan
    s.prepare(('other',), [[0, 1], [5, 6]], 5, 'lhs', 1)  # new key: new plan from the start
    assert s.emitted == 0 and s.plan != plan


def test_session_start_resumes_a_plan_after_a_restart():
    s = make_session(6)
    t = s.step(True, False, start=4)
    assert t.index == 4 and t.status == 'sample 5/6'
    with pytest.raises(BPError, match='start must be between 0 and 6'):
        make_session(6).step(True, False, start=9)


class _Slider(object):
    def __init__(self, lo, hi):
        self.Minimum, self.Maximum = lo, hi


class _Source(object):
    def __init__(self, name, lo, hi):
        self.NickName = name
        self.Slider = _Slider(lo, hi)


class _Param(object):
    def __init__(self, sources):
        self.Sources = sources


def test_slider_ranges_and_bounds_rows():
    names, ranges = slider_ranges(_Param([_Source('span', 2, 12), _Source('h', 0.5, 1)]))
    assert names == ['span', 'h'] and ranges == [[2.0, 12.0], [0.5, 1.0]]
    assert slider_ranges(_Param([])) == ([], [])
    bad = _Param([_Source('span', 2, 12), type('Panel', (), {'NickName': 'note'})()])
    with pytest.raises(BPError, match=r"source 1 \(note\) is not a Number Slider"):
        slider_ranges(bad)
    assert ranges_from_rows([[0, 1], [2, 3]]) == [[0, 1], [2, 3]]
    with pytest.raises(BPError, match='bounds branch 1 must hold'):
        ranges_from_rows([[0, 1], [2, 3, 4]])


# -- BP Recorder --------------------------------------------------------------------------------
def test_recorder_dedupes_skips_incomplete_and_caps():
    r = Recorder(capacity=3, x_names=['a', 'b'], y_names=['f'])
    assert r.add([1, 2], [3]) == 'added'
    assert r.add([1.0, 2.0], [99]) == 'duplicate'       # same inputs: the first result stays
    assert r.add([1, None], [3]) == 'incomplete'
    assert r.add([1, 3], []) == 'incomplete'
    assert r.add([1, 3], [float('nan')]) == 'incomplete'
    assert r.add([1, 3], None) == 'incomplete'
    assert r.add([1, 3, 4], [1]) == 'incomplete'         # width differs from the first record
    assert r.add([2, 3], [4]) == 'added'
    assert r.add([3, 3], [5]) == 'added'
    assert r.add([4, 3], [6]) == 'full'
    assert r.X == [[1.0, 2.0], [2.0, 3.0], [3.0, 3.0]] and r.Y == [[3.0], [4.0], [5.0]]
    with pytest.raises(BPError, match='capacity'):
        Recorder(capacity=0)


def test_recorder_csv_round_trip_is_exact(tmp_path):
    r = Recorder(x_names=['span', 'height'], y_names=['stress', 'mass'])
    r.add([0.1, 1.0 / 3.0], [2e-17, 12345.678901234567])
    r.add([7, 8], [9, 10])
    path = str(tmp_path / 'run.csv')
    r.save_csv(path)
    with io.open(path, encoding='utf-8') as f:
        assert f.readline().strip() == 'x:span,x:height,y:stress,y:mass'
    back = load_csv(path)
    assert back.X == r.X and back.Y == r.Y
    assert back.x_names == ['span', 'height'] and back.y_names == ['stress', 'mass']
    r.add([9, 9], [1, 1])
    r.save_csv(path)                                      # overwrites
    assert len(load_csv(path)) == 3
    fresh = Recorder()
    assert fresh.load(load_csv(path)) == 3 and fresh.names()[0] == ['span', 'height']
    assert not os.path.exists(path + '.tmp')


def test_recorder_csv_errors_name_the_line(tmp_path):
    path = str(tmp_path / 'bad.csv')
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write(u'x:a,y:b\n1,2\n3,oops\n')
    with pytest.raises(DataError, match=r"line 3, column 1: 'oops' is not a number"):
        load_csv(path)
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write(u'a,b\n1,2\n')
    with pytest.raises(DataError, match='header must be'):
        load_csv(path)


# -- training ranges and the out-of-range warning -------------------------------------------
X = [[0.0, 10.0], [2.0, 30.0], [4.0, 20.0]]
Y = [[0.0], [1.0], [0.5]]


def trained(scaler=None):
    net = Network([2, 3, 1], ['tanh', 'linear'], seed=1)
    Xs = X
    if scaler is not None:
        net.scaler = scaler.fit(X)
        Xs = net.scaler.transform(X)
    fit(net, Xs, Y, epochs=2, batch_size=3, optimizer='sgd', lr=0.1)
    return net


@pytest.mark.parametrize('scaler', [None, MinMaxScaler(), MinMaxScaler((-1, 1)),
                                    StandardScaler()])
def test_fit_records_the_raw_training_ranges(scaler):
    net = trained(scaler)
    for (lo, hi), want in zip(net.input_ranges, [[0.0, 4.0], [10.0, 30.0]]):
        assert lo == pytest.approx(want[0], abs=1e-12) and hi == pytest.approx(want[1],
                                                                                 abs=1e-12)


def test_validation_split_keeps_the_ranges_of_all_samples():
    net = Network([2, 2, 1], 'sigmoid', seed=0)
    Xb = [[float(i), float(10 - i)] for i in range(10)]
    fit(net, Xb, [[0.0]] * 10, epochs=1, validation_split=0.3)
    assert net.input_ranges == [[0.0, 9.0], [1.0, 10.0]]


def test_range_warning_fires_outside_and_not_inside():
    net = trained()
    net.feature_names = ['span', 'height']
    assert range_warnings(net, [[0.0, 10.0], [4.0, 30.0], [2.0, 20.0]]) == []   # ends included
    msgs = range_warnings(net, [[5.0, 20.0], [-1.0, 20.0], [2.0, 35.0]])
    assert msgs == [
        "input 'span' (column 0) is outside the training range [0, 4]: 2 of 3 samples, "
        "up to 1 below and 1 above (25% of the range)",
        "input 'height' (column 1) is outside the training range [10, 30]: 1 of 3 samples, "
        "up to 5 above (25% of the range)"]
    net.feature_names = None
    assert range_warnings(net, [[6.0, 20.0]]) == [
        'input 0 is outside the training range [0, 4]: 1 of 1 sample, up to 2 above '
        '(50% of the range)']


def test_ranges_travel_in_the_model_file_and_old_files_still_load():
    net = trained(MinMaxScaler())
    back = model_io.loads(model_io.dumps(net))
    assert back.input_ranges == net.input_ranges
    data = net.to_data()
    del data['input_ranges']                       # a model file from before ranges
    old = Network.from_data(data)
    assert old.input_ranges is None
    assert ranges_of(old) == [[0.0, 4.0], [10.0, 30.0]]   # falls back to the MinMaxScaler
    assert len(range_warnings(old, [[9.0, 20.0]])) == 1
    data['scaler'] = None
    assert range_warnings(Network.from_data(data), [[99.0, 99.0]]) == []   # nothing known
    data['input_ranges'] = [[0, 1]]
    with pytest.raises(BPError, match='one \\[low, high\\] pair per input'):
        Network.from_data(data)


def test_training_ranges_undo_the_scaler():
    net = Network([2, 1], 'linear')
    net.scaler = StandardScaler().fit(X)
    got = training_ranges(net, net.scaler.transform(X))
    assert [[round(v, 9) for v in r] for r in got] == [[0.0, 4.0], [10.0, 30.0]]


def test_recording_session_survives_a_restart_through_its_csv(tmp_path):
    path = str(tmp_path / 'samples.csv')
    s = RecordingSession()
    assert s.update([1, 2], [3], ['a', 'b'], ['f'], path) == 'added'
    assert s.update([1, 2], [3], ['a', 'b'], ['f'], path) == 'duplicate'
    assert s.update([2, 2], None, ['a', 'b'], ['f'], path) == 'incomplete'
    assert s.update([2, 2], [5], ['a', 'b'], ['f'], path) == 'added'
    restarted = RecordingSession()                 # Rhino restarted: sticky is empty
    assert restarted.update([2, 2], [5], None, None, path) == 'loaded 2, duplicate'
    assert restarted.recorder.X == [[1.0, 2.0], [2.0, 2.0]]
    assert restarted.recorder.names() == (['a', 'b'], ['f'])
    assert restarted.update([3, 3], [6], None, None, path, record=False) == 'paused'
    assert restarted.update([3, 3], [6], None, None, path) == 'added'
    assert len(load_csv(path)) == 3
    assert restarted.update([3, 3], [6], None, None, path, reset=True) == 'reset'
    assert len(restarted.recorder) == 0
    assert restarted.update([4, 4], [7], None, None, path) == 'added'
    assert len(load_csv(path)) == 1                # rewritten from the next sample on
    other = RecordingSession()
    assert other.update([1, 1], [1], capacity=1) == 'added'
    assert other.update([2, 1], [1], capacity=1) == 'full'


def test_a_relative_recorder_file_sits_beside_the_saved_definition():
    here = os.path.join(os.sep, 'projects', 'arch')
    assert resolve_path('runs/a.csv', os.path.join(here, 'arch.gh')) == os.path.join(
        here, 'runs/a.csv')
    assert resolve_path('a.csv', None) == 'a.csv'               # not saved yet
    absolute = os.path.join(os.sep, 'data', 'a.csv')
    assert resolve_path(absolute, os.path.join(here, 'arch.gh')) == absolute
    assert resolve_path(None, 'x.gh') is None
