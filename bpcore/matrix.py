"""Matrices as lists of rows: number checks, validation, argmax and the output -> class rule.

A leaf module (it imports only :mod:`bpcore.errors`), so every other module may use it. A
matrix is a list of rows, ``X`` is ``(n, k)``: ``n`` rows of ``k`` numbers. Bad cells raise
:class:`bpcore.errors.DataError` naming the row and column (both counted from 0):
``X row 3, column 2 is NaN``, ``X row 5 has 6 values, expected 7``.

Contents
--------
:func:`is_number`      value -> bool (int/long/float and numpy scalars; not bool)
:func:`is_row`         value -> bool (a sequence that is neither text nor a dict)
:func:`check_matrix`   list of rows ``(n, k)`` -> validated new list of float rows ``(n, k)``
:func:`argmax`         row ``(k,)`` -> index of its largest value
:func:`classes_of`     output rows ``(n, m)`` -> class index per row ``(n,)``
:func:`is_finite`      value -> bool (a number that is not NaN, infinite or beyond a double)
:func:`check_int`, :func:`check_number`, :func:`check_choice`, :func:`check_bool`
                       one argument -> its checked value, or a BPError naming the parameter

Cells are recognised with a regular expression before ``float()`` is called, so the per-row
loop never raises and catches exceptions (slow on IronPython), and every interpreter accepts
exactly the same number syntax (CPython 3 ``float()`` would also take ``'1_000'``).
"""
from __future__ import absolute_import, division, print_function

import re

from bpcore.errors import TEXT_TYPES, BPError, DataError, quote

__all__ = ['is_number', 'is_row', 'check_matrix', 'argmax', 'classes_of', 'is_finite',
           'check_int', 'check_number', 'check_choice', 'check_bool']

INT_TYPES = (int, type(2 ** 64))     # (int, long) on Python 2, (int, int) on Python 3
MAX_FLOAT = 1.7976931348623157e308  # the largest double; an int beyond it has no float

# Plain decimal numbers only; the same syntax on every interpreter.
match_number = re.compile(r'[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$').match
match_nonfinite = re.compile(r'[+-]?(?:nan|inf|infinity)$', re.IGNORECASE).match


