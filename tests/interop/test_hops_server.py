"""The Hops server over real HTTP on 127.0.0.1, with requests in the form Hops sends them
(Resthopper schema: POST /solve with a pointer, every value's data as JSON text), answers
read back with ghhops-server's own parameter decoders."""
import json
import socket

import ghhops_server as hs
import pytest

from bpcore import Network, fit
from bpcore import metrics
from bpcore.data import MinMaxScaler, read_csv
from bpcore.hops.server import serve
from bpcore.model_io import dumps, loads

from _helpers import EXAMPLES, max_abs

try:
    from http.client import HTTPConnection
except ImportError:  # pragma: no cover
    from httplib import HTTPConnection


@pytest.fixture(scope='module')
def server():
    srv, thread = serve('127.0.0.1', 0, max_bytes=2 * 1024 * 1024, background=True)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope='module')
def iris():
    ds = read_csv(EXAMPLES + '/iris.csv', label='species')
    net = Network([4, 6, 3], ['tanh', 'softmax'], seed=0)
    net.scaler = MinMaxScaler().fit(ds.X)
    net.class_names = ds.class_names
    return ds, net


def request(server, method, path, body=None, headers=None):
    conn = HTTPConnection('127.0.0.1', server.server_address[1], timeout=60)
    data = json.dumps(body) if isinstance(body, (dict, list)) else body
    conn.request(method, path, data, dict({'Content-Type': 'application/json'},
                                          **(headers or {})))
    res = conn.getresponse()
    text = res.read().decode('utf-8')
    conn.close()
    return res.status, text


def item(kind, value):
    """One ResthopperObject: Data is the JSON text of the value."""
    return {'type': kind, 'data': json.dumps(value)}


def tree(name, branches, kind='System.Double'):
    return {'ParamName': name,
            'InnerTree': dict(('{%d}' % i, [item(kind, v) for v in b])
                              for i, b in enumerate(branches))}


def hops_request(pointer, values):
    return {'absolutetolerance': 0.01, 'angletolerance': 1.0, 'modelunits': 'Millimeters',
            'algo': None, 'pointer': pointer, 'cachesolve': False, 'recursionlevel': 0,
            'values': values, 'warnings': [], 'errors': []}


def outputs(text):
    doc = json.loads(text)
    return dict((v['ParamName'], v) for v in doc['values']), doc['errors']


def test_descriptions_match_ghhops_parameter_encoding(server):
    status, text = request(server, 'GET', '/train')
    assert status == 200
    doc = json.loads(text)
    assert doc['Uri'] == '/train' and doc['Name'] == 'train'
    ins = dict((p['Name'], p) for p in doc['Inputs'])
    assert [p['Name'] for p in doc['Inputs']] == ['net', 'X', 'Y', 'epochs', 'batch_size',
                                                  'lr', 'optimizer', 'loss', 'val_split',
                                                  'seed', 'run']
    reference = {
        'net': hs.HopsString('net', 'net', ins['net']['Description']).encode(),
        'X': hs.HopsNumber('X', 'X', ins['X']['Description'],
                           access=hs.HopsParamAccess.TREE).encode(),
        'epochs': hs.HopsInteger('epochs', 'epochs', ins['epochs']['Description'],
                                 default=100).encode(),
    }
    for name, ref in reference.items():
        assert ins[name] == ref, name
    status, text = request(server, 'GET', '/')
    assert status == 200 and sorted(d['Name'] for d in json.loads(text)) == \
        ['evaluate', 'predict', 'train']


