"""Creates a new feed-forward network with seeded random weights.

    Layer l maps sizes[l] inputs to sizes[l+1] neurons; its weights W[l] have one row per
    neuron (PyTorch's nn.Linear layout). The same sizes, activations, init and seed give the
    same weights in every Rhino version.

    The network carries its class names, feature names and input scaler: connect BP Scale's
    scaler here and BP Predict (and saved model files) apply it to raw inputs.

    Args:
        sizes: (list, ghdoc) Neurons per layer, inputs first, e.g. 7, 5, 3 (one number per
            item, or one text "7, 5, 3").
        activations: (list, str) Optional. One name for every layer, or one per weight layer:
            sigmoid (default), tanh, relu, leaky_relu, linear, softmax (output layer only).
        init: (item, str) Optional. Weight initialisation: xavier (default), he, normal, or
            uniform (the tutorial's random() in [0, 1) for weights and biases).
        seed: (item, int) Optional. Random seed (default 0).
        class_names: (list, str) Optional. One name per output (two for a single sigmoid
            output), e.g. BP Dataset's class_names.
        feature_names: (list, str) Optional. One name per input.
        scaler: (item, ghdoc) Optional. A fitted scaler from BP Scale: the network keeps it
            and applies it in BP Predict.
    Returns:
        network: The new network (one item).
        summary: Layers, shapes, activations and the number of parameters.
"""
from __future__ import absolute_import, division, print_function

import re

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError, quote
from bpcore.network import Network
from bpcore.rhino import component as ghc
from bpcore.rhino import trees


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
    def RunScript(self, sizes, activations, init, seed, class_names, feature_names, scaler):
        ghc.set_message(ghenv, 'Initialize')
        if ghc.missing_inputs(ghenv, ('sizes', sizes)):
            return None, None
        try:
            layers = [ghc.to_int(v, 'sizes', minimum=1)
                      for v in trees.split_text_row(trees.to_flat(sizes))]
            acts = names_list(activations) or ['sigmoid']
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
            ghc.set_message(ghenv, '-'.join(str(s) for s in net.sizes))
            return net, net.summary()
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None
