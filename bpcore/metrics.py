"""Scores of predictions, matching scikit-learn's definitions.

Classification: :func:`accuracy`, :func:`confusion_matrix`, :func:`precision_recall`,
:func:`classification_report`, :func:`format_confusion`. ``y_true`` and ``y_pred`` may each be

* class indices ``[0, 2, 1, ...]`` (ints, or floats like ``2.0``);
* rows of one-hot targets, probabilities or raw network outputs: a row of two or more values
  is turned into its argmax; a row of ONE value (a single sigmoid output) into ``1`` if it is
  ``>= 0.5`` else ``0``;
* labels such as ``['Kama', 'Rosa', ...]`` (text): both lists are then encoded together with
  the sorted union of their labels as the classes, like scikit-learn.

Without ``n_classes`` the index classes are ``0 .. max(y_true + y_pred)``: unlike scikit-learn,
a class missing from both lists but below the largest index still gets its row and column.

Regression: :func:`mse`, :func:`rmse`, :func:`mae`, :func:`r2`. ``y_true`` and ``y_pred`` are
flat lists (one output) or rows ``(n, m)``; several outputs are averaged uniformly, like
scikit-learn's ``multioutput='uniform_average'``. Note :func:`mse` here is scikit-learn's
``mean_squared_error`` (a plain mean, no 1/2); the training loss ``'mse'`` of
``bpcore.losses`` is ``1/2 * sum over outputs``, averaged over samples.

Every bad input raises :class:`bpcore.errors.DataError` naming the list and item at fault.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.data.encoding import LabelEncoder
from bpcore.errors import TEXT_TYPES, DataError
from bpcore.errors import quote as _q
from bpcore.matrix import (check_int, check_matrix, classes_of, is_class_targets, is_finite,
                           is_number, is_row)

__all__ = ['accuracy', 'confusion_matrix', 'precision_recall', 'classification_report',
           'format_confusion', 'mse', 'rmse', 'mae', 'r2', 'evaluate']

MAX_CLASSES = 10000    # a confusion matrix of 10,000 x 10,000 counts is already 100 million


def _text(name, i=0):
    """A class name as text (unicode names stay unicode on Python 2); a number is written as
    text, anything else raises a DataError naming ``class_names`` item ``i``."""
    if isinstance(name, TEXT_TYPES):
        return name
    if not is_number(name):
        raise DataError('class_names item %d is %s, not a name' % (i, _q(name)))
    return str(name)


def _as_list(values, name):
    if values is None or isinstance(values, TEXT_TYPES) or not hasattr(values, '__iter__'):
        raise DataError('%s must be a list of class indices, labels or rows' % name)
    if hasattr(values, 'tolist'):
        values = values.tolist()
    values = list(values)
    if not values:
        raise DataError('%s is empty' % name)
    return values


def _classes(values, name):
    """('index', ints) or ('text', labels) from indices, rows or text labels."""
    values = _as_list(values, name)
    if is_row(values[0]):
        return 'index', classes_of(check_matrix(values, name))
    if isinstance(values[0], TEXT_TYPES):
        for i, v in enumerate(values):
            if not isinstance(v, TEXT_TYPES):
                raise DataError('%s item %d is %s but item 0 is text; labels must be all text '
                                'or all class indices' % (name, i, _q(v)))
        return 'text', values
    out = []
    for i, v in enumerate(values):
        if not is_finite(v):
            raise DataError('%s item %d is %s, not a class index' % (name, i, _q(v)))
        f = float(v)
        if f != int(f) or f < 0 or f >= MAX_CLASSES:
            hint = ''
            if f == f and f - f == 0.0 and f != int(f):
                hint = '; pass rows of outputs to take their argmax'
            raise DataError('%s item %d is %s, not a class index (0, 1, ... %d)%s'
                            % (name, i, _q(v), MAX_CLASSES - 1, hint))
        out.append(int(f))
    return 'index', out


def _pair(y_true, y_pred, n_classes=None):
    """-> (true indices, predicted indices, n_classes, class names or None)."""
    n_classes = check_int(n_classes, 'n_classes', 1, MAX_CLASSES, allow_none=True)
    kt, t = _classes(y_true, 'y_true')
    kp, p = _classes(y_pred, 'y_pred')
    if len(t) != len(p):
        raise DataError('y_true has %d items but y_pred has %d' % (len(t), len(p)))
    names = None
    if kt != kp:
        raise DataError('y_true holds %s but y_pred holds %s; encode the labels with '
                        'bpcore.data.LabelEncoder first'
                        % ('labels' if kt == 'text' else 'class indices',
                           'labels' if kp == 'text' else 'class indices'))
    if kt == 'text':
        enc = LabelEncoder().fit(t + p)
        t = enc.transform(t, 'y_true')
        p = enc.transform(p, 'y_pred')
        names = enc.class_names_
        n = len(names)
        if n_classes is not None and n_classes != n:
            raise DataError('n_classes is %d but the labels hold %d classes (%s)'
                            % (n_classes, n, ', '.join(names)))
        return t, p, n, names
    top = max(max(t), max(p)) + 1
    if n_classes is None:
        return t, p, top, None
    if top > n_classes:
        for name, idx in (('y_true', t), ('y_pred', p)):
            for i, k in enumerate(idx):
                if k >= n_classes:
                    raise DataError('%s item %d is class %d, but n_classes is %d'
                                    % (name, i, k, n_classes))
    return t, p, n_classes, None


def accuracy(y_true, y_pred):
    """Fraction of samples whose predicted class equals the true class."""
    t, p, _, _ = _pair(y_true, y_pred)
    return sum(1 for a, b in zip(t, p) if a == b) / len(t)


def confusion_matrix(y_true, y_pred, n_classes=None):
    """``(n_classes, n_classes)`` counts: row = true class, column = predicted (scikit-learn)."""
    t, p, n, _ = _pair(y_true, y_pred, n_classes)
    m = [[0] * n for _ in range(n)]
    for a, b in zip(t, p):
        m[a][b] += 1
    return m


def _prf(matrix):
    n = len(matrix)
    precision, recall, f1, support = [], [], [], []
    for c in range(n):
        tp = matrix[c][c]
        actual = sum(matrix[c])
        predicted = sum(matrix[r][c] for r in range(n))
        # 0/0 gives 0.0, as scikit-learn's zero_division default (with its warning)
        precision.append(tp / predicted if predicted else 0.0)
        recall.append(tp / actual if actual else 0.0)
        denom = actual + predicted            # 2 tp + fp + fn
        f1.append(2.0 * tp / denom if denom else 0.0)
        support.append(actual)
    return precision, recall, f1, support


def precision_recall(y_true, y_pred, n_classes=None):
    """Per-class ``(precision, recall, f1, support)``, four lists in class order.

    ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)``, ``f1 = 2 tp / (2 tp + fp + fn)``
    and ``support`` = number of true samples of the class; a 0/0 gives 0.0 (scikit-learn's
    ``precision_recall_fscore_support`` with ``average=None``).
    """
    return _prf(confusion_matrix(y_true, y_pred, n_classes))


def classification_report(y_true, y_pred, class_names=None, digits=3):
    """Text table of per-class precision, recall, f1 and support, with accuracy and averages
    (like scikit-learn's ``classification_report``)."""
    digits = check_int(digits, 'digits', 0, 15)
    if class_names is not None and (isinstance(class_names, TEXT_TYPES + (dict,))
                                    or not isinstance(class_names, (list, tuple))):
        raise DataError('class_names must be a list of names, got %s' % _q(class_names))
    t, p, n, names = _pair(y_true, y_pred)
    if class_names is not None:
        if n > len(class_names) or names is not None and n != len(class_names):
            raise DataError('class_names has %d names, but y_true and y_pred hold %d classes'
                            % (len(class_names), n))
        n = len(class_names)
        names = [_text(c, i) for i, c in enumerate(class_names)]
    elif names is None:
        names = [str(c) for c in range(n)]
    m = [[0] * n for _ in range(n)]
    for a, b in zip(t, p):
        m[a][b] += 1
    precision, recall, f1, support = _prf(m)
    total = sum(support)
    acc = sum(m[c][c] for c in range(n)) / total
    width = max([len(s) for s in names] + [len('weighted avg')])
    col = digits + 7
    num = '%' + str(col) + '.' + str(digits) + 'f'
    lines = [' ' * width + ''.join(h.rjust(col) for h in
                                   ('precision', 'recall', 'f1-score', 'support')), '']
    for c in range(n):
        lines.append(names[c].rjust(width) + num % precision[c] + num % recall[c]
                     + num % f1[c] + ('%d' % support[c]).rjust(col))
    lines.append('')
    lines.append('accuracy'.rjust(width) + ' ' * 2 * col + num % acc + ('%d' % total).rjust(col))
    for label, weights in (('macro avg', [1.0] * n), ('weighted avg', support)):
        wsum = float(sum(weights))
        avg = [sum(w * v for w, v in zip(weights, vals)) / wsum for vals in (precision, recall, f1)]
        lines.append(label.rjust(width) + ''.join(num % v for v in avg)
                     + ('%d' % total).rjust(col))
    return '\n'.join(lines)


def format_confusion(matrix, class_names=None):
    """A confusion matrix as a text table with recall per row, precision per column and the
    accuracy, for a panel in Grasshopper or a print in the demo."""
    if not isinstance(matrix, (list, tuple)) or not all(isinstance(r, (list, tuple))
                                                         for r in matrix):
        raise DataError('the confusion matrix must be a list of rows of counts, got %s'
                        % _q(matrix))
    if class_names is not None and not isinstance(class_names, (list, tuple)):
        raise DataError('class_names must be a list of names, got %s' % _q(class_names))
    m = [list(r) for r in matrix]
    n = len(m)
    if n == 0 or any(len(r) != n for r in m):
        raise DataError('the confusion matrix must be square, got %d rows of lengths %s'
                        % (n, [len(r) for r in m]))
    for i, r in enumerate(m):
        for j, v in enumerate(r):
            if not is_finite(v) or v < 0:
                raise DataError('confusion matrix row %d, column %d is %s, expected a count'
                                % (i, j, _q(v)))
    if class_names is None:
        class_names = [str(c) for c in range(n)]
    names = [_text(c, i) for i, c in enumerate(class_names)]
    if len(names) != n:
        raise DataError('class_names has %d names for a %dx%d confusion matrix'
                        % (len(names), n, n))
    precision, recall, _, _ = _prf(m)
    total = sum(sum(r) for r in m)
    label = 'true \\ predicted'
    first = max([len(s) for s in names] + [len(label), len('precision')])
    cell = max([len(s) for s in names] + [len('%d' % max(max(r) for r in m)), 5])
    lines = [label.ljust(first) + ''.join(' ' + s.rjust(cell) for s in names) + ' | recall']
    for c in range(n):
        lines.append(names[c].ljust(first) + ''.join(' ' + ('%d' % v).rjust(cell) for v in m[c])
                     + ' | %.3f' % recall[c])
    lines.append('precision'.ljust(first) + ''.join(' ' + ('%.3f' % v).rjust(cell)
                                                    for v in precision))
    if total:
        right = sum(m[c][c] for c in range(n))
        lines.append('accuracy %.3f (%d of %d)' % (right / total, right, total))
    return '\n'.join(lines)


# ---------------------------------------------------------------------------------------------
# Regression

def _columns(values, name):
    values = _as_list(values, name)
    if is_row(values[0]):
        return check_matrix(values, name)
    return check_matrix([[v] for v in values], name)


def _reg_pair(y_true, y_pred):
    t = _columns(y_true, 'y_true')
    p = _columns(y_pred, 'y_pred')
    if len(t) != len(p):
        raise DataError('y_true has %d rows but y_pred has %d' % (len(t), len(p)))
    if len(t[0]) != len(p[0]):
        raise DataError('y_true has %d outputs per row but y_pred has %d'
                        % (len(t[0]), len(p[0])))
    return t, p


def _per_output(t, p, f):
    return [sum(f(a[j], b[j]) for a, b in zip(t, p)) / len(t) for j in range(len(t[0]))]


def mse(y_true, y_pred, per_output=False):
    """Mean squared error (scikit-learn's ``mean_squared_error``); ``per_output=True`` gives
    the list over outputs instead of their mean."""
    t, p = _reg_pair(y_true, y_pred)
    vals = _per_output(t, p, lambda a, b: (a - b) * (a - b))
    return vals if per_output else sum(vals) / len(vals)


def rmse(y_true, y_pred, per_output=False):
    """Root of the mean squared error of each output (then averaged, like scikit-learn)."""
    t, p = _reg_pair(y_true, y_pred)
    vals = [math.sqrt(v) for v in _per_output(t, p, lambda a, b: (a - b) * (a - b))]
    return vals if per_output else sum(vals) / len(vals)


def mae(y_true, y_pred, per_output=False):
    """Mean absolute error (scikit-learn's ``mean_absolute_error``)."""
    t, p = _reg_pair(y_true, y_pred)
    vals = _per_output(t, p, lambda a, b: abs(a - b))
    return vals if per_output else sum(vals) / len(vals)


def r2(y_true, y_pred, per_output=False):
    """Coefficient of determination ``1 - SS_res / SS_tot`` (scikit-learn's ``r2_score``).

    A constant true output (``SS_tot == 0``) scores 1.0 if predicted exactly, else 0.0
    (scikit-learn's ``force_finite=True``). Needs at least two samples.
    """
    t, p = _reg_pair(y_true, y_pred)
    n = len(t)
    if n < 2:
        raise DataError('r2 needs at least 2 samples, got %d' % n)
    vals = []
    for j in range(len(t[0])):
        col = [r[j] for r in t]
        mean = sum(col) / n
        ss_tot = sum((v - mean) * (v - mean) for v in col)
        ss_res = sum((a[j] - b[j]) * (a[j] - b[j]) for a, b in zip(t, p))
        if ss_tot == 0.0:
            vals.append(1.0 if ss_res == 0.0 else 0.0)
        else:
            vals.append(1.0 - ss_res / ss_tot)
    return vals if per_output else sum(vals) / len(vals)


def evaluate(targets, outputs, class_names=None):
    """Every score of network ``outputs (n, m)`` against target rows ``targets (n, m)``.

    Regression scores always: ``mse``, ``mae`` and ``r2`` (None for one sample). When the
    targets are class targets (0/1, one-hot rows or one 0/1 column, see
    :func:`bpcore.matrix.is_class_targets`) also ``accuracy``, ``confusion`` (rows true,
    columns predicted, ``max(2, m)`` classes), per-class ``precision`` and ``recall``.
    ``report`` is the text a person reads: the confusion table (with ``class_names`` when
    there is one per class) and the regression line. ``task`` says which case it was.
    """
    targets = check_matrix(targets, 'targets')
    outputs = check_matrix(outputs, 'outputs', len(targets[0]))
    if len(outputs) != len(targets):
        raise DataError('targets has %d rows but outputs has %d' % (len(targets), len(outputs)))
    result = {'mse': mse(targets, outputs), 'mae': mae(targets, outputs),
              'r2': r2(targets, outputs) if len(targets) > 1 else None}
    line = 'mse %.6g, mae %.6g, r2 %s' % (
        result['mse'], result['mae'],
        'n/a (one sample)' if result['r2'] is None else '%.6g' % result['r2'])
    if not is_class_targets(targets):
        result.update(task='regression', report=line)
        return result
    n_classes = max(2, len(targets[0]))
    if class_names is not None and not isinstance(class_names, (list, tuple)):
        raise DataError('class_names must be a list of names or None, got %s' % _q(class_names))
    if not class_names or len(class_names) != n_classes:
        class_names = None
    confusion = confusion_matrix(targets, outputs, n_classes)
    precision, recall, _, _ = precision_recall(targets, outputs, n_classes)
    result.update(task='classification', accuracy=accuracy(targets, outputs),
                  confusion=confusion, precision=precision, recall=recall,
                  report=format_confusion(confusion, class_names) + '\n' + line)
    return result
