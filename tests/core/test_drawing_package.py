"""bpcore.drawing as a package: the old import path keeps every name, each picture lives in
its own module, and history_from_object reads a one-item history input (stdlib + pytest)."""
from __future__ import absolute_import, division, print_function

import io
import os

import pytest

from bpcore import drawing
from bpcore.drawing import base, graph, history, network, surface
from bpcore.errors import BPError
from bpcore.matrix import classes_of
from bpcore.network import Network
from bpcore.train import History

# Every name of the single-module bpcore/drawing.py (0.1.0) except the stdlib ``math``.
OLD_NAMES = [
    'AXIS', 'BPError', 'CLASS_ACTIVATIONS', 'Drawing', 'GRADIENT', 'HISTORY_KEYS', 'INNER',
    'LEAF', 'NEGATIVE', 'NEUTRAL', 'OP', 'OUTPUT', 'PALETTE', 'POSITIVE', 'TEXT',
    '_finite_range', '_fmt', '_history_series', '_net_facts', '_point', '_rect_exit', '_vec',
    'activations_of', 'class_color', 'decision_surface', 'disc_mesh', 'gradient_color',
    'graph_drawing', 'history_from_branches', 'history_plot', 'is_finite', 'lerp_color',
    'network_drawing', 'network_layout', 'network_surface', 'nice_ticks', 'surface_domain',
    'surface_mode', 'to_frame']

HOMES = {base: ['Drawing', 'PALETTE', 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'GRADIENT',
                'is_finite', 'lerp_color', 'class_color', 'gradient_color', 'to_frame',
                'disc_mesh', 'nice_ticks'],
         network: ['network_layout', 'activations_of', 'network_drawing'],
         history: ['history_plot', 'history_from_branches', 'history_from_object',
                   'HISTORY_KEYS'],
         surface: ['decision_surface', 'network_surface', 'surface_mode', 'surface_domain'],
         graph: ['graph_drawing', 'LEAF', 'INNER', 'OUTPUT', 'OP']}


def test_the_old_import_path_keeps_every_name():
    missing = [n for n in OLD_NAMES if not hasattr(drawing, n)]
    assert missing == []
    assert all(hasattr(drawing, n) for n in drawing.__all__)


def test_each_picture_lives_in_its_module_and_is_the_same_object():
    for module, names in HOMES.items():
        for name in names:
            assert getattr(drawing, name) is getattr(module, name), (module.__name__, name)


def test_every_module_opens_with_its_docstring_then_future_imports():
    folder = os.path.dirname(drawing.__file__)
    for module in (drawing, base, network, history, surface, graph):
        assert module.__doc__ and len(module.__doc__.strip()) > 40, module.__name__
        name = os.path.splitext(os.path.basename(module.__file__))[0] + '.py'
        with io.open(os.path.join(folder, name), encoding='utf-8') as handle:
            text = handle.read()
        assert text.startswith('"""'), name
        end = text.index('"""', 3) + 3
        after = text[end:].lstrip('\n').splitlines()[0]
        assert after == 'from __future__ import absolute_import, division, print_function'


def test_decision_surface_classes_follow_the_networks_rule():
    rows = {(0.0, 0.0): [0.2, 0.2, 0.1], (1.0, 0.0): [0.1, 0.5, 0.5],
            (0.0, 1.0): [0.0, 0.1, 0.9], (1.0, 1.0): [0.7, 0.2, 0.1]}

    def predict(points):
        return [rows[(p[0], p[1])] for p in points]

    d = drawing.decision_surface(predict, resolution=(2, 2))
    want = classes_of([rows[(0.0, 0.0)], rows[(1.0, 0.0)], rows[(0.0, 1.0)], rows[(1.0, 1.0)]])
    assert d.meshes[0]['classes'] == want == [0, 1, 2, 0]    # ties: the first class
    one = drawing.decision_surface(lambda P: [p[0] * 0.5 + p[1] * 0.25 for p in P],
                                   resolution=(3, 2))
    assert one.meshes[0]['classes'] == [0, 0, 1, 0, 1, 1]    # >= 0.5 -> class 1


# -- history_from_object -------------------------------------------------------------------
def test_history_from_object_leaves_values_to_the_branch_reader():
    for value in (None, 0.5, 3, '0.25', float('nan')):
        assert drawing.history_from_object(value) is None


def test_history_from_object_reads_a_history_or_a_dict():
    h = History()
    h.loss.extend([0.9, 0.4])
    h.accuracy.extend([0.5, 0.75])
    obj, keys = drawing.history_from_object(h)
    assert obj is h and keys == ['loss', 'accuracy']
    data = {'val_loss': [1.0], 'loss': [2.0], 'other': [3.0]}
    obj, keys = drawing.history_from_object(data)
    assert obj is data and keys == ['loss', 'val_loss']
    d = drawing.history_plot(obj, keys=keys)
    assert [p['name'] for p in d.polylines] == ['loss', 'val_loss']


def test_history_from_object_unwraps_only_what_is_not_a_value():
    class Box(object):
        def __init__(self, value):
            self.value = value

    seen = []

    def unwrap(item):
        seen.append(item)
        return item.value

    obj, keys = drawing.history_from_object(Box({'accuracy': [0.5]}), unwrap)
    assert obj == {'accuracy': [0.5]} and keys == ['accuracy'] and len(seen) == 1
    assert drawing.history_from_object(0.5, unwrap) is None and len(seen) == 1


def test_history_from_object_errors_name_the_input():
    with pytest.raises(BPError) as e:
        drawing.history_from_object(Network([1, 1], seed=0))
    assert str(e.value) == ('input history: expected a History, a dict of lists or a tree of '
                            'numbers, got Network')
    with pytest.raises(BPError) as e:
        drawing.history_from_object(True)                  # a bool is not an epoch's value
    assert str(e.value).endswith('got bool')
    with pytest.raises(BPError) as e:
        drawing.history_from_object(History())
    assert str(e.value) == ('input history has no values to plot (no loss, val_loss, '
                            'accuracy, val_accuracy)')
