"""bpcore.matrix: number checks, matrix validation, argmax and the output -> class rule.

Standard library and pytest only; runs on CPython 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import ast
import io
import os
from decimal import Decimal
from fractions import Fraction

import pytest

from bpcore import matrix
from bpcore.errors import DataError
from bpcore.matrix import argmax, check_matrix, classes_of, is_number, is_row

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def message(func, *args, **kwargs):
    with pytest.raises(DataError) as info:
        func(*args, **kwargs)
    return str(info.value)


def test_is_number():
    for v in (0, -3, 2 ** 70, 1.5, -0.0, float('nan'), float('inf'), Fraction(1, 3),
              Decimal('2.5')):
        assert is_number(v), v
    for v in (True, False, None, '1', u'1.5', b'2', [1], (1,), {}, {'a': 1}, object()):
        assert not is_number(v), v


def test_is_row():
    for v in ([1, 2], (1,), [], ['a'], bytearray(b'ab')):
        assert is_row(v), v
    for v in ('12', u'ab', {'a': 1}, {}, 5, 1.5, None, iter([1])):
        assert not is_row(v), v


def test_check_matrix_values():
    X = [[1, Fraction(1, 4)], (Decimal('-2.5'), ' 3e2 '), [u'.5', 2 ** 3]]
    assert check_matrix(X, width=2) == [[1.0, 0.25], [-2.5, 300.0], [0.5, 8.0]]
    assert check_matrix(['+1', '-.5e-1']) == [[1.0, -0.05]]      # a flat list is one row


@pytest.mark.parametrize('X,kwargs,expected', [
    ([[1, 2, 3], [4, 5, '6,5']], {'name': 'Y'},
     "Y row 1, column 2: cannot read '6,5' as a number (use '.' as the decimal point)"),
    ([[1, 2], [3, 4], [5, Decimal('NaN')]], {}, 'X row 2, column 1 is NaN'),
    ([[0, 1], [2, '-inf']], {'name': 'weights'}, "weights row 1, column 1 is infinite ('-inf')"),
    ([[0, 1], [2, 1e308 * 10]], {}, 'X row 1, column 1 is infinite (inf)'),
    ([[0], {'a': 1}], {}, "X row 1 is not a row of values (got dict {'a': 1})"),
    ([[0], [{'a': 1}]], {}, "X row 1, column 0 is a dict ({'a': 1}), expected a number"),
    ([[0, 0], [0, object]], {}, 'X row 1, column 1 is a type'),
    ([[1, 2], [3, 4]], {'width': 3, 'name': 'inputs'}, 'inputs has 2 columns, expected 3'),
    ([[1, 2], (3, 4, 5)], {}, 'X row 1 has 3 values, expected 2'),
])
def test_check_matrix_names_row_and_column(X, kwargs, expected):
    assert expected in message(check_matrix, X, **kwargs)


def test_argmax():
    assert argmax([0.2, 0.7, 0.1]) == 1
    assert argmax((3, 9, 9, 1)) == 1                     # first on ties, like numpy
    assert argmax([-5.0, -1.0, -1.0]) == 1
    assert argmax([4]) == 0
    assert message(argmax, []) == 'argmax of an empty row'


def test_classes_of():
    outputs = [[0.1, 0.8, 0.1], (0.5, 0.5, 0.0), [-2.0, -3.0, -1.0]]
    assert classes_of(outputs) == [1, 0, 2]
    assert classes_of(outputs) == [argmax(r) for r in outputs]
    # one output column: a sigmoid, class 1 from 0.5 up
    assert classes_of([[0.49999], [0.5], [0.93], [-1.0]]) == [0, 1, 1, 0]
    assert classes_of([]) == []


def test_classes_of_is_the_one_rule():
    from bpcore import metrics, network
    assert network.classes_of is classes_of           # the old import path of BP_Predict
    Y = [[0.2, 0.8], [0.9, 0.1], [0.4, 0.6]]
    assert metrics.accuracy([1, 0, 0], Y) == pytest.approx(2 / 3)
    assert metrics.accuracy([1, 0, 1], [[0.7], [0.2], [0.5]]) == 1.0


def test_data_keeps_the_old_names():
    from bpcore import data
    assert data.check_matrix is check_matrix
    assert data.is_number is is_number
    assert data.argmax is argmax
    assert data.check_matrix([['1', 2]]) == [[1.0, 2.0]]


def test_matrix_is_a_leaf_without_try():
    path = os.path.join(ROOT, 'bpcore', 'matrix.py')
    with io.open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != '__future__':
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        assert not isinstance(node, getattr(ast, 'Try', getattr(ast, 'TryExcept', ())))
    assert imported == set(['bpcore.errors', 're'])
    assert matrix.__doc__.startswith('Matrices as lists of rows')
