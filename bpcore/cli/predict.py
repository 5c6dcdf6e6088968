"""``bpcore predict`` and ``bpcore evaluate``: a saved model applied to the rows of a CSV.

Feature columns are matched to the model's inputs by name when the file has a header and the
model was trained on named columns, else by position (see :mod:`bpcore.cli.tables`).
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore import metrics
from bpcore.errors import DataError
from bpcore.model_io import load

from bpcore.cli.tables import read_for_model, write_csv

__all__ = ['add_predict_arguments', 'add_evaluate_arguments', 'run_predict', 'run_evaluate',
           'probabilities']


def add_predict_arguments(p):
    p.add_argument('model', metavar='MODEL.json')
    p.add_argument('data', metavar='DATA.csv', help='rows to predict (a label column, if '
                   'present, is ignored)')
    p.add_argument('--out', default=None, metavar='PREDICTIONS.csv',
                   help='write the CSV here (default: print it)')
    p.add_argument('--proba', action='store_true',
                   help='add one probability column per class')
    p.add_argument('--label', default=None, metavar='COLUMN',
                   help='the label column to leave out (default: detected)')


def add_evaluate_arguments(p):
    p.add_argument('model', metavar='MODEL.json')
    p.add_argument('data', metavar='DATA.csv', help='rows with their true labels')
    p.add_argument('--label', default=None, metavar='COLUMN',
                   help='label column: a header name or an index (default: detected)')


def is_classifier(net):
    return bool(net.class_names)


def probabilities(net, outputs):
    """Per-class probabilities ``(n, n_classes)`` from the outputs of a classifier: the
    outputs themselves, or ``[1 - p, p]`` for one sigmoid output."""
    if net.n_outputs == 1:
        return [[1.0 - row[0], row[0]] for row in outputs]
    return outputs


def run_predict(args, stdout=None):
    out = stdout or sys.stdout
    net = load(args.model)
    X, _ = read_for_model(args.data, net, label=args.label)
    outputs = net.predict(X)
    if is_classifier(net):
        labels = net.predict_labels(X)
        header = ['label']
        rows = [[lab] for lab in labels]
        if args.proba:
            header += ['p_%s' % c for c in net.class_names]
            rows = [r + list(p) for r, p in zip(rows, probabilities(net, outputs))]
    else:
        header = ['prediction'] if net.n_outputs == 1 else \
            ['prediction_%d' % j for j in range(net.n_outputs)]
        rows = [list(r) for r in outputs]
    path = write_csv(rows, header, args.out, out)
    if path:
        out.write('%d predictions written to %s\n' % (len(rows), path))
    return 0


def run_evaluate(args, stdout=None):
    out = stdout or sys.stdout
    net = load(args.model)
    if not is_classifier(net):
        X, ds = read_for_model(args.data, net, label=args.label, need_labels=True,
                               task='regression')
        predicted = net.predict(X)
        truth = ds.Y
        out.write('%d rows of %s\n' % (len(X), args.data))
        for name, f in (('mse', metrics.mse), ('rmse', metrics.rmse), ('mae', metrics.mae),
                        ('r2', metrics.r2)):
            out.write('%-5s %.6g\n' % (name, f(truth, predicted)))
        return 0
    X, ds = read_for_model(args.data, net, label=args.label, need_labels=True)
    names = net.class_names
    index = dict((c, i) for i, c in enumerate(names))
    truth = []
    for row, i in enumerate(ds.y):
        text = ds.class_names[i]
        if text not in index:
            raise DataError("'%s' row %d: label '%s' is not a class of the model (%s)"
                            % (args.data, row, text, ', '.join(names)))
        truth.append(index[text])
    predicted = net.predict_classes(X)
    n = len(names)
    cm = metrics.confusion_matrix(truth, predicted, n)
    out.write('%d rows of %s: accuracy %.4f\n\n' % (len(X), args.data,
                                                    metrics.accuracy(truth, predicted)))
    out.write(metrics.classification_report(truth, predicted, names) + '\n\n')
    out.write('confusion matrix (rows: true, columns: predicted):\n')
    out.write(metrics.format_confusion(cm, names) + '\n')
    return 0
