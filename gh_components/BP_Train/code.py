"""Trains a copy of a network on X and Y by backpropagation, all at once or live.

    The input network is never changed: training runs on a copy, output as trained.
    X is expected already scaled (BP Scale's X output); the network keeps its scaler for
    prediction.

    Not live: when run is True, all epochs are trained in one solution (the canvas waits).
    The result is kept while the inputs stay the same, also after run goes back to False.

    Live: every solution trains epochs_per_tick more epochs, updates the outputs and the text
    under the component, and schedules the next solution, until the epochs are done or run
    goes False (pause; True again continues). reset starts over from the input network.
    Changing the network, X, Y or a setting (batch_size, lr, optimizer, loss, val_split,
    seed) also starts over; changing epochs does not (training continues to the new count).
    Continuing is exact: live training gives the same weights as training all epochs at once.

    Args:
        net: (item, ghdoc) The network to train (BP Initialize, BP Load or another Train).
        X: (tree, ghdoc) Scaled inputs, one branch per sample (a flat list is one sample).
        Y: (tree, ghdoc) Targets, one branch per sample with one value per output (one-hot
            rows for classes), or one class index (or class name) per sample.
        epochs: (item, int) Optional. Passes over the data in total (default 100).
        batch_size: (item, int) Optional. Samples per weight update (default 1: per-sample
            SGD, the tutorial's; the number of samples or more: full batch).
        lr: (item, float) Optional. Learning rate (default: the optimizer's, 0.1 for sgd,
            momentum and nesterov, 0.001 for adam).
        optimizer: (item, str) Optional. 'sgd' (default), 'momentum' (SGD, momentum 0.9),
            'nesterov' or 'adam'.
        loss: (item, str) Optional. 'mse' (default, any output), 'bce' (sigmoid output) or
            'cce' (softmax output).
        val_split: (item, float) Optional. Fraction of the samples held out for validation
            (seeded, stratified for classes; default 0: none).
        seed: (item, int) Optional. Seed of the shuffling and the validation split (default 0).
        live: (item, bool) Optional. True: train epochs_per_tick epochs per solution and show
            progress (default False: everything in one solution).
        epochs_per_tick: (item, int) Optional. Live mode: epochs per solution (default 5).
        run: (item, bool) Optional. True: train (a Boolean Toggle; in live mode False pauses).
        reset: (item, bool) Optional. True: forget the progress and start over (a Button).
    Returns:
        trained: The trained network (a new one; the input network is unchanged).
        history: Tree per epoch: {0} training loss, {1} validation loss, {2} training
            accuracy, {3} validation accuracy (empty when not recorded).
        losses: Training loss per epoch.
        accuracies: Training accuracy per epoch (classification only).
        epoch: Epochs trained so far.
        message: Status, epoch, latest loss and accuracy, what to do next.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError, TrainingError, quote
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.train import Trainer

OPTIMIZERS = ('sgd', 'momentum', 'nesterov', 'adam')
LOSSES = ('mse', 'bce', 'cce')
DELAY_MS = 10          # between live solutions: lets the canvas redraw and stay responsive
NOTHING = (None, None, None, None, None, None)


def choice(value, name, options, default):
    """A lower-case option from a text input, or BPError listing the options."""
    if ghc.is_missing(value):
        return default
    text = str(value).strip().lower()
    if text not in options:
        raise BPError('input %s is %s; choose one of %s'
                      % (quote(name), quote(str(value)), ', '.join(options)))
    return text


def settings(batch_size, lr, optimizer, loss, val_split, seed):
    """The Trainer keyword arguments from the inputs (checked)."""
    return {'batch_size': ghc.to_int(batch_size, 'batch_size', default=1, minimum=1),
            'lr': ghc.to_float(lr, 'lr', default=None),
            'optimizer': choice(optimizer, 'optimizer', OPTIMIZERS, 'sgd'),
            'loss': choice(loss, 'loss', LOSSES, 'mse'),
            'validation_split': ghc.to_float(val_split, 'val_split', default=0.0),
            'seed': ghc.to_int(seed, 'seed', default=0)}


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


def outputs(trainer, epochs, status):
    """The six outputs of a trainer's current state (the network as a copy)."""
    h = trainer.history
    lines = [status, status_line(trainer, epochs)]
    if h.val_loss:
        lines.append('validation loss %.6g' % h.val_loss[-1])
    if h.seconds:
        lines.append('%.2f s training' % sum(h.seconds))
    history = trees.branches_to_tree([((0,), list(h.loss)), ((1,), list(h.val_loss)),
                                      ((2,), list(h.accuracy)), ((3,), list(h.val_accuracy))])
    return (trainer.network.copy(), history, list(h.loss), list(h.accuracy), trainer.epoch,
            '\n'.join(lines))


