"""Trains a copy of a network on X and Y by backpropagation, all at once or live.

    The input network is never changed: training runs on a copy, output as trained.
    X is expected already scaled (BP Scale's X output); the network keeps its scaler for
    prediction. A regression network with a target scaler (BP Initialize with targets) is
    trained on scaled targets: give Y in target units (the losses are of the scaled targets).

    Not live: when run is True, all epochs are trained in one solution (the canvas waits;
    more than a few seconds gives a remark suggesting live mode). The result is kept while
    the inputs stay the same, also after run goes back to False; after a change it stays on
    the outputs, marked outdated, until run trains again.

    Live: every solution trains for the time budget of BP Train Options (default 100 ms;
    whole epochs when they fit, else part of an epoch, continued exactly by the next
    solution), updates the outputs and the text under the component (epoch, loss, epochs
    per second, time left) and schedules the next solution, until the epochs are done, early
    stopping stops it, or run goes False (pause; True again continues). reset starts over
    from the input network. Changing the network or an option starts over; changing X or Y
    goes on from the current weights with the new data (a remark says which happened);
    changing epochs continues to the new count. Live training gives the same weights as
    training all epochs at once.

    The trained network is kept in the .gh file: saving and reopening the definition shows
    it at once, without training again. reset forgets it (also in the file).

    Args:
        net: (item, ghdoc) The network to train (BP Initialize, BP Load or another Train).
        X: (tree, none) Scaled inputs, one branch per sample (points count as their
            coordinates; a list of numbers into a 1-input network is one sample per number).
        Y: (tree, ghdoc) Targets, one branch per sample with one value per output (one-hot
            rows for classes), or one class index (or class name) per sample.
        epochs: (item, int) Optional. Passes over the data in total (default 100).
        options: (item, ghdoc) Optional. BP Train Options: batch size, learning rate,
            optimizer, loss, validation split, seed, early stopping, live time budget
            (default: batch 1, sgd, mse, 100 ms).
        live: (item, bool) Optional. True: train in short steps and show progress (default
            False: everything in one solution).
        run: (item, bool) Optional. True: train (a Boolean Toggle; in live mode False pauses).
        reset: (item, bool) Optional. True: forget the progress (and the network kept in the
            file) and start over (a Button).
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

import json
import time

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


def saved_run():
    """The run kept in the .gh file by an earlier session (None if there is none)."""
    text = ghc.document_value(ghenv, 'train')
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class BPTrain(component):
    def RunScript(self, net, X, Y, epochs, options, live, run, reset):
        started = time.time()
        ghc.set_message(ghenv, 'Train')
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X), ('Y', Y)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            epochs = ghc.to_int(epochs, 'epochs', default=100, minimum=0)
            settings = training.options_from(options)
            # what starts training over when it changes (epochs, live, run do not)
            key = ghc.digest(net, sorted(settings.trainer.items()))
            run, reset, live = ghc.to_bool(run), ghc.to_bool(reset), ghc.to_bool(live)
            state = session('train-live' if live else 'train')
            data = state.read_data(key, net, X, Y)      # read again only when X or Y changed
            Xs, Ys, data_key = data.rows, data.targets, data.key
            if data.notes:
                ghc.remark(ghenv, '; '.join(data.notes))
            if data.problem:
                ghc.warn(ghenv, data.problem)
            if reset:
                ghc.delete_document_value(ghenv, 'train')
            elif state.trainer is None:
                saved = saved_run()
                if saved is not None:
                    state.restore(saved, key, Xs, Ys, settings.trainer, data_key,
                                  None if live else epochs)
            if live:
                tick = state.live(key, net, Xs, Ys, settings.trainer, epochs, run, reset,
                                  settings.budget_ms / 1000.0, data_key, started)
            else:
                tick = state.at_once(key, net, Xs, Ys, settings.trainer, epochs, run, reset,
                                     data_key)
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
        ghc.follow(ghenv, tick, DELAY_MS)
        if tick.status is None:
            ghc.set_message(ghenv, 'Train: run is off')
            return NOTHING
        if state.error:
            ghc.add_message(ghenv, 'Error', state.error)
        stamp = (state.key, state.data_key, state.trainer.epoch)
        if not tick.schedule and not state.restored and state.saved != stamp:
            data = state.to_data()          # kept in the .gh file (see docs/components.md)
            if data is not None:
                ghc.set_document_value(ghenv, 'train', json.dumps(data, sort_keys=True))
                state.saved = stamp
        trainer = state.trainer
        h = trainer.history
        rate = state.rate if live else None
        ghc.set_message(ghenv, training.status_line(trainer, epochs, rate))
        return (trainer.network.copy(), trees.branches_to_tree(training.history_branches(h)),
                list(h.loss), list(h.accuracy), trainer.epoch,
                training.report_lines(trainer, epochs, tick.status, rate))
