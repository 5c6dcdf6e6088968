"""``bpcore train`` and ``bpcore cv``: a network from command-line options, trained on a CSV.

Sizes: ``--layers 7,5,3`` lists every layer, inputs first; it must start with the number of
feature columns and end with the number of classes (or 1: one sigmoid output for two classes,
or one value for ``--regression``). Without ``--layers``: one hidden layer of 8.

Defaults follow the output: hidden layers ``sigmoid``; the output ``softmax`` with loss
``cce`` for several classes, ``sigmoid`` with ``bce`` for one class output, ``linear`` with
``mse`` for regression. ``--activations`` and ``--loss`` override them.

Ctrl-C during ``train`` stops after saving the best weights so far (lowest validation loss,
or training loss without validation data) to ``--out``; the model's training summary says so.
"""
from __future__ import absolute_import, division, print_function

import argparse
import sys
import time

from bpcore import data, metrics
from bpcore.backends import BACKENDS
from bpcore.errors import BPError, DataError
from bpcore.model_io import save
from bpcore.network import Network
from bpcore.train import Trainer, cross_validate

from bpcore.cli.progress import Progress, format_seconds
from bpcore.cli.tables import read_csv

__all__ = ['add_train_arguments', 'add_cv_arguments', 'run_train', 'run_cv', 'build_network']


def _int_list(text):
    out = []
    for i, item in enumerate(text.replace(' ', '').split(',')):
        try:
            out.append(int(item))
        except ValueError:
            raise argparse.ArgumentTypeError("item %d of '%s' is not a whole number: '%s'"
                                             % (i, text, item))
    return out


def _names(text):
    return [s for s in text.replace(' ', '').split(',') if s]


def _fraction(text):
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: '%s'" % text)
    if not 0.0 <= v < 1.0:
        raise argparse.ArgumentTypeError('must be at least 0 and below 1, got %s' % text)
    return v


