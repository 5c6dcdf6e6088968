"""Creates a new feed-forward network with seeded random weights.

    Layer l maps sizes[l] inputs to sizes[l+1] neurons; its weights W[l] have one row per
    neuron (PyTorch's nn.Linear layout). The same sizes, activations, init and seed give the
    same weights in every Rhino version.

    The network carries its class names, feature names and input scaler: connect BP Scale's
    scaler here and BP Predict (and saved model files) apply it to raw inputs.

    Connect the training targets to choose defaults by task: for regression targets
    (numbers with decimals, or rows that are not one-hot) the layers default to tanh with a
    linear output, and the network gets a target scaler fitted on them, so BP Train learns
    scaled targets and BP Predict answers in target units. A warning says when the targets
    lie outside what the output activation can produce.

    Args:
        sizes: (list, ghdoc) Neurons per layer, inputs first, e.g. 7, 5, 3 (one number per
            item, or one text "7, 5, 3").
        activations: (list, str) Optional. One name for every layer, or one per weight layer:
            auto (default: sigmoid; with regression targets tanh and a linear output),
            sigmoid, tanh, relu, leaky_relu, linear, softmax (output layer only). A Value
            List is added on the canvas when it is empty.
        init: (item, str) Optional. Weight initialisation: xavier (default), he, normal, or
            uniform (the tutorial's random() in [0, 1) for weights and biases).
        seed: (item, int) Optional. Random seed (default 0).
        class_names: (list, str) Optional. One name per output (two for a single sigmoid
            output), e.g. BP Dataset's class_names.
        feature_names: (list, str) Optional. One name per input.
        scaler: (item, ghdoc) Optional. A fitted scaler from BP Scale: the network keeps it
            and applies it in BP Predict.
        targets: (tree, ghdoc) Optional. The training targets (BP Dataset's Y), one branch
            per sample: decide the task (classification or regression) and, for regression,
            fit the target scaler.
    Returns:
        network: The new network (one item).
        summary: Layers, shapes, activations and the number of parameters.
"""
from __future__ import absolute_import, division, print_function

import re

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import data
from bpcore.errors import BPError, quote
from bpcore.network import Network, default_activations
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.rhino import valuelists
from bpcore.train import target_range_problem


_SEPARATORS = re.compile(r'[,;\t\r\n]+')


def names_list(values):
    """Items of a list input; one text is split at commas, semicolons, tabs, line breaks."""
    items = [str(v).strip() for v in trees.to_flat(values) if not ghc.is_missing(v)]
    if len(items) == 1:
        items = [s.strip() for s in _SEPARATORS.split(items[0]) if s.strip()]
    return items


def check_names(names, name, expected, also=None):
    if len(names) != expected and len(names) != also:
        raise BPError('input %s has %d names but the network has %d %s'
                      % (quote(name), len(names), expected,
                         'outputs' if name == 'class_names' else 'inputs'))
    return names


class BPInitialize(component):
    def RunScript(self, sizes, activations, init, seed, class_names, feature_names, scaler,
                  targets):
        ghc.set_message(ghenv, 'Initialize')
        valuelists.offer(ghenv, {'activations': ['auto', 'sigmoid', 'tanh', 'relu', 'leaky_relu',
                                                 'linear', 'softmax'],
                                 'init': ['xavier', 'he', 'normal', 'uniform']})
        if ghc.missing_inputs(ghenv, ('sizes', sizes)):
            return None, None
        try:
            layers = [ghc.to_int(v, 'sizes', minimum=1)
                      for v in trees.split_text_row(trees.to_flat(sizes))]
            task, Y = 'classification', None
            if not ghc.is_missing(targets):
                rows = [trees.split_text_row(r) for r in trees.to_rows(targets, 'targets')]
                if len(rows) == 1 and len(rows[0]) > 1 and layers[-1] == 1:
                    rows = [[v] for v in rows[0]]       # a flat list: one target per sample
                task, _ = data.infer_targets_task(rows, layers[-1])
                if task == 'regression':
                    Y = trees.to_matrix(rows, 'targets', layers[-1])
            acts = [a for a in names_list(activations) if a.lower() != 'auto']
            if not acts:
                acts = default_activations(len(layers) - 1, task)
                if task == 'regression':
                    ghc.remark(ghenv, 'regression targets: tanh layers, a linear output and a '
                                      'target scaler (BP Predict answers in target units); '
                                      'give activations to choose others')
            net = Network(layers, acts[0] if len(acts) == 1 else acts,
                          init=str(init).strip() if not ghc.is_missing(init) else 'xavier',
                          seed=ghc.to_int(seed, 'seed', default=0))
            names = names_list(class_names)
            if names:
                net.class_names = check_names(names, 'class_names', net.n_outputs,
                                              2 if net.n_outputs == 1 else None)
            names = names_list(feature_names)
            if names:
                net.feature_names = check_names(names, 'feature_names', net.n_inputs)
            if not ghc.is_missing(scaler):
                s = ghc.unwrap(scaler)
                width = getattr(s, 'n_features_in_', None)
                if width is None or not hasattr(s, 'transform'):
                    raise BPError("input 'scaler' is not a fitted bpcore scaler (got %s); "
                                  "connect BP Scale's scaler output" % type(s).__name__)
                if width != net.n_inputs:
                    raise BPError("input 'scaler' was fitted on %d features but the network "
                                  "has %d inputs" % (width, net.n_inputs))
                net.scaler = s.copy()
            if Y is not None:
                kind = 'standard' if net.activations[-1] in ('linear', 'leaky_relu') \
                    else 'minmax'
                net.target_scaler = data.make_scaler(kind).fit(Y)
            if not ghc.is_missing(targets):
                Ys = Y if Y is not None else trees.to_targets(
                    targets, net.n_outputs, len(rows), net.class_names, 'targets')
                problem = target_range_problem(net, net.scale_targets(Ys))
                if problem:
                    ghc.warn(ghenv, problem)
            ghc.set_message(ghenv, '-'.join(str(s) for s in net.sizes))
            return net, net.summary()
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None
