"""bpcore.metrics on hand-computed examples; standard library and pytest only (2.7 and 3.x)."""
from __future__ import absolute_import, division, print_function

import pytest

from bpcore import metrics
from bpcore.errors import DataError
from bpcore.metrics import (accuracy, classification_report, confusion_matrix,
                            format_confusion, mae, mse, precision_recall, r2, rmse)


def raises(fragments, func, *args, **kwargs):
    with pytest.raises(DataError) as info:
        func(*args, **kwargs)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def close(a, b, tol=1e-12):
    if isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            close(x, y, tol)
    else:
        assert abs(a - b) <= tol, (a, b)


T = [0, 0, 1, 1, 2, 2, 2]
P = [0, 1, 1, 1, 2, 0, 2]


def test_accuracy_indices_rows_labels():
    assert accuracy(T, P) == 5 / 7
    rows = [[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 0, 1]]
    assert accuracy(T, rows) == 5 / 7
    probs = [[0.7, 0.2, 0.1], [0.3, 0.6, 0.1], [0.1, 0.8, 0.1], [0.2, 0.5, 0.3],
             [0.1, 0.1, 0.8], [0.5, 0.2, 0.3], [0.3, 0.3, 0.4]]
    assert accuracy(rows, probs) == 1.0
    assert accuracy([0.0, 1.0, 2.0], [0, 1, 2]) == 1.0
    assert accuracy(['a', 'b', 'b'], ['a', 'b', 'a']) == 2 / 3
    # one sigmoid output: >= 0.5 is class 1
    assert accuracy([[0], [1], [1], [0]], [[0.2], [0.5], [0.9], [0.51]]) == 0.75
    assert accuracy([0, 1, 1, 0], [[0.2], [0.5], [0.9], [0.51]]) == 0.75


def test_confusion_matrix():
    assert confusion_matrix(T, P) == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    assert confusion_matrix(T, P, n_classes=4) == [[1, 1, 0, 0], [0, 2, 0, 0], [1, 0, 2, 0],
                                                   [0, 0, 0, 0]]
    assert confusion_matrix([0, 2], [2, 2]) == [[0, 0, 1], [0, 0, 0], [0, 0, 1]]
    # text labels: sorted union of both lists
    assert confusion_matrix(['b', 'c'], ['a', 'c']) == [[0, 0, 0], [1, 0, 0], [0, 0, 1]]


def test_precision_recall():
    p, r, f, s = precision_recall(T, P)
    close(p, [0.5, 2 / 3, 1.0])
    close(r, [0.5, 1.0, 2 / 3])
    close(f, [0.5, 0.8, 0.8])
    assert s == [2, 2, 3]
    # a class never predicted and one never present: 0/0 -> 0.0
    p, r, f, s = precision_recall([0, 0, 1], [0, 0, 0], n_classes=3)
    close(p, [2 / 3, 0.0, 0.0])
    close(r, [1.0, 0.0, 0.0])
    close(f, [0.8, 0.0, 0.0])
    assert s == [2, 1, 0]


def test_classification_errors():
    raises(['y_true has 3 items but y_pred has 2'], accuracy, [0, 1, 1], [0, 1])
    raises(['y_pred item 1 is 0.7, not a class index', 'argmax'], accuracy, [0, 1], [0, 0.7])
    raises(['y_true item 0 is -1'], accuracy, [-1, 1], [0, 1])
    raises(['y_true item 1 is True'], accuracy, [0, True], [0, 1])
    raises(['y_true item 1 is nan'], accuracy, [0, float('nan')], [0, 1])
    raises(['y_true holds labels but y_pred holds class indices'], accuracy, ['a', 'b'], [0, 1])
    raises(["y_true item 1 is 1 but item 0 is text"], accuracy, ['a', 1], ['a', 'b'])
    raises(['y_true is empty'], accuracy, [], [])
    raises(['y_pred row 1, column 0 is NaN'], accuracy, [0, 1], [[1, 0], [float('nan'), 1]])
    raises(['y_pred row 1 has 3 values, expected 2'], accuracy, [0, 1], [[1, 0], [0, 1, 0]])
    raises(['y_pred item 1 is class 3, but n_classes is 3'], confusion_matrix, [0, 1], [0, 3],
           n_classes=3)
    raises(['n_classes is 3 but the labels hold 2 classes (a, b)'], confusion_matrix,
           ['a', 'b'], ['a', 'a'], n_classes=3)
    raises(['must be a list'], accuracy, None, [0])
    raises(['must be a list'], accuracy, 'abc', [0])


