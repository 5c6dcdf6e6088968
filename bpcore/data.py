"""Data in: read CSV, validate matrices, encode labels, scale features, split and fold.

Everything here works on plain lists (a matrix is a list of rows, ``X`` is ``(n, k)``) and
raises :class:`bpcore.errors.DataError` with a message naming the place at fault:

* CSV cells by line (counted from 1, blank and comment lines included) and column (counted
  from 0, the label column included) and the column's name:
  ``line 4, column 3 ('area'): cannot read 'abc' as a number``;
* matrices by row and column (both from 0): ``X row 3, column 2 is NaN``;
* ragged rows: ``line 5 has 6 values, expected 7`` / ``X row 5 has 6 values, expected 7``.

Contents
--------
:func:`read_csv` -> :class:`Dataset`            CSV path or text, header detection, labels
:func:`check_matrix`                            list of rows -> validated list of float rows
:class:`LabelEncoder`, :func:`one_hot`, :func:`argmax`
:class:`MinMaxScaler`, :class:`StandardScaler`, :func:`scaler_from_data`, :func:`make_scaler`
:func:`train_test_split`, :func:`split_indices`, :func:`kfold_indices`

Classification or regression
----------------------------
``read_csv(..., task='classification')`` (the default) turns the label column into classes:
``ds.class_names`` (sorted, as text), ``ds.y`` (class indices) and ``ds.Y`` (one-hot rows).
``read_csv(..., task='regression')`` keeps the label column as numbers: ``ds.targets`` (floats)
and ``ds.Y`` = ``[[t] for t in ds.targets]``; ``class_names``, ``y`` and ``n_classes`` are
``None``. In both cases ``fit(net, ds.X, ds.Y)`` gets the right target matrix.

IronPython notes
----------------
* No stdlib ``csv``: on CPython 2.7 it cannot read ``unicode`` text (what ``io.open`` gives),
  so a small splitter here handles ``"quoted, fields"`` (no newlines inside quotes).
* Cells are recognised with a regular expression before ``float()`` is called, so the per-row
  loop never raises and catches exceptions (slow on IronPython), and every interpreter accepts
  exactly the same number syntax (CPython 3 ``float()`` would also take ``'1_000'``).
"""
from __future__ import absolute_import, division, print_function

import io
import math
import os
import re

from bpcore.errors import TEXT_TYPES, BPError, DataError, quote
from bpcore.rng import Random

__all__ = ['Dataset', 'read_csv', 'check_matrix', 'is_number', 'LabelEncoder', 'one_hot',
           'argmax', 'MinMaxScaler', 'StandardScaler', 'SCALERS', 'make_scaler', 'scaler_from_data',
           'split_indices', 'train_test_split', 'kfold_indices']

_TEXT = type(u'')                     # decoded text: unicode on Python 2, str on Python 3
_INT_TYPES = (int, type(2 ** 64))     # (int, long) on Python 2, (int, int) on Python 3
_INF = float('inf')
_EPS = 2.220446049250313e-16          # float64 machine epsilon (sys.float_info: not on IPy)

# Plain decimal numbers only; the same syntax on every interpreter.
_number = re.compile(r'[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$').match
_INDEX_TEXT = re.compile(r'-?[0-9]+$').match
_nonfinite = re.compile(r'[+-]?(?:nan|inf|infinity)$', re.IGNORECASE).match


_q = quote  # quote a cell or label for a message


