"""The surrogate-model components through the fake-Grasshopper harness: BP Sampler (whole plan,
step mode tick by tick, sliders as ranges), BP Recorder (dedupe, file), and BP Predict's
out-of-range warning."""

from harness import load_component, run_component

from bpcore import sampling
from bpcore.network import Network
from bpcore.rhino.recorder import load_csv
from bpcore.train import fit


def test_sampler_whole_plan_equals_the_library_plan():
    r = run_component('BP_Sampler', bounds=[[0, 10], [5, 6]], count=8, method='lhs', seed=2)
    assert r.ok, r.errors
    assert r.rows('plan') == sampling.plan([[0, 10], [5, 6]], 8, 'lhs', 2)
    assert r['names'] == ['x0', 'x1'] and r['done'] is True and r['sample'] is None
    assert r.message == '8 samples, lhs'


class _Slider(object):
    def __init__(self, lo, hi):
        self.Minimum, self.Maximum = lo, hi


class _Wired(object):
    """What Grasshopper gives in param.Sources for a Number Slider."""

    def __init__(self, name, lo, hi):
        self.NickName, self.Slider = name, _Slider(lo, hi)


def test_sampler_reads_the_ranges_of_the_sliders_wired_in():
    comp = load_component('BP_Sampler')
    comp.component.Params.Input[0].Sources = [_Wired('span', 2, 12), _Wired('rise', 0.5, 1.5)]
    r = comp.run(sliders=[7.0, 1.0], count=5, seed=3)
    assert r.ok and r['names'] == ['span', 'rise']
    assert r.rows('plan') == sampling.plan([[2, 12], [0.5, 1.5]], 5, 'lhs', 3)
    comp.component.Params.Input[0].Sources = [_Wired('span', 2, 12), object()]
    r = comp.run(sliders=[7.0, 1.0])
    assert r['plan'] is None and r.errors == [
        'sliders source 1 (?) is not a Number Slider; wire sliders, or give bounds']


def test_sampler_steps_and_recorder_collects_a_model_tick_by_tick(tmp_path):
    path = str(tmp_path / 'run.csv')
    sampler = load_component('BP_Sampler')
    recorder = load_component('BP_Recorder')
    inputs = dict(bounds=[[0, 2], [1, 3]], count=6, method='random', seed=1, step=True,
                  run=True)
    seen = []

    def solve(r):
        x = r['sample']
        y = [x[0] * x[1]]                         # the "slow" model downstream
        return recorder.run(inputs=x, outputs=y, x_names=r['names'], y_names=['f'],
                            file=path)

    r = sampler.run(**inputs)
    messages = [r.message]
    rec = solve(r)
    seen.append(r['index'])
    while sampler.pending_schedules:
        r = sampler.tick()
        messages.append(r.message)
        seen.append(r['index'])
        rec = solve(r)
    assert seen == list(range(6))
    assert messages == ['sample %d/6' % i for i in range(1, 7)]
    assert rec['count'] == 6 and rec.message == '6 samples' and rec['status'] == 'added'
    plan = sampling.plan([[0, 2], [1, 3]], 6, 'random', 1)
    assert rec.rows('X') == plan
    assert rec.rows('Y') == [[a * b] for a, b in plan]
    assert load_csv(path).X == plan
    r = sampler.run(**inputs)                     # done: repeats the last sample
    assert r.message == 'done: sample 6/6' and r['done'] is True
    again = solve(r)
    assert again['status'] == 'duplicate' and again['count'] == 6
    restarted = load_component('BP_Recorder')    # a new instance: loads the file
    back = restarted.run(inputs=[9, 9], outputs=[81], file=path)
    assert back['count'] == 7 and back['status'] == 'loaded 6, added'


def test_recorder_skips_incomplete_samples_quietly_and_warns_when_full():
    comp = load_component('BP_Recorder')
    r = comp.run(inputs=[1, 2], outputs=None, capacity=1)
    assert r.ok and r['status'] == 'incomplete' and r.remarks
    assert comp.run(inputs=[1, 2], outputs=[3], capacity=1)['count'] == 1
    r = comp.run(inputs=[2, 2], outputs=[3], capacity=1)
    assert r['status'] == 'full' and r.warnings == [
        'capacity 1 reached: new samples are not recorded']


def test_predict_warns_outside_the_training_range_only():
    X = [[0.0, 10.0], [2.0, 30.0], [4.0, 20.0]]
    net = Network([2, 3, 1], ['tanh', 'linear'], seed=1)
    net.feature_names = ['span', 'height']
    fit(net, X, [[0.0], [1.0], [0.5]], epochs=2, batch_size=3)
    inside = run_component('BP_Predict', net=net, X=[[1.0, 15.0]])
    assert inside.ok and inside.warnings == []
    outside = run_component('BP_Predict', net=net, X=[[1.0, 40.0]])
    assert outside.ok and outside.warnings == [
        "input 'height' (column 1) is outside the training range [10, 30]: 1 of 1 sample, "
        "up to 10 above (50% of the range)"]
    assert outside.rows('values') == [net.predict([[1.0, 40.0]])[0]]