def _positive(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a whole number: '%s'" % text)
    if v < 1:
        raise argparse.ArgumentTypeError('must be 1 or more, got %s' % text)
    return v


def _common(p):
    p.add_argument('data', metavar='DATA.csv', help='table of numbers with one label column')
    p.add_argument('--label', default=None, metavar='COLUMN',
                   help='label column: a header name or an index (default: the last column)')
    p.add_argument('--regression', action='store_true',
                   help='the label is a number to predict, not a class')
    p.add_argument('--layers', type=_int_list, default=None, metavar='7,5,3',
                   help='neurons per layer, inputs first (default: FEATURES,8,OUTPUTS)')
    p.add_argument('--activations', type=_names, default=None, metavar='sigmoid,softmax',
                   help='one name for every layer or one per weight layer (sigmoid, tanh, '
                        'relu, leaky_relu, linear, softmax)')
    p.add_argument('--loss', choices=['mse', 'bce', 'cce'], default=None,
                   help='default: cce for softmax, bce for one sigmoid output, else mse')
    p.add_argument('--optimizer', choices=['sgd', 'momentum', 'nesterov', 'adam'],
                   default='adam', help='default: adam')
    p.add_argument('--lr', type=float, default=0.01, help='learning rate (default 0.01)')
    p.add_argument('--epochs', type=_positive, default=200, help='default 200')
    p.add_argument('--batch-size', type=_positive, default=8, help='default 8 (1: per-sample)')
    p.add_argument('--init', choices=['uniform', 'xavier', 'he', 'normal'], default='xavier')
    p.add_argument('--scale', choices=['minmax', 'standard', 'none'], default='minmax',
                   help='input scaler, fitted on the training rows and saved with the model')
    p.add_argument('--seed', type=int, default=0, help='weights, shuffling and splits')
    p.add_argument('--backend', default='auto', choices=list(BACKENDS),
                   help='who runs the epochs: auto (default), pure, compiled or numpy '
                        '(bpcore.backends; the same results)')


def add_train_arguments(p):
    _common(p)
    p.add_argument('--val-split', type=_fraction, default=0.0, metavar='FRACTION',
                   help='fraction of the rows held out for validation (default 0)')
    p.add_argument('--early-stopping', type=_positive, default=None, metavar='PATIENCE',
                   help='stop after this many epochs without a better (validation) loss and '
                        'keep the best weights')
    p.add_argument('--out', default='model.json', metavar='MODEL.json',
                   help='where to save the model (default model.json)')


def add_cv_arguments(p):
    _common(p)
    p.add_argument('--folds', type=_positive, default=5, help='number of folds (default 5)')
    p.add_argument('--stratify', action='store_true', help='keep class proportions per fold')


def _task(args):
    return 'regression' if args.regression else 'classification'


def build_network(args, ds, fold=0):
    """The :class:`Network` the options describe for dataset ``ds`` (shape checked)."""
    k = ds.n_features
    if args.regression:
        out_default, outputs = 1, (1,)
        what = 'a regression target'
    else:
        if ds.n_classes < 2:
            raise DataError("'%s': the label column has one class only (%s); a classifier "
                            "needs two or more" % (args.data, ds.class_names[0]))
        out_default = ds.n_classes
        outputs = (ds.n_classes, 1) if ds.n_classes == 2 else (ds.n_classes,)
        what = '%d classes' % ds.n_classes
    sizes = args.layers or [k, 8, out_default]
    if sizes[0] != k:
        raise BPError('--layers starts with %d, but %s has %d feature columns (%s)'
                      % (sizes[0], args.data, k, ', '.join(ds.feature_names)))
    if sizes[-1] not in outputs:
        raise BPError('--layers ends with %d, but %s has %s: end with %s'
                      % (sizes[-1], args.data, what, ' or '.join(str(o) for o in outputs)))
    n_layers = len(sizes) - 1
    acts = args.activations
    if acts is None:
        if args.regression:
            last = 'linear'
        elif sizes[-1] == 1:
            last = 'sigmoid'
        else:
            last = 'softmax' if args.loss in (None, 'cce') else 'sigmoid'
        acts = ['sigmoid'] * (n_layers - 1) + [last]
    elif len(acts) == 1:
        acts = acts * n_layers
    net = Network(sizes, acts, init=args.init, seed=args.seed + fold)
    net.feature_names = list(ds.feature_names)
    if not args.regression:
        net.class_names = list(ds.class_names)
    return net


def _loss(args, net):
    if args.loss:
        return args.loss
    last = net.activations[-1]
    if last == 'softmax':
        return 'cce'
    if last == 'sigmoid' and net.n_outputs == 1 and not args.regression:
        return 'bce'
    return 'mse'


def _targets(ds, net):
    if ds.y is not None and net.n_outputs == 1:
        return [[float(i)] for i in ds.y]
    return ds.Y


def _backend_options(args):
    """``{'backend': name}`` for the Trainer (:mod:`bpcore.backends`)."""
    return {'backend': args.backend}


def _read(args):
    return read_csv(args.data, label=args.label if args.label is not None else -1,
                         task=_task(args))


def _snapshot(net):
    return [[list(r) for r in W] for W in net.weights], [list(b) for b in net.biases]


def run_train(args, stdout=None):
    out = stdout or sys.stdout
    ds = _read(args)
    net = build_network(args, ds)
    loss = _loss(args, net)
    X = ds.X
    scaler = data.make_scaler(args.scale)
    if scaler is not None:
        net.scaler = scaler.fit(X)
        X = net.scaler.transform(X)
    progress = Progress(args.epochs, out)
    best = {'loss': float('inf'), 'weights': None, 'epoch': 0}

    def callback(epoch, history):
        monitored = history.val_loss[-1] if history.val_loss else history.loss[-1]
        if monitored < best['loss']:
            best.update(loss=monitored, weights=_snapshot(net), epoch=epoch)
        progress.update(epoch, history)

    trainer = Trainer(net, X, _targets(ds, net), loss=loss, optimizer=args.optimizer,
                      lr=args.lr, batch_size=args.batch_size, validation_split=args.val_split,
                      seed=args.seed, early_stopping=args.early_stopping, callback=callback,
                      **_backend_options(args))
    out.write('training %s on %d rows (%d for validation), loss %s, %s lr %g, batches of %d, '
              '%d epochs\n' % (net, len(trainer.X), len(trainer.validation_data[0])
                               if trainer.validation_data else 0, loss, args.optimizer,
                               args.lr, args.batch_size, args.epochs))
    out.flush()
    interrupted = False
    try:
        trainer.run(args.epochs)
    except KeyboardInterrupt:
        interrupted = True
    progress.close()
    if interrupted:
        if best['weights'] is None:
            raise BPError('interrupted before the first epoch ended; nothing saved')
        net.weights, net.biases = best['weights']
        trainer._summarise()
        h = trainer.history
        for key in ('loss', 'val_loss', 'accuracy', 'val_accuracy'):   # the saved epoch's
            values = getattr(h, key)
            if len(values) >= best['epoch']:
                net.training['final_' + key] = values[best['epoch'] - 1]
        net.training['stopped'] = ('interrupted at epoch %d; saved the best weights (epoch %d)'
                                   % (trainer.epoch + 1, best['epoch']))
    net.training['history'] = trainer.history.to_data()
    path = save(net, args.out)
    t = net.training
    if t.get('stopped'):
        out.write('%s\n' % t['stopped'])
    facts = ['loss %.4f' % t['final_loss']]
    for key, name in (('final_val_loss', 'val loss'), ('final_accuracy', 'accuracy'),
                      ('final_val_accuracy', 'val accuracy')):
        if key in t:
            facts.append('%s %.4f' % (name, t[key]))
    out.write('after %d epochs (%s): %s%s\nmodel saved to %s\n'
              % (t['epochs'], format_seconds(t['seconds']), ', '.join(facts),
                 ' at epoch %d' % best['epoch'] if interrupted else '', path))
    return 0


def run_cv(args, stdout=None):
    out = stdout or sys.stdout
    if args.regression:
        raise BPError('cv scores classifiers (accuracy per fold); --regression is not '
                      'supported here')
    ds = _read(args)
    net0 = build_network(args, ds)
    loss = _loss(args, net0)
    if args.folds < 2 or args.folds > len(ds.X):
        raise BPError('--folds must be between 2 and the number of rows (%d), got %d'
                      % (len(ds.X), args.folds))
    out.write('%d-fold cross-validation of %s on %d rows, loss %s, %s lr %g, batches of %d, '
              '%d epochs\n' % (args.folds, net0, len(ds.X), loss, args.optimizer, args.lr,
                               args.batch_size, args.epochs))
    progress = {}
    started = time.time()

    def on_epoch(fold, epoch, history):
        if fold not in progress:
            progress[fold] = Progress(args.epochs, out, prefix='fold %d/%d  '
                                      % (fold + 1, args.folds), lines=2)
        progress[fold].update(epoch, history)
        if epoch == args.epochs:
            progress[fold].close()

    result = cross_validate(lambda fold: build_network(args, ds, fold), ds.X, ds.y,
                            k=args.folds, seed=args.seed, stratify=args.stratify,
                            scaler=None if args.scale == 'none' else args.scale,
                            epochs=args.epochs, on_epoch=on_epoch, loss=loss,
                            optimizer=args.optimizer, lr=args.lr, batch_size=args.batch_size,
                            **_backend_options(args))
    out.write('fold accuracy: %s\n' % ', '.join('%.1f%%' % (100 * s) for s in result['scores']))
    out.write('mean accuracy: %.1f%%   (%s)\n' % (100 * result['mean'],
                                                 format_seconds(time.time() - started)))
    out.write('confusion matrix over all folds (rows: true, columns: predicted):\n')
    out.write(metrics.format_confusion(result['confusion'], ds.class_names) + '\n')
    return 0
