"""bpcore.rhino.trees against the harness' Grasshopper DataTree / GH_Path / treehelpers."""
import harness
from harness import DataTree, GH_Path

from bpcore.rhino import trees


def test_rows_and_layers_to_tree():
    with harness.fake_modules():
        t = trees.rows_to_tree([[1, 2], [3]])
        assert t.to_branches() == [((0,), [1, 2]), ((1,), [3])]
        t = trees.layers_to_tree([[[1, 2], [3, 4]], [[5, 6]]])
        assert t.to_branches() == [((0, 0), [1, 2]), ((0, 1), [3, 4]), ((1, 0), [5, 6])]
        t = trees.rows_to_tree([[]])          # an empty row keeps its path
        assert t.to_branches() == [((0,), [])]


def test_round_trip_tree_rows():
    with harness.fake_modules():
        rows = [[0.5, 1.0], [2.0, 3.0]]
        assert trees.to_matrix(trees.rows_to_tree(rows)) == rows


def test_nested_to_tree_uses_treehelpers_semantics():
    nested = [[1, 2], 3, [4, [5]]]
    with harness.fake_modules():
        t = trees.nested_to_tree(nested)
        assert t.to_branches() == [((0,), [3]), ((0, 0), [1, 2]), ((0, 2), [4]),
                                   ((0, 2, 1), [5])]
        assert trees.tree_to_nested(t) == [[[1, 2], None, [4, [5]]]]


def test_nested_to_tree_without_treehelpers(monkeypatch):
    import sys
    with harness.fake_modules():
        monkeypatch.setitem(sys.modules, 'ghpythonlib', None)   # import fails
        t = trees.nested_to_tree([[1, 2], 3, [4, [5]]])
        assert t.to_branches() == [((0,), [3]), ((0, 0), [1, 2]), ((0, 2), [4]),
                                   ((0, 2, 1), [5])]


def test_paths_are_sorted_like_grasshopper():
    t = DataTree[object]()
    t.Add('b', GH_Path(1))
    t.Add('a', GH_Path(0))
    t.Add('c', GH_Path(0, 5))
    assert [str(p) for p in t.Paths] == ['{0}', '{0;5}', '{1}']
    assert trees.to_labels(t) == ['a', 'c', 'b']
