"""Every component turns bad input into (at most) one red message (issue 10).

Each component runs with a valid set of inputs, then with one input at a time replaced by
hostile values of the kind Grasshopper can deliver for its type hint (NaN, infinities, 1e308,
huge and negative numbers, ragged and nested rows, text, unicode, NUL, a 10,000-character
text). An exception escaping RunScript fails the test (the harness re-raises it: Grasshopper
would show a traceback balloon); a value Grasshopper itself would refuse to convert
(HarnessError) is skipped, as the component would never run with it.
"""
from __future__ import absolute_import, division, print_function

import pytest

from harness import HarnessError, bundle_dir, read_metadata, run_component

from bpcore import data
from bpcore.network import Network
from bpcore.train import fit

NAN = float('nan')
INF = float('inf')


def _net():
    X = [[5.1, 3.5], [4.9, 3.0], [6.2, 2.9], [5.9, 3.0]]
    net = Network([2, 3, 2], ['sigmoid', 'softmax'], seed=4)
    net.scaler = data.MinMaxScaler().fit(X)
    net.class_names = ['a', 'b']
    fit(net, net.scaler.transform(X), [[1, 0], [1, 0], [0, 1], [0, 1]], epochs=3, loss='cce')
    return net


X = [[5.1, 3.5], [4.9, 3.0], [6.2, 2.9], [5.9, 3.0]]
Y = [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
CSV = u'a,b,kind\n5.1,3.5,x\n4.9,3.0,x\n6.2,2.9,y\n5.9,3.0,y\n'

HOSTILE = {
    'ghdoc': [None, u'abc', NAN, INF, 10 ** 400, [[1.0, 2.0], [3.0]], [[NAN, 1.0]],
              [[1e308, -1e308]], [[u'1e999', u'2']], [[True, False]], [[]], [1.0],
              [[[1.0, 2.0]]]],
    'str': [u'', u'abc', u'\u5706', u'nan', u'1e999', u'a\x00b', u'x' * 10000, u'-1'],
    'float': [NAN, INF, -INF, 1e308, -1e308, -1.0, 0.0],
    'int': [-1, 0, 10 ** 9],
    'bool': [True, False],
}

VALID = [
    ('BP_Forward', dict(net=_net(), X=X)),
    ('BP_Predict', dict(net=_net(), X=X)),
    ('BP_Backward', dict(net=_net(), X=X, Y=Y, loss=u'mse')),
    ('BP_Evaluate', dict(net=_net(), X=X, Y=Y, raw=False)),
    ('BP_Gradient_Check', dict(net=_net(), X=X, Y=Y, loss=u'mse')),
    ('BP_Train', dict(net=_net(), X=X, Y=Y, epochs=2, live=False, run=True, reset=False)),
    ('BP_Train_Options', dict(batch_size=2, lr=0.1, optimizer=u'sgd', loss=u'mse',
                              val_split=0.0, seed=0)),
    ('BP_Initialize', dict(sizes=[2, 3, 2], activations=[u'tanh', u'softmax'], init=u'xavier',
                           seed=0, class_names=[u'a', u'b'], feature_names=[u'p', u'q'])),
    ('BP_Dataset', dict(text=[CSV], label=u'kind', regression=False)),
    ('BP_Scale', dict(X=X, kind=u'minmax')),
    ('BP_Split', dict(X=X, Y=Y, test_size=0.5, seed=0, stratify=False)),
    ('BP_Save', dict(net=_net(), save=False)),
    ('BP_Load', dict(source=u'{"schema": "bpcore.model"}')),
    ('BP_Neuron_Graph', dict(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.88, activation=u'tanh')),
    ('BP_Value_Graph', dict(expression=u'tanh(a*b + c)', names=[u'a', u'b', u'c'],
                            values=[1.0, 2.0, 0.5])),
    ('BP_Draw_Network', dict(net=_net(), spacing=[4.0, 1.5], radius=0.4)),
    ('BP_Decision_Surface', dict(net=_net(), resolution=[5, 5], mode=u'classes', height=1.0,
                                 output=0)),
]


# valid but a billion epochs: the one-shot run would train for days (live mode is for that)
SLOW = set([('BP_Train', 'epochs', repr(10 ** 9)),
            ('BP_Train', 'epochs_per_tick', repr(10 ** 9))])


def _hints(name):
    meta = read_metadata(bundle_dir(name))
    return dict((p['name'], (p.get('typeHintID'), p.get('scriptParamAccess')))
                for p in meta['ghpython']['inputParameters'])


@pytest.mark.parametrize('name,valid', VALID, ids=[v[0] for v in VALID])
def test_hostile_inputs_give_at_most_one_red_message(name, valid):
    hints = _hints(name)
    ran = 0
    for param in sorted(valid):
        hint, access = hints[param]
        hint = 'ghdoc' if hint == 'none' else hint
        values = HOSTILE.get(hint, HOSTILE['ghdoc'])
        if access == 'list' and hint != 'ghdoc':
            values = [[v] for v in values] + [[]]
        for value in values:
            if (name, param, repr(value)) in SLOW:
                continue
            inputs = dict(valid)
            inputs[param] = value
            try:
                r = run_component(name, **inputs)
            except HarnessError:
                continue                      # Grasshopper would not convert this value
            ran += 1
            assert len(r.errors) <= 1, (name, param, value, r.errors)
    assert ran > 0
