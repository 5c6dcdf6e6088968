"""BP Train's state machine: training that runs across Grasshopper solutions.

A component keeps one :class:`TrainingSession` per instance (in ``scriptcontext.sticky``,
see :func:`bpcore.rhino.component.sticky_state`) and hands it its inputs every solution. The
session decides whether to start over, go on with changed data, train, pause or stop; the
component only converts inputs, calls :meth:`TrainingSession.at_once` or
:meth:`TrainingSession.live`, schedules the next solution when asked to and writes the
outputs. Nothing here imports Grasshopper, so the state machine is tested on plain Python
(``tests/core/test_rhino_live.py``).

Training itself is :class:`bpcore.train.Trainer`. Live mode trains for a time budget per
solution (:meth:`~bpcore.train.Trainer.run_for`: whole epochs while they fit, else a slice of
batches continued by the next solution), so the canvas stays responsive on any machine and
any data size; how the time is cut never changes the result: live training gives the same
weights as training all epochs at once.

A finished or paused run can be kept in the Grasshopper file (:meth:`TrainingSession.to_data`
and :meth:`TrainingSession.restore`): reopening the file shows the trained network at once.
"""
from __future__ import absolute_import, division, print_function

import time

from bpcore.backends import BACKENDS
from bpcore.errors import BPError, TrainingError
from bpcore.losses import LOSSES
from bpcore.network import Network
from bpcore.optim import OPTIMIZER_NAMES
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.train import History, Trainer, target_range_problem

__all__ = ['TrainingSession', 'Tick', 'TrainingData', 'read_training_data', 'TrainOptions',
           'train_options', 'options_from', 'status_line', 'report_lines', 'history_branches',
           'BUDGET_MS', 'SLOW_SECONDS', 'MIN_TRAINING']

BUDGET_MS = 100        # default time per live solution
SLOW_SECONDS = 3.0     # non-live training longer than this suggests live mode
MIN_TRAINING = 0.25    # the least share of the budget a live solution trains for
STATE_VERSION = 1      # of TrainingSession.to_data


def train_options(batch_size, lr, optimizer, loss, val_split, seed, patience=None,
                  restore_best=None, backend=None):
    """The :class:`~bpcore.train.Trainer` keyword arguments from component inputs (checked).

    Missing inputs take the defaults: batch size 1, the optimiser's own learning rate,
    ``'sgd'``, ``'mse'``, no validation split, seed 0, no early stopping, restore best,
    backend ``'auto'`` (:mod:`bpcore.backends`; numpy is never used on IronPython).
    """
    return {'batch_size': ghc.to_int(batch_size, 'batch_size', default=1, minimum=1),
            'lr': ghc.to_float(lr, 'lr', default=None),
            'optimizer': ghc.choice(optimizer, 'optimizer', OPTIMIZER_NAMES, 'sgd'),
            'loss': ghc.choice(loss, 'loss', LOSSES, 'mse'),
            'validation_split': ghc.to_float(val_split, 'val_split', default=0.0),
            'seed': ghc.to_int(seed, 'seed', default=0),
            'early_stopping': ghc.to_int(patience, 'patience', default=None, minimum=1),
            'restore_best': ghc.to_bool(restore_best, default=True),
            'backend': ghc.choice(backend, 'backend', BACKENDS, 'auto')}


class TrainOptions(object):
    """BP Train Options' output: the Trainer settings and the live time budget, one item.

    ``trainer`` is the keyword dict of :func:`train_options`; ``budget_ms`` the time each
    live solution may take.
    """

    def __init__(self, trainer=None, budget_ms=BUDGET_MS):
        self.trainer = dict(trainer) if trainer else train_options(*([None] * 6))
        self.budget_ms = budget_ms

    def to_data(self):
        return {'trainer': dict(self.trainer), 'budget_ms': self.budget_ms}

    def __repr__(self):
        t = self.trainer
        text = '%s%s, batch %d, %s loss' % (
            t['optimizer'], '' if t['lr'] is None else ' lr %g' % t['lr'], t['batch_size'],
            t['loss'])
        if t['validation_split']:
            text += ', val %g' % t['validation_split']
        if t.get('early_stopping'):
            text += ', patience %d' % t['early_stopping']
        return 'bpcore train options: %s, %d ms per live solution' % (text, self.budget_ms)

    __str__ = __repr__
    ToString = __repr__


def options_from(value):
    """The :class:`TrainOptions` on BP Train's ``options`` input (missing -> defaults)."""
    if ghc.is_missing(value):
        return TrainOptions()
    value = ghc.unwrap(value)
    if not isinstance(value, TrainOptions):
        if hasattr(value, 'trainer') and hasattr(value, 'budget_ms'):   # reloaded module
            return TrainOptions(value.trainer, value.budget_ms)
        raise BPError("input 'options' is not BP Train Options (got %s); connect the output "
                      "of BP Train Options" % type(value).__name__)
    return value


