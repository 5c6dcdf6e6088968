"""Networks and histories through the real COMPAS 2 JSON (compas.json_dump / json_load),
with bpcore never importing compas."""
import io
import json
import subprocess
import sys

import compas
import pytest

from bpcore import History, Network, fit
from bpcore.data import MinMaxScaler, read_csv
from bpcore.model_io import dumps

from _helpers import EXAMPLES, ROOT


@pytest.fixture(scope='module')
def trained():
    ds = read_csv(EXAMPLES + '/iris.csv', label='species')
    net = Network([4, 5, 3], ['tanh', 'softmax'], seed=0)
    net.scaler = MinMaxScaler().fit(ds.X)
    net.class_names = ds.class_names
    net.feature_names = ds.feature_names
    history = fit(net, net.scaler.transform(ds.X), ds.Y, epochs=8, batch_size=16,
                  optimizer='adam', lr=0.05, loss='cce', validation_split=0.2, seed=0)
    return ds, net, history


def test_network_round_trip_through_compas_json_file(tmpdir, trained):
    ds, net, _ = trained
    path = str(tmpdir.join('net.json'))
    compas.json_dump(net, path)
    back = compas.json_load(path)
    assert isinstance(back, Network) and back is not net
    assert back.to_data() == net.to_data()
    assert back.predict(ds.X) == net.predict(ds.X)
    with io.open(path, encoding='utf-8') as f:
        doc = json.load(f)
    assert doc['dtype'] == 'bpcore.network/Network'
    # the COMPAS 'data' is the network of the canonical model file, key for key
    assert doc['data'] == json.loads(dumps(net))['network']


def test_history_and_nested_structures_round_trip(trained):
    _, net, history = trained
    text = compas.json_dumps({'model': net, 'runs': [history, history]})
    back = compas.json_loads(text)
    assert isinstance(back['runs'][1], History)
    assert back['runs'][0].to_data() == history.to_data()
    assert back['runs'][0].val_accuracy == history.val_accuracy
    assert back['model'].weights == net.weights
    assert json.loads(text)['runs'][0]['dtype'] == 'bpcore.train/History'


def test_compas_data_protocol_names():
    net = Network([2, 2, 1], seed=1)
    assert net.__data__ == net.to_data()
    assert Network.__from_data__(net.__data__).to_data() == net.to_data()
    assert compas.data.json_loads(compas.data.json_dumps(net, minimal=True)).sizes == [2, 2, 1]


def test_bpcore_does_not_import_compas():
    code = ('import sys, bpcore, bpcore.network, bpcore.train, bpcore.cli; '
            'print("compas" in sys.modules)')
    out = subprocess.check_output([sys.executable, '-c', code], cwd=ROOT)
    assert out.decode().strip() == 'False'