def test_train_through_solve_equals_library_fit(server, iris):
    ds, net = iris
    X = net.scaler.transform(ds.X)
    body = hops_request('train', [
        tree('net', [[dumps(net)]], 'System.String'),
        tree('X', X),
        tree('Y', [ds.y], 'System.Double'),          # one class index per sample, branch {0}
        tree('epochs', [[15]], 'System.Int32'),
        tree('batch_size', [[8]], 'System.Int32'),
        tree('lr', [[0.02]]),
        tree('optimizer', [['adam']], 'System.String'),
        tree('loss', [['cce']], 'System.String'),
        tree('val_split', [[0.2]]),
        tree('seed', [[3]], 'System.Int32'),
    ])
    status, text = request(server, 'POST', '/solve', body)
    assert status == 200, text
    out, errors = outputs(text)
    assert errors == []
    hs.params._init_rhino3dm()
    trained_text = hs.HopsString('trained').from_input(out['trained'])
    trained = loads(trained_text)
    reference = net.copy()
    history = fit(reference, X, ds.Y, epochs=15, batch_size=8, lr=0.02, optimizer='adam',
                  loss='cce', validation_split=0.2, seed=3)
    assert trained.weights == reference.weights and trained.biases == reference.biases
    losses = hs.HopsNumber('losses', access=hs.HopsParamAccess.LIST).from_input(out['losses'])
    assert losses == history.loss
    hist = hs.HopsNumber('history', access=hs.HopsParamAccess.TREE).from_input(out['history'])
    assert hist['{1}'] == history.val_loss and hist['{3}'] == history.val_accuracy
    assert hs.HopsInteger('epoch').from_input(out['epoch']) == 15
    assert 'trained 15 epochs' in hs.HopsString('message').from_input(out['message'])


def test_train_with_run_false_returns_the_network_untrained(server, iris):
    ds, net = iris
    body = hops_request('train', [tree('net', [[dumps(net)]], 'System.String'),
                                  tree('X', ds.X[:4]), tree('Y', ds.Y[:4]),
                                  tree('run', [[False]], 'System.Boolean')])
    status, text = request(server, 'POST', '/solve', body)
    out, errors = outputs(text)
    assert status == 200 and errors == []
    assert loads(json.loads(out['trained']['InnerTree']['{0}'][0]['data'])).weights == \
        net.weights
    assert 'run is False' in json.loads(out['message']['InnerTree']['{0}'][0]['data'])


def test_predict_tree_and_flat_list_forms(server, iris):
    ds, net = iris
    X = ds.X[::10]
    expected = net.predict(X)
    for branches in (X, [[v for row in X for v in row]]):   # a tree, then one flat list
        body = hops_request('predict', [tree('net', [[dumps(net)]], 'System.String'),
                                        tree('X', branches)])
        status, text = request(server, 'POST', '/predict', body)
        assert status == 200, text
        out, errors = outputs(text)
        assert errors == []
        values = hs.HopsNumber('values', access=hs.HopsParamAccess.TREE).from_input(
            out['values'])
        got = [values['{%d}' % i] for i in range(len(X))]
        assert max_abs(got, expected) == 0.0
        labels = hs.HopsString('labels', access=hs.HopsParamAccess.LIST).from_input(
            out['labels'])
        assert labels == net.predict_labels(X)


def test_evaluate_scores_equal_metrics(server, iris):
    ds, net = iris
    body = hops_request('evaluate', [tree('net', [[dumps(net)]], 'System.String'),
                                     tree('X', ds.X), tree('Y', ds.Y),
                                     tree('raw', [[True]], 'System.Boolean')])
    status, text = request(server, 'POST', '/solve', body)
    assert status == 200, text
    out, errors = outputs(text)
    assert errors == []
    acc = hs.HopsNumber('accuracy').from_input(out['accuracy'])
    assert acc == metrics.accuracy(ds.y, net.predict_classes(ds.X))
    mse = hs.HopsNumber('mse').from_input(out['mse'])
    assert mse == metrics.mse(ds.Y, net.predict(ds.X))
    conf = hs.HopsInteger('confusion', access=hs.HopsParamAccess.TREE).from_input(
        out['confusion'])
    assert [conf['{%d}' % i] for i in range(3)] == \
        metrics.confusion_matrix(ds.y, net.predict_classes(ds.X), 3)


