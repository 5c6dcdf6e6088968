"""The Hops functions ``train``, ``predict`` and ``evaluate``: the inputs and outputs of BP
Train, BP Predict and BP Evaluate, with the network as model JSON text. (BP Train's live
mode, its time budget and ``reset`` keep state between solutions on the canvas; a Hops
call is one stateless request, so ``train`` trains ``epochs`` epochs each time.)

``X`` and ``Y`` are trees with one branch per sample. Older Hops versions send every input as
one list on branch ``{0}``: a single branch holding a multiple of the network's width is then
cut into rows of that width (a branch of exactly one width is one sample, as on the canvas).
``Y`` may also be one class index per sample.
"""
from __future__ import absolute_import, division, print_function

import time

from bpcore import metrics
from bpcore.data import check_matrix
from bpcore.errors import BPError
from bpcore.hops.protocol import Endpoint, Param, RequestError
from bpcore.model_io import dumps, loads
from bpcore.rhino.trees import to_targets
from bpcore.train import Trainer

__all__ = ['ENDPOINTS', 'solve', 'gather_inputs', 'MAX_EPOCHS']

MAX_EPOCHS = 100000


def _rows(branches, width, name):
    rows = [list(items) for _, items in branches if items]
    if len(rows) == 1 and width and len(rows[0]) > width and len(rows[0]) % width == 0:
        flat = rows[0]
        rows = [flat[i:i + width] for i in range(0, len(flat), width)]
    return check_matrix(rows, name, width)


def _network(text):
    return loads(text, source="input 'net'")


def _targets(branches, net, n_samples):
    rows = [list(items) for _, items in branches if items]
    if len(rows) == 1 and net.n_outputs > 1 and len(rows[0]) == n_samples * net.n_outputs \
            and n_samples > 1:
        flat = rows[0]
        rows = [flat[i:i + net.n_outputs] for i in range(0, len(flat), net.n_outputs)]
    return to_targets(rows, net.n_outputs, n_samples, net.class_names, 'Y')


def _history_tree(h):
    return [((i,), list(getattr(h, key)))
            for i, key in enumerate(('loss', 'val_loss', 'accuracy', 'val_accuracy'))]


def _backend_options():
    if 'backend' in Trainer.__init__.__code__.co_varnames:
        return {'backend': 'auto'}
    return {}


def train(net, X, Y, epochs=100, batch_size=1, lr=None, optimizer='sgd', loss='mse',
          val_split=0.0, seed=0, run=True):
    net = _network(net)
    if not run:                               # BP Train's run toggle: nothing happens
        return {'trained': dumps(net), 'history': [], 'losses': [], 'accuracies': [],
                'epoch': 0, 'message': 'run is False: not trained (set run to True)'}
    if not 0 <= epochs <= MAX_EPOCHS:
        raise BPError('epochs must be between 0 and %d, got %d' % (MAX_EPOCHS, epochs))
    Xs = _rows(X, net.n_inputs, 'X')
    Ys = _targets(Y, net, len(Xs))
    if len(Ys) != len(Xs):
        raise BPError('X has %d samples (branches) but Y has %d' % (len(Xs), len(Ys)))
    started = time.time()
    trainer = Trainer(net, Xs, Ys, loss=loss, optimizer=optimizer, lr=lr,
                      batch_size=batch_size, validation_split=val_split or 0.0, seed=seed,
                      **_backend_options())
    h = trainer.run(epochs)
    facts = ['loss %.4g' % h.loss[-1]] if h.loss else []
    if h.accuracy:
        facts.append('accuracy %.3f' % h.accuracy[-1])
    if h.val_loss:
        facts.append('val loss %.4g' % h.val_loss[-1])
    message = 'trained %d epochs in %.2f s%s' % (h.epochs, time.time() - started,
                                                ': ' + ', '.join(facts) if facts else '')
    return {'trained': dumps(net), 'history': _history_tree(h), 'losses': list(h.loss),
            'accuracies': list(h.accuracy), 'epoch': h.epochs, 'message': message}


def predict(net, X):
    net = _network(net)
    Xs = _rows(X, net.n_inputs, 'X')
    outputs = net.predict(Xs)
    return {'values': [((i,), row) for i, row in enumerate(outputs)],
            'classes': net.predict_classes(Xs), 'labels': net.predict_labels(Xs)}


def evaluate(net, X, Y, raw=False):
    net = _network(net)
    Xs = _rows(X, net.n_inputs, 'X')
    targets = _targets(Y, net, len(Xs))
    if len(targets) != len(Xs):
        raise BPError('X has %d samples (branches) but Y has %d' % (len(Xs), len(targets)))
    outputs = net.predict(Xs) if raw else net.forward(Xs).output
    out = metrics.evaluate(targets, outputs, net.class_names)      # BP Evaluate's scores
    if out.get('confusion') is not None:
        out['confusion'] = [((i,), row) for i, row in enumerate(out['confusion'])]
    return out


