"""bpcore.drawing: pure layout data (runs on CPython 2.7 and 3)."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore import drawing
from bpcore.errors import BPError


class _Net(object):
    """Stand-in with the Network contract: sizes, weights (j, k), biases (j,)."""
    sizes = [2, 3, 1]
    activations = ['sigmoid', 'sigmoid']
    weights = [[[0.5, -1.0], [0.0, 2.0], [1.5, -0.5]], [[1.0, -4.0, 0.25]]]
    biases = [[0.1, 0.2, 0.3], [0.0]]
    feature_names = ['x', 'y']
    class_names = None


def test_layout_centres_columns():
    cols = drawing.network_layout([2, 3], origin=(1, 1, 0), spacing=(4, 2))
    assert cols[0] == [(1.0, 2.0, 0.0), (1.0, 0.0, 0.0)]
    assert cols[1] == [(5.0, 3.0, 0.0), (5.0, 1.0, 0.0), (5.0, -1.0, 0.0)]


def test_network_drawing_items():
    d = drawing.network_drawing(_Net(), radius=0.5, max_width=2.0)
    assert len(d.circles) == 6 and len(d.lines) == 9
    assert all(c['color'] == drawing.NEUTRAL and c['value'] is None for c in d.circles)
    # weights[1][0][1] = -4 is the largest |w|: full width, negative colour
    big = [l for l in d.lines if l['layer'] == 1 and l['i'] == 0 and l['k'] == 1][0]
    assert big['width'] == 2.0 and big['color'] == drawing.NEGATIVE and big['value'] == -4.0
    zero = [l for l in d.lines if l['layer'] == 0 and l['i'] == 1 and l['k'] == 0][0]
    assert zero['width'] == 0.0 and zero['color'] == drawing.NEUTRAL
    pos = [l for l in d.lines if l['layer'] == 0 and l['i'] == 0 and l['k'] == 0][0]
    assert pos['width'] == 0.25 and pos['color'] == drawing.POSITIVE
    # lines start right of the source circle, end left of the target
    assert pos['start'][0] == 0.5 and pos['end'][0] == 3.5
    texts = [t['text'] for t in d.labels]
    assert texts[:3] == ['input (2)', 'layer 1 sigmoid (3)', 'layer 2 sigmoid (1)']
    assert 'x' in texts and 'y' in texts
    assert d.circles[3]['bias'] == 0.2 and d.circles[0]['bias'] is None


def test_network_drawing_activations_colour_by_value():
    d = drawing.network_drawing(_Net(), activations_row=[[0, 1], [0.5, 0.5, 0.5], [1]])
    assert d.circles[0]['color'] == drawing.GRADIENT[0]
    assert d.circles[1]['color'] == drawing.GRADIENT[-1]
    assert d.circles[2]['value'] == 0.5
    with pytest.raises(BPError, match='column 1 has 2 values'):
        drawing.network_drawing(_Net(), activations_row=[[0, 1], [0.5, 0.5], [1]])


def test_activations_of_trace():
    class T(object):
        inputs = [[1, 2], [3, 4]]
        A = [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7], [0.8]]]
    assert drawing.activations_of(T(), 1) == [[3, 4], [0.4, 0.5, 0.6], [0.8]]
    with pytest.raises(BPError, match='out of range'):
        drawing.activations_of(T(), 2)


def test_not_a_network():
    with pytest.raises(BPError, match='expected a bpcore network'):
        drawing.network_drawing([1, 2])


def test_history_plot_scales_into_rect():
    d = drawing.history_plot({'loss': [2.0, 1.0, 0.0], 'accuracy': [0.0, 0.5, 1.0]},
                             rect=(10, 20, 4, 2))
    loss = [p for p in d.polylines if p['name'] == 'loss'][0]
    acc = [p for p in d.polylines if p['name'] == 'accuracy'][0]
    assert loss['points'] == [(10.0, 22.0, 0.0), (12.0, 21.0, 0.0), (14.0, 20.0, 0.0)]
    assert acc['points'] == [(10.0, 20.0, 0.0), (12.0, 21.0, 0.0), (14.0, 22.0, 0.0)]
    assert len(d.lines) == 3   # x, loss and accuracy axes
    texts = [t['text'] for t in d.labels]
    assert '1' in texts and '3' in texts and '2' in texts


def test_history_plot_breaks_at_nan_and_reads_objects():
    class H(object):
        loss = [1.0, float('nan'), 0.5, 0.25]
        val_loss = []
        accuracy = None
    d = drawing.history_plot(H())
    assert [len(p['points']) for p in d.polylines] == [2, 2]   # lone point -> short segment
    d = drawing.history_plot({'loss': [0.3]})
    assert d.polylines[0]['points'] == [(0.0, 5.0, 0.0), (10.0, 5.0, 0.0)]
    with pytest.raises(BPError, match='no values'):
        drawing.history_plot({'loss': []})


def test_nice_ticks():
    assert drawing.nice_ticks(0, 1, 5) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert drawing.nice_ticks(0, 99, 5) == [0.0, 20.0, 40.0, 60.0, 80.0]
    assert drawing.nice_ticks(3, 3) == [3]
    assert drawing.nice_ticks(0, float('nan')) == []


def test_decision_surface_classes():
    calls = []

    def predict(points):
        calls.append(len(points))
        return [[1.0, 0.0] if x < 0.5 else [0.0, 1.0] for x, y in points]
    d = drawing.decision_surface(predict, domain=((0, 1), (0, 2)), resolution=(3, 2))
    m = d.meshes[0]
    assert calls == [6]    # one batch call
    assert m['vertices'][:3] == [(0.0, 0.0, 0.0), (0.5, 0.0, 0.0), (1.0, 0.0, 0.0)]
    assert m['vertices'][3] == (0.0, 2.0, 0.0)
    assert m['faces'] == [(0, 1, 4, 3), (1, 2, 5, 4)]
    assert m['classes'] == [0, 1, 1, 0, 1, 1]
    assert m['colors'][0] == drawing.PALETTE[0] and m['colors'][1] == drawing.PALETTE[1]


def test_decision_surface_binary_and_heights():
    d = drawing.decision_surface(lambda P: [p[0] for p in P], resolution=(2, 2))
    assert d.meshes[0]['classes'] == [0, 1, 0, 1]
    d = drawing.decision_surface(lambda P: [[p[0] + p[1]] for p in P], resolution=(2, 2),
                                 mode='value', z_scale=2.0)
    m = d.meshes[0]
    assert [v[2] for v in m['vertices']] == [0.0, 2.0, 2.0, 4.0]
    assert m['colors'][0] == drawing.GRADIENT[0] and m['colors'][3] == drawing.GRADIENT[-1]
    assert m['classes'] is None


@pytest.mark.parametrize('kwargs,match', [
    ({'resolution': (1, 5)}, 'at least 2'),
    ({'domain': ((1, 0), (0, 1))}, 'x0 < x1'),
    ({'mode': 'nope'}, 'mode'),
    ({'output': 3}, 'out of range'),
])
def test_decision_surface_errors(kwargs, match):
    with pytest.raises(BPError, match=match):
        drawing.decision_surface(lambda P: [[0.0] for p in P], **kwargs)


def test_colours():
    assert drawing.gradient_color(0.5, 0, 1) == drawing.GRADIENT[2]
    assert drawing.gradient_color(float('nan'), 0, 1) == drawing.NEUTRAL
    assert drawing.gradient_color(5, 0, 1) == drawing.GRADIENT[-1]
    assert drawing.class_color(10) == drawing.PALETTE[0]
    assert drawing.lerp_color((0, 0, 0), (255, 255, 255), 0.5) == (128, 128, 128)
    assert not drawing.is_finite(float('inf')) and drawing.is_finite(3)


def test_history_legend_sits_above_the_plot_without_overlap():
    h = {'loss': [1.0, 0.5, 0.2], 'val_loss': [1.1, 0.6, 0.25],
         'accuracy': [0.5, 0.8, 0.9], 'val_accuracy': [0.4, 0.8, 0.9]}
    d = drawing.history_plot(h, rect=(0.0, 0.0, 10.0, 5.0))
    names = [lb for lb in d.labels if lb['text'] in h]
    assert sorted(lb['text'] for lb in names) == sorted(h)
    assert all(lb['position'][1] > 5.0 for lb in names)
    xs = sorted(lb['position'][0] for lb in names)
    assert all(b - a >= 2.0 for a, b in zip(xs, xs[1:]))