def is_number(value):
    """True for int/long/float (and numpy scalars), False for bool and everything else."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (float,) + INT_TYPES):
        return True
    return (not isinstance(value, TEXT_TYPES) and hasattr(value, '__float__')
            and not hasattr(value, '__len__') and type(value).__name__ != 'bool_')


def is_finite(value):
    """True for a number (:func:`is_number`) that is not NaN or infinite and fits a double."""
    return is_number(value) and value == value and -MAX_FLOAT <= value <= MAX_FLOAT


def check_int(value, name, minimum=None, maximum=None, allow_none=False):
    """``value`` as an int: a whole number (an int, or a float such as ``3.0``: Grasshopper
    numbers are floats) within ``[minimum, maximum]``; else a BPError naming ``name``."""
    if value is None and allow_none:
        return None
    if isinstance(value, float) and is_finite(value) and value == int(value):
        value = int(value)
    if not isinstance(value, INT_TYPES) or isinstance(value, bool):
        raise BPError('%s must be a whole number, got %s' % (name, quote(value)))
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise BPError('%s must be %s, got %s' % (name, _bounds(minimum, maximum), quote(value)))
    return int(value)


def check_number(value, name, minimum=None, maximum=None, low_open=False, high_open=False,
                 allow_none=False):
    """``value`` as a finite float within ``[minimum, maximum]`` (``low_open``/``high_open``
    exclude an end); numeric text is not a number here. Else a BPError naming ``name``."""
    if value is None and allow_none:
        return None
    if not is_finite(value):
        raise BPError('%s must be a finite number, got %s' % (name, quote(value)))
    v = float(value)
    if minimum is not None and (v < minimum or low_open and v == minimum) or \
            maximum is not None and (v > maximum or high_open and v == maximum):
        raise BPError('%s must be %s, got %s'
                      % (name, _bounds(minimum, maximum, low_open, high_open), quote(value)))
    return v


def _bounds(minimum, maximum, low_open=False, high_open=False):
    if maximum is None:
        return '%s %s' % ('>' if low_open else '>=', minimum)
    if minimum is None:
        return '%s %s' % ('<' if high_open else '<=', maximum)
    return 'in %s%s, %s%s' % ('(' if low_open else '[', minimum, maximum, ')' if high_open else ']')


def check_choice(value, name, choices):
    """``value`` if it is one of the names ``choices``; else a BPError naming ``name`` and
    listing the choices."""
    if not isinstance(value, TEXT_TYPES) or value not in choices:
        raise BPError('unknown %s %s; choose one of %s'
                      % (name, quote(value), ', '.join(choices)))
    return value


def check_bool(value, name):
    """``value`` as a bool: True/False, or the numbers 1/0 (Grasshopper toggles may give
    either); anything else (text such as 'no', None) raises a BPError naming ``name``."""
    if isinstance(value, bool):
        return value
    if is_number(value) and (value == 0 or value == 1):
        return value == 1
    raise BPError('%s must be True or False, got %s' % (name, quote(value)))


def is_row(value):
    """True for a sequence of values (list, tuple, array row); False for text, dicts, scalars."""
    return (not isinstance(value, TEXT_TYPES) and not isinstance(value, dict)
            and hasattr(value, '__len__') and hasattr(value, '__getitem__'))


def comma_hint(text):
    """`` (use '.' as the decimal point)`` for text like ``'1,5'``, else ``''``."""
    if ',' in text and match_number(text.replace(',', '.')):
        return " (use '.' as the decimal point)"
    return ''


def _text_cell(text, where):
    """One stripped text cell -> float, or a DataError naming ``where``."""
    if match_number(text):
        v = float(text)
        if v - v != 0.0:
            raise DataError("%s is too large ('%s')" % (where, text))
        return v
    if match_nonfinite(text):
        kind = 'NaN' if 'a' in text.lower() else 'infinite'
        raise DataError("%s is %s ('%s')" % (where, kind, text))
    if not text:
        raise DataError('%s is an empty text' % where)
    raise DataError("%s: cannot read '%s' as a number%s" % (where, text, comma_hint(text)))


def _cell_value(value, where):
    """Slow path for one matrix cell that is not a plain int or float: returns a float."""
    if value is None:
        raise DataError('%s is empty (None); fill it in or remove the sample' % where)
    if isinstance(value, bool):
        raise DataError('%s is a bool (%r), expected a number' % (where, value))
    if isinstance(value, TEXT_TYPES):
        return _text_cell(value.strip(), where)
    if not is_number(value):
        raise DataError('%s is a %s (%s), expected a number'
                        % (where, type(value).__name__, quote(value)))
    if value == value and not -MAX_FLOAT <= value <= MAX_FLOAT and not isinstance(value, float):
        raise DataError('%s is infinite or too large for a float (%s)' % (where, quote(value)))
    v = float(value)
    if v != v:
        raise DataError('%s is NaN' % where)
    if v - v != 0.0:
        raise DataError('%s is infinite (%r)' % (where, v))
    return v


def _rows_of(X, name):
    """The rows of ``X`` as a list (a flat list of numbers is one row); checks the container."""
    if X is None:
        raise DataError('%s is missing (None)' % name)
    if hasattr(X, 'tolist'):
        X = X.tolist()
    if isinstance(X, TEXT_TYPES) or isinstance(X, dict) or not hasattr(X, '__iter__'):
        raise DataError('%s must be a list of rows of numbers, got %s' % (name, type(X).__name__))
    rows = list(X)
    if rows and not is_row(rows[0]):
        rows = [rows]                      # a flat list of numbers is one row
    return rows


def check_matrix(X, name='X', width=None, allow_empty=False):
    """Validate a matrix and return it as a new list of float rows.

    Parameters
    ----------
    X : list of rows, ``(n, k)``
        Rows are lists or tuples of numbers. Numeric text such as ``'1.5'`` is read (Grasshopper
        often passes text); ``bool``, ``None``, other text, NaN and infinity are rejected. A flat
        list of numbers is ONE row ``(1, k)``. Objects with ``tolist()`` (numpy arrays) are
        accepted.
    name : str
        What to call the matrix in messages (``'X row 3, column 2 is NaN'``).
    width : int or None
        The number of columns ``k`` every row must have.
    allow_empty : bool
        Return ``[]`` for an empty matrix instead of raising.

    Returns
    -------
    list of list of float, ``(n, k)``

    Raises
    ------
    DataError
        Naming the row and column of a bad cell, a ragged row or the wrong width.
    """
    width = check_int(width, 'width', minimum=0, allow_none=True)
    rows = _rows_of(X, name)
    if not rows:
        if allow_empty:
            return []
        raise DataError('%s is empty (no rows)' % name)
    expected = len(rows[0])
    if width is not None and expected != width:
        raise DataError('%s has %d columns, expected %d' % (name, expected, width))
    if expected == 0:
        raise DataError('%s row 0 is empty (no values)' % name)
    out = []
    for i, row in enumerate(rows):
        if not is_row(row):
            raise DataError('%s row %d is not a row of values (got %s %s)'
                            % (name, i, type(row).__name__, quote(row)))
        if len(row) != expected:
            raise DataError('%s row %d has %d values, expected %d' % (name, i, len(row), expected))
        new = []
        j = 0
        for v in row:
            t = type(v)
            if t is float:
                # v - v is 0.0 for finite v and NaN for NaN and +-inf
                if v - v != 0.0:
                    if v != v:
                        raise DataError('%s row %d, column %d is NaN' % (name, i, j))
                    raise DataError('%s row %d, column %d is infinite (%r)' % (name, i, j, v))
                new.append(v)
            elif t is int and -MAX_FLOAT <= v <= MAX_FLOAT:
                new.append(float(v))
            else:
                new.append(_cell_value(v, '%s row %d, column %d' % (name, i, j)))
            j += 1
        out.append(new)
    return out


def argmax(row):
    """Index of the largest value of ``row`` ``(k,)`` (the first one on ties, like numpy)."""
    if not row:
        raise DataError('argmax of an empty row')
    best = 0
    top = row[0]
    for i in range(1, len(row)):
        if row[i] > top:
            top = row[i]
            best = i
    return best


def classes_of(outputs):
    """Class index per output row: ``(n, m)`` rows -> ``(n,)`` ints.

    The one output -> class rule of bpcore: the argmax of each row (the first one on ties), or
    ``1 if p >= 0.5 else 0`` for a row of one value (a single sigmoid output). Rows are lists
    or tuples of numbers; they are not checked (use :func:`check_matrix` first).
    """
    return [(1 if row[0] >= 0.5 else 0) if len(row) == 1 else row.index(max(row))
            for row in outputs]


def is_class_targets(Y):
    """True when ``Y (n, j)`` holds class targets: 0/1 values, one column or one-hot rows.

    The one rule for "these target rows are classes" (training accuracy, BP Dataset, BP
    Evaluate): every value is 0 or 1, and a row with several columns sums to 1.
    """
    for row in Y:
        for v in row:
            if v != 0.0 and v != 1.0:
                return False
        if len(row) > 1 and sum(row) != 1.0:
            return False
    return True
