"""ONNX export run by onnxruntime and by onnx's reference evaluator, against bpcore."""
import json

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx.reference import ReferenceEvaluator

from bpcore import BPError, Network, fit
from bpcore.data import MinMaxScaler, StandardScaler, read_csv
from bpcore.interop.onnx import to_model, to_onnx

from _helpers import EXAMPLES, max_abs

ACTS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear']


def run_ort(path, X):
    session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider'])
    return session.run(None, {'input': np.array(X, dtype=np.float64)})[0].tolist()


@pytest.fixture(scope='module')
def wine():
    return read_csv(EXAMPLES + '/wine.csv')


@pytest.mark.parametrize('hidden', ACTS)
@pytest.mark.parametrize('output', ['softmax', 'sigmoid', 'linear'])
def test_onnxruntime_equals_bpcore_predict(tmpdir, wine, hidden, output):
    net = Network([13, 6, 5, 3], [hidden, hidden, output], seed=2)
    net.scaler = MinMaxScaler().fit(wine.X)
    path = to_onnx(net, str(tmpdir.join('net.onnx')))
    got = run_ort(path, wine.X)
    tol = 1e-9 if hidden == 'leaky_relu' else 1e-12   # LeakyRelu's alpha is a float32 attr
    assert max_abs(got, net.predict(wine.X)) < tol


def test_trained_classifier_with_standard_scaler_and_metadata(tmpdir, wine):
    net = Network([13, 8, 3], ['tanh', 'softmax'], seed=0)
    net.scaler = StandardScaler().fit(wine.X)
    net.class_names = wine.class_names
    net.feature_names = wine.feature_names
    fit(net, net.scaler.transform(wine.X), wine.Y, epochs=10, batch_size=16,
        optimizer='adam', lr=0.01, loss='cce', seed=0)
    path = to_onnx(net, str(tmpdir.join('wine.onnx')))
    model = onnx.load(path)
    ops = [n.op_type for n in model.graph.node]
    assert ops == ['Sub', 'Div', 'Gemm', 'Tanh', 'Gemm', 'Softmax']
    props = dict((p.key, p.value) for p in model.metadata_props)
    assert json.loads(props['class_names']) == wine.class_names
    assert json.loads(props['feature_names']) == wine.feature_names
    ort_out = run_ort(path, wine.X)
    ref_out = ReferenceEvaluator(model).run(None, {'input': np.array(wine.X)})[0].tolist()
    expected = net.predict(wine.X)
    assert max_abs(ort_out, expected) < 1e-12
    assert max_abs(ref_out, expected) < 1e-12
    assert [r.index(max(r)) for r in ort_out] == net.predict_classes(wine.X)


def test_without_scaler_and_float32(tmpdir, wine):
    net = Network([13, 4, 1], ['relu', 'sigmoid'], seed=5)
    net.scaler = MinMaxScaler().fit(wine.X)
    scaled = net.scaler.transform(wine.X)
    model = to_model(net, include_scaler=False)
    assert [n.op_type for n in model.graph.node] == ['Gemm', 'Relu', 'Gemm', 'Sigmoid']
    path = str(tmpdir.join('raw.onnx'))
    onnx.save(model, path)
    assert max_abs(run_ort(path, scaled), net.forward(scaled).output) < 1e-12
    path32 = to_onnx(net, str(tmpdir.join('f32.onnx')), dtype='float32')
    session = onnxruntime.InferenceSession(path32, providers=['CPUExecutionProvider'])
    got = session.run(None, {'input': np.array(wine.X, dtype=np.float32)})[0].tolist()
    assert max_abs(got, net.predict(wine.X)) < 1e-5


def test_bad_arguments():
    with pytest.raises(BPError):
        to_model('net')
    with pytest.raises(BPError) as info:
        to_model(Network([2, 1]), dtype='int8')
    assert 'float64' in str(info.value)
