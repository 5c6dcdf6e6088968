"""The pure parts of bpcore.rhino (tree/list conversions, component helpers) and icons.
(Runs on CPython 2.7 and 3; the Grasshopper parts are tested in tests/gh with the harness.)"""
from __future__ import absolute_import, division, print_function

import struct
import sys
import types
import zlib

import pytest

from bpcore.errors import BPError, DataError
from bpcore.rhino import component as ghc
from bpcore.build import icons
from bpcore.rhino import trees


# -- trees: rows from lists ---------------------------------------------------------------
def test_to_rows_shapes():
    assert trees.to_rows([1, 2, 3]) == [[1, 2, 3]]             # flat list = one sample
    assert trees.to_rows([[1, 2], (3, 4)]) == [[1, 2], [3, 4]]
    assert trees.to_rows([[1], [], [2]]) == [[1], [2]]           # empty rows skipped
    assert trees.to_rows(5) == [[5]]


@pytest.mark.parametrize('value', [None, [], [[], []]])
def test_to_rows_empty(value):
    with pytest.raises(BPError, match="input 'X' is empty"):
        trees.to_rows(value, 'X')


def test_to_rows_mixed():
    with pytest.raises(BPError, match='mixes lists and single values'):
        trees.to_rows([[1, 2], 3])


