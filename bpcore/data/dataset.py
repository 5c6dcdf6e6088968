"""Tables in: :func:`read_csv` (a path, CSV text or a stream) -> :class:`Dataset`.

A :class:`Dataset` holds features ``X`` ``(n, k)`` and optionally one label column ``(n,)``,
encoded for classification (``class_names``, ``y`` ``(n,)``, one-hot ``Y`` ``(n, n_classes)``)
or kept as numbers for regression (``targets`` ``(n,)``, ``Y`` ``(n, 1)``).

Messages name CSV cells by line (counted from 1, blank and comment lines included) and column
(counted from 0, the label column included) and the column's name:
``line 4, column 3 ('area'): cannot read 'abc' as a number``; a ragged row:
``line 5 has 6 values, expected 7 (like line 1)``.

:func:`read_csv` runs in named steps: :func:`_open_source` (path, text, bytes or stream ->
lines; a file is streamed, decoded by its byte-order mark, else UTF-8, else Latin-1),
:func:`_content_lines` (drop blank and comment lines), :func:`_pick_delimiter` (sniff),
:func:`_rows`, :func:`_label_column`, :func:`_detect_header`, :func:`_header_names` /
:func:`_named_column` / :func:`_default_names`, :func:`_row_reader` and :func:`_read_labels`.
Rows become floats as they are read, so a large file never sits in memory as bytes, text,
lines and cells at once (peak about 1.4 x the resulting lists; ``benchmarks/bench_csv_memory.py``).

Numbers are plain decimals (``1.5``, ``-2e-3``). Text that only Python reads as a number
(``1_000``, ``0x10``, ``0b11``) is data a person typed, not a header: header detection counts it
as a number, and reading it raises a DataError asking for plain decimals (never silently
dropped as a header, never silently read as 1000 or 16).

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
from bpcore.matrix import (INT_TYPES, argmax, check_bool, check_matrix, comma_hint,
                           is_class_targets,
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
        of that name exists), or an object with ``read()``. UTF-8, UTF-16 or UTF-32 with a
        byte-order mark; else UTF-8, with a Latin-1 fallback. NUL bytes without a byte-order
        mark (UTF-16 saved without one, a binary file) raise a DataError saying so.
    label : int, str or None
        The label column: an index (``-1`` = last, the default; text such as ``'3'`` counts as
        an index), a header name (needs a header; matched exactly, then ignoring case), or
        ``None`` for a file of features only.
    header : bool or None
        ``None`` detects a header: the first row is one if a feature cell of it is text (not a
        number, NaN or inf, nor ``1_000``/``0x10``) while the second row is all numbers.
        ``True``/``False`` force it. Two header columns of the same name are refused.
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
    if header is not None:
        header = check_bool(header, 'header')
    if bytes is str:                       # Python 2: a str label or delimiter is bytes
        label, delimiter = [v.decode('utf-8', 'replace') if isinstance(v, bytes) else v
                            for v in (label, delimiter)]
    lines, where, close = _open_source(source)
    try:
        return _read_table(lines, where, label, header, delimiter, task)
    except UnicodeDecodeError as exc:      # a file that changes encoding half-way
        raise DataError('%s cannot be decoded (%s)' % (where, exc))
    finally:
        close()


def _read_table(lines, where, label, header, delimiter, task):
    """The steps of read_csv on an iterator of ``(line number, line)``, streamed: only the
    first five content lines are held, every other row becomes floats as it is read."""
    head = []
    for item in lines:
        head.append(item)
        if len(head) == 5:
            break
    if not head:
        raise DataError('%s is empty (no data rows)' % where)
    delim = _pick_delimiter(delimiter, head)
    first = _split(head[0][1], delim)
    width = len(first)
    label_name, label_col = _label_column(label, header, width, where)
    if label_name is not None:
        header = True
    rows = _rows(head, lines, delim, width, head[0][0])
    if header is None:
        two = [(no, _split(line, delim)) for no, line in head[:2]]
        for no, cells in two:
            if len(cells) != width:
                raise DataError('line %d has %d values, expected %d (like line %d)'
                                % (no, len(cells), width, head[0][0]))
        header = _detect_header(two, label_col, width)
    names = None
    if header:
        next(rows)
        names = _header_names(first)
    if label_name is not None:
        label_col = _named_column(label_name, names, width, where)
    if names is None:
        names = _default_names(width, label_col)
    feats = [j for j in range(width) if j != label_col]
    X = []
    raw_labels = []
    label_lines = []
    read = _row_reader(feats, names)
    for no, cells in rows:
        X.append(read(no, cells))
        if label_col is not None:
            raw_labels.append(cells[label_col])
            label_lines.append(no)
    if not X:
        raise DataError('%s has a header row but no data rows' % where)
    feature_names = [names[j] for j in feats]
    if label_col is None:
        return Dataset(X, None, feature_names, task=task)
    labels = _read_labels(raw_labels, label_lines, label_col, names[label_col], task)
    return Dataset(X, labels, feature_names, names[label_col], task=task)


# -- the steps of read_csv, in order ----------------------------------------------------------

def _open_source(source):
    """``(lines, description, close)``: an iterator of ``(line number, line)`` over the lines
    that are neither blank nor ``#`` comments, from a path (streamed), CSV text, bytes or a
    file-like object."""
    if hasattr(source, 'read'):
        text = _decode(source.read())
        return _content_lines(text), 'CSV ' + str(getattr(source, 'name', 'stream')), _noop
    if isinstance(source, bytes):          # also a Python 2 str: decode to unicode first
        source = _decode(source)
    if not isinstance(source, TEXT_TYPES):
        raise DataError('read_csv needs a file path or CSV text, got %s' % type(source).__name__)
    if not source.strip():
        raise DataError('CSV text is empty (no data rows)')
    if '\0' in source:
        raise DataError('read_csv: the text holds a NUL character, so it is neither a file path '
                        'nor CSV text (a binary file, or UTF-16 read as bytes?)')
    if '\n' in source or '\r' in source:
        return _content_lines(_decode(source)), 'CSV text', _noop
    if os.path.isfile(source):
        where = "CSV file '%s'" % source
        encoding = _file_encoding(source, where)
        try:
            handle = io.open(source, 'r', encoding=encoding, newline=None)
        except (IOError, OSError) as e:
            raise DataError("cannot read CSV file '%s': %s" % (source, e))
        return _content_lines(handle), where, handle.close
    if os.path.isdir(source):
        raise DataError("'%s' is a folder, not a CSV file" % source)
    looks_like_text = ',' in source or ';' in source or '\t' in source or ' ' in source.strip()
    if source.strip().lower().endswith(('.csv', '.txt', '.tsv', '.dat')) or not looks_like_text:
        raise DataError("CSV file not found: '%s'" % source)
    return _content_lines(_decode(source)), 'CSV text', _noop


def _noop():
    pass


_BOMS = ((b'\xff\xfe\x00\x00', 'utf-32'), (b'\x00\x00\xfe\xff', 'utf-32'),
         (b'\xef\xbb\xbf', 'utf-8-sig'), (b'\xff\xfe', 'utf-16'), (b'\xfe\xff', 'utf-16'))


def _bom_encoding(start):
    for bom, encoding in _BOMS:
        if start.startswith(bom):
            return encoding
    return None


def _file_encoding(path, where):
    """The encoding to stream ``path`` with: from its byte-order mark (UTF-8, UTF-16, UTF-32),
    else UTF-8 if the whole file decodes as UTF-8 (checked block by block), else Latin-1 (an
    Excel export). NUL bytes without a byte-order mark are refused (UTF-16 without BOM, or
    not a text file)."""
    import codecs
    with io.open(path, 'rb') as f:
        block = f.read(1 << 16)
        encoding = _bom_encoding(block)
        if encoding is not None:
            return encoding
        decoder = codecs.getincrementaldecoder('utf-8')()
        utf8 = True
        while block:
            if b'\x00' in block:
                raise DataError('%s holds NUL bytes: it is not a UTF-8 or Latin-1 text file '
                                '(UTF-16 without a byte-order mark, or a binary file such as '
                                '.xlsx?); save it as CSV UTF-8' % where)
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            block = f.read(1 << 20)
    return 'utf-8' if utf8 else 'latin-1'


def _decode(raw):
    """Bytes -> unicode (by byte-order mark, else UTF-8, else Latin-1); drops a BOM."""
    if not isinstance(raw, _TEXT):
        encoding = _bom_encoding(raw[:4])
        if encoding is not None:
            try:
                raw = raw.decode(encoding)
            except UnicodeDecodeError as e:
                raise DataError('CSV data starts with a %s byte-order mark but cannot be decoded '
                                'as %s (%s)' % (encoding.upper(), encoding.upper(), e))
        elif b'\x00' in raw:
            raise DataError('CSV data holds NUL bytes: not UTF-8 or Latin-1 text (UTF-16 without '
                            'a byte-order mark, or a binary file?)')
        else:
            try:
                raw = raw.decode('utf-8')
            except UnicodeDecodeError:
                raw = raw.decode('latin-1')
    if raw.startswith(u'\ufeff'):
        raw = raw[1:]
    return raw


def _content_lines(text):
    """``(line number, line)`` of the lines that are neither blank nor ``#`` comments, from text
    or a stream of lines (a file opened with universal newlines)."""
    if isinstance(text, TEXT_TYPES):
        text = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    for i, line in enumerate(text):
        s = line.strip()
        if s and s[0] != '#':
            yield i + 1, line.rstrip('\n')


def _header_names(cells):
    """Header cells -> column names (an empty one becomes ``x<j>``); two columns of the same
    name are refused, naming both (a lookup by name could not tell them apart)."""
    names = [c if c else 'x%d' % j for j, c in enumerate(cells)]
    seen = {}
    for j, name in enumerate(names):
        if name in seen:
            raise DataError("columns %d and %d are both named '%s'; rename one"
                            % (seen[name], j, name))
        seen[name] = j
    return names


def _pick_delimiter(delimiter, content):
    """The delimiter to split with: the one asked for, sniffed, or None (whitespace)."""
    if delimiter is None:
        return _sniff([line for _, line in content[:5]])
    if delimiter in (' ', 'whitespace', ''):
        return None
    if not isinstance(delimiter, TEXT_TYPES) or len(delimiter) != 1:
        raise BPError('delimiter must be one character or None, got %s' % quote(delimiter))
    return delimiter


def _rows(head, rest, delimiter, width, first_no):
    """``(line number, cells)`` for every content line; each must have ``width`` cells."""
    for lines in (head, rest):
        for no, line in lines:
            cells = _split(line, delimiter)
            if len(cells) != width:
                raise DataError('line %d has %d values, expected %d (like line %d)'
                                % (no, len(cells), width, first_no))
            yield no, cells


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


_PYTHON_NUMBER = re.compile(r'[+-]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?'
                            r'|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)$').match


def _number_like(cell):
    """Numbers, NaN/inf, comma-decimal numbers, and numbers only Python reads (``1_000``,
    ``0x10``: data a person typed, refused later with a clear message) count as data in
    header detection: a first row of them is never taken as a header."""
    return bool(match_number(cell) or match_nonfinite(cell) or
                match_number(cell.replace(',', '.')) or _PYTHON_NUMBER(cell))


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


def _row_reader(feats, names):
    """``read(line number, cells)`` -> the feature cells as floats ``(k,)``; a bad cell raises
    naming its line and column."""
    def read(no, cells):
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
        return row
    return read


def _read_labels(raw, lines, col, name, task):
    """The label column ``(n,)``: floats if every cell is a number, else the text cells."""
    numeric = True
    for no, c in zip(lines, raw):
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
    for no, c, v in zip(lines, raw, labels):
        if v - v != 0.0:
            raise DataError("line %d, column %d ('%s'): '%s' is too large" % (no, col, name, c))
    return labels


def _csv_cell_message(no, j, name, cell):
    place = "line %d, column %d ('%s')" % (no, j, name)
    if not cell:
        return '%s: the cell is empty' % place
    if match_nonfinite(cell):
        kind = 'NaN' if 'a' in cell.lower() else 'infinite'
        return "%s: '%s' is %s; every cell must be a finite number" % (place, cell, kind)
    if _PYTHON_NUMBER(cell):
        return ("%s: cannot read '%s' as a number: write plain decimal numbers (no '_' "
                "separators, no 0x/0o/0b prefixes)" % (place, cell))
    return "%s: cannot read '%s' as a number%s" % (place, cell, comma_hint(cell))