class TrainingData(object):
    """X and Y as a :class:`~bpcore.train.Trainer` takes them, read from BP Train's inputs.

    ``rows`` are the samples ``(n, n_inputs)``; ``targets`` ``(n, n_outputs)``, scaled when
    the network has a target scaler; ``notes`` the remarks on how X was read
    (:attr:`bpcore.rhino.trees.Samples.notes`); ``problem`` a warning on the targets' range
    or None; ``key`` a digest of rows and targets (:func:`bpcore.rhino.component.digest`).
    """

    def __init__(self, rows, targets, notes, problem, key):
        self.rows = rows
        self.targets = targets
        self.notes = notes
        self.problem = problem
        self.key = key


def read_training_data(net, X, Y):
    """:class:`TrainingData` from the X and Y inputs of a training component for ``net``.

    Raises :class:`~bpcore.errors.BPError` (a :class:`~bpcore.errors.DataError` naming the
    row and column of a bad value) like :func:`bpcore.rhino.trees.read_samples` and
    :func:`bpcore.rhino.trees.to_targets`.
    """
    samples = trees.read_samples(X, 'X', net.n_inputs)
    rows = samples.rows
    targets = net.scale_targets(trees.to_targets(Y, net.n_outputs, len(rows), net.class_names,
                                                 'Y'))
    return TrainingData(rows, targets, samples.notes, target_range_problem(net, targets),
                        ghc.digest(rows, targets))


def _raw_input(value, name):
    """What a Grasshopper input holds, for comparing two solutions' inputs: its branches
    ``[(path, items)]`` and the set of its items' types (``1 == 1.0 == True``, but a bool is
    refused where a number is read, so a change of type reads the input again)."""
    branches = trees.input_branches(value, name)
    kinds = set()
    for _, items in branches:
        kinds.update(map(type, items))
    return branches, kinds


class Tick(object):
    """What one solution of a training component should do after the session ran.

    ``status`` is the first line of the component's message ('training', 'done',
    'stopped', 'paused: ...', 'ready: ...', 'outdated: ...') or None when there is nothing to
    show yet; ``schedule`` asks for another solution; ``note`` is a remark to show (or None).
    """

    def __init__(self, status, schedule=False, note=None):
        self.status = status
        self.schedule = schedule
        self.note = note

    def __repr__(self):
        return 'Tick(%r, schedule=%r, note=%r)' % (self.status, self.schedule, self.note)


def _join(*notes):
    notes = [n for n in notes if n]
    return '; '.join(notes) if notes else None