NET = Param('net', 'Text', 'item', 'The network as model JSON text (BP Save, or the trained '
                                   'output of /train).')
X_IN = Param('X', 'Number', 'tree', 'Inputs, one branch per sample.')
Y_IN = Param('Y', 'Number', 'tree', 'Targets, one branch per sample (one-hot rows, '
                                    'regression targets), or one class index per sample.')

ENDPOINTS = dict((e.name, e) for e in [
    Endpoint('train', 'Train a bpcore network (BP Train): returns the trained network as '
                      'model JSON and its history.',
             [NET, Param('X', 'Number', 'tree', 'Scaled inputs, one branch per sample.'), Y_IN,
              Param('epochs', 'Integer', 'item', 'Passes over the data.', 100),
              Param('batch_size', 'Integer', 'item', 'Samples per update (1: per-sample '
                                                     'SGD).', 1),
              Param('lr', 'Number', 'item', "Learning rate (default: the optimizer's)."),
              Param('optimizer', 'Text', 'item', 'sgd, momentum, nesterov or adam.', 'sgd'),
              Param('loss', 'Text', 'item', 'mse, bce (sigmoid output) or cce (softmax '
                                            'output).', 'mse'),
              Param('val_split', 'Number', 'item', 'Fraction held out for validation.', 0.0),
              Param('seed', 'Integer', 'item', 'Seed of shuffling and the split.', 0),
              Param('run', 'Boolean', 'item', 'False: return the network untrained (a '
                                              'Boolean Toggle, as on BP Train).', True)],
             [Param('trained', 'Text', 'item', 'The trained network (model JSON).'),
              Param('history', 'Number', 'tree', '{0} loss, {1} val loss, {2} accuracy, '
                                                 '{3} val accuracy per epoch.'),
              Param('losses', 'Number', 'list', 'Training loss per epoch.'),
              Param('accuracies', 'Number', 'list', 'Training accuracy per epoch.'),
              Param('epoch', 'Integer', 'item', 'Epochs trained.'),
              Param('message', 'Text', 'item', 'What happened.')], train),
    Endpoint('predict', "A network's outputs, classes and labels (BP Predict).",
             [NET, Param('X', 'Number', 'tree', "Raw inputs, one branch per sample (the "
                                                "network's scaler is applied).")],
             [Param('values', 'Number', 'tree', 'Outputs, one branch per sample.'),
              Param('classes', 'Integer', 'list', 'Class index per sample.'),
              Param('labels', 'Text', 'list', 'Class name per sample.')], predict),
    Endpoint('evaluate', 'Scores of a network on samples (BP Evaluate).',
             [NET, Param('X', 'Number', 'tree', 'Inputs, one branch per sample (scaled, or '
                                                'raw with raw = True).'), Y_IN,
              Param('raw', 'Boolean', 'item', "True: apply the network's scaler to X.",
                    False)],
             [Param('accuracy', 'Number', 'item', 'Fraction classified right.'),
              Param('confusion', 'Integer', 'tree', 'One branch per true class.'),
              Param('precision', 'Number', 'list', 'Per class.'),
              Param('recall', 'Number', 'list', 'Per class.'),
              Param('mse', 'Number', 'item', 'Mean squared error.'),
              Param('mae', 'Number', 'item', 'Mean absolute error.'),
              Param('r2', 'Number', 'item', 'Coefficient of determination.'),
              Param('report', 'Text', 'item', 'Confusion matrix and scores as text.')],
             evaluate),
])


def gather_inputs(endpoint, values):
    """Keyword arguments for ``endpoint.handler`` from parsed request values."""
    kwargs = {}
    for p in endpoint.inputs:
        branches = values.get(p.name) or []
        items = [v for _, b in branches for v in b]
        if not items:
            if p in (NET,) or p.name in ('X', 'Y'):
                raise RequestError("input '%s' is missing or empty" % p.name)
            continue                         # the handler's default
        if p.access == 'tree':
            kwargs[p.name] = branches
        elif p.access == 'list':
            kwargs[p.name] = items
        else:
            if len(items) != 1:
                raise RequestError("input '%s' takes one item, got %d" % (p.name, len(items)))
            value = items[0]
            if p.kind == 'Integer' and isinstance(value, float) and value == int(value):
                value = int(value)
            kwargs[p.name] = value
    unknown = sorted(set(values) - set(p.name for p in endpoint.inputs))
    if unknown:
        raise RequestError("'%s' has no input %s (inputs: %s)"
                           % (endpoint.name, ', '.join("'%s'" % u for u in unknown),
                              ', '.join(p.name for p in endpoint.inputs)))
    return kwargs


def solve(endpoint, values):
    """Run ``endpoint`` on parsed request values -> ``{output: value}``."""
    return endpoint.handler(**gather_inputs(endpoint, values))