@pytest.mark.parametrize('body, status, message', [
    ('this is not json', 400, 'not JSON'),
    ({'pointer': 'train'}, 400, 'not a Hops solve request'),
    (hops_request('train', [{'ParamName': 'X', 'InnerTree': {'{zero}': []}}]), 400,
     'bad tree path'),
    (hops_request('train', [{'ParamName': 'X', 'InnerTree': {'{0}': [{'type': 'System.Double',
                                                                     'data': 'abc'}]}}]),
     400, "input 'X', branch {0}, item 0: cannot read 'abc'"),
    (hops_request('nothing', []), 404, "no Hops function 'nothing'"),
    (hops_request('predict', [tree('net', [['{"not": "a model"}']], 'System.String'),
                              tree('X', [[1.0, 2.0, 3.0, 4.0]])]), 200, "input 'net'"),
    (hops_request('predict', [tree('X', [[1.0, 2.0]])]), 400, "input 'net' is missing"),
    (hops_request('predict', [tree('net', [['x']], 'System.String'), tree('X', [[1.0]]),
                              tree('Z', [[1.0]])]), 400, "no input 'Z'"),
])
def test_bad_payloads_get_clear_errors(server, body, status, message):
    got, text = request(server, 'POST', '/solve', body)
    assert got == status, text
    doc = json.loads(text)
    assert doc['errors'] and message in doc['errors'][0], doc['errors']


def test_ragged_rows_and_wrong_width_name_the_row(server, iris):
    ds, net = iris
    body = hops_request('predict', [tree('net', [[dumps(net)]], 'System.String'),
                                    tree('X', [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]])])
    status, text = request(server, 'POST', '/predict', body)
    assert status == 200
    assert 'X row 1 has 3 values, expected 4' in json.loads(text)['errors'][0]
    body = hops_request('predict', [tree('net', [[dumps(net)]], 'System.String'),
                                    tree('X', [[1.0, 2.0, 3.0]])])
    status, text = request(server, 'POST', '/predict', body)
    assert 'X has 3 columns, expected 4' in json.loads(text)['errors'][0]


def read_all(s):
    chunks = []
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return b''.join(chunks).decode('utf-8')
        chunks.append(chunk)


def test_size_limit_and_missing_length_leave_the_server_running(server):
    port = server.server_address[1]
    s = socket.create_connection(('127.0.0.1', port), timeout=30)
    s.sendall(b'POST /train HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
              b'Content-Length: 1000000000\r\n\r\n{"values": [')
    reply = read_all(s)
    s.close()
    assert reply.startswith('HTTP/1.0 413') or reply.startswith('HTTP/1.1 413')
    assert 'at most 2097152' in reply
    s = socket.create_connection(('127.0.0.1', port), timeout=30)
    s.sendall(b'POST /train HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    reply = read_all(s)
    s.close()
    assert ' 411 ' in reply.splitlines()[0] and 'Content-Length' in reply
    status, _ = request(server, 'GET', '/predict')
    assert status == 200
    status, text = request(server, 'GET', '/nope')
    assert status == 404 and 'no Hops function' in text


def test_listens_on_loopback_by_default():
    from bpcore.hops.server import DEFAULT_HOST, make_server
    assert DEFAULT_HOST == '127.0.0.1'
    srv = make_server(port=0)
    try:
        assert srv.server_address[0] == '127.0.0.1'
    finally:
        srv.server_close()


def test_python_m_bpcore_hops_serves_until_ctrl_c():
    import signal
    import subprocess
    import sys
    from _helpers import ROOT
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore.hops', '--port', '0', '--quiet'],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline().decode('utf-8')
        assert line.startswith('bpcore Hops server on http://127.0.0.1:'), line
        port = int(line.split('http://127.0.0.1:')[1].split(' ')[0])
        conn = HTTPConnection('127.0.0.1', port, timeout=30)
        conn.request('GET', '/evaluate')
        res = conn.getresponse()
        doc = json.loads(res.read().decode('utf-8'))
        conn.close()
        assert res.status == 200 and [p['Name'] for p in doc['Inputs']] == ['net', 'X', 'Y',
                                                                            'raw']
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate()
    assert proc.returncode == 0
