"""BP Train's state machine: training that runs across Grasshopper solutions.

A component keeps one :class:`TrainingSession` per instance (in ``scriptcontext.sticky``,
see :func:`bpcore.rhino.component.sticky_state`) and hands it its inputs every solution. The
session decides whether to start over, train, pause or stop; the component only converts
inputs, calls :meth:`TrainingSession.at_once` or :meth:`TrainingSession.live`, schedules the
next solution when asked to and writes the outputs. Nothing here imports Grasshopper, so the
state machine is tested on plain Python (``tests/core/test_rhino_live.py``).

Training itself is :class:`bpcore.train.Trainer`: ``run(5)`` twice trains exactly like
``run(10)`` once, so live training gives the same weights as training all epochs at once.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import TrainingError
from bpcore.losses import LOSSES
from bpcore.optim import OPTIMIZER_NAMES
from bpcore.rhino import component as ghc
from bpcore.train import Trainer

__all__ = ['TrainingSession', 'Tick', 'train_options', 'status_line', 'report_lines',
           'history_branches']


def train_options(batch_size, lr, optimizer, loss, val_split, seed):
    """The :class:`~bpcore.train.Trainer` keyword arguments from component inputs (checked).

    Missing inputs take the defaults: batch size 1, the optimiser's own learning rate,
    ``'sgd'``, ``'mse'``, no validation split, seed 0.
    """
    return {'batch_size': ghc.to_int(batch_size, 'batch_size', default=1, minimum=1),
            'lr': ghc.to_float(lr, 'lr', default=None),
            'optimizer': ghc.choice(optimizer, 'optimizer', OPTIMIZER_NAMES, 'sgd'),
            'loss': ghc.choice(loss, 'loss', LOSSES, 'mse'),
            'validation_split': ghc.to_float(val_split, 'val_split', default=0.0),
            'seed': ghc.to_int(seed, 'seed', default=0)}


class Tick(object):
    """What one solution of a training component should do after the session ran.

    ``status`` is the first line of the component's message ('training', 'done',
    'stopped', 'paused: ...', 'ready: ...') or None when there is nothing to show yet;
    ``schedule`` asks for another solution; ``note`` is a remark to show (or None).
    """

    def __init__(self, status, schedule=False, note=None):
        self.status = status
        self.schedule = schedule
        self.note = note

    def __repr__(self):
        return 'Tick(%r, schedule=%r, note=%r)' % (self.status, self.schedule, self.note)


class TrainingSession(object):
    """One training component's run, kept between solutions.

    ``key`` is a fingerprint of what starts training over when it changes (the network, X, Y
    and the settings; not ``epochs``, ``run`` or ``live``). ``trainer`` is the current
    :class:`~bpcore.train.Trainer` (None before the first start), ``error`` the text of the
    :class:`~bpcore.errors.TrainingError` that stopped it (or None).
    """

    def __init__(self):
        self.key = None
        self.trainer = None
        self.error = None

    def clear(self):
        """Forget the run (the reset button)."""
        self.__init__()

    def start(self, key, network, X, Y, options):
        """A new run on a copy of ``network`` (the input network is never changed)."""
        self.key = key
        self.trainer = Trainer(network.copy(), X, Y, **options)
        self.error = None

    def _run(self, epochs):
        try:
            self.trainer.run(epochs)
        except TrainingError as e:
            self.error = ghc.error_text(e)

    def at_once(self, key, network, X, Y, options, epochs, run, reset):
        """Not live: all ``epochs`` in this solution when ``run`` and something changed.

        The result is kept while the inputs stay the same, also after ``run`` goes back to
        False. Returns a :class:`Tick` whose status is None when there is no result yet.
        """
        key = (key, epochs)
        if reset:
            self.clear()
        if run and self.key != key:
            self.start(key, network, X, Y, options)
            self._run(epochs)
        if self.key != key:
            return Tick(None, note='set run to True to train')
        return Tick('done' if not self.error else 'stopped')

    def live(self, key, network, X, Y, options, epochs, per_tick, run, reset):
        """Live: ``per_tick`` more epochs in this solution, then ask for the next one.

        Changing ``key`` (or ``reset``) starts over; changing ``epochs`` does not (training
        continues to the new count); ``run`` False pauses.
        """
        if reset or self.key != key:
            self.start(key, network, X, Y, options)
        trainer = self.trainer
        if run and self.running(epochs):
            self._run(min(per_tick, epochs - trainer.epoch))
            if self.running(epochs):
                if reset:
                    return Tick('training', note='release reset to go on training')
                return Tick('training', schedule=True)
        if self.error or trainer.done:
            return Tick('stopped')
        if trainer.epoch >= epochs:
            return Tick('done')
        if trainer.epoch:
            return Tick('paused: set run to True to train')
        return Tick('ready: set run to True to train')

    def running(self, epochs):
        """True while the run has neither failed, stopped early nor reached ``epochs``."""
        return not self.error and not self.trainer.done and self.trainer.epoch < epochs


def status_line(trainer, epochs):
    """'epoch 35/200 loss 0.1234 acc 0.940' (the text under the component)."""
    h = trainer.history
    text = 'epoch %d/%d' % (trainer.epoch, epochs)
    if h.loss:
        text += ' loss %.4g' % h.loss[-1]
    if h.accuracy:
        text += ' acc %.3f' % h.accuracy[-1]
    if h.val_accuracy:
        text += ' val %.3f' % h.val_accuracy[-1]
    return text


def report_lines(trainer, epochs, status):
    """The multi-line status text: state, progress, validation loss, training time."""
    h = trainer.history
    lines = [status, status_line(trainer, epochs)]
    if h.val_loss:
        lines.append('validation loss %.6g' % h.val_loss[-1])
    if h.seconds:
        lines.append('%.2f s training' % sum(h.seconds))
    return '\n'.join(lines)


def history_branches(history):
    """``[((0,), loss), ((1,), val_loss), ((2,), accuracy), ((3,), val_accuracy)]``."""
    return [((0,), list(history.loss)), ((1,), list(history.val_loss)),
            ((2,), list(history.accuracy)), ((3,), list(history.val_accuracy))]