def is_number(value):
    """True for int/long/float (and numpy scalars), False for bool and everything else."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (float,) + _INT_TYPES):
        return True
    return (not isinstance(value, TEXT_TYPES) and hasattr(value, '__float__')
            and not hasattr(value, '__len__') and type(value).__name__ != 'bool_')


def _label_text(value):
    """A label as text: 1.0 -> '1', 2.5 -> '2.5', 'Kama' -> 'Kama'."""
    if isinstance(value, TEXT_TYPES):
        return value
    if isinstance(value, _INT_TYPES):
        return '%d' % value
    v = float(value)
    if v == int(v) and abs(v) < 1e15:
        return '%d' % int(v)
    return repr(v)


def _comma_hint(text):
    if ',' in text and _number(text.replace(',', '.')):
        return " (use '.' as the decimal point)"
    return ''


def _cell_value(value, where):
    """Slow path for one matrix cell that is not a plain int or float: returns a float."""
    if value is None:
        raise DataError('%s is empty (None); fill it in or remove the sample' % where)
    if isinstance(value, bool):
        raise DataError('%s is a bool (%r), expected a number' % (where, value))
    if isinstance(value, TEXT_TYPES):
        text = value.strip()
        if _number(text):
            v = float(text)
            if v - v != 0.0:
                raise DataError("%s is too large ('%s')" % (where, text))
            return v
        if _nonfinite(text):
            kind = 'NaN' if 'a' in text.lower() else 'infinite'
            raise DataError("%s is %s ('%s')" % (where, kind, text))
        if not text:
            raise DataError('%s is an empty text' % where)
        raise DataError("%s: cannot read '%s' as a number%s" % (where, text, _comma_hint(text)))
    if not is_number(value):
        raise DataError('%s is a %s (%s), expected a number'
                        % (where, type(value).__name__, _q(value)))
    v = float(value)
    if v != v:
        raise DataError('%s is NaN' % where)
    if v - v != 0.0:
        raise DataError('%s is infinite (%r)' % (where, v))
    return v


def _is_row(value):
    return (not isinstance(value, TEXT_TYPES) and not isinstance(value, dict)
            and hasattr(value, '__len__') and hasattr(value, '__getitem__'))


def check_matrix(X, name='X', width=None, allow_empty=False):
    """Validate a matrix and return it as a new list of float rows.

    Parameters
    ----------
    X : list of rows
        Rows are lists or tuples of numbers. Numeric text such as ``'1.5'`` is read (Grasshopper
        often passes text); ``bool``, ``None``, other text, NaN and infinity are rejected. A flat
        list of numbers is ONE row. Objects with ``tolist()`` (numpy arrays) are accepted.
    name : str
        What to call the matrix in messages (``'X row 3, column 2 is NaN'``).
    width : int or None
        The number of columns every row must have.
    allow_empty : bool
        Return ``[]`` for an empty matrix instead of raising.

    Returns
    -------
    list of list of float

    Raises
    ------
    DataError
        Naming the row and column of a bad cell, a ragged row or the wrong width.
    """
    if X is None:
        raise DataError('%s is missing (None)' % name)
    if hasattr(X, 'tolist'):
        X = X.tolist()
    if isinstance(X, TEXT_TYPES) or isinstance(X, dict) or not hasattr(X, '__iter__'):
        raise DataError('%s must be a list of rows of numbers, got %s' % (name, type(X).__name__))
    rows = list(X)
    if not rows:
        if allow_empty:
            return []
        raise DataError('%s is empty (no rows)' % name)
    if not _is_row(rows[0]):
        rows = [rows]                      # a flat list of numbers is one row
    expected = len(rows[0])
    if width is not None and expected != width:
        raise DataError('%s has %d columns, expected %d' % (name, expected, width))
    if expected == 0:
        raise DataError('%s row 0 is empty (no values)' % name)
    out = []
    for i, row in enumerate(rows):
        if not _is_row(row):
            raise DataError('%s row %d is not a row of values (got %s %s)'
                            % (name, i, type(row).__name__, _q(row)))
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
            elif t is int:
                new.append(float(v))
            else:
                new.append(_cell_value(v, '%s row %d, column %d' % (name, i, j)))
            j += 1
        out.append(new)
    return out


def _check_index_list(values, name, n_classes=None):
    """A list of non-negative integer class indices (integral floats accepted)."""
    if values is None or isinstance(values, TEXT_TYPES) or not hasattr(values, '__iter__'):
        raise DataError('%s must be a list of class indices' % name)
    out = []
    for i, v in enumerate(values):
        if isinstance(v, _INT_TYPES) and not isinstance(v, bool):
            k = int(v)
        elif is_number(v) and float(v) == float(v) and float(v) == int(float(v)):
            k = int(float(v))
        else:
            raise DataError('%s item %d is %s, not a class index' % (name, i, _q(v)))
        if k < 0 or (n_classes is not None and k >= n_classes):
            if n_classes is None:
                raise DataError('%s item %d is %d, a class index cannot be negative' % (name, i, k))
            raise DataError('%s item %d is %d, expected a class index 0..%d'
                            % (name, i, k, n_classes - 1))
        out.append(k)
    return out


def argmax(row):
    """Index of the largest value of ``row`` (the first one on ties, like numpy)."""
    if not row:
        raise DataError('argmax of an empty row')
    best = 0
    top = row[0]
    for i in range(1, len(row)):
        if row[i] > top:
            top = row[i]
            best = i
    return best


def one_hot(indices, n_classes=None):
    """Class indices -> one-hot rows of floats; ``n_classes`` defaults to ``max + 1``."""
    idx = _check_index_list(indices, 'indices', n_classes)
    if n_classes is None:
        if not idx:
            raise DataError('one_hot: no indices and no n_classes')
        n_classes = max(idx) + 1
    out = []
    for k in idx:
        row = [0.0] * n_classes
        row[k] = 1.0
        out.append(row)
    return out


class LabelEncoder(object):
    """Raw labels <-> class indices ``0 .. n_classes-1``, classes in sorted order.

    Labels are either all numbers (sorted numerically; ``1`` and ``1.0`` are the same class) or
    all text (sorted as text). ``classes_`` holds the raw labels, ``class_names_`` the same as
    text (``1.0`` -> ``'1'``), which is what ``Network.class_names`` stores.
    """

    def __init__(self):
        self.classes_ = None
        self.class_names_ = None
        self._index = None
        self._numeric = None

    @staticmethod
    def _keys(labels, name='labels'):
        """(numeric, keys): numbers map to float keys, text to stripped text."""
        if labels is None or isinstance(labels, TEXT_TYPES) or not hasattr(labels, '__iter__'):
            raise DataError('%s must be a list of labels' % name)
        labels = list(labels)
        if not labels:
            raise DataError('%s is empty' % name)
        numeric = is_number(labels[0])
        keys = []
        for i, v in enumerate(labels):
            if numeric:
                if not is_number(v):
                    raise DataError('%s item %d is %s but item 0 is a number; labels must be all '
                                    'numbers or all text' % (name, i, _q(v)))
                f = float(v)
                if f - f != 0.0:
                    raise DataError('%s item %d is %r, not a usable label' % (name, i, f))
                keys.append(f)
            else:
                if not isinstance(v, TEXT_TYPES):
                    raise DataError('%s item %d is %s but item 0 is text; labels must be all '
                                    'numbers or all text' % (name, i, _q(v)))
                keys.append(v.strip())
        return numeric, keys, labels

    def fit(self, labels):
        numeric, keys, labels = self._keys(labels)
        first = {}                      # class key -> its first raw label (1 stays an int)
        for k, v in zip(keys, labels):
            if k not in first:
                first[k] = v
        ordered = sorted(first)
        self._numeric = numeric
        self._index = dict((k, i) for i, k in enumerate(ordered))
        self.classes_ = [first[k] if numeric else k for k in ordered]
        self.class_names_ = [_label_text(c) for c in self.classes_]
        return self

    @property
    def n_classes(self):
        return None if self.classes_ is None else len(self.classes_)

    def _check_fitted(self):
        if self.classes_ is None:
            raise BPError('LabelEncoder is not fitted; call fit(labels) first')

    def transform(self, labels, name='labels'):
        """Raw labels -> class indices; an unknown label raises a DataError naming it."""
        self._check_fitted()
        numeric, keys, labels = self._keys(labels, name)
        if numeric != self._numeric:
            raise DataError('%s are %s but the encoder was fitted on %s'
                            % (name, 'numbers' if numeric else 'text',
                               'numbers' if self._numeric else 'text'))
        index = self._index
        out = []
        for i, k in enumerate(keys):
            c = index.get(k)
            if c is None:
                raise DataError('%s item %d: unknown label %s; the classes are %s'
                                % (name, i, _q(labels[i]), ', '.join(self.class_names_)))
            out.append(c)
        return out

    def fit_transform(self, labels):
        return self.fit(labels).transform(labels)

    def inverse_transform(self, indices):
        """Class indices (or one-hot/probability rows, argmax'd) -> raw labels."""
        self._check_fitted()
        indices = list(indices)
        if indices and _is_row(indices[0]):
            indices = [argmax(r) for r in indices]
        idx = _check_index_list(indices, 'indices', len(self.classes_))
        return [self.classes_[k] for k in idx]


# ---------------------------------------------------------------------------------------------
# CSV

def _split_quoted(line, delimiter):
    """Split one line with "double quoted" fields ("" is a quote inside a quoted field)."""
    cells = []
    cell = []
    quoted = False
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and line[i + 1] == '"':
                    cell.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                cell.append(ch)
        elif ch == '"':
            quoted = True
        elif ch == delimiter:
            cells.append(''.join(cell).strip())
            cell = []
        else:
            cell.append(ch)
        i += 1
    cells.append(''.join(cell).strip())
    return cells


def _split(line, delimiter):
    if delimiter is None:
        return line.split()
    if '"' in line:
        return _split_quoted(line, delimiter)
    return [c.strip() for c in line.split(delimiter)]


_unquote = re.compile(r'"[^"]*"').sub


def _sniff(lines):
    """Pick ',', ';' or tab if every sample line has the same nonzero count, else whitespace."""
    plain = [_unquote('', line) for line in lines]
    for d in ('\t', ';', ','):
        counts = [line.count(d) for line in plain]
        if counts[0] > 0 and min(counts) == max(counts):
            return d
    for d in ('\t', ';', ','):
        if d in plain[0]:
            return d
    return None


def _read_source(source):
    """(unicode text, description) from a path, CSV text, bytes or a file-like object."""
    if hasattr(source, 'read'):
        return _decode(source.read()), 'CSV ' + str(getattr(source, 'name', 'stream'))
    if isinstance(source, bytes):          # also a Python 2 str: decode to unicode first
        source = _decode(source)
    if not isinstance(source, TEXT_TYPES):
        raise DataError('read_csv needs a file path or CSV text, got %s' % type(source).__name__)
    if not source.strip():
        raise DataError('CSV text is empty (no data rows)')
    if '\n' in source or '\r' in source:
        return _decode(source), 'CSV text'
    if os.path.isfile(source):
        try:
            with io.open(source, 'rb') as f:
                raw = f.read()
        except (IOError, OSError) as e:
            raise DataError("cannot read CSV file '%s': %s" % (source, e))
        return _decode(raw), "CSV file '%s'" % source
    looks_like_text = ',' in source or ';' in source or '\t' in source or ' ' in source.strip()
    if source.strip().lower().endswith(('.csv', '.txt', '.tsv', '.dat')) or not looks_like_text:
        raise DataError("CSV file not found: '%s'" % source)
    return _decode(source), 'CSV text'


def _decode(raw):
    """Bytes -> unicode (UTF-8, else Latin-1, e.g. an Excel export); drops a BOM."""
    if not isinstance(raw, _TEXT):
        try:
            raw = raw.decode('utf-8')
        except UnicodeDecodeError:
            raw = raw.decode('latin-1')
    if raw.startswith(u'\ufeff'):
        raw = raw[1:]
    return raw


def _number_like(cell):
    """Numbers, NaN/inf and comma-decimal numbers count as data in header detection."""
    return bool(_number(cell) or _nonfinite(cell) or _number(cell.replace(',', '.')))


class Dataset(object):
    """A table of features ``X`` and, optionally, one label column.

    Attributes
    ----------
    X : list of list of float            ``(n, k)`` features
    labels : list or None                raw labels (numbers stay numbers, text stays text)
    feature_names : list of str          header names, or ``'x0', 'x1', ...``
    label_name : str or None             the label column's name (``'label'`` without header)
    task : str                           ``'classification'`` or ``'regression'``
    class_names : list of str or None    sorted distinct labels as text (classification)
    y : list of int or None              class indices into ``class_names``
    Y : list of list of float or None    one-hot rows (classification) or ``[[target]]`` rows
    n_classes : int or None
    targets : list of float or None      the labels as numbers, when they are numbers
    encoder : LabelEncoder or None
    """

    def __init__(self, X, labels=None, feature_names=None, label_name=None,
                 task='classification'):
        if task not in ('classification', 'regression'):
            raise BPError("task must be 'classification' or 'regression', got %r" % (task,))
        self.X = check_matrix(X)
        n, k = len(self.X), len(self.X[0])
        if feature_names is None:
            feature_names = ['x%d' % j for j in range(k)]
        feature_names = [_label_text(f) for f in feature_names]
        if len(feature_names) != k:
            raise DataError('%d feature names for %d columns' % (len(feature_names), k))
        self.feature_names = feature_names
        self.task = task
        self.labels = None
        self.label_name = None
        self.class_names = None
        self.y = None
        self.Y = None
        self.n_classes = None
        self.targets = None
        self.encoder = None
        if labels is None:
            return
        labels = list(labels)
        if len(labels) != n:
            raise DataError('%d labels for %d rows of X' % (len(labels), n))
        self.labels = labels
        self.label_name = 'label' if label_name is None else _label_text(label_name)
        if task == 'regression':
            col = check_matrix([[v] for v in labels], name='labels')
            self.targets = [r[0] for r in col]
            self.Y = col
            return
        enc = LabelEncoder().fit(labels)
        self.encoder = enc
        self.class_names = list(enc.class_names_)
        self.n_classes = len(self.class_names)
        self.y = enc.transform(labels)
        self.Y = one_hot(self.y, self.n_classes)
        if enc._numeric:
            self.targets = [float(v) for v in labels]

    @property
    def n_samples(self):
        return len(self.X)

    @property
    def n_features(self):
        return len(self.X[0])

    def __len__(self):
        return len(self.X)

    def class_counts(self):
        """Number of samples of each class, in ``class_names`` order."""
        if self.y is None:
            return None
        counts = [0] * self.n_classes
        for k in self.y:
            counts[k] += 1
        return counts

    def __repr__(self):
        text = 'Dataset(%d samples, %d features' % (len(self.X), len(self.X[0]))
        if self.class_names is not None:
            names = self.class_names
            shown = ', '.join(names[:10]) + (', ...' if len(names) > 10 else '')
            text += ', %d classes: %s' % (len(names), shown)
        elif self.targets is not None:
            text += ", target '%s'" % self.label_name
        return text + ')'


def read_csv(source, label=-1, header=None, delimiter=None, task='classification'):
    """Read a table of numbers with one label column.

    Parameters
    ----------
    source : str or file-like
        A file path, or CSV text (anything containing a newline, or a delimiter while no file
        of that name exists), or an object with ``read()``. UTF-8 (with or without BOM), with a
        Latin-1 fallback.
    label : int, str or None
        The label column: an index (``-1`` = last, the default; text such as ``'3'`` counts as
        an index), a header name (needs a header; matched exactly, then ignoring case), or
        ``None`` for a file of features only.
    header : bool or None
        ``None`` detects a header: the first row is one if a feature cell of it is text (not a
        number, NaN or inf) while the second row is all numbers. ``True``/``False`` force it.
    delimiter : str or None
        ``None`` sniffs tab, ``';'``, ``','`` (the one found the same number of times in the
        first lines), else whitespace. ``' '`` or ``'whitespace'`` splits on runs of whitespace.
        Cells are stripped, so ``'1.5, 2.0'`` (the wheat-seeds file) reads as comma-separated.
    task : str
        ``'classification'`` (labels -> ``class_names``, ``y``, one-hot ``Y``) or
        ``'regression'`` (labels must be numbers -> ``targets``, ``Y = [[t], ...]``).

    Blank lines and lines starting with ``#`` are skipped (line numbers in messages still count
    them). Every cell of a feature column must be a finite number; empty cells, text, ``nan``
    and ``inf`` raise a :class:`DataError` naming the line and column.

    Returns
    -------
    Dataset
    """
    if task not in ('classification', 'regression'):
        raise BPError("task must be 'classification' or 'regression', got %r" % (task,))
    text, where = _read_source(source)
    lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    content = []
    for i, line in enumerate(lines):
        s = line.strip()
        if s and s[0] != '#':
            content.append((i + 1, line))
    if not content:
        raise DataError('%s is empty (no data rows)' % where)
    if delimiter is None:
        delimiter = _sniff([line for _, line in content[:5]])
    elif delimiter in (' ', 'whitespace', ''):
        delimiter = None
    elif not isinstance(delimiter, TEXT_TYPES) or len(delimiter) != 1:
        raise BPError('delimiter must be one character or None, got %r' % (delimiter,))
    rows = [(no, _split(line, delimiter)) for no, line in content]
    width = len(rows[0][1])
    for no, cells in rows:
        if len(cells) != width:
            raise DataError('line %d has %d values, expected %d (like line %d)'
                            % (no, len(cells), width, rows[0][0]))

    if isinstance(label, TEXT_TYPES) and _INDEX_TEXT(label.strip()):
        label = int(label.strip())       # '3' or '-1' typed into a Grasshopper text input
    by_name = isinstance(label, TEXT_TYPES)
    if by_name:
        if header is False:
            raise DataError("label '%s' is a column name, but header=False" % label)
        header = True
        label_col = None
    elif label is None:
        label_col = None
    else:
        if isinstance(label, bool) or not isinstance(label, _INT_TYPES):
            raise BPError('label must be a column index, a column name or None, got %r'
                          % (label,))
        if not -width <= label < width:
            raise DataError('label column %d is out of range: the rows have %d columns '
                            '(0..%d or -%d..-1)' % (label, width, width - 1, width))
        label_col = label % width
    if label_col is not None and width < 2:
        raise DataError('%s has one column only: no feature columns besides the label' % where)

    if header is None:
        feats = [j for j in range(width) if j != label_col]
        first = rows[0][1]
        header = any(first[j] and not _number_like(first[j]) for j in feats)
        if header and len(rows) > 1:
            second = rows[1][1]
            header = all(not second[j] or _number_like(second[j]) for j in feats)
    names = None
    if header:
        names = [c if c else 'x%d' % j for j, c in enumerate(rows[0][1])]
        rows = rows[1:]
        if not rows:
            raise DataError('%s has a header row but no data rows' % where)
    if by_name:
        if label in names:
            label_col = names.index(label)
        else:
            low = [nm.lower() for nm in names]
            if low.count(label.lower()) == 1:
                label_col = low.index(label.lower())
            else:
                raise DataError("no column named '%s'; the columns are: %s"
                                % (label, ', '.join(names)))
        if width < 2:
            raise DataError('%s has one column only: no feature columns besides the label'
                            % where)
    feats = [j for j in range(width) if j != label_col]
    if names is None:
        col_names = ['x%d' % i for i in range(len(feats))]
        col_names = dict(zip(feats, col_names))
        if label_col is not None:
            col_names[label_col] = 'label'
        names = [col_names[j] for j in range(width)]
    feature_names = [names[j] for j in feats]

    X = []
    for no, cells in rows:
        row = []
        for j in feats:
            c = cells[j]
            if _number(c):
                v = float(c)
                if v - v != 0.0:       # overflow, e.g. 1e999
                    raise DataError("line %d, column %d ('%s'): '%s' is too large"
                                    % (no, j, names[j], c))
                row.append(v)
            else:
                raise DataError(_csv_cell_message(no, j, names[j], c))
        X.append(row)

    if label_col is None:
        return Dataset(X, None, feature_names, task=task)
    raw = [cells[label_col] for _, cells in rows]
    numeric = True
    for (no, cells), c in zip(rows, raw):
        if not c:
            raise DataError("line %d, column %d ('%s'): the label is empty"
                            % (no, label_col, names[label_col]))
        if _nonfinite(c):
            raise DataError("line %d, column %d ('%s'): '%s' is not a usable label"
                            % (no, label_col, names[label_col], c))
        if numeric and not _number(c):
            if task == 'regression':
                raise DataError("line %d, column %d ('%s'): cannot read '%s' as a number "
                                "(task='regression' needs numeric labels)%s"
                                % (no, label_col, names[label_col], c, _comma_hint(c)))
            numeric = False
    labels = [float(c) for c in raw] if numeric else raw
    if numeric:
        for (no, cells), v in zip(rows, labels):
            if v - v != 0.0:
                raise DataError("line %d, column %d ('%s'): '%s' is too large"
                                % (no, label_col, names[label_col], cells[label_col]))
    return Dataset(X, labels, feature_names, names[label_col], task=task)


def _csv_cell_message(no, j, name, cell):
    place = "line %d, column %d ('%s')" % (no, j, name)
    if not cell:
        return '%s: the cell is empty' % place
    if _nonfinite(cell):
        kind = 'NaN' if 'a' in cell.lower() else 'infinite'
        return "%s: '%s' is %s; every cell must be a finite number" % (place, cell, kind)
    return "%s: cannot read '%s' as a number%s" % (place, cell, _comma_hint(cell))


# ---------------------------------------------------------------------------------------------
# Scalers

def _finite_list(d, key, n=None, positive=False):
    if key not in d:
        raise DataError("scaler data: missing key '%s'" % key)
    values = d[key]
    if isinstance(values, TEXT_TYPES) or not isinstance(values, (list, tuple)):
        raise DataError("scaler data: '%s' must be a list of numbers" % key)
    if not values:
        raise DataError("scaler data: '%s' is empty" % key)
    if n is not None and len(values) != n:
        raise DataError("scaler data: '%s' has %d values, expected %d" % (key, len(values), n))
    out = []
    for i, v in enumerate(values):
        if not is_number(v) or float(v) - float(v) != 0.0 or (positive and float(v) <= 0.0):
            raise DataError("scaler data: '%s' item %d is %s, expected a %snumber"
                            % (key, i, _q(v), 'positive ' if positive else 'finite '))
        out.append(float(v))
    return out


class _Scaler(object):
    """Shared plumbing; subclasses define ``_fit``, ``transform``, ``inverse_transform``."""

    def _check_fitted(self):
        if self.n_features_in_ is None:
            raise BPError('%s is not fitted; call fit(X) first' % type(self).__name__)

    def fit(self, X):
        """Learn the per-column parameters from ``X`` (n, k); returns self."""
        self._fit(check_matrix(X))
        return self

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def copy(self):
        return scaler_from_data(self.to_data())

    def __repr__(self):
        state = 'unfitted' if self.n_features_in_ is None else '%d features' % self.n_features_in_
        return '%s(%s)' % (type(self).__name__, state)


class MinMaxScaler(_Scaler):
    """Scale each column linearly so its minimum maps to ``lo`` and maximum to ``hi``.

    ``x' = lo + (x - min_) * (hi - lo) / (max_ - min_)``. A constant column (range below
    ``10 * eps``, as in scikit-learn) uses a range of 1, so it maps to ``lo``.
    Fitted attributes: ``min_`` and ``max_`` (the data minimum and maximum per column; note
    scikit-learn's ``min_`` is an offset, its data minimum is ``data_min_``), ``scale_``
    (the factor above) and ``n_features_in_``.
    """

    def __init__(self, feature_range=(0.0, 1.0)):
        lo, hi = _check_range(feature_range)
        self.feature_range = (lo, hi)
        self.min_ = None
        self.max_ = None
        self.scale_ = None
        self.n_features_in_ = None

    def _set(self, mins, maxs):
        lo, hi = self.feature_range
        scale = []
        for a, b in zip(mins, maxs):
            r = b - a
            scale.append((hi - lo) / (r if r >= 10 * _EPS else 1.0))
        self.min_ = mins
        self.max_ = maxs
        self.scale_ = scale
        self.n_features_in_ = len(mins)

    def _fit(self, X):
        cols = list(zip(*X))
        self._set([min(c) for c in cols], [max(c) for c in cols])

    def transform(self, X):
        """Scaled copy of ``X``; its width must match the fitted one."""
        self._check_fitted()
        lo, mins, scale = self.feature_range[0], self.min_, self.scale_
        return [[(v - m) * s + lo for v, m, s in zip(row, mins, scale)]
                for row in check_matrix(X, width=self.n_features_in_)]

    def inverse_transform(self, X):
        """Undo :meth:`transform`."""
        self._check_fitted()
        lo, mins, scale = self.feature_range[0], self.min_, self.scale_
        return [[(v - lo) / s + m for v, m, s in zip(row, mins, scale)]
                for row in check_matrix(X, width=self.n_features_in_)]

    def to_data(self):
        """JSON-able dict: ``{'type': 'MinMaxScaler', 'feature_range', 'min', 'max'}``."""
        self._check_fitted()
        return {'type': 'MinMaxScaler', 'feature_range': list(self.feature_range),
                'min': list(self.min_), 'max': list(self.max_)}

    @classmethod
    def from_data(cls, d):
        if 'feature_range' not in d:
            raise DataError("scaler data: missing key 'feature_range'")
        fr = d['feature_range']
        if not isinstance(fr, (list, tuple)) or len(fr) != 2:
            raise DataError("scaler data: 'feature_range' must be [lo, hi]")
        try:
            scaler = cls(fr)
        except BPError as e:
            raise DataError("scaler data: 'feature_range': %s" % e)
        mins = _finite_list(d, 'min')
        maxs = _finite_list(d, 'max', len(mins))
        for j, (a, b) in enumerate(zip(mins, maxs)):
            if a > b:
                raise DataError("scaler data: column %d has min %r > max %r" % (j, a, b))
        scaler._set(mins, maxs)
        return scaler


def _check_range(feature_range):
    if (isinstance(feature_range, TEXT_TYPES) or not hasattr(feature_range, '__len__')
            or len(feature_range) != 2):
        raise BPError('feature_range must be a pair (lo, hi), got %r' % (feature_range,))
    lo, hi = feature_range
    if not (is_number(lo) and is_number(hi)) or float(lo) - float(lo) != 0.0 \
            or float(hi) - float(hi) != 0.0 or not float(lo) < float(hi):
        raise BPError('feature_range must be finite numbers with lo < hi, got %r'
                      % (feature_range,))
    return float(lo), float(hi)


class StandardScaler(_Scaler):
    """Scale each column to mean 0 and standard deviation 1: ``x' = (x - mean_) / scale_``.

    ``scale_`` is the population standard deviation (``ddof=0``, like scikit-learn). A
    constant column (scikit-learn's test: ``var <= n eps var + (n |mean| eps)**2``) gets
    ``scale_ = 1``, so it maps to 0 instead of dividing by zero.
    Fitted attributes: ``mean_``, ``var_``, ``scale_``, ``n_features_in_``.
    """

    def __init__(self):
        self.mean_ = None
        self.var_ = None
        self.scale_ = None
        self.n_features_in_ = None

    def _fit(self, X):
        n = len(X)
        means, variances, scales = [], [], []
        for col in zip(*X):
            lo, hi = min(col), max(col)
            if lo == hi:
                mean, var = lo, 0.0
            else:
                mean = sum(col) / n
                var = sum((v - mean) * (v - mean) for v in col) / n
            constant = var <= n * _EPS * var + (n * mean * _EPS) ** 2
            means.append(mean)
            variances.append(var)
            scales.append(1.0 if constant else math.sqrt(var))
        self.mean_ = means
        self.var_ = variances
        self.scale_ = scales
        self.n_features_in_ = len(means)

    def transform(self, X):
        self._check_fitted()
        mean, scale = self.mean_, self.scale_
        return [[(v - m) / s for v, m, s in zip(row, mean, scale)]
                for row in check_matrix(X, width=self.n_features_in_)]

    def inverse_transform(self, X):
        self._check_fitted()
        mean, scale = self.mean_, self.scale_
        return [[v * s + m for v, m, s in zip(row, mean, scale)]
                for row in check_matrix(X, width=self.n_features_in_)]

    def to_data(self):
        """JSON-able dict: ``{'type': 'StandardScaler', 'mean', 'scale'}``."""
        self._check_fitted()
        return {'type': 'StandardScaler', 'mean': list(self.mean_), 'scale': list(self.scale_)}

    @classmethod
    def from_data(cls, d):
        mean = _finite_list(d, 'mean')
        scale = _finite_list(d, 'scale', len(mean), positive=True)
        scaler = cls()
        scaler.mean_ = mean
        scaler.scale_ = scale
        scaler.var_ = [s * s for s in scale]
        scaler.n_features_in_ = len(mean)
        return scaler


SCALERS = {'minmax': MinMaxScaler, 'standard': StandardScaler}
_SCALER_TYPES = {'MinMaxScaler': MinMaxScaler, 'StandardScaler': StandardScaler}


def make_scaler(kind):
    """``'minmax'``, ``'standard'`` (or a class name) -> a new unfitted scaler; ``None`` -> None."""
    if kind is None or kind == 'none':
        return None
    key = kind.lower() if isinstance(kind, TEXT_TYPES) else kind
    cls = SCALERS.get(key) or _SCALER_TYPES.get(kind)
    if cls is None:
        raise BPError("unknown scaler %r; choose one of: minmax, standard, none" % (kind,))
    return cls()


def scaler_from_data(d):
    """Rebuild a fitted scaler from :meth:`to_data` output; DataError names a missing/bad key."""
    if not isinstance(d, dict):
        raise DataError('scaler data must be a dict, got %s' % type(d).__name__)
    if 'type' not in d:
        raise DataError("scaler data: missing key 'type'")
    cls = _SCALER_TYPES.get(d['type']) if isinstance(d['type'], TEXT_TYPES) else None
    if cls is None:
        raise DataError("scaler data: unknown 'type' %s; expected one of: %s"
                        % (_q(d['type']), ', '.join(sorted(_SCALER_TYPES))))
    return cls.from_data(d)


# ---------------------------------------------------------------------------------------------
# Splitting

def _strata(stratify, n, name='stratify'):
    """Class index per sample from labels, class indices or one-hot/probability rows."""
    values = list(stratify)
    if len(values) != n:
        raise DataError('%s has %d items, expected %d (one per sample)' % (name, len(values), n))
    if values and _is_row(values[0]):
        values = [argmax(r) for r in values]
    return LabelEncoder().fit_transform(values)


def _check_n(n):
    if isinstance(n, bool) or not isinstance(n, _INT_TYPES) or n < 0:
        raise BPError('n must be a non-negative integer, got %r' % (n,))


def split_indices(n, test_size=0.33, seed=0, stratify=None):
    """Seeded ``(train_idx, test_idx)`` for ``n`` samples (see :func:`train_test_split`)."""
    _check_n(n)
    if isinstance(test_size, bool) or not is_number(test_size):
        raise BPError('test_size must be a fraction in (0, 1) or a count, got %r' % (test_size,))
    if isinstance(test_size, _INT_TYPES):
        n_test = int(test_size)
    elif 0.0 < test_size < 1.0:
        n_test = int(math.ceil(test_size * n - 1e-9))
    else:
        raise BPError('test_size must be a fraction in (0, 1) or a count, got %r' % (test_size,))
    if n_test < 1 or n - n_test < 1:
        raise DataError('cannot split %d samples into %d for training and %d for testing'
                        % (n, n - n_test, n_test))
    rng = Random(seed)
    if stratify is None:
        perm = rng.permutation(n)
        return perm[n_test:], perm[:n_test]
    y = _strata(stratify, n)
    groups = _groups(y)
    # largest remainder: floor of each class's share, then the biggest fractions get one more
    shares = [n_test * len(g) / n for g in groups]
    take = [int(math.floor(s)) for s in shares]
    order = sorted(range(len(groups)), key=lambda c: (-(shares[c] - take[c]), c))
    for c in order[:n_test - sum(take)]:
        take[c] += 1
    train, test = [], []
    for g, t in zip(groups, take):
        rng.shuffle(g)
        test.extend(g[:t])
        train.extend(g[t:])
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def _groups(y):
    groups = [[] for _ in range(max(y) + 1)]
    for i, c in enumerate(y):
        groups[c].append(i)
    return groups


def train_test_split(X, Y=None, test_size=0.33, seed=0, stratify=None):
    """Seeded shuffle-split of samples into a training and a test part.

    Parameters
    ----------
    X, Y : list
        Samples (rows) and their targets (rows or labels), the same length; ``Y`` may be None.
    test_size : float or int
        A fraction in (0, 1) (the test part gets ``ceil(test_size * n)`` samples, like
        scikit-learn) or a number of test samples.
    seed : int
        The same seed gives the same split on every interpreter.
    stratify : list, True or None
        Labels (or class indices, or one-hot rows) to keep class proportions in both parts;
        ``True`` uses ``Y``.

    Returns
    -------
    X_train, X_test, Y_train, Y_test : list
        Items are the input rows themselves (not copies), in shuffled order; ``Y_*`` are None
        when ``Y`` is None.
    """
    X = list(X)
    n = len(X)
    if Y is not None:
        Y = list(Y)
        if len(Y) != n:
            raise DataError('X has %d rows but Y has %d' % (n, len(Y)))
    if stratify is True:
        if Y is None:
            raise BPError('stratify=True needs Y')
        stratify = Y
    train, test = split_indices(n, test_size, seed, stratify)
    X_train = [X[i] for i in train]
    X_test = [X[i] for i in test]
    if Y is None:
        return X_train, X_test, None, None
    return X_train, X_test, [Y[i] for i in train], [Y[i] for i in test]


def kfold_indices(n, k=5, seed=0, stratify=None):
    """Seeded k-fold cross-validation indices: a list of ``k`` pairs ``(train_idx, test_idx)``.

    The samples are shuffled with ``Random(seed)`` and cut into ``k`` folds whose sizes differ
    by at most one (the first ``n % k`` folds get one more). Each sample is in exactly one test
    fold. ``train_idx`` is the other folds concatenated in fold order, each in its shuffled
    order, as in the tutorial's ``cross_validation_split`` (which draws rows at random into
    folds of ``n // k`` and drops the ``n % k`` left over; for the wheat-seeds file, 210 rows
    and 5 folds, the fold sizes are the same). ``seed=None`` keeps the samples in order
    (contiguous folds, like scikit-learn's ``KFold(shuffle=False)``).

    ``stratify`` (labels, class indices or one-hot rows) keeps each class's share in every
    fold: each class's samples are shuffled and dealt round-robin to the folds, continuing
    from class to class, so fold sizes still differ by at most one.
    """
    _check_n(n)
    if isinstance(k, bool) or not isinstance(k, _INT_TYPES) or k < 2:
        raise BPError('k must be an integer >= 2, got %r' % (k,))
    if k > n:
        raise DataError('cannot make %d folds from %d samples' % (k, n))
    rng = Random(0 if seed is None else seed)
    if stratify is None:
        order = list(range(n)) if seed is None else rng.permutation(n)
        folds = []
        start = 0
        for f in range(k):
            size = n // k + (1 if f < n % k else 0)
            folds.append(order[start:start + size])
            start += size
    else:
        groups = _groups(_strata(stratify, n))
        folds = [[] for _ in range(k)]
        t = 0
        for g in groups:
            if seed is not None:
                rng.shuffle(g)
            for i in g:
                folds[t % k].append(i)
                t += 1
        if seed is not None:
            for fold in folds:
                rng.shuffle(fold)
        else:
            folds = [sorted(fold) for fold in folds]
    out = []
    for f in range(k):
        train = []
        for g in range(k):
            if g != f:
                train.extend(folds[g])
        out.append((train, list(folds[f])))
    return out
