"""Training: the epoch loop, its history, early stopping, and k-fold cross-validation.

:class:`Trainer` owns one training run (network, optimiser, data, shuffling generator,
history) and can be continued: ``run(5)`` twice trains exactly like ``run(10)`` once, and
:meth:`Trainer.run_for` / :meth:`Trainer.step` continue it by time or by batches, also in the
middle of an epoch, with the same result. This is what Grasshopper's live mode needs: a time
budget per solution, state kept between solutions. :func:`fit` is the one-call form.

Per epoch the history records the mean training loss over the epoch's batches, the training
accuracy of those batches (classification only), the validation loss and accuracy after the
epoch (when there is validation data), and the seconds the epoch took.
"""
from __future__ import absolute_import, division, print_function

import time

from bpcore import backends
from bpcore import data as _data
from bpcore import losses
from bpcore.activations import OUTPUT_RANGES
from bpcore.compas_protocol import DataProtocol
from bpcore.errors import BPError, TrainingError, quote
from bpcore.matrix import check_bool, check_int, check_number, classes_of, is_class_targets
from bpcore.network import Network
from bpcore.optim import make_optimizer
from bpcore.ranges import training_ranges
from bpcore.rng import Random, check_seed

__all__ = ['History', 'Trainer', 'fit', 'cross_validate', 'is_classification',
           'target_range_problem']

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


