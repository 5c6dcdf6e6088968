"""Fuzzing model files: mutated documents give a ModelFileError, nothing else (issue 10).

Two kinds of seeded mutation of a real model document: text edits of the JSON (tokens such as
``NaN``, ``1e999``, ``[`` x 200, 400-digit numbers, quotes, NUL) and structural edits (one
value of the parsed document replaced by a value of another type or an extreme number). A
document that loads must give a network that predicts or refuses with a BPError.
Standard library and pytest only; 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import copy
import json

import _fuzz
from bpcore import model_io
from bpcore.data import MinMaxScaler
from bpcore.network import Network

VALUES = [None, True, False, 0, -1, 1, 2, 7, 1.5, -0.0, 1e308, -1e308, 1e-320, 10 ** 400,
          u'', u'x', u'tanh', u'softmax', u'W\u00fcrfel', [], [[]], [0.5], [[0.5, 0.5]],
          {}, {u'type': u'MinMaxScaler'}, [1, [2, [3]]]]


def _document():
    net = Network([3, 4, 2], ['tanh', 'softmax'], seed=1)
    net.class_names = [u'Kama', u'W\u00fcrfel']
    net.feature_names = [u'a', u'b', u'c']
    net.scaler = MinMaxScaler().fit([[0.0, 1.0, 2.0], [1.0, 3.0, 5.0]])
    net.training = {u'epochs': 3, u'final_loss': 0.25, u'history': [1.0, 0.5]}
    net.input_ranges = [[0.0, 1.0], [1.0, 3.0], [2.0, 5.0]]
    return model_io.dumps(net)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k in sorted(node):
            for p in _paths(node[k], path + (k,)):
                yield p
    elif isinstance(node, list):
        for i, v in enumerate(node):
            for p in _paths(v, path + (i,)):
                yield p


def _replace(doc, path, value):
    if not path:
        return value
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def mutants(n, seed=3):
    m = _fuzz.Mutator(seed)
    text = _document()
    paths = list(_paths(json.loads(text)))
    for i in range(n):
        if i % 2:
            yield m.text(text)
        else:
            doc = json.loads(text)
            for _ in range(m.rng.randint(1, 3)):
                try_path = m.pick(paths)
                try:
                    doc = _replace(doc, try_path, copy.deepcopy(m.pick(VALUES)))
                except (KeyError, IndexError, TypeError):   # the path went away
                    pass
            yield json.dumps(doc)


def load_and_use(text):
    net = model_io.loads(text, 'fuzzed model')
    net.predict([[0.5, 2.0, 3.0]])
    model_io.loads(model_io.dumps(net))        # what loads is saved and loads again


def test_mutated_model_files_raise_only_model_file_errors(request):
    n = _fuzz.count(request, 2000)
    stats = _fuzz.run('model files', mutants(n), load_and_use, request.config)
    assert stats['tried'] == n and stats['other'] == 0
    assert stats['refused'] > n // 4 and stats['accepted'] > 0
