"""Pure helpers of the Train components: bpcore.rhino.trees.to_targets and
bpcore.rhino.component.fingerprint (no Grasshopper needed; runs on 2.7 and 3.x)."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore.errors import DataError
from bpcore.network import Network
from bpcore.rhino.component import Holder, fingerprint
from bpcore.rhino.trees import to_targets


def test_to_targets_rows_pass_through():
    assert to_targets([[0.0, 1.0], [1.0, 0.0]], 2) == [[0.0, 1.0], [1.0, 0.0]]
    assert to_targets([[0.5], [1.5]], 1) == [[0.5], [1.5]]
    assert to_targets(['0.25, 0.75'], 2) == [[0.25, 0.75]]      # a Panel line


def test_to_targets_class_indices_and_names():
    hot = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    assert to_targets([[0], [2], [1]], 3) == hot
    assert to_targets([[0.0], ['2'], [1]], 3) == hot
    assert to_targets([0, 2, 1], 3, n_samples=3) == hot          # a flat list: one per sample
    assert to_targets([['c'], ['a']], 3, class_names=['a', 'b', 'c']) == [hot[1], hot[0]]
    # one flat row with n_outputs values and a single sample is a target row
    assert to_targets([0, 0, 1], 3, n_samples=1) == [[0.0, 0.0, 1.0]]


@pytest.mark.parametrize('Y,message', [
    ([[3]], 'Y: row 0 is 3, not a class index 0..2'),
    ([[0], [1.5]], 'Y: row 1 is 1.5, not a class index 0..2'),
    ([[True]], 'Y: row 0 is True, not a class index 0..2'),
    ([[1, 0]], 'Y has 2 columns, expected 3'),
])
def test_to_targets_refuses(Y, message):
    with pytest.raises(DataError) as info:
        to_targets(Y, 3)
    assert str(info.value) == message


def test_to_targets_names_the_classes():
    with pytest.raises(DataError) as info:
        to_targets([['d']], 2, class_names=['a', 'b'])
    assert str(info.value) == "Y: row 0 is 'd', not a class index 0..1 or a class name (a, b)"


def test_fingerprint_by_content():
    net = Network([2, 3, 1], seed=0)
    X = [[1.0, 2.0], [3.0, 4.0]]
    key = fingerprint(net, X, 'sgd', 0.1)
    assert fingerprint(net.copy(), [list(r) for r in X], 'sgd', 0.1) == key
    assert fingerprint(Holder(net), X, 'sgd', 0.1) == key
    other = net.copy()
    other.weights[0][1][0] += 1e-12
    assert fingerprint(other, X, 'sgd', 0.1) != key
    assert fingerprint(net, [[1.0, 2.0], [3.0, 4.5]], 'sgd', 0.1) != key
    assert fingerprint(net, X, 'adam', 0.1) != key
    assert fingerprint(net, X, 'sgd', 0.2) != key
    assert fingerprint({'b': 1, 'a': [2]}) == fingerprint({'a': [2], 'b': 1})