def test_to_matrix():
    assert trees.to_matrix([['1', 2], [3.5, 4]]) == [[1.0, 2.0], [3.5, 4.0]]
    with pytest.raises(DataError, match='X row 1, column 1 is a bool'):
        trees.to_matrix([['1', 2], [3.5, True]])
    assert trees.to_matrix(['5.1, 3.5;1.4\t0.2']) == [[5.1, 3.5, 1.4, 0.2]]
    assert trees.to_matrix([['1 2'], ['3 4']], width=2) == [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize('value,match', [
    ([[1, 2], [3]], 'X row 1 has 1 values, expected 2'),
    ([[1, None]], r'X row 0, column 1 is empty \(None\)'),
    ([[1, 'a']], "X row 0, column 1: cannot read 'a' as a number"),
    ([[1, float('nan')]], 'X row 0, column 1 is NaN'),
    ([['inf', 1]], r"X row 0, column 0 is infinite \('inf'\)"),
])
def test_to_matrix_errors(value, match):
    with pytest.raises(DataError, match=match):
        trees.to_matrix(value, 'X')


def test_to_matrix_width():
    with pytest.raises(DataError, match='expected 3'):
        trees.to_matrix([1, 2], 'X', width=3)


def test_to_labels():
    assert trees.to_labels(['a', 'b']) == ['a', 'b']
    assert trees.to_labels([['a'], ['b']]) == ['a', 'b']
    assert trees.to_labels('a') == ['a']
    with pytest.raises(DataError, match='row 1 is empty'):
        trees.to_labels(['a', None])
    with pytest.raises(DataError, match='row 0 holds 2 items'):
        trees.to_labels([['a', 'b']])
    with pytest.raises(BPError, match='empty'):
        trees.to_labels([])


def test_flat_and_branches():
    assert trees.to_flat([[1, [2]], 3]) == [1, 2, 3]
    assert trees.to_flat(None) == []
    assert trees.rows_to_branches([[1], [2, 3]]) == [((0,), [1]), ((1,), [2, 3])]
    assert trees.rows_to_branches([[1]], base=(4,)) == [((4, 0), [1])]
    assert trees.layers_to_branches([[[1, 2], [3, 4]], [5, 6]]) == [
        ((0, 0), [1, 2]), ((0, 1), [3, 4]), ((1,), [5, 6])]


class _FakeTree(object):
    """Enough of a DataTree for the pure readers (Paths, Branch, BranchCount)."""

    class _P(object):
        def __init__(self, idx):
            self.Indices = list(idx)

    def __init__(self, branches):
        self._b = branches
        self.Paths = [self._P(p) for p, _ in branches]
        self.BranchCount = len(branches)
        self.DataCount = sum(len(i) for _, i in branches)

    def Branch(self, path):
        return dict((tuple(p), i) for p, i in self._b)[tuple(path.Indices)]


def test_tree_readers():
    t = _FakeTree([((0, 0), [1, 2]), ((0, 1), []), ((0, 2), [3, 4])])
    assert trees.is_tree(t) and not trees.is_tree([1])
    assert trees.to_rows(t) == [[1, 2], [3, 4]]
    assert trees.tree_branches(t)[1] == ((0, 1), [])
    assert trees.to_flat(t) == [1, 2, 3, 4]
    assert trees.tree_to_nested(t) == [[[1, 2], [], [3, 4]]]
    assert trees.to_labels(_FakeTree([((0,), ['a']), ((1,), ['b'])])) == ['a', 'b']
    with pytest.raises(DataError, match=r'branch \{0;0\} holds 2 items'):
        trees.to_labels(t)
    assert ghc.is_missing(_FakeTree([((0,), [])]))
    with pytest.raises(BPError, match='empty'):
        trees.to_rows(_FakeTree([((0,), [])]))


# -- component helpers --------------------------------------------------------------------
class _Level(object):
    def __init__(self, name):
        self.name = name


class _Comp(object):
    def __init__(self):
        self.InstanceGuid = 'guid-1'
        self.messages = []
        self.Message = None
        self.expired = []
        self.scheduled = []
        self.doc = self

    def AddRuntimeMessage(self, level, text):
        self.messages.append((level.name, text))

    def OnPingDocument(self):
        return self.doc

    def ScheduleSolution(self, delay, callback):
        self.scheduled.append((delay, callback))

    def ExpireSolution(self, recompute):
        self.expired.append(recompute)


class _Env(object):
    def __init__(self):
        self.Component = _Comp()


@pytest.fixture
def gh(monkeypatch):
    """Minimal Grasshopper.Kernel and scriptcontext modules."""
    kernel = types.ModuleType('Grasshopper.Kernel')

    class GH_RuntimeMessageLevel(object):
        Warning = _Level('Warning')
        Error = _Level('Error')
        Remark = _Level('Remark')
    kernel.GH_RuntimeMessageLevel = GH_RuntimeMessageLevel
    grasshopper = types.ModuleType('Grasshopper')
    grasshopper.Kernel = kernel
    sc = types.ModuleType('scriptcontext')
    sc.sticky = {}
    monkeypatch.setitem(sys.modules, 'Grasshopper', grasshopper)
    monkeypatch.setitem(sys.modules, 'Grasshopper.Kernel', kernel)
    monkeypatch.setitem(sys.modules, 'scriptcontext', sc)
    return sc


def test_missing_inputs(gh):
    env = _Env()
    assert ghc.missing_inputs(env, ('net', object()), ('X', [1])) == []
    assert env.Component.messages == []
    assert ghc.missing_inputs(env, ('net', None), ('X', []), ('name', '  ')) == \
        ['net', 'X', 'name']
    assert env.Component.messages == [
        ('Warning', 'Input parameters net, X, name failed to collect data')]
    assert ghc.missing_inputs(None, b=None, a=None) == ['a', 'b']


def test_messages(gh):
    env = _Env()
    ghc.report_error(env, BPError('X row 1, column 2 is empty'))
    ghc.report_error(env, KeyError())
    ghc.report_error(env, ValueError('bad'))
    ghc.warn(env, 'w')
    ghc.remark(env, 'r')
    ghc.set_message(env, 'ok')
    assert env.Component.messages == [('Error', 'X row 1, column 2 is empty'),
                                      ('Error', 'KeyError'), ('Error', 'ValueError: bad'),
                                      ('Warning', 'w'), ('Remark', 'r')]
    assert env.Component.Message == 'ok'


def test_sticky_state(gh):
    env, other = _Env(), _Env()
    other.Component.InstanceGuid = 'guid-2'
    s = ghc.sticky_state(env, 'train')
    s['epoch'] = 3
    assert ghc.sticky_state(env, 'train') is s
    assert ghc.sticky_state(other, 'train') == {}
    assert 'bpcore:train:guid-1' in gh.sticky
    assert ghc.clear_state(env, 'train') == {}


def test_schedule_next(gh):
    env = _Env()
    assert ghc.schedule_next(env, 0) is True
    delay, callback = env.Component.scheduled[0]
    assert delay == 1     # at least 1 ms
    callback(env.Component)
    assert env.Component.expired == [False]
    env.Component.doc = None
    assert ghc.schedule_next(env, 5) is False


def test_holder_and_network_guard():
    h = ghc.Holder({'a': 1}, 'dataset 3 x 2')
    assert str(h) == 'bpcore dataset 3 x 2' and h.ToString() == str(h)
    assert ghc.unwrap(ghc.Holder(h)) == {'a': 1}
    assert ghc.unwrap(5) == 5
    with pytest.raises(BPError, match="input 'net' is not a bpcore network"):
        ghc.require_network(h)
    with pytest.raises(BPError, match='empty'):
        ghc.require_network(None)


def test_number_inputs():
    assert ghc.to_int(None, 'epochs', 10) == 10
    assert ghc.to_int('5', 'epochs') == 5
    assert ghc.to_int([7.0], 'epochs') == 7
    with pytest.raises(BPError, match='whole number'):
        ghc.to_int(2.5, 'epochs')
    with pytest.raises(BPError, match='>= 1'):
        ghc.to_int(0, 'epochs', minimum=1)
    assert ghc.to_float(None, 'lr', 0.1) == 0.1
    with pytest.raises(BPError, match='finite'):
        ghc.to_float(float('inf'), 'lr')
    with pytest.raises(BPError, match='not a number'):
        ghc.to_float('fast', 'lr')
    assert ghc.to_bool(None, True) is True
    assert ghc.to_bool('False') is False and ghc.to_bool('yes') is True
    assert ghc.to_bool(0) is False


# -- icons --------------------------------------------------------------------------------
def _decode(png):
    assert png[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat = 8, b''
    while pos < len(png):
        n = struct.unpack('>I', png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        if kind == b'IDAT':
            idat += png[pos + 8:pos + 8 + n]
        pos += 12 + n
    return bytearray(zlib.decompress(idat))


def test_icon_png():
    png = icons.icon_png('TR', (44, 160, 44))
    assert icons.png_size(png) == (24, 24)
    assert png == icons.icon_png('tr', (44, 160, 44))     # deterministic, case-insensitive
    raw = _decode(png)
    assert len(raw) == 24 * (1 + 24 * 4)
    corner = raw[1:5]
    centre_row = 12 * 97
    assert corner[3] == 0                                  # transparent outside the disc
    assert 255 in raw[centre_row + 1:centre_row + 97]      # white letters
    with pytest.raises(BPError, match='no glyph'):
        icons.icon_pixels('!')
    with pytest.raises(BPError):
        icons.png_size(b'GIF89a')


def test_write_icon(tmp_path):
    path = icons.write_icon(str(tmp_path), 'BP')
    with open(path, 'rb') as f:
        assert icons.png_size(f.read()) == (24, 24)
