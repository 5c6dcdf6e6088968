"""Model files: round trip, atomic save, and refusal of bad files (2.7 and 3.x)."""
import io
import json
import os

import pytest

from bpcore import model_io
from bpcore.data import StandardScaler
from bpcore.errors import BPError, ModelFileError
from bpcore.network import Network


def _net():
    net = Network([3, 4, 2], ['tanh', 'softmax'], init='he', seed=11)
    net.class_names = ['left', 'right']
    net.feature_names = ['a', 'b', 'c']
    net.scaler = StandardScaler().fit([[1.0, 2.0, 3.0], [2.0, 2.0, 5.0], [0.0, 2.0, 4.0]])
    net.training = {'epochs': 3, 'final_loss': 0.25}
    return net


def test_round_trip_keeps_everything(tmpdir):
    net = _net()
    path = model_io.save(net, str(tmpdir.join('m.json')))
    back = model_io.load(path)
    assert back.weights == net.weights and back.biases == net.biases
    assert back.sizes == [3, 4, 2] and back.activations == ['tanh', 'softmax']
    assert back.class_names == ['left', 'right'] and back.feature_names == ['a', 'b', 'c']
    assert back.training == {'epochs': 3, 'final_loss': 0.25}
    X = [[1.5, 2.0, 4.5]]
    assert back.predict(X) == net.predict(X)
    doc = json.loads(model_io.dumps(net))
    assert doc['schema'] == 'bpcore.model' and doc['version'] == 1


def test_failed_save_keeps_the_previous_file(tmpdir):
    path = str(tmpdir.join('m.json'))
    model_io.save(_net(), path)
    with io.open(path, 'rb') as f:
        before = f.read()
    broken = _net()
    broken.training = {'bad': object()}          # not JSON-serialisable
    with pytest.raises(TypeError):
        model_io.save(broken, path)
    with io.open(path, 'rb') as f:
        assert f.read() == before
    assert os.listdir(str(tmpdir)) == ['m.json']   # no temp file left behind


def test_failed_rename_keeps_the_previous_file_and_cleans_up(tmpdir, monkeypatch):
    path = str(tmpdir.join('m.json'))
    model_io.save(_net(), path)
    with io.open(path, 'rb') as f:
        before = f.read()

    def fail(src, dst):
        raise OSError('disk full')
    monkeypatch.setattr(model_io, '_rename_over', fail)
    with pytest.raises(OSError):
        model_io.save(Network([2, 2], seed=1), path)
    with io.open(path, 'rb') as f:
        assert f.read() == before
    assert os.listdir(str(tmpdir)) == ['m.json']


def test_windows_style_rename_puts_the_old_file_back(tmpdir, monkeypatch):
    dst = str(tmpdir.join('m.json'))
    src = str(tmpdir.join('new.tmp'))
    for p, text in ((dst, u'old'), (src, u'new')):
        with io.open(p, 'w') as f:
            f.write(text)
    real_rename = os.rename
    calls = []

    def rename(a, b):
        calls.append((a, b))
        if a == src:
            raise OSError('locked')
        real_rename(a, b)
    monkeypatch.setattr(model_io.os, 'name', 'nt')
    monkeypatch.setattr(model_io.os, 'rename', rename)
    with pytest.raises(OSError):
        model_io._rename_over(src, dst)
    with io.open(dst) as f:
        assert f.read() == u'old'
    assert calls[0] == (dst, dst + '.bak-bpcore')


@pytest.mark.parametrize('mutate,words', [
    (lambda d: 'not json {', 'not valid JSON'),
    (lambda d: '[1, 2]', 'expected an object'),
    (lambda d: dict(d, schema='keras'), "schema is 'keras'"),
    (lambda d: dict(d, version=99), 'version 99 is newer'),
    (lambda d: dict((k, v) for k, v in d.items() if k != 'network'), "missing key 'network'"),
    (lambda d: dict(d, network=dict((k, v) for k, v in d['network'].items()
                                    if k != 'weights')), "missing the key 'weights'"),
    (lambda d: dict(d, network=dict(d['network'], sizes=[3, 5, 2])),
     'layer 0: weights must have shape (5, 3)'),
    (lambda d: dict(d, network=dict(d['network'], activations=['tanh', 'mish'])),
     "unknown activation 'mish'"),
])
def test_bad_model_documents_are_refused(mutate, words):
    doc = json.loads(model_io.dumps(_net()))
    bad = mutate(doc)
    text = bad if isinstance(bad, str) else json.dumps(bad)
    with pytest.raises(ModelFileError) as info:
        model_io.loads(text, source='m.json')
    assert words in str(info.value) and 'm.json' in str(info.value)