class TrainingSession(object):
    """One training component's run, kept between solutions.

    ``key`` is a fingerprint of what starts training over when it changes (the network and
    the settings; not ``epochs``, ``run`` or ``live``), ``data_key`` one of the data (X, Y):
    changed data while live goes on from the current weights. ``trainer`` is the current
    :class:`~bpcore.train.Trainer` (None before the first start), ``error`` the text of the
    :class:`~bpcore.errors.TrainingError` that stopped it (or None), ``restored`` True when
    the run came from a saved file.

    The session also keeps the last inputs it read (:meth:`read_data`), and the time
    Grasshopper and the component spend between two live solutions (outputs, redraw, the
    next solution's input collection), which the next solution's training leaves room for.
    """

    def __init__(self):
        self.key = None
        self.data_key = None
        self.trainer = None
        self.error = None
        self.restored = False
        self.rate = None           # measured epochs per second of live training
        self.seconds = 0.0         # wall time spent training in this session
        self.saved = None          # what the component last kept in the file (its own mark)
        self.between = None        # seconds from one live solution's end to the next's start
        self._finished = None      # when the last live solution that asked for another ended
        self._data = None          # (raw inputs, TrainingData) of the last read_data

    def clear(self):
        """Forget the run (the reset button); the inputs read last are kept."""
        data = self._data
        self.__init__()
        self._data = data

    def read_data(self, key, net, X, Y):
        """:class:`TrainingData` of the X and Y inputs for ``net`` (``key``: the digest of
        the network and settings the component computes anyway).

        A live component is handed the same inputs every solution. Reading them (every value
        checked, classes one-hot encoded, the digest) costs about 60 ms at 5,000 samples of
        8 inputs; comparing their branches with the last ones costs a few: inputs equal to
        the last ones (the same paths, values and types, and the same ``key``) give the last
        :class:`TrainingData` without reading again. Raises like :func:`read_training_data`.
        """
        raw = (key, _raw_input(X, 'X'), _raw_input(Y, 'Y'))
        if self._data is None or self._data[0] != raw:
            self._data = None                    # a failed read keeps nothing stale
            self._data = (raw, read_training_data(net, X, Y))
        return self._data[1]

    def start(self, key, network, X, Y, options, data_key=None):
        """A new run on a copy of ``network`` (the input network is never changed)."""
        self.clear()
        self.key = key
        self.data_key = data_key
        self.trainer = Trainer(network.copy(), X, Y, **options)

    def go_on_with(self, data_key, X, Y, options):
        """Changed data: a new Trainer on the current weights, history and epoch kept.

        The optimiser state and the shuffling start fresh, so this is not the run that all
        epochs on the new data at once would give (the note says so)."""
        old = self.trainer
        trainer = Trainer(old.network, X, Y, **options)
        trainer.history = old.history
        trainer.epoch = old.epoch
        self.trainer = trainer
        self.data_key = data_key
        return ('X or Y changed at epoch %d: training goes on from the current weights with '
                'the new data (%d samples; optimiser state starts fresh). Press reset to start '
                'over' % (old.epoch, len(trainer.X) + len((trainer.validation_data or [[]])[0])))

    def _train(self, train):
        started = time.time()
        try:
            train()
        except TrainingError as e:
            self.error = ghc.error_text(e)
        self.seconds += time.time() - started

    def at_once(self, key, network, X, Y, options, epochs, run, reset, data_key=None):
        """Not live: all ``epochs`` in this solution when ``run`` and something changed.

        The result is kept while the inputs stay the same, also after ``run`` goes back to
        False; when an input changes while ``run`` is False the old result stays on the
        outputs, marked outdated. Returns a :class:`Tick` whose status is None when there is
        no result yet.
        """
        key = (key, data_key, epochs)
        if reset:
            self.clear()
        if run and self.key != key:
            self.start(key, network, X, Y, options, data_key)
            self._train(lambda: self.trainer.run(epochs))
            if self.trainer.history.seconds and sum(self.trainer.history.seconds) > SLOW_SECONDS:
                return Tick('done' if not self.error else 'stopped', note=(
                    'training took %.1f s and the canvas waited: set live to True to train in '
                    'short steps with progress' % sum(self.trainer.history.seconds)))
        if self.trainer is None:
            return Tick(None, note='set run to True to train')
        if self.key != key:
            return Tick('outdated: set run to True to train again', note=(
                'the inputs changed since this network was trained: set run to True to train '
                'again'))
        if self.restored:
            return Tick('done', note='restored from the file (trained earlier): no training '
                                     'needed; press reset to forget it')
        return Tick('done' if not self.error else 'stopped')

    def live(self, key, network, X, Y, options, epochs, run, reset, budget=BUDGET_MS / 1000.0,
             data_key=None, started=None):
        """Live: train for the time left of ``budget`` seconds, then ask for the next solution.

        ``started`` is when the solution began (``time.time()``; default now): the budget
        covers the component's own work too. Changing ``key`` (or ``reset``) starts over;
        changing ``data_key`` goes on from the current weights with the new data (a note says
        which happened); changing ``epochs`` continues to the new count; ``run`` False pauses.
        """
        note = None
        if reset or self.trainer is None or self.key != key:
            had = self.trainer is not None and self.trainer.progress > 0 and not reset
            self.start(key, network, X, Y, options, data_key)
            if had:
                note = 'the network or a setting changed: training started over'
        elif data_key is not None and self.data_key != data_key:
            if self.trainer.progress > 0:
                note = self.go_on_with(data_key, X, Y, options)
            else:
                self.start(key, network, X, Y, options, data_key)
        trainer = self.trainer
        now = time.time()
        started = started if started is not None else now
        self._measure_between(started, budget)
        if run and self.running(epochs):
            self.restored = False          # trained further: no longer the file's run
            # 0.95: room for the estimate's error; the time between solutions is
            # Grasshopper's and the component's own work (a tenth of the budget until
            # measured). Training gets a quarter of the budget at least, however slow the
            # rest is, unless the solution's own work took the whole budget already (a
            # first solution reading large inputs): then one batch.
            own = now - started
            between = self.between if self.between is not None else 0.1 * budget
            left = max(0.95 * budget - own - between,
                       min(MIN_TRAINING * budget, budget - own))
            before = trainer.progress
            self._train(lambda: trainer.run_for(left, epochs))
            spent = time.time() - now
            if spent > 0 and trainer.progress > before:
                rate = (trainer.progress - before) / spent
                self.rate = rate if self.rate is None else 0.7 * self.rate + 0.3 * rate
            if self.running(epochs):
                if reset:
                    return Tick('training', note=_join(note, 'release reset to go on training'))
                self._finished = time.time()
                return Tick('training', schedule=True, note=note)
        if self.error:
            return Tick('stopped', note=note)
        if trainer.done:
            return Tick('stopped', note=_join(note, trainer.stopped))
        if trainer.epoch >= epochs:
            return Tick('done', note=_join(note, 'restored from the file (trained earlier)'
                                           if self.restored else None))
        if trainer.progress:
            return Tick('paused: set run to True to train', note=note)
        return Tick('ready: set run to True to train', note=note)

    def _measure_between(self, started, budget):
        """Update :attr:`between` from the end of the last live solution that asked for
        this one (a smoothed estimate; a gap longer than the budget counts as the budget);
        a solution nobody scheduled (a pause, a start) measures nothing."""
        finished, self._finished = self._finished, None
        if finished is None or started < finished:
            return
        gap = min(started - finished, budget)
        self.between = gap if self.between is None else 0.5 * self.between + 0.5 * gap

    def running(self, epochs):
        """True while the run has neither failed, stopped early nor reached ``epochs``."""
        return not self.error and not self.trainer.done and self.trainer.epoch < epochs

    # -- keeping a run in the Grasshopper file ---------------------------------------------
    def to_data(self):
        """The run as JSON-able data (network, history, epoch, keys) or None before a run.

        The keys must be stable across sessions (:func:`bpcore.rhino.component.digest`).
        A part-way epoch is not kept: the network of the last whole epoch is.
        """
        t = self.trainer
        if t is None or not t.epoch:
            return None
        return {'version': STATE_VERSION, 'key': self.key, 'data_key': self.data_key,
                'network': t.epoch_network().to_data(), 'history': t.history.to_data(),
                'epoch': t.epoch, 'stopped': t.stopped, 'error': self.error}

    def restore(self, data, key, X, Y, options, data_key=None, epochs=None):
        """Rebuild a finished or paused run from :meth:`to_data` when it was trained on the
        same network, settings and data (``key``, ``data_key``); returns True if it did.

        Nothing is trained: the outputs show the saved network at once. Training further
        (more epochs) goes on from the saved weights with a fresh optimiser state. Give
        ``epochs`` for a run of :meth:`at_once` (its result belongs to that epoch count).
        """
        if epochs is not None:
            key = (key, data_key, epochs)
        if not isinstance(data, dict) or data.get('version') != STATE_VERSION:
            return False
        saved_key = data.get('key')
        if isinstance(saved_key, list):      # JSON turned the at_once tuple into a list
            saved_key = tuple(saved_key)
        if saved_key != key or data.get('data_key') != data_key:
            return False
        try:
            net = Network.from_data(data['network'])
            trainer = Trainer(net, X, Y, **options)
            trainer.history = History.from_data(data.get('history') or {})
            trainer.epoch = int(data['epoch'])
        except (BPError, KeyError, TypeError, ValueError):
            return False
        trainer.stopped = data.get('stopped')
        trainer._summarise()
        self.clear()
        self.key, self.data_key, self.trainer = key, data_key, trainer
        self.error = data.get('error')
        self.restored = True
        return True


