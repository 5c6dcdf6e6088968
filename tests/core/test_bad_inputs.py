"""One error family (issue 10): every public entry point, given bad input, raises a BPError
subclass naming the parameter or place at fault -- never TypeError, OverflowError,
RecursionError, UnicodeError, ... from deep inside.

Two tables: a walk over every public function with each of ``BAD`` in each parameter (the
others valid), which must either work or raise the entry's BPError subclass with a message
naming the parameter; and the cases the issue lists, which must be refused with exact words.
Standard library and pytest only; runs on CPython 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import os

import pytest

from bpcore import data, gradcheck, metrics, model_io, optim, train
from bpcore.autograd import Value
from bpcore.build import install
from bpcore.build.userobject import read_userobject
from bpcore.errors import BPError, DataError
from bpcore.errors import GHIOError, ModelFileError
from bpcore.expr import ExprError, evaluate, parse
from bpcore.network import Network
from bpcore.rhino import component as ghc

NAN = float('nan')
INF = float('inf')


def _deep(n):
    x = [1.0]
    for _ in range(n):
        x = [x]
    return x


BAD = [('None', None), ('True', True), ('text', 'abc'), ('unicode', u'\u5706'), ('nan', NAN),
       ('inf', INF), ('-inf', -INF), ('10**400', 10 ** 400), ('-1', -1), ('0', 0), ('1.7', 1.7),
       ('[]', []), ('[[]]', [[]]), ('[1, [2]]', [1, [2]]), ('ragged', [[1, 2], [3]]),
       ('[[nan]]', [[NAN]]), ('{}', {}), ('object', object()), ('deep', _deep(3000)),
       ('bytes', b'\xff\xfe'), ('[None]', [None]), ("['x']", ['x']), ('(1,)', (1,)),
       ('[10**400]', [10 ** 400]), ('[inf]', [INF])]

NET = Network([2, 3, 2], ['tanh', 'softmax'], seed=0)
X = [[0.1, 0.2], [0.3, 0.4]]
Y = [[1.0, 0.0], [0.0, 1.0]]
TRACE = NET.forward(X)
MODEL = model_io.dumps(NET)


def _net():
    return NET.copy()


# name, function, valid keyword arguments, the BPError subclass, {parameter: words naming it}
ENTRIES = [
    ('Network', lambda **k: Network(**k),
     dict(sizes=[2, 3, 1], activations='sigmoid', init='xavier', seed=0), BPError,
     {'activations': ['activation']}),
    ('Network.forward', lambda **k: NET.forward(**k), dict(X=X), DataError, {}),
    ('Network.backward', lambda **k: NET.backward(**k), dict(trace=TRACE, Y=Y, loss='mse'),
     BPError, {}),
    ('Network.loss', lambda **k: NET.loss(**k), dict(X=X, Y=Y, loss='mse'), BPError, {}),
    ('Network.predict', lambda **k: NET.predict(**k), dict(X=X), DataError, {}),
    ('Network.predict_classes', lambda **k: NET.predict_classes(**k), dict(X=X), DataError, {}),
    ('Network.from_data', lambda **k: Network.from_data(**k), dict(data=NET.to_data()), BPError,
     {'data': ['network data']}),
    ('fit', lambda **k: train.fit(_net(), **k),
     dict(X=X, Y=Y, epochs=1, batch_size=1, optimizer='sgd', lr=0.1, loss='mse',
          validation_data=None, validation_split=0.0, shuffle=True, seed=0,
          early_stopping=None, restore_best=True, callback=None), BPError,
     {'validation_data': ['validation'], 'early_stopping': ['early_stopping'],
      'optimizer': ['optimizer'], 'lr': ['lr']}),
    ('Trainer.run', lambda **k: train.Trainer(_net(), X, Y).run(**k), dict(epochs=1), BPError,
     {}),
    ('SGD', lambda **k: optim.SGD(**k), dict(lr=0.1, momentum=0.0, nesterov=False,
                                             weight_decay=0.0), BPError, {}),
    ('Adam', lambda **k: optim.Adam(**k), dict(lr=0.1, betas=(0.9, 0.99), eps=1e-8,
                                               weight_decay=0.0), BPError, {}),
    ('make_optimizer', lambda **k: optim.make_optimizer(**k), dict(optimizer='sgd', lr=0.1),
     BPError, {}),
    ('model_io.dumps', lambda **k: model_io.dumps(**k), dict(network=NET, indent=1), BPError,
     {'network': ['Network']}),
    ('model_io.loads', lambda **k: model_io.loads(**k), dict(text=MODEL, source='m.json'),
     ModelFileError, {'text': ['m.json']}),
    ('model_io.load', lambda **k: model_io.load(**k), dict(path=__file__), ModelFileError,
     {'path': ['path', 'model file']}),
    ('gradient_check', lambda **k: gradcheck.gradient_check(**k),
     dict(network=NET, X=X, Y=Y, loss='mse', h=1e-5), BPError, {}),
    ('accuracy', lambda **k: metrics.accuracy(**k), dict(y_true=[0, 1], y_pred=[0, 1]),
     DataError, {}),
    ('confusion_matrix', lambda **k: metrics.confusion_matrix(**k),
     dict(y_true=[0, 1], y_pred=[0, 1], n_classes=2), BPError, {'n_classes': ['class']}),
    ('classification_report', lambda **k: metrics.classification_report(**k),
     dict(y_true=[0, 1], y_pred=[0, 1], class_names=['a', 'b'], digits=3), BPError, {}),
    ('format_confusion', lambda **k: metrics.format_confusion(**k),
     dict(matrix=[[1, 0], [0, 1]], class_names=['a', 'b']), DataError,
     {'matrix': ['confusion matrix']}),
    ('mse', lambda **k: metrics.mse(**k), dict(y_true=[0.0, 1.0], y_pred=[0.0, 1.0]),
     DataError, {}),
    ('r2', lambda **k: metrics.r2(**k), dict(y_true=[0.0, 1.0], y_pred=[0.0, 1.0]),
     DataError, {}),
    ('evaluate', lambda **k: metrics.evaluate(**k),
     dict(targets=Y, outputs=Y, class_names=['a', 'b']), DataError,
     {'targets': ['targets', 'outputs']}),
    ('expr.parse', lambda **k: parse(**k), dict(text='a*b'), ExprError,
     {'text': ['expression', 'position']}),
    ('expr.evaluate', lambda **k: evaluate(**k), dict(text='a/b', variables={'a': 1, 'b': 2}),
     ExprError, {'text': ['expression', 'position'], 'variables': ['variables', "name 'a'"]}),
    ('Value', lambda **k: Value(**k), dict(data=1.0, label='x'), BPError, {'data': ['Value']}),
    ('check_matrix', lambda **k: data.check_matrix(**k), dict(X=X, name='X', width=2),
     BPError, {'width': ['width', 'columns']}),
    ('one_hot', lambda **k: data.one_hot(**k), dict(indices=[0, 1], n_classes=2), BPError,
     {}),
    ('LabelEncoder.fit', lambda **k: data.LabelEncoder().fit(**k), dict(labels=['a', 'b']),
     DataError, {}),
    ('MinMaxScaler', lambda **k: data.MinMaxScaler(**k).fit(X),
     dict(feature_range=(0.0, 1.0)), BPError, {}),
    ('MinMaxScaler.fit', lambda **k: data.MinMaxScaler().fit(**k), dict(X=X), DataError, {}),
    ('StandardScaler.fit', lambda **k: data.StandardScaler().fit(**k), dict(X=X), DataError,
     {}),
    ('scaler_from_data', lambda **k: data.scaler_from_data(**k),
     dict(d=data.MinMaxScaler().fit(X).to_data()), BPError, {'d': ['scaler']}),
    ('make_scaler', lambda **k: data.make_scaler(**k), dict(kind='minmax'), BPError,
     {'kind': ['scaler']}),
    ('split_indices', lambda **k: data.split_indices(**k),
     dict(n=10, test_size=0.3, seed=0, stratify=None), BPError,
     {'test_size': ['test_size', 'split']}),
    ('train_test_split', lambda **k: data.train_test_split(**k),
     dict(X=X * 3, Y=Y * 3, test_size=0.3, seed=0, stratify=None), BPError,
     {'test_size': ['test_size', 'split']}),
    ('kfold_indices', lambda **k: data.kfold_indices(**k),
     dict(n=10, k=2, seed=0, stratify=None), BPError, {'k': ['k ', 'folds']}),
    ('read_csv', lambda **k: data.read_csv(**k),
     dict(source='a,b,c\n1,2,x\n3,4,y\n', label=-1, header=None, delimiter=None,
          task='classification'), BPError,
     {'source': ['CSV', 'line', 'read_csv'], 'label': ['label', 'column'],
      'header': ['header', 'line 1'], 'delimiter': ['delimiter', 'column']}),
    ('read_userobject', lambda **k: read_userobject(**k), dict(data=b'not a ghuser'),
     GHIOError, {'data': ['read_userobject', 'user object', 'GH_IO', 'archive', 'DEFLATE']}),
    ('install.plan', lambda **k: install.plan(**k),
     dict(system='windows', home=os.path.dirname(__file__), variant='ironpython',
          versions=('8',)), BPError,
     {'system': ['OS'], 'versions': ['Rhino version', 'versions'], 'home': ['home']}),
    ('component.to_int', lambda **k: ghc.to_int(**k), dict(value=3, name='n'),
     BPError, {'value': ["'n'"]}),
    ('component.to_float', lambda **k: ghc.to_float(**k), dict(value=3.5, name='x'), BPError,
     {'value': ["'x'"]}),
]
# Values that are valid for a parameter but would take forever (train 10**400 epochs) or are
# the parameter's own type of input in a form the walk cannot judge.
SKIP = {('fit', 'epochs', '10**400'), ('Trainer.run', 'epochs', '10**400'),
        ('install.plan', 'home', 'unicode'), ('install.plan', 'home', 'text')}


def message_of(exc):
    text = exc.args[0] if exc.args else ''
    return text if isinstance(text, type(u'')) else text.decode('utf-8', 'replace')


@pytest.mark.parametrize('entry', ENTRIES, ids=[e[0] for e in ENTRIES])
def test_every_bad_input_gets_one_bp_error_naming_it(entry):
    name, call, valid, kind, words = entry
    refused = 0
    for param in sorted(valid):
        for label, bad in BAD:
            if (name, param, label) in SKIP or param in ('name', 'label', 'source') and \
                    name in ('check_matrix', 'Value', 'model_io.loads') and bad is None:
                continue
            kwargs = dict(valid)
            kwargs[param] = bad
            try:
                call(**kwargs)
            except BPError as exc:
                refused += 1
                text = message_of(exc)
                assert isinstance(exc, kind), (name, param, label, type(exc), text)
                wanted = words.get(param, [param])
                assert any(w in text for w in wanted), (name, param, label, text)
            except Exception as exc:
                raise AssertionError('%s(%s=%s) raised %s: %s'
                                     % (name, param, label, type(exc).__name__, exc))
    assert refused > 0


def _refused(call, kind=BPError):
    with pytest.raises(BPError) as info:
        call()
    assert isinstance(info.value, kind)
    return message_of(info.value)


def test_the_cases_the_issue_names():
    assert _refused(lambda: Network([2, NAN, 1])) == 'sizes[1] must be a positive whole number, got nan'
    assert _refused(lambda: Network([2, 3, 1], seed='abc')) == "seed must be a whole number, got 'abc'"
    assert _refused(lambda: Network([2, 3, 1], seed=1.7)) == 'seed must be a whole number, got 1.7'
    assert Network([2, 3, 1], seed=4.0).seed == 4          # a Grasshopper float seed is fine
    assert _refused(lambda: train.fit(_net(), X, Y, validation_split='0.2')) == \
        "validation_split must be a finite number, got '0.2'"
    assert _refused(lambda: train.fit(_net(), X, Y, seed=1.7)) == \
        'seed must be a whole number, got 1.7'
    assert _refused(lambda: train.fit(_net(), X, Y, shuffle='no')) == \
        "shuffle must be True or False, got 'no'"
    assert _refused(lambda: train.fit(_net(), X, Y, batch_size=2.5)) == \
        'batch_size must be a whole number, got 2.5'
    assert _refused(lambda: data.split_indices(10, seed='x')) == \
        "seed must be a whole number, got 'x'"
    assert _refused(lambda: Network([2, 10 ** 6, 10 ** 6, 1])).startswith(
        'sizes [2, 1000000, 1000000, 1] make 1000005000001 parameters')
    assert _refused(lambda: model_io.loads('[' * 100000), ModelFileError).endswith(
        'nests deeper than 64 levels')
    assert _refused(lambda: ghc.to_int(NAN, 'seed')) == "input 'seed' must be a whole number, got nan"
    assert _refused(lambda: ghc.to_int(10 ** 400, 'seed')).startswith("input 'seed' is not a number")
    assert _refused(lambda: Value(1.0) ** INF) == 'a node with value 1.0 ** inf: the exponent must be a finite number'
    assert _refused(lambda: parse('2 ** ' + '9' * 400), ExprError).startswith(
        "syntax error at position 5: the number '9999")


def test_the_command_line_prints_one_error_line(tmpdir, capsys):
    import bpcore.__main__ as cli
    bad = tmpdir.join('bad.csv')
    bad.write('a,b,kind\n1,x,k\n')
    assert cli.main(['demo', '--data', str(bad), '--epochs', '1']) == 1
    err = capsys.readouterr()[1]
    assert err == "error: line 1, column 0 ('x0'): cannot read 'a' as a number\n"
    with pytest.raises(SystemExit) as info:
        cli.main(['demo', '--epochs', 'many'])
    assert "--epochs needs a whole number, got 'many'" in str(info.value)
