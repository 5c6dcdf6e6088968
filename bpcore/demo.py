"""``python -m bpcore demo``: the from-scratch backprop tutorial, reproduced.

(``python -m bpcore demo mnist`` runs :mod:`bpcore.demo_mnist` instead: handwritten digits.)

The UCI wheat-seeds table (210 kernels, 7 measurements, 3 varieties), min-max scaled, a
7-5-3 sigmoid network with the tutorial's uniform [0, 1) initial weights, per-sample SGD on
the squared error with learning rate 0.3 for 500 epochs, evaluated by 5-fold
cross-validation. The tutorial reported a mean accuracy of 93.3% (folds 90.5-97.6%).

The demo prints progress on one updating line, the per-fold and mean accuracy and the summed
confusion matrix, then trains one network on all rows and saves it as model JSON.
"""
from __future__ import absolute_import, division, print_function

import os
import sys
import time

from bpcore import data, metrics
from bpcore.demo_options import read_options
from bpcore.model_io import save
from bpcore.network import Network
from bpcore.train import cross_validate, fit

__all__ = ['main', 'default_data_path']


def default_data_path():
    """``examples/wheat-seeds.csv`` beside the ``bpcore`` package (a clone of the repo)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(os.path.dirname(here), 'examples', 'wheat-seeds.csv')


def _options(argv):
    return read_options(argv, {'data': default_data_path(), 'epochs': 500,
                               'out': 'wheat-seeds-model.json', 'folds': 5, 'seed': 1},
                        ('epochs', 'folds', 'seed'), 'demo')


def main(argv=()):
    argv = list(argv)
    if argv and argv[0] == 'mnist':          # python -m bpcore demo mnist [options]
        from bpcore import demo_mnist
        return demo_mnist.main(argv[1:])
    opts = _options(argv)
    if not os.path.isfile(opts['data']):
        print('demo: data file not found: %s (pass --data PATH)' % opts['data'])
        return 2
    ds = data.read_csv(opts['data'])
    print('wheat seeds: %d rows, %d features, classes %s'
          % (len(ds.X), len(ds.X[0]), ', '.join(ds.class_names)))
    print('network 7-5-3 sigmoid, uniform init, per-sample SGD, lr 0.3, %d epochs, '
          '%d-fold cross-validation' % (opts['epochs'], opts['folds']))
    sizes = [len(ds.X[0]), 5, ds.n_classes]
    seed = opts['seed']
    started = time.time()

    live = hasattr(sys.stdout, 'isatty') and sys.stdout.isatty()

    def progress(fold, epoch, history):
        # one updating line on a terminal; one line per fold in a log
        if (live and epoch % 10 == 0) or epoch == opts['epochs']:
            sys.stdout.write('%s  fold %d/%d  epoch %3d/%d  loss %.4f  accuracy %.3f   %s'
                             % ('\r' if live else '', fold + 1, opts['folds'], epoch,
                                opts['epochs'], history.loss[-1], history.accuracy[-1],
                                '' if live else '\n'))
            sys.stdout.flush()

    result = cross_validate(lambda fold: Network(sizes, 'sigmoid', init='uniform',
                                                 seed=seed + fold),
                            ds.X, ds.y, k=opts['folds'], seed=seed, scaler='minmax',
                            epochs=opts['epochs'], lr=0.3, batch_size=1, loss='mse',
                            on_epoch=progress)
    if live:
        sys.stdout.write('\r' + ' ' * 70 + '\r')
    print('fold accuracy: %s' % ', '.join('%.1f%%' % (100 * s) for s in result['scores']))
    print('mean accuracy: %.1f%%  (tutorial: 93.3%%)   %.1f s'
          % (100 * result['mean'], time.time() - started))
    print('confusion matrix over all folds (rows: true, columns: predicted):')
    print(metrics.format_confusion(result['confusion'], ds.class_names))

    net = Network(sizes, 'sigmoid', init='uniform', seed=seed)
    net.scaler = data.MinMaxScaler().fit(ds.X)
    net.class_names = ds.class_names
    net.feature_names = ds.feature_names
    fit(net, net.scaler.transform(ds.X), ds.Y, epochs=opts['epochs'], lr=0.3, batch_size=1,
        seed=seed)
    path = save(net, opts['out'])
    print('trained on all %d rows: training accuracy %.1f%%; model saved to %s'
          % (len(ds.X), 100 * net.training.get('final_accuracy', 0.0), path))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
