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

from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import live as training
from bpcore.rhino import trees

DELAY_MS = 10          # between live solutions: lets the canvas redraw and stay responsive
NOTHING = (None, None, None, None, None, None)


def session(key):
    """This component's TrainingSession for ``key`` ('train' or 'train-live')."""
    state = ghc.sticky_state(ghenv, key)
    if 'session' not in state:
        state['session'] = training.TrainingSession()
    return state['session']


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
            options = training.train_options(batch_size, lr, optimizer, loss, val_split, seed)
            Xs = trees.to_matrix(X, 'X', net.n_inputs)
            Ys = trees.to_targets(Y, net.n_outputs, len(Xs), net.class_names, 'Y')
            # what starts training over when it changes (epochs, live, run do not)
            key = ghc.fingerprint(net, Xs, Ys, sorted(options.items()))
            run, reset = ghc.to_bool(run), ghc.to_bool(reset)
            if ghc.to_bool(live):
                state = session('train-live')
                tick = state.live(key, net, Xs, Ys, options, epochs, per_tick, run, reset)
            else:
                state = session('train')
                tick = state.at_once(key, net, Xs, Ys, options, epochs, run, reset)
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
        if tick.note:
            ghc.remark(ghenv, tick.note)
        if tick.schedule:
            ghc.schedule_next(ghenv, DELAY_MS)
        if tick.status is None:
            ghc.set_message(ghenv, 'Train: run is off')
            return NOTHING
        if state.error:
            ghc.add_message(ghenv, 'Error', state.error)
        trainer = state.trainer
        h = trainer.history
        ghc.set_message(ghenv, training.status_line(trainer, epochs))
        return (trainer.network.copy(), trees.branches_to_tree(training.history_branches(h)),
                list(h.loss), list(h.accuracy), trainer.epoch,
                training.report_lines(trainer, epochs, tick.status))
