"""Training: the epoch loop, its history, early stopping, and k-fold cross-validation.

:class:`Trainer` owns one training run (network, optimiser, data, shuffling generator,
history) and can be continued: ``run(5)`` twice trains exactly like ``run(10)`` once. This is
what Grasshopper's live mode needs: a few epochs per solution, state kept between solutions.
:func:`fit` is the one-call form.

Per epoch the history records the mean training loss over the epoch's batches, the training
accuracy of those batches (classification only), the validation loss and accuracy after the
epoch (when there is validation data), and the seconds the epoch took.
"""
from __future__ import absolute_import, division, print_function

import time

from bpcore import data as _data
from bpcore import losses
from bpcore.compas_protocol import DataProtocol
from bpcore.errors import BPError, TrainingError
from bpcore.matrix import classes_of, is_class_targets
from bpcore.optim import make_optimizer
from bpcore.ranges import training_ranges
from bpcore.rng import Random

__all__ = ['History', 'Trainer', 'fit', 'cross_validate', 'is_classification']

_INF = float('inf')


class History(DataProtocol):
    """Per-epoch records of a training run (lists, one entry per epoch); a COMPAS data
    object (:mod:`bpcore.compas_protocol`)."""

    KEYS = ('loss', 'val_loss', 'accuracy', 'val_accuracy', 'seconds')

    def __init__(self):
        self.loss = []
        self.val_loss = []
        self.accuracy = []
        self.val_accuracy = []
        self.seconds = []

    @property
    def epochs(self):
        return len(self.loss)

    def to_data(self):
        return dict((k, list(getattr(self, k))) for k in self.KEYS)

    @classmethod
    def from_data(cls, data):
        if not isinstance(data, dict):
            raise BPError('history data must be a dict, got %s' % type(data).__name__)
        h = cls()
        for k in cls.KEYS:
            setattr(h, k, [float(v) for v in data.get(k, [])])
        return h

    def last(self):
        """The latest record as a dict (values None where not recorded)."""
        return dict((k, getattr(self, k)[-1] if getattr(self, k) else None) for k in self.KEYS)

    def __repr__(self):
        return 'History(%d epochs)' % self.epochs


def is_classification(loss, Y):
    """True for bce/cce, or for mse on class targets (see :func:`bpcore.matrix.is_class_targets`)."""
    return loss in ('bce', 'cce') or is_class_targets(Y)


def _count_correct(outputs, Y):
    predicted = classes_of(outputs)
    wanted = classes_of(Y)
    return sum(1 for p, w in zip(predicted, wanted) if p == w)


def _finite(v):
    return v == v and v != _INF and v != -_INF