def target_range_problem(network, Y):
    """A sentence when targets ``Y`` (what the output layer is trained on) fall outside what
    the network's output activation can produce, else None.

    E.g. targets 20..500 for a sigmoid output (0..1): the loss can never get small.
    """
    name = network.activations[-1]
    low, high = OUTPUT_RANGES.get(name, (None, None))
    values = [v for row in Y for v in row]
    if not values:
        return None
    lo, hi = min(values), max(values)
    if (low is None or lo >= low) and (high is None or hi <= high):
        return None
    return ('the targets run from %.6g to %.6g but a %s output layer gives only %s to %s: '
            'the network cannot reach them. For regression use a linear output and scale the '
            'targets (BP Initialize with targets connected does both)'
            % (lo, hi, name, '-inf' if low is None else '%g' % low,
               'inf' if high is None else '%g' % high))


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
    backend : str
        Which engine runs whole epochs (:mod:`bpcore.backends`): ``'auto'`` (default: numpy
        for big batches when it is installed, a compiled kernel for small networks, else
        pure), ``'pure'``, ``'compiled'`` or ``'numpy'``. Every backend gives the same
        results (compiled: the same bits; numpy: within 1e-10 relative); the one that ran
        is recorded in ``network.training['backend']``. Part-way epochs (:meth:`run_for`,
        :meth:`step`) always run on the pure path.
    """

    def __init__(self, network, X, Y, loss='mse', optimizer='sgd', lr=None, batch_size=1,
                 validation_data=None, validation_split=0.0, shuffle=True, seed=0,
                 early_stopping=None, restore_best=True, callback=None, backend='auto'):
        if not isinstance(network, Network):
            raise BPError('network must be a bpcore Network, got %s' % type(network).__name__)
        losses.check_loss(loss, network.activations[-1])
        backend = backends.check_backend(backend)
        X = _data.check_matrix(X, 'X', network.n_inputs)
        Y = _data.check_matrix(Y, 'Y', network.n_outputs)
        if len(X) != len(Y):
            raise BPError('X has %d rows but Y has %d' % (len(X), len(Y)))
        batch_size = check_int(batch_size, 'batch_size', minimum=1)
        early_stopping = check_int(early_stopping, 'early_stopping (patience)', minimum=1,
                                   allow_none=True)
        validation_split = check_number(validation_split, 'validation_split')
        if not 0.0 <= validation_split < 1.0:
            raise BPError('validation_split must be between 0 and 1, got %s'
                          % quote(validation_split))
        shuffle = check_bool(shuffle, 'shuffle')
        restore_best = check_bool(restore_best, 'restore_best')
        seed = check_seed(seed)
        if callback is not None and not callable(callback):
            raise BPError('callback must be a function or None, got %s' % quote(callback))
        if validation_data is not None and (not isinstance(validation_data, (list, tuple))
                                            or len(validation_data) != 2):
            raise BPError('validation_data must be a pair (X, Y) or None, got %s'
                          % quote(validation_data))
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
        self._open = None              # the part-way epoch of run_for (order, position, sums)
        self._batch_seconds = None     # measured seconds per batch (run_for's estimate)
        self._val_seconds = 0.0        # measured seconds of one validation pass
        self._epoch_seconds = None     # measured seconds of a backend's whole epoch
        self.backend = backend
        self.backend_cache = {}        # a backend's converted data, kept between calls
        self.backend_used = backends.select(backend, network, batch_size, len(X))
        backends.prepare(self.backend_used, self)     # numpy: the data as arrays, once

    @property
    def done(self):
        return self.stopped is not None

    def _snapshot(self):
        net = self.network
        return ([[list(r) for r in W] for W in net.weights], [list(b) for b in net.biases])

    def _restore(self, snapshot):
        self.network.weights = [[list(r) for r in W] for W in snapshot[0]]
        self.network.biases = [list(b) for b in snapshot[1]]

    def next_order(self):
        """The sample order of a new epoch (draws from the seeded generator when shuffling)."""
        n = len(self.X)
        return self.rng.permutation(n) if self.shuffle else list(range(n))

    def _train_batches(self, order, start, stop, total=0.0, correct=0):
        """Train the batches of ``order[start:stop]`` (``start`` on a batch boundary).

        ``total`` and ``correct`` carry the running sums of a part-way epoch, so an epoch
        trained in slices adds up exactly like one trained in one call. Returns ``(loss
        total, correct, bad)``: the loss summed over the samples (each batch's mean loss
        times its size), the correctly classified samples, and the first non-finite batch
        loss (None when every loss was finite; training stops at that batch).
        """
        net, opt, loss = self.network, self.optimizer, self.loss
        X, Y, bs = self.X, self.Y, self.batch_size
        forward, backward, step = net.forward, net.backward, opt.step
        wanted = self._classes
        for begin in range(start, stop, bs):
            idx = order[begin:min(begin + bs, stop)]
            xb = [X[i] for i in idx]
            yb = [Y[i] for i in idx]
            trace = forward(xb, False)
            grads = backward(trace, yb, loss, False)
            value = grads.loss
            if not (value == value and value != _INF):
                return total, correct, value
            total += value * len(idx)
            if wanted is not None:
                for i, p in zip(idx, classes_of(trace.A[-1])):
                    if p == wanted[i]:
                        correct += 1
            step(net, grads)
        return total, correct, None

    def _train_epoch(self):
        """One pass over the training data; returns (mean loss, accuracy or None)."""
        n = len(self.X)
        total, correct, bad = self._train_batches(self.next_order(), 0, n)
        if bad is not None:
            return bad, None
        return total / n, (correct / n if self._classes is not None else None)

    def evaluate(self, X, Y):
        """(mean loss, accuracy or None) of the network on scaled ``X`` and targets ``Y``."""
        trace = self.network.forward(X, validate=False)
        value = losses.loss_value(self.loss, trace.Z[-1], trace.A[-1], Y)
        acc = _count_correct(trace.A[-1], Y) / len(Y) if self.classification else None
        return value, acc

    def run(self, epochs):
        """Train up to ``epochs`` more epochs (fewer if stopped); returns the :class:`History`.

        An epoch left part-way by :meth:`run_for` is finished first and counts as one.

        Raises
        ------
        TrainingError
            When the loss becomes NaN or infinite; the network keeps the weights of the last
            epoch whose loss was finite.
        """
        epochs = check_int(epochs, 'epochs', minimum=0)
        self._run_epochs(epochs, time.time)
        self._summarise()
        return self.history

    def _run_epochs(self, epochs, clock):
        kind = self.backend_used = backends.select(self.backend, self.network,
                                                   self.batch_size, len(self.X))
        # Validation, early stopping and callbacks look at the weights after every epoch;
        # without them a compiled or numpy backend runs all the epochs in one call.
        each = self.validation_data is not None or self.patience is not None \
            or self.callback is not None
        remaining = epochs
        while remaining > 0 and self.stopped is None:
            if self._open is not None:
                self._train_slice(self.n_batches, clock)
                remaining -= 1
            elif kind == 'pure':
                started = clock()
                before = self._snapshot()
                value, acc = self._train_epoch()
                seconds = clock() - started
                if _finite(value):
                    self._batch_seconds = seconds / self.n_batches
                self._end_epoch(value, acc, before, seconds)
                remaining -= 1
            else:
                chunk = 1 if each else remaining
                remaining -= chunk
                started = clock()
                results = backends.train_epochs(kind, self, chunk)
                seconds = (clock() - started) / len(results)
                for value, acc in results:
                    # a backend never writes back an epoch whose loss is not finite: the
                    # network holds the last finished epoch, which _end_epoch keeps
                    finite = _finite(value)
                    if finite:
                        self._epoch_seconds = seconds
                    self._end_epoch(value, acc, None if finite else self._snapshot(), seconds)

    # -- training by time: whole epochs when they fit, else slices of batches -------------
    @property
    def n_batches(self):
        """Batches per epoch."""
        return (len(self.X) + self.batch_size - 1) // self.batch_size

    @property
    def progress(self):
        """Epochs trained, with the fraction of a part-way epoch (e.g. 12.25)."""
        if self._open is None:
            return float(self.epoch)
        return self.epoch + self._open['pos'] / float(len(self.X))

    def run_for(self, seconds, epochs=None, clock=time.time):
        """Train for about ``seconds`` (wall clock), stopping at ``epochs`` epochs in total.

        Whole epochs go through the same code as :meth:`run` while one fits in the time that
        is left (estimated from the measured time per batch); otherwise a slice of batches is
        trained and the epoch is continued by the next call. The result does not depend on
        how the time was cut: any sequence of ``run_for`` and ``run`` calls gives the same
        weights and history as ``run`` with the same number of epochs. The first call
        measures one batch before deciding. Returns the number of batches trained.

        Raises :class:`TrainingError` like :meth:`run`.
        """
        deadline = clock() + seconds
        trained = 0
        while self.stopped is None and (epochs is None or self.epoch < epochs):
            left = deadline - clock()
            if left <= 0.0 and trained:
                break
            per_batch = self._batch_seconds
            if per_batch is not None:
                per_batch = max(per_batch, 1e-7)        # a coarse clock may measure 0
            if per_batch is None:
                k = 1                                   # measure first
            elif self._open is None and self._whole_epoch_seconds(per_batch) <= left:
                self._run_epochs(1, clock)
                trained += self.n_batches
                continue
            else:
                # half of what seems to fit, then measure again: a machine that slows down
                # (other programs, a cooler CPU clock) overshoots by little
                k = int(0.5 * left / per_batch) if left > 0.0 else 0
                if k < 1 and left > per_batch:
                    k = 1
                if k < 1:
                    if trained:
                        break
                    k = 1                               # always make some progress
            k = min(k, self.n_batches - (self._open['pos'] // self.batch_size
                                         if self._open is not None else 0))
            trained += self._train_slice(k, clock)
        self._summarise()
        return trained

    def _whole_epoch_seconds(self, per_batch):
        """The expected seconds of one whole epoch and its validation: measured on the
        backend when it ran one, else from the (pure) time per batch."""
        if self._epoch_seconds is not None and self.backend_used != 'pure':
            return self._epoch_seconds + self._val_seconds
        return per_batch * self.n_batches + self._val_seconds

    def step(self, batches=1):
        """Train the next ``batches`` batches (at most to the end of the current epoch; an
        epoch is opened when none is part-way). Returns the batches trained (0 once stopped).

        Any mix of ``step``, :meth:`run_for` and :meth:`run` gives the same weights and
        history as :meth:`run` over the same epochs. Raises :class:`TrainingError` like
        :meth:`run`.
        """
        if not isinstance(batches, int) or isinstance(batches, bool) or batches < 1:
            raise BPError('batches must be a whole number >= 1, got %r' % (batches,))
        if self.stopped is not None:
            return 0
        done = self._train_slice(batches)
        self._summarise()
        return done

    def _train_slice(self, k, clock=time.time):
        """Train the next ``k`` batches of the current epoch (opening one if needed) and
        close the epoch when its last batch is done. Returns the batches trained."""
        started = clock()
        n = len(self.X)
        if self._open is None:
            self._open = {'order': self.next_order(), 'pos': 0, 'total': 0.0,
                          'correct': 0, 'before': self._snapshot(), 'seconds': 0.0}
        ep = self._open
        stop = min(n, ep['pos'] + k * self.batch_size)
        total, correct, bad = self._train_batches(ep['order'], ep['pos'], stop,
                                                  ep['total'], ep['correct'])
        done = (stop - ep['pos'] + self.batch_size - 1) // self.batch_size
        ep['pos'], ep['total'], ep['correct'] = stop, total, correct
        spent = clock() - started
        ep['seconds'] += spent
        if done:
            # lean to the slower of the new and the running estimate (a one-batch slice is
            # noisy, and finishing late is worse than finishing early)
            new = spent / done
            old = self._batch_seconds
            self._batch_seconds = new if old is None else max(new, 0.7 * old + 0.3 * new)
        if bad is not None:
            self._open = None
            self._end_epoch(bad, None, ep['before'], ep['seconds'])
        elif stop >= n:
            self._open = None
            acc = correct / n if self._classes is not None else None
            self._end_epoch(total / n, acc, ep['before'], ep['seconds'])
        return done

    def _end_epoch(self, value, acc, before, seconds):
        """Record a finished epoch: history, validation, early stopping, callback."""
        h = self.history
        if not _finite(value):
            self._restore(before)
            self.stopped = 'the loss became %s' % value
            self._summarise()
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
            started = time.time()
            val_loss, val_acc = self.evaluate(*self.validation_data)
            self._val_seconds = time.time() - started
            seconds += self._val_seconds
            h.val_loss.append(val_loss)
            if val_acc is not None:
                h.val_accuracy.append(val_acc)
            monitored = val_loss
        h.seconds.append(seconds)
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

    def epoch_network(self):
        """A copy of the network as it was after the last whole epoch (the network itself
        between epochs; :meth:`run_for` may have left an epoch part-way)."""
        net = self.network.copy()
        if self._open is not None:
            before = self._open['before']
            net.weights = [[list(r) for r in W] for W in before[0]]
            net.biases = [list(b) for b in before[1]]
        return net

    @property
    def best_epoch(self):
        """The epoch with the lowest monitored loss so far (early stopping only; else None)."""
        return self._best[2] if self._best[1] is not None else None

    def _summarise(self):
        h = self.history
        summary = {'epochs': self.epoch, 'loss': self.loss, 'optimizer': self.optimizer.name,
                   'lr': self.optimizer.lr, 'batch_size': self.batch_size,
                   'samples': len(self.X), 'seconds': sum(h.seconds),
                   'backend': self.backend_used}
        for key in ('loss', 'val_loss', 'accuracy', 'val_accuracy'):
            values = getattr(h, key)
            if values:
                summary['final_' + key] = values[-1]
        if self.stopped:
            summary['stopped'] = self.stopped
        self.network.training = summary


def fit(network, X, Y, epochs=100, batch_size=1, optimizer='sgd', lr=None, loss='mse',
        validation_data=None, validation_split=0.0, shuffle=True, seed=0, early_stopping=None,
        restore_best=True, callback=None, backend='auto'):
    """Train ``network`` in place and return its :class:`History` (see :class:`Trainer`)."""
    trainer = Trainer(network, X, Y, loss=loss, optimizer=optimizer, lr=lr,
                      batch_size=batch_size, validation_data=validation_data,
                      validation_split=validation_split, shuffle=shuffle, seed=seed,
                      early_stopping=early_stopping, restore_best=restore_best,
                      callback=callback, backend=backend)
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
