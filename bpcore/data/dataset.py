"""Tables in: :func:`read_csv` (a path, CSV text or a stream) -> :class:`Dataset`.

A :class:`Dataset` holds features ``X`` ``(n, k)`` and optionally one label column ``(n,)``,
encoded for classification (``class_names``, ``y`` ``(n,)``, one-hot ``Y`` ``(n, n_classes)``)
or kept as numbers for regression (``targets`` ``(n,)``, ``Y`` ``(n, 1)``).

Messages name CSV cells by line (counted from 1, blank and comment lines included) and column
(counted from 0, the label column included) and the column's name:
``line 4, column 3 ('area'): cannot read 'abc' as a number``; a ragged row:
``line 5 has 6 values, expected 7 (like line 1)``.

:func:`read_csv` runs in named steps: :func:`_read_source` (path, text, bytes or stream ->
decoded text), :func:`_content_lines` (drop blank and comment lines), :func:`_pick_delimiter`
(sniff), :func:`_split_rows`, :func:`_label_column`, :func:`_detect_header`,
:func:`_named_column` / :func:`_default_names`, :func:`_read_features` and :func:`_read_labels`.

IronPython notes
----------------
* No stdlib ``csv``: on CPython 2.7 it cannot read ``unicode`` text (what ``io.open`` gives),
  so a small splitter here handles ``"quoted, fields"`` (no newlines inside quotes).
* Cells are recognised with a regular expression (:mod:`bpcore.matrix`) before ``float()`` is
  called, so the per-row loops never raise and catch exceptions (slow on IronPython).
"""
from __future__ import absolute_import, division, print_function

import io
import os
import re

from bpcore.data.encoding import LabelEncoder, label_text, one_hot
from bpcore.errors import TEXT_TYPES, BPError, DataError, quote
from bpcore.matrix import (INT_TYPES, argmax, check_matrix, comma_hint, is_class_targets,
                           match_nonfinite, match_number)

__all__ = ['Dataset', 'read_csv']

_TEXT = type(u'')                     # decoded text: unicode on Python 2, str on Python 3
_INDEX_TEXT = re.compile(r'-?[0-9]+$').match


def _check_task(task):
    if task not in ('classification', 'regression'):
        raise BPError("task must be 'classification' or 'regression', got %s" % quote(task))


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
        _check_task(task)
        self.X = check_matrix(X)
        n, k = len(self.X), len(self.X[0])
        if feature_names is None:
            feature_names = ['x%d' % j for j in range(k)]
        feature_names = [label_text(f) for f in feature_names]
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
        self.label_name = 'label' if label_name is None else label_text(label_name)
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

    @classmethod
    def from_targets(cls, X, targets, task='classification'):
        """A Dataset from features ``X (n, k)`` and one target row per sample.

        ``targets`` is a list of ``n`` rows. When every row holds one value, the values are
        the labels (classes, or numbers with ``task='regression'``). Otherwise the rows are
        target rows used as they are (``Y``, e.g. one-hot); for classification, ``y`` is
        their argmax when they are class targets (0/1, one 1 per row).
        """
        rows = [list(r) for r in targets]
        if len(rows) != len(X):
            raise DataError('features has %d samples (branches) but targets has %d'
                            % (len(X), len(rows)))
        if all(len(r) == 1 for r in rows):
            return cls(X, [r[0] for r in rows], task=task)
        ds = cls(X, None, task=task)
        ds.Y = check_matrix(rows, 'targets')
        if task == 'classification' and is_class_targets(ds.Y):
            ds.y = [argmax(r) for r in ds.Y]
            ds.n_classes = len(ds.Y[0])
        return ds

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
    _check_task(task)
    text, where = _read_source(source)
    content = _content_lines(text, where)
    rows = _split_rows(content, _pick_delimiter(delimiter, content))
    width = len(rows[0][1])
    label_name, label_col = _label_column(label, header, width, where)
    if label_name is not None:
        header = True
    if header is None:
        header = _detect_header(rows, label_col, width)
    names = None
    if header:
        names = [c if c else 'x%d' % j for j, c in enumerate(rows[0][1])]
        rows = rows[1:]
        if not rows:
            raise DataError('%s has a header row but no data rows' % where)
    if label_name is not None:
        label_col = _named_column(label_name, names, width, where)
    if names is None:
        names = _default_names(width, label_col)
    feats = [j for j in range(width) if j != label_col]
    X = _read_features(rows, feats, names)
    feature_names = [names[j] for j in feats]
    if label_col is None:
        return Dataset(X, None, feature_names, task=task)
    labels = _read_labels(rows, label_col, names[label_col], task)
    return Dataset(X, labels, feature_names, names[label_col], task=task)


# -- the steps of read_csv, in order ----------------------------------------------------------

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


def _content_lines(text, where):
    """``[(line number, line)]`` of the lines that are neither blank nor ``#`` comments."""
    lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    content = []
    for i, line in enumerate(lines):
        s = line.strip()
        if s and s[0] != '#':
            content.append((i + 1, line))
    if not content:
        raise DataError('%s is empty (no data rows)' % where)
    return content