class BPTrain(component):
    def RunScript(self, net, X, Y, epochs, batch_size, lr, optimizer, loss, val_split, seed,
                  live, epochs_per_tick, run, reset):
        ghc.set_message(ghenv, 'Train')
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X), ('Y', Y)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            epochs = ghc.to_int(epochs, 'epochs', default=100, minimum=0)
            per_tick = ghc.to_int(epochs_per_tick, 'epochs_per_tick', default=5, minimum=1)
            options = settings(batch_size, lr, optimizer, loss, val_split, seed)
            Xs = trees.to_matrix(X, 'X', net.n_inputs)
            Ys = trees.to_targets(Y, net.n_outputs, len(Xs), net.class_names, 'Y')
            # what starts training over when it changes (epochs, live, run do not)
            key = ghc.fingerprint(net, Xs, Ys, sorted(options.items()))
            if ghc.to_bool(live):
                return self.live(net, Xs, Ys, options, key, epochs, per_tick,
                                 ghc.to_bool(run), ghc.to_bool(reset))
            return self.at_once(net, Xs, Ys, options, key, epochs, ghc.to_bool(run),
                                ghc.to_bool(reset))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING

    def at_once(self, net, X, Y, options, key, epochs, run, reset):
        state = ghc.sticky_state(ghenv, 'train')
        if reset:
            state = ghc.clear_state(ghenv, 'train')
        key = (key, epochs)
        if run and state.get('key') != key:
            state = ghc.clear_state(ghenv, 'train')
            trainer = Trainer(net.copy(), X, Y, **options)
            try:
                trainer.run(epochs)
                error = None
            except TrainingError as e:
                error = ghc.error_text(e)
            state.update(key=key, trainer=trainer, error=error)
        if state.get('key') != key:
            ghc.remark(ghenv, 'set run to True to train')
            ghc.set_message(ghenv, 'Train: run is off')
            return NOTHING
        return self.show(state, epochs, 'done' if not state['error'] else 'stopped')

    def live(self, net, X, Y, options, key, epochs, per_tick, run, reset):
        state = ghc.sticky_state(ghenv, 'train-live')
        if reset or state.get('key') != key:
            state = ghc.clear_state(ghenv, 'train-live')
            state.update(key=key, trainer=Trainer(net.copy(), X, Y, **options), error=None)
        trainer = state['trainer']
        if run and not state['error'] and not trainer.done and trainer.epoch < epochs:
            try:
                trainer.run(min(per_tick, epochs - trainer.epoch))
            except TrainingError as e:
                state['error'] = ghc.error_text(e)
            if not state['error'] and not trainer.done and trainer.epoch < epochs:
                if reset:
                    ghc.remark(ghenv, 'release reset to go on training')
                else:
                    ghc.schedule_next(ghenv, DELAY_MS)
                return self.show(state, epochs, 'training')
        if state['error'] or trainer.done:
            status = 'stopped'
        elif trainer.epoch >= epochs:
            status = 'done'
        else:
            status = 'paused: set run to True to train' if trainer.epoch else \
                'ready: set run to True to train'
        return self.show(state, epochs, status)

    def show(self, state, epochs, status):
        trainer = state['trainer']
        if state['error']:
            ghc.add_message(ghenv, 'Error', state['error'])
        ghc.set_message(ghenv, status_line(trainer, epochs))
        return outputs(trainer, epochs, status)