def test_missing_and_truncated_files(tmpdir):
    with pytest.raises(ModelFileError) as info:
        model_io.load(str(tmpdir.join('nope.json')))
    assert 'not found' in str(info.value)
    path = str(tmpdir.join('cut.json'))
    text = model_io.dumps(_net())
    with io.open(path, 'wb') as f:
        f.write(text[:len(text) // 2].encode('utf-8'))
    with pytest.raises(ModelFileError) as info:
        model_io.load(path)
    assert 'not valid JSON' in str(info.value)


def test_non_finite_weight_is_refused_by_name_and_nothing_is_written(tmpdir):
    net = _net()
    net.weights[1][0][2] = float('nan')
    path = str(tmpdir.join('m.json'))
    with pytest.raises(BPError) as info:
        model_io.save(net, path)
    assert 'layer 1: weight [0][2] is not a finite number' in str(info.value)
    assert os.listdir(str(tmpdir)) == []


def test_binary_classifier_with_two_class_names_round_trips():
    net = Network([2, 3, 1], ['tanh', 'sigmoid'], seed=0)
    net.class_names = ['no', 'yes']
    back = model_io.loads(model_io.dumps(net))
    assert back.class_names == ['no', 'yes']
    assert back.predict_labels([[0.1, 0.2]])[0] in ('no', 'yes')
    net.class_names = ['a', 'b', 'c']
    with pytest.raises(BPError) as info:
        model_io.dumps(net)          # refused before anything is written
    assert "'class_names' must be a list of 1 or 2 strings" in str(info.value)


def _regression_net():
    net = Network([2, 3, 1], ['tanh', 'linear'], seed=2)
    net.target_scaler = StandardScaler().fit([[20.0], [260.0], [500.0]])
    return net


def test_target_scaler_round_trip_is_version_2_and_predicts_in_target_units(tmpdir):
    net = _regression_net()
    X = [[0.5, -1.0], [2.0, 0.0]]
    raw = net.forward(X).output
    ts = net.target_scaler
    # StandardScaler's inverse by hand: z * std + mean (std: population, over 20, 260, 500)
    mean = 260.0
    std = ((240.0 ** 2 * 2) / 3.0) ** 0.5
    assert net.predict(X) == ts.inverse_transform(raw)
    assert abs(net.predict(X)[0][0] - (raw[0][0] * std + mean)) < 1e-9
    assert net.scale_targets([[500.0]])[0][0] == pytest.approx(240.0 / std)
    path = model_io.save(net, str(tmpdir.join('r.json')))
    doc = json.loads(io.open(path, encoding='utf-8').read())
    assert doc['version'] == 2 and doc['network']['target_scaler'] is not None
    back = model_io.load(path)
    assert back.predict(X) == net.predict(X)
    assert 'target scaler: StandardScaler' in back.summary()


def test_version_1_files_without_target_scaler_still_load():
    doc = json.loads(model_io.dumps(_net()))
    assert doc['version'] == 1 and 'target_scaler' not in doc['network']
    back = model_io.loads(json.dumps(doc))
    assert back.target_scaler is None
    assert back.predict([[1.0, 2.0, 3.0]]) == back.forward(
        back.scaler.transform([[1.0, 2.0, 3.0]])).output


def test_target_scaler_of_the_wrong_width_is_refused():
    data = _regression_net().to_data()
    data['target_scaler'] = StandardScaler().fit([[1.0, 2.0], [3.0, 5.0]]).to_data()
    with pytest.raises(BPError) as e:
        Network.from_data(data)
    assert 'target_scaler was fitted on 2 columns but the network has 1 outputs' in str(e.value)