def test_format_confusion():
    m = [[20, 1, 2], [0, 21, 0], [3, 0, 18]]
    text = format_confusion(m, ['Kama', 'Rosa', 'Canadian'])
    lines = text.split('\n')
    assert lines[0].split()[-5:] == ['Kama', 'Rosa', 'Canadian', '|', 'recall']
    assert lines[1].split() == ['Kama', '20', '1', '2', '|', '0.870']
    assert lines[4].split() == ['precision', '0.870', '0.955', '0.900']
    assert lines[5] == 'accuracy 0.908 (59 of 65)'
    assert format_confusion([[1, 0], [0, 1]]).split('\n')[1].split()[0] == '0'
    raises(['square'], format_confusion, [[1, 2], [3]])
    raises(['class_names has 2 names for a 3x3'], format_confusion, m, ['a', 'b'])
    raises(['row 0, column 1 is -1'], format_confusion, [[1, -1], [0, 1]])


def test_classification_report():
    text = classification_report(T, P, class_names=['a', 'b', 'c'])
    lines = text.split('\n')
    assert lines[0].split() == ['precision', 'recall', 'f1-score', 'support']
    assert lines[2].split() == ['a', '0.500', '0.500', '0.500', '2']
    assert lines[4].split() == ['c', '1.000', '0.667', '0.800', '3']
    assert lines[6].split() == ['accuracy', '0.714', '7']
    assert lines[7].split() == ['macro', 'avg', '0.722', '0.722', '0.700', '7']
    text = classification_report(['x', 'y'], ['x', 'x'], digits=2)
    assert text.split('\n')[2].split() == ['x', '0.50', '1.00', '0.67', '1']


def test_regression_metrics():
    t = [3.0, -0.5, 2.0, 7.0]
    p = [2.5, 0.0, 2.0, 8.0]
    close(mse(t, p), 0.375)
    close(rmse(t, p), 0.375 ** 0.5)
    close(mae(t, p), 0.5)
    close(r2(t, p), 0.9486081370449679)
    # (n, 1) rows and flat lists mix
    close(mse([[v] for v in t], p), 0.375)
    # multi-output: uniform average over outputs
    T2 = [[0.5, 1.0], [-1.0, 1.0], [7.0, -6.0]]
    P2 = [[0.0, 2.0], [-1.0, 2.0], [8.0, -5.0]]
    close(mse(T2, P2), 0.7083333333333334)
    close(mse(T2, P2, per_output=True), [0.41666666666666669, 1.0])
    close(mae(T2, P2), 0.75)
    close(r2(T2, P2), (2 - 7.5 / 217 - 9 / 98) / 2)
    close(r2(T2, P2, per_output=True), [1 - 7.5 / 217, 1 - 9 / 98])     # by hand
    close(rmse(T2, P2, per_output=True), [0.41666666666666669 ** 0.5, 1.0])


def test_r2_constant_target():
    assert r2([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]) == 1.0
    assert r2([1.0, 1.0, 1.0], [1.0, 2.0, 1.0]) == 0.0
    close(r2([[1.0, 1.0], [2.0, 1.0]], [[1.0, 1.0], [2.0, 1.0]]), 1.0)


def test_regression_errors():
    raises(['r2 needs at least 2 samples'], r2, [1.0], [1.0])
    raises(['y_true has 2 rows but y_pred has 3'], mse, [1, 2], [1, 2, 3])
    raises(['y_true has 2 outputs per row but y_pred has 1'], mse, [[1, 2], [3, 4]], [1, 2])
    raises(['y_pred row 1, column 0 is NaN'], mae, [1, 2], [1, float('nan')])
    raises(["y_true row 0, column 0: cannot read 'a'"], mse, ['a'], [1])
    raises(['y_pred is empty'], mse, [1], [])


def test_module_exports():
    for name in metrics.__all__:
        assert hasattr(metrics, name), name


def test_evaluate_classification_and_regression():
    from bpcore.errors import DataError
    targets = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
    outputs = [[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.6, 0.4]]
    s = metrics.evaluate(targets, outputs, ['a', 'b'])
    assert s['task'] == 'classification' and s['accuracy'] == 0.75
    assert s['confusion'] == [[2, 0], [1, 1]]
    assert s['precision'] == [2 / 3, 1.0] and s['recall'] == [1.0, 0.5]
    assert abs(s["mse"] - (0.01 + 0.04 + 0.49 + 0.16) / 4) < 1e-12
    assert s['report'].splitlines()[-1].startswith("mse 0.175, mae ")
    assert 'a' in s['report'] and 'b' in s['report']
    r = metrics.evaluate([[20.0], [30.0], [40.0]], [[21.0], [29.0], [40.0]])
    assert r['task'] == 'regression' and 'accuracy' not in r
    assert abs(r['r2'] - (1 - 2.0 / 200.0)) < 1e-12 and abs(r['mae'] - 2.0 / 3) < 1e-12
    one = metrics.evaluate([[5.0]], [[4.0]])
    assert one['r2'] is None and one['report'] == 'mse 1, mae 1, r2 n/a (one sample)'
    with pytest.raises(DataError):
        metrics.evaluate([[1.0], [0.0]], [[1.0]])
