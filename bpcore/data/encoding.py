"""Labels <-> class indices: :class:`LabelEncoder` and :func:`one_hot`.

* labels ``(n,)``: all numbers (``1`` and ``1.0`` are the same class) or all text;
* class indices ``(n,)``: ints ``0 .. n_classes-1``, classes in sorted label order;
* one-hot rows ``(n, n_classes)``: ``1.0`` at the class index, ``0.0`` elsewhere.

Bad input raises :class:`bpcore.errors.DataError` naming the list and item at fault.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import TEXT_TYPES, BPError, DataError
from bpcore.errors import quote as _q
from bpcore.matrix import INT_TYPES, argmax, check_int, is_finite, is_number, is_row

__all__ = ['LabelEncoder', 'one_hot', 'label_text', 'infer_task', 'infer_targets_task']

MAX_CELLS = 10 ** 8       # one-hot values of one call (~1 GB as Python lists)


def label_text(value):
    """A label as text: 1.0 -> '1', 2.5 -> '2.5', 'Kama' -> 'Kama'."""
    if isinstance(value, TEXT_TYPES):
        return value
    if isinstance(value, INT_TYPES):
        return '%d' % value
    v = float(value)
    if v == int(v) and abs(v) < 1e15:
        return '%d' % int(v)
    return repr(v)



def _as_number(value):
    """A label as a float when it is a number or a number written as text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, TEXT_TYPES):
        try:
            v = float(value.strip())
        except ValueError:
            return None
    elif is_number(value):
        v = float(value)
    else:
        return None
    return v if v - v == 0.0 else None


def infer_task(labels):
    """``(task, reason)``: is a target column classes or quantities?

    Names (any text that is not a number) or whole numbers -> ``'classification'``; numbers
    with decimals -> ``'regression'``. ``reason`` is a sentence saying what was decided and
    how to override it, or None when there is nothing to explain (names, or up to 10
    classes of whole numbers).

    >>> infer_task([20.5, 130.0, 500.25])[0]
    'regression'
    >>> infer_task(['Kama', 'Rosa'])[0], infer_task([1, 2, 3, 1])[0]
    ('classification', 'classification')
    """
    values = []
    for v in labels:
        f = _as_number(v)
        if f is None:
            return 'classification', None
        values.append(f)
    if not values:
        return 'classification', None
    decimals = [v for v in values if v != int(v)]
    if decimals:
        return 'regression', (
            'the targets are numbers with decimals (e.g. %s): read as regression (one '
            'numeric output). Set regression to False to make each value a class'
            % label_text(decimals[0]))
    n = len(set(values))
    if n <= 10:
        return 'classification', None
    return 'classification', (
        'the targets are whole numbers: read as %d classes. Set regression to True if they '
        'are quantities to predict' % n)


def infer_targets_task(rows, n_outputs=None):
    """:func:`infer_task` for target rows ``(n, m)``: one item per row is a label; rows of
    several numbers are classification when they are one-hot (0/1, one 1 per row), else
    regression. For a network with one output (``n_outputs == 1``), one number per row
    that is not 0 or 1 is a regression target even when it is a whole number (one output
    cannot hold classes 2, 3...)."""
    rows = [list(r) for r in rows]
    if all(len(r) == 1 for r in rows):
        task, reason = infer_task([r[0] for r in rows])
        if task == 'classification' and n_outputs == 1:
            values = [_as_number(r[0]) for r in rows]
            if all(v is not None for v in values) and any(v not in (0.0, 1.0) for v in values):
                return 'regression', ('the targets are numbers beyond 0 and 1 for a network '
                                      'with one output: read as regression')
        return task, reason
    values = [_as_number(v) for r in rows for v in r]
    if any(v is None for v in values):
        return 'classification', None
    k = 0
    for r in rows:
        part = values[k:k + len(r)]
        k += len(r)
        if any(v != 0.0 and v != 1.0 for v in part) or sum(part) != 1.0:
            return 'regression', ('the targets are rows of %d numbers that are not one-hot: '
                                  'read as regression' % len(r))
    return 'classification', None


def _check_index_list(values, name, n_classes=None):
    """A list of non-negative integer class indices (integral floats accepted)."""
    if values is None or isinstance(values, TEXT_TYPES) or not hasattr(values, '__iter__'):
        raise DataError('%s must be a list of class indices' % name)
    out = []
    for i, v in enumerate(values):
        if isinstance(v, INT_TYPES) and not isinstance(v, bool):
            k = int(v)
        elif is_finite(v) and float(v) == int(float(v)):
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



def one_hot(indices, n_classes=None):
    """Class indices -> one-hot rows of floats; ``n_classes`` defaults to ``max + 1``."""
    n_classes = check_int(n_classes, 'n_classes', minimum=1, allow_none=True)
    idx = _check_index_list(indices, 'indices', n_classes)
    if n_classes is None:
        if not idx:
            raise DataError('one_hot: no indices and no n_classes')
        n_classes = max(idx) + 1
    if len(idx) * n_classes > MAX_CELLS:
        raise DataError('one_hot: %d rows of n_classes=%s are more than a list of rows holds '
                        '(%d values)' % (len(idx), _q(n_classes), MAX_CELLS))
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
                if not is_finite(v):
                    raise DataError('%s item %d is %s, not a usable label' % (name, i, _q(v)))
                f = float(v)
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
        self.class_names_ = [label_text(c) for c in self.classes_]
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
        if indices and is_row(indices[0]):
            indices = [argmax(r) for r in indices]
        idx = _check_index_list(indices, 'indices', len(self.classes_))
        return [self.classes_[k] for k in idx]