class Trainer(object):
    """One training run that can be continued epoch by epoch.

    Parameters
    ----------
    network : Network
        Trained in place (copy it first to keep the original). Its ``input_ranges`` become
        the per-column ``[min, max]`` of ``X`` in raw units (:mod:`bpcore.ranges`).
    X, Y : list of list of float
        ``(n, n_inputs)`` scaled inputs and ``(n, n_outputs)`` targets.
    loss : str
        ``'mse'``, ``'bce'`` or ``'cce'``.
    optimizer : str or SGD or Adam
        A name for :func:`bpcore.optim.make_optimizer` (with ``lr``) or an optimiser object.
    lr : float or None
        Learning rate for a named optimiser (None: the optimiser's default).
    batch_size : int
        1 = per-sample SGD (the tutorial); ``len(X)`` or more = full batch.
    validation_data : (Xv, Yv) or None
    validation_split : float
        Fraction of ``X`` held out (seeded, stratified for classification) when no
        ``validation_data`` is given.
    shuffle : bool
        Shuffle the samples every epoch with the seeded generator.
    seed : int
        Seed for shuffling and the validation split.
    early_stopping : int or None
        Patience: stop after this many epochs without improvement of the monitored loss
        (validation loss if there is validation data, else training loss).
    restore_best : bool
        With early stopping, put back the weights of the best epoch when stopping.
    callback : callable or None
        ``callback(epoch, history)`` after each epoch; returning True stops training.
    """

    def __init__(self, network, X, Y, loss='mse', optimizer='sgd', lr=None, batch_size=1,
                 validation_data=None, validation_split=0.0, shuffle=True, seed=0,
                 early_stopping=None, restore_best=True, callback=None):
        losses.check_loss(loss, network.activations[-1])
        X = _data.check_matrix(X, 'X', network.n_inputs)
        Y = _data.check_matrix(Y, 'Y', network.n_outputs)
        if len(X) != len(Y):
            raise BPError('X has %d rows but Y has %d' % (len(X), len(Y)))
        if len(X) == 0:
            raise BPError('no training samples')
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise BPError('batch_size must be a whole number >= 1, got %r' % (batch_size,))
        if early_stopping is not None and (not isinstance(early_stopping, int)
                                           or early_stopping < 1):
            raise BPError('early_stopping (patience) must be a whole number >= 1 or None')
        self.classification = is_classification(loss, Y)
        self.rng = Random(seed)
        network.input_ranges = training_ranges(network, X)   # before any validation split
        if validation_data is not None:
            Xv = _data.check_matrix(validation_data[0], 'validation X', network.n_inputs)
            Yv = _data.check_matrix(validation_data[1], 'validation Y', network.n_outputs)
            if len(Xv) != len(Yv):
                raise BPError('validation X has %d rows but validation Y has %d'
                              % (len(Xv), len(Yv)))
            validation_data = (Xv, Yv)
        elif validation_split:
            if not 0.0 < validation_split < 1.0:
                raise BPError('validation_split must be between 0 and 1, got %r'
                              % (validation_split,))
            stratify = classes_of(Y) if self.classification else None
            X, Xv, Y, Yv = _data.train_test_split(X, Y, test_size=validation_split, seed=seed,
                                                  stratify=stratify)
            validation_data = (Xv, Yv)
        self.network = network
        self.X = X
        self.Y = Y
        self.loss = loss
        self.optimizer = make_optimizer(optimizer, lr)
        self.batch_size = batch_size
        self.validation_data = validation_data
        self.shuffle = shuffle
        self.patience = early_stopping
        self.restore_best = restore_best
        self.callback = callback
        self._classes = classes_of(Y) if self.classification else None   # target class per row
        self.history = History()
        self.epoch = 0
        self.stopped = None            # why training stopped early, or None
        self._best = (_INF, None, 0)   # (monitored loss, weights snapshot, epoch)

    @property
    def done(self):
        return self.stopped is not None

    def _snapshot(self):
        net = self.network
        return ([[list(r) for r in W] for W in net.weights], [list(b) for b in net.biases])

    def _restore(self, snapshot):
        self.network.weights = [[list(r) for r in W] for W in snapshot[0]]
        self.network.biases = [list(b) for b in snapshot[1]]

    def _train_epoch(self):
        """One pass over the training data; returns (mean loss, accuracy or None)."""
        net, opt, loss = self.network, self.optimizer, self.loss
        X, Y, n, bs = self.X, self.Y, len(self.X), self.batch_size
        order = self.rng.permutation(n) if self.shuffle else list(range(n))
        forward, backward, step = net.forward, net.backward, opt.step
        wanted = self._classes
        total = 0.0
        correct = 0
        for start in range(0, n, bs):
            idx = order[start:start + bs]
            xb = [X[i] for i in idx]
            yb = [Y[i] for i in idx]
            trace = forward(xb, False)
            grads = backward(trace, yb, loss, False)
            value = grads.loss
            if not (value == value and value != _INF):
                return value, None
            total += value * len(idx)
            if wanted is not None:
                for i, p in zip(idx, classes_of(trace.A[-1])):
                    if p == wanted[i]:
                        correct += 1
            step(net, grads)
        return total / n, (correct / n if wanted is not None else None)

    def evaluate(self, X, Y):
        """(mean loss, accuracy or None) of the network on scaled ``X`` and targets ``Y``."""
        trace = self.network.forward(X, validate=False)
        value = losses.loss_value(self.loss, trace.Z[-1], trace.A[-1], Y)
        acc = _count_correct(trace.A[-1], Y) / len(Y) if self.classification else None
        return value, acc

    def run(self, epochs):
        """Train up to ``epochs`` more epochs (fewer if stopped); returns the :class:`History`.

        Raises
        ------
        TrainingError
            When the loss becomes NaN or infinite; the network keeps the weights of the last
            epoch whose loss was finite.
        """
        if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 0:
            raise BPError('epochs must be a whole number >= 0, got %r' % (epochs,))
        h = self.history
        for _ in range(epochs):
            if self.stopped is not None:
                break
            started = time.time()
            before = self._snapshot()
            value, acc = self._train_epoch()
            if not _finite(value):
                self._restore(before)
                self.stopped = 'the loss became %s' % value
                raise TrainingError(
                    'epoch %d: the loss became %s (the weights diverged); the network keeps '
                    'the weights of epoch %d. Try a lower learning rate (now %s).'
                    % (self.epoch + 1, value, self.epoch, self.optimizer.lr))
            self.epoch += 1
            h.loss.append(value)
            if acc is not None:
                h.accuracy.append(acc)
            monitored = value
            if self.validation_data is not None:
                val_loss, val_acc = self.evaluate(*self.validation_data)
                h.val_loss.append(val_loss)
                if val_acc is not None:
                    h.val_accuracy.append(val_acc)
                monitored = val_loss
            h.seconds.append(time.time() - started)
            if self.patience is not None:
                if monitored < self._best[0]:
                    self._best = (monitored, self._snapshot(), self.epoch)
                elif self.epoch - self._best[2] >= self.patience:
                    self.stopped = 'early stopping at epoch %d (best epoch %d)' \
                        % (self.epoch, self._best[2])
                    if self.restore_best and self._best[1] is not None:
                        self._restore(self._best[1])
            if self.callback is not None and self.callback(self.epoch, h):
                self.stopped = self.stopped or 'stopped by the callback at epoch %d' % self.epoch
        self._summarise()
        return h

    def _summarise(self):
        h = self.history
        summary = {'epochs': self.epoch, 'loss': self.loss, 'optimizer': self.optimizer.name,
                   'lr': self.optimizer.lr, 'batch_size': self.batch_size,
                   'samples': len(self.X), 'seconds': sum(h.seconds)}
        for key in ('loss', 'val_loss', 'accuracy', 'val_accuracy'):
            values = getattr(h, key)
            if values:
                summary['final_' + key] = values[-1]
        if self.stopped:
            summary['stopped'] = self.stopped
        self.network.training = summary