def _pick_delimiter(delimiter, content):
    """The delimiter to split with: the one asked for, sniffed, or None (whitespace)."""
    if delimiter is None:
        return _sniff([line for _, line in content[:5]])
    if delimiter in (' ', 'whitespace', ''):
        return None
    if not isinstance(delimiter, TEXT_TYPES) or len(delimiter) != 1:
        raise BPError('delimiter must be one character or None, got %s' % quote(delimiter))
    return delimiter


def _split_rows(content, delimiter):
    """``[(line number, cells)]``; every line must have as many cells as the first."""
    rows = [(no, _split(line, delimiter)) for no, line in content]
    width = len(rows[0][1])
    for no, cells in rows:
        if len(cells) != width:
            raise DataError('line %d has %d values, expected %d (like line %d)'
                            % (no, len(cells), width, rows[0][0]))
    return rows


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


def _number_like(cell):
    """Numbers, NaN/inf and comma-decimal numbers count as data in header detection."""
    return bool(match_number(cell) or match_nonfinite(cell) or match_number(cell.replace(',', '.')))


def _label_column(label, header, width, where):
    """``(name, None)`` for a label column given by name, else ``(None, index or None)``."""
    if isinstance(label, TEXT_TYPES) and _INDEX_TEXT(label.strip()):
        label = int(label.strip())       # '3' or '-1' typed into a Grasshopper text input
    if isinstance(label, TEXT_TYPES):
        if header is False:
            raise DataError("label '%s' is a column name, but header=False" % label)
        return label, None
    if label is None:
        return None, None
    if isinstance(label, bool) or not isinstance(label, INT_TYPES):
        raise BPError('label must be a column index, a column name or None, got %s' % quote(label))
    if not -width <= label < width:
        raise DataError('label column %d is out of range: the rows have %d columns '
                        '(0..%d or -%d..-1)' % (label, width, width - 1, width))
    if width < 2:
        raise DataError('%s has one column only: no feature columns besides the label' % where)
    return None, label % width


def _detect_header(rows, label_col, width):
    """True if a feature cell of the first row is text while the second row is all numbers."""
    feats = [j for j in range(width) if j != label_col]
    first = rows[0][1]
    header = any(first[j] and not _number_like(first[j]) for j in feats)
    if header and len(rows) > 1:
        second = rows[1][1]
        header = all(not second[j] or _number_like(second[j]) for j in feats)
    return header


def _named_column(label, names, width, where):
    """Index of the header column ``label`` (exact, else the one match ignoring case)."""
    if label in names:
        label_col = names.index(label)
    else:
        low = [nm.lower() for nm in names]
        if low.count(label.lower()) != 1:
            raise DataError("no column named '%s'; the columns are: %s"
                            % (label, ', '.join(names)))
        label_col = low.index(label.lower())
    if width < 2:
        raise DataError('%s has one column only: no feature columns besides the label' % where)
    return label_col


def _default_names(width, label_col):
    """Column names without a header: features ``'x0', 'x1', ...``, the label ``'label'``."""
    feats = [j for j in range(width) if j != label_col]
    col_names = dict((j, 'x%d' % i) for i, j in enumerate(feats))
    if label_col is not None:
        col_names[label_col] = 'label'
    return [col_names[j] for j in range(width)]


def _read_features(rows, feats, names):
    """The feature cells as floats ``(n, k)``; a bad cell raises naming line and column."""
    X = []
    for no, cells in rows:
        row = []
        for j in feats:
            c = cells[j]
            if match_number(c):
                v = float(c)
                if v - v != 0.0:       # overflow, e.g. 1e999
                    raise DataError("line %d, column %d ('%s'): '%s' is too large"
                                    % (no, j, names[j], c))
                row.append(v)
            else:
                raise DataError(_csv_cell_message(no, j, names[j], c))
        X.append(row)
    return X


def _read_labels(rows, col, name, task):
    """The label column ``(n,)``: floats if every cell is a number, else the text cells."""
    raw = [cells[col] for _, cells in rows]
    numeric = True
    for (no, cells), c in zip(rows, raw):
        if not c:
            raise DataError("line %d, column %d ('%s'): the label is empty" % (no, col, name))
        if match_nonfinite(c):
            raise DataError("line %d, column %d ('%s'): '%s' is not a usable label"
                            % (no, col, name, c))
        if numeric and not match_number(c):
            if task == 'regression':
                raise DataError("line %d, column %d ('%s'): cannot read '%s' as a number "
                                "(task='regression' needs numeric labels)%s"
                                % (no, col, name, c, comma_hint(c)))
            numeric = False
    if not numeric:
        return raw
    labels = [float(c) for c in raw]
    for (no, cells), v in zip(rows, labels):
        if v - v != 0.0:
            raise DataError("line %d, column %d ('%s'): '%s' is too large"
                            % (no, col, name, cells[col]))
    return labels


def _csv_cell_message(no, j, name, cell):
    place = "line %d, column %d ('%s')" % (no, j, name)
    if not cell:
        return '%s: the cell is empty' % place
    if match_nonfinite(cell):
        kind = 'NaN' if 'a' in cell.lower() else 'infinite'
        return "%s: '%s' is %s; every cell must be a finite number" % (place, cell, kind)
    return "%s: cannot read '%s' as a number%s" % (place, cell, comma_hint(cell))
