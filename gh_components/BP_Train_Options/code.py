"""Training settings for BP Train, as one item: batch size, learning rate, optimizer, loss...

    Connect the output to BP Train's options input. Leave an input empty for its default.
    Changing a setting starts BP Train over (changing epochs does not).

    Args:
        batch_size: (item, int) Optional. Samples per weight update (default 1: per-sample
            SGD, the tutorial's; the number of samples or more: full batch).
        lr: (item, float) Optional. Learning rate (default: the optimizer's, 0.1 for sgd,
            momentum and nesterov, 0.001 for adam).
        optimizer: (item, str) Optional. sgd (default), momentum (SGD, momentum 0.9),
            nesterov or adam. A Value List is added on the canvas when it is empty.
        loss: (item, str) Optional. mse (default, any output), bce (sigmoid output) or cce
            (softmax output). A Value List is added on the canvas when it is empty.
        val_split: (item, float) Optional. Fraction of the samples held out for validation
            (seeded, stratified for classes; default 0: none).
        seed: (item, int) Optional. Seed of the shuffling and the validation split (default
            0).
        patience: (item, int) Optional. Early stopping: stop after this many epochs without
            a lower loss (validation loss when val_split is set; default: no early stopping).
        restore_best: (item, bool) Optional. With patience: put back the weights of the best
            epoch when stopping (default True).
        budget_ms: (item, int) Optional. Live mode: milliseconds each solution may take,
            Grasshopper's own work between solutions included (default 100; the canvas stays
            responsive whatever the machine or data size).
        backend: (item, str) Optional. Who runs the epochs: auto (default: a compiled
            kernel for small networks, numpy for big batches where numpy is installed),
            pure, compiled or numpy (Rhino 8 Python 3 with numpy only; elsewhere pure).
            Every backend gives the same weights.
    Returns:
        options: The settings (one item): connect to BP Train's options input.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.losses import LOSSES
from bpcore.optim import OPTIMIZER_NAMES
from bpcore.rhino import component as ghc
from bpcore.rhino import live
from bpcore.rhino import valuelists


class BPTrainOptions(component):
    def RunScript(self, batch_size, lr, optimizer, loss, val_split, seed, patience,
                  restore_best, budget_ms, backend):
        ghc.set_message(ghenv, 'Options')
        valuelists.offer(ghenv, {'optimizer': OPTIMIZER_NAMES, 'loss': list(LOSSES)})
        try:
            options = live.TrainOptions(
                live.train_options(batch_size, lr, optimizer, loss, val_split, seed, patience,
                                   restore_best, backend),
                ghc.to_int(budget_ms, 'budget_ms', default=live.BUDGET_MS, minimum=1))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None
        t = options.trainer
        ghc.set_message(ghenv, '%s, batch %d' % (t['optimizer'], t['batch_size']))
        return options
