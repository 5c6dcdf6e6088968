"""CSV in and out for the command line: a data file read for a given model, results written.

:func:`read_for_model` reads ``DATA.csv`` so that ``X``'s columns are the model's inputs in the
model's order:

* the file has a header and the model knows its feature names (it was trained on a file with a
  header): columns are matched by name (exactly, else ignoring case); other columns are
  ignored, except the label column (``--label``, else the one column left over);
* otherwise by position: ``n_inputs`` columns are all features, ``n_inputs + 1`` columns end
  with the label (or ``--label`` names it).

Every mismatch raises a :class:`~bpcore.errors.DataError` naming the file and the columns.
"""
from __future__ import absolute_import, division, print_function

import io
import os
import re

from bpcore import data
from bpcore.errors import DataError

__all__ = ['read_csv', 'read_for_model', 'first_row', 'write_csv', 'has_own_names']

_number = re.compile(r'[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$'
                     r'|[+-]?(?:nan|inf|infinity)$', re.IGNORECASE).match


def first_row(path):
    """Cells of the first data-or-header line of a CSV file (blank and ``#`` lines skipped).

    Only used to see the file's width and header; :func:`bpcore.data.read_csv` reads and checks
    the whole file.
    """
    if not os.path.isfile(path):
        raise DataError("CSV file not found: '%s'" % path)
    with io.open(path, 'rb') as f:
        raw = f.read(65536)
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('latin-1')
    text = text.lstrip(u'\ufeff')
    for line in text.replace('\r', '\n').split('\n'):
        s = line.strip()
        if s and s[0] != '#':
            for delimiter in ('\t', ';', ','):
                if delimiter in s:
                    return [c.strip().strip('"').strip() for c in s.split(delimiter)]
            return s.split()
    raise DataError("CSV file '%s' is empty (no data rows)" % path)


def read_csv(path, **options):
    """:func:`bpcore.data.read_csv` of a file whose errors always name the file."""
    try:
        return data.read_csv(path, **options)
    except DataError as exc:
        text = str(exc)
        if path in text:
            raise
        raise DataError("'%s' %s" % (path, text))


def has_own_names(names):
    """True when feature names came from a header (not bpcore's ``x0, x1, ...``)."""
    return bool(names) and names != ['x%d' % i for i in range(len(names))]


def _find(name, names):
    if name in names:
        return names.index(name)
    low = [n.lower() for n in names]
    if low.count(name.lower()) == 1:
        return low.index(name.lower())
    return None


def read_for_model(path, net, label=None, need_labels=False, task='classification'):
    """Read ``path`` for ``net``: returns ``(X, dataset)``, ``X (n, n_inputs)`` in the model's
    column order, ``dataset`` the :class:`bpcore.data.Dataset` read (labels, if any).

    ``label``: a column name or index (text or int) or None (detect, see the module doc).
    ``need_labels``: a label column must be there (evaluate).
    """
    cells = first_row(path)
    width = len(cells)
    header = not all(_number(c) for c in cells if c)
    model_names = net.feature_names if has_own_names(net.feature_names) else None
    where = "CSV file '%s'" % path
    if header and model_names:
        found = [_find(n, cells) for n in model_names]
        missing = [n for n, j in zip(model_names, found) if j is None]
        if missing:
            raise DataError("%s has no column %s (the model's inputs are: %s; the file's "
                            "columns: %s)" % (where, ', '.join("'%s'" % n for n in missing),
                                              ', '.join(model_names), ', '.join(cells)))
        if label is None:
            rest = [j for j in range(width) if j not in found]
            if len(rest) == 1:
                label = rest[0]
            elif need_labels and not rest:
                raise DataError("%s has only the model's input columns: no label column to "
                                "evaluate against" % where)
            elif need_labels:
                raise DataError('%s has several columns besides the inputs (%s): name the '
                                'label column with --label' % (where, ', '.join(
                                    cells[j] for j in rest)))
        ds = read_csv(path, label=label, header=True, task=task)
        cols = [ds.feature_names.index(cells[j]) for j in found]
        X = [[row[c] for c in cols] for row in ds.X]
        return X, ds
    if label is None:
        if width == net.n_inputs + 1:
            label = -1
        elif width != net.n_inputs:
            raise DataError('%s has %d columns; the model takes %d inputs (plus an optional '
                            'label column)' % (where, width, net.n_inputs))
        elif need_labels:
            raise DataError('%s has %d columns, all inputs of the model: no label column to '
                            'evaluate against' % (where, width))
    ds = read_csv(path, label=label, header=True if header else None, task=task)
    if ds.n_features != net.n_inputs:
        raise DataError('%s has %d feature columns; the model takes %d inputs'
                        % (where, ds.n_features, net.n_inputs))
    return ds.X, ds


def _cell(v):
    if isinstance(v, float):
        return repr(v)
    text = '%s' % (v,)
    if ',' in text or '"' in text:
        text = '"%s"' % text.replace('"', '""')
    return text


def write_csv(rows, header, path=None, stream=None):
    """Write a header and rows as CSV to ``path`` (UTF-8) or to ``stream`` (text)."""
    lines = [u','.join(_cell(h) for h in header)]
    lines.extend(u','.join(_cell(v) for v in row) for row in rows)
    text = u'\n'.join(lines) + u'\n'
    if path is None:
        stream.write(text)
        return None
    with io.open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    return path
