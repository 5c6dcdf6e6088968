"""bpcore.rhino.trees.to_layers / to_vectors: per-layer trees ({l; i} and {l}) back to lists,
as BP Update reads BP Backward's dW and db. (CPython 2.7 and 3, no Grasshopper.)"""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore.errors import BPError, DataError
from bpcore.network import Network
from bpcore.rhino import trees


class _Tree(object):
    """Enough of a DataTree for the pure readers: Paths (sorted), Branch, counts."""

    class _P(object):
        def __init__(self, idx):
            self.Indices = list(idx)

    def __init__(self, branches):
        self._b = dict((tuple(p), list(i)) for p, i in branches)
        self.Paths = [self._P(p) for p in sorted(self._b)]
        self.BranchCount = len(self._b)
        self.DataCount = sum(len(i) for i in self._b.values())

    def Branch(self, path):
        return self._b[tuple(path.Indices)]


def test_layers_round_trip_of_network_gradients():
    net = Network([3, 4, 2], ['tanh', 'sigmoid'], seed=1)
    X = [[0.1, 0.2, 0.3], [0.5, -0.4, 0.0]]
    g = net.backward(net.forward(X), [[1.0, 0.0], [0.0, 1.0]])
    tree = _Tree(trees.layers_to_branches(g.dW))
    shapes = [(4, 3), (2, 4)]
    assert trees.to_layers(tree, 'dW', shapes) == g.dW
    vtree = _Tree(trees.layers_to_branches(g.db))
    assert trees.to_vectors(vtree, 'db', [4, 2]) == g.db
    # lists of matrices / vectors are taken as they are
    assert trees.to_layers(g.dW, 'dW', shapes) == g.dW
    assert trees.to_vectors(g.db, 'db', [4, 2]) == g.db


def test_layers_group_by_prefix_and_skip_empty_branches():
    t = _Tree([((0, 0, 0), [1, 2]), ((0, 0, 1), ['3', 4.5]), ((0, 1, 0), [5]),
               ((0, 2, 0), [])])
    assert trees.to_layers(t) == [[[1.0, 2.0], [3.0, 4.5]], [[5.0]]]
    # a one-level tree {i} is one layer
    assert trees.to_layers(_Tree([((0,), [1]), ((1,), [2])])) == [[[1.0], [2.0]]]


def test_layers_errors():
    t = _Tree([((0, 0), [1, 2]), ((0, 1), [3]), ((1, 0), [1])])
    with pytest.raises(DataError, match='dW layer 0 row 1 has 1 values, expected 2'):
        trees.to_layers(t, 'dW')
    t = _Tree([((0, 0), [1, 2]), ((1, 0), [3])])
    with pytest.raises(DataError, match=r'dW has 2 layers \(branch groups \{l; i\}\), '
                                        r'expected 3'):
        trees.to_layers(t, 'dW', [(1, 2), (1, 1), (1, 1)])
    with pytest.raises(DataError, match=r'dW layer 1 has shape \(1, 1\), expected \(2, 1\)'):
        trees.to_layers(t, 'dW', [(1, 2), (2, 1)])
    with pytest.raises(DataError, match=r"dW layer 0 row 0, column 1: cannot read 'x' as a number"):
        trees.to_layers(_Tree([((0, 0), [1, 'x'])]), 'dW')
    with pytest.raises(BPError, match="input 'dW' is empty"):
        trees.to_layers(_Tree([((0, 0), [])]), 'dW')
    with pytest.raises(BPError, match="input 'dW' is empty"):
        trees.to_layers(None, 'dW')
    with pytest.raises(BPError, match="input 'dW' needs a tree"):
        trees.to_layers([1, 2], 'dW')


def test_vectors_errors():
    t = _Tree([((0,), [1, 2]), ((1,), [3])])
    assert trees.to_vectors(t) == [[1.0, 2.0], [3.0]]            # ragged is fine
    with pytest.raises(DataError, match=r'db has 2 layers \(branches\), expected 1'):
        trees.to_vectors(t, 'db', [2])
    with pytest.raises(DataError, match='db layer 1 has 1 values, expected 2'):
        trees.to_vectors(t, 'db', [2, 2])
    with pytest.raises(DataError, match='db layer 0 row 0, column 0 is empty'):
        trees.to_vectors(_Tree([((0,), [None])]), 'db')
    with pytest.raises(BPError, match="input 'db' is empty"):
        trees.to_vectors(None, 'db')
    assert trees.to_vectors([1, 2], 'db') == [[1.0, 2.0]]         # flat list: one layer