def fit(network, X, Y, epochs=100, batch_size=1, optimizer='sgd', lr=None, loss='mse',
        validation_data=None, validation_split=0.0, shuffle=True, seed=0, early_stopping=None,
        restore_best=True, callback=None):
    """Train ``network`` in place and return its :class:`History` (see :class:`Trainer`)."""
    trainer = Trainer(network, X, Y, loss=loss, optimizer=optimizer, lr=lr,
                      batch_size=batch_size, validation_data=validation_data,
                      validation_split=validation_split, shuffle=shuffle, seed=seed,
                      early_stopping=early_stopping, restore_best=restore_best,
                      callback=callback)
    return trainer.run(epochs)


def cross_validate(make_network, X, y, k=5, seed=0, scaler='minmax', stratify=False,
                   epochs=100, on_epoch=None, **fit_options):
    """k-fold cross-validation of a classifier, the tutorial's evaluation.

    Parameters
    ----------
    make_network : callable
        ``make_network(fold)`` returns a fresh :class:`~bpcore.network.Network` for fold
        ``fold`` (0-based).
    X : list of list of float
        Raw inputs ``(n, k)``.
    y : list of int
        Class index per sample.
    k : int
        Number of folds.
    scaler : 'minmax', 'standard' or None
        Fitted on each fold's training part only, applied to both parts.
    stratify : bool
        Keep the class proportions in every fold.
    seed : int
        Seed of the fold assignment; fold ``f`` shuffles its training with ``seed + f``.
    on_epoch : callable or None
        ``on_epoch(fold, epoch, history)`` after every epoch (progress display).
    epochs, **fit_options
        Passed to :func:`fit` (``loss``, ``lr``, ``batch_size``, ``optimizer``...).

    Returns
    -------
    dict
        ``scores`` (accuracy per fold), ``mean``, ``confusion`` (summed confusion matrix over
        the folds, rows true, columns predicted) and ``networks`` (the trained networks).
    """
    from bpcore import metrics
    X = _data.check_matrix(X, 'X')
    if len(y) != len(X):
        raise BPError('X has %d rows but y has %d labels' % (len(X), len(y)))
    n_classes = max(y) + 1
    folds = _data.kfold_indices(len(X), k, seed=seed, stratify=y if stratify else None)
    scores = []
    networks = []
    confusion = [[0] * n_classes for _ in range(n_classes)]
    for fold, (train_idx, test_idx) in enumerate(folds):
        Xtr = [X[i] for i in train_idx]
        Xte = [X[i] for i in test_idx]
        net = make_network(fold)
        if scaler:
            s = _data.MinMaxScaler() if scaler == 'minmax' else _data.StandardScaler()
            s.fit(Xtr)
            net.scaler = s
            Xtr = s.transform(Xtr)
        Ytr = _targets([y[i] for i in train_idx], n_classes, net.n_outputs)
        callback = None
        if on_epoch is not None:
            callback = _fold_callback(on_epoch, fold)
        fit(net, Xtr, Ytr, epochs=epochs, seed=seed + fold, callback=callback, **fit_options)
        predicted = net.predict_classes(Xte)
        truth = [y[i] for i in test_idx]
        scores.append(metrics.accuracy(truth, predicted))
        cm = metrics.confusion_matrix(truth, predicted, n_classes)
        for r in range(n_classes):
            for c in range(n_classes):
                confusion[r][c] += cm[r][c]
        networks.append(net)
    return {'scores': scores, 'mean': sum(scores) / len(scores), 'confusion': confusion,
            'networks': networks}


def _fold_callback(on_epoch, fold):
    def callback(epoch, history):
        on_epoch(fold, epoch, history)
    return callback


def _targets(indices, n_classes, n_outputs):
    if n_outputs == 1:
        return [[float(i)] for i in indices]
    return _data.one_hot(indices, n_classes)