def _duration(seconds):
    if seconds < 60:
        return '%d s' % max(1, int(round(seconds)))
    if seconds < 3600:
        return '%d min %02d s' % (seconds // 60, seconds % 60)
    return '%d h %02d min' % (seconds // 3600, (seconds % 3600) // 60)


def status_line(trainer, epochs, rate=None):
    """'epoch 35/200 loss 0.1234 acc 0.940' (the text under the component); with a measured
    ``rate`` (epochs per second) also '| 12.5 ep/s, 13 s left'."""
    h = trainer.history
    text = 'epoch %d/%d' % (trainer.epoch, epochs)
    if h.loss:
        text += ' loss %.4g' % h.loss[-1]
    if h.accuracy:
        text += ' acc %.3f' % h.accuracy[-1]
    if h.val_accuracy:
        text += ' val %.3f' % h.val_accuracy[-1]
    if rate:
        text += ' | %.3g ep/s' % rate
        left = epochs - trainer.progress
        if left > 0 and not trainer.done:
            text += ', %s left' % _duration(left / rate)
    return text


def report_lines(trainer, epochs, status, rate=None):
    """The multi-line status text: state, progress, validation loss, training time."""
    h = trainer.history
    lines = [status, status_line(trainer, epochs, rate)]
    if h.val_loss:
        lines.append('validation loss %.6g' % h.val_loss[-1])
    if trainer.stopped:
        lines.append(trainer.stopped)
    if h.seconds:
        lines.append('%.2f s training' % sum(h.seconds))
    return '\n'.join(lines)


def history_branches(history):
    """``[((0,), loss), ((1,), val_loss), ((2,), accuracy), ((3,), val_accuracy)]``."""
    return [((0,), list(history.loss)), ((1,), list(history.val_loss)),
            ((2,), list(history.accuracy)), ((3,), list(history.val_accuracy))]
