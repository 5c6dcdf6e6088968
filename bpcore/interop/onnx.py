"""ONNX export: a bpcore network as a standard MLP graph any ONNX runtime can run.

The graph, for raw inputs ``input`` ``(N, n_inputs)`` to ``output`` ``(N, n_outputs)``:

* the network's scaler, when it has one and ``include_scaler`` is true: MinMax as
  ``Sub(min) -> Mul(scale) -> Add(lo)``, Standard as ``Sub(mean) -> Div(scale)``, the same
  arithmetic as bpcore's ``transform``;
* per layer ``Gemm(transB=1)`` with ``W (j, k)`` and ``b (j,)`` (bpcore's layout is
  ``nn.Linear``'s, so ``transB``), then ``Sigmoid``, ``Tanh``, ``Relu``,
  ``LeakyRelu(alpha=0.01)`` or ``Softmax(axis=-1)`` (nothing for linear).

Class and feature names travel as ``metadata_props`` (``class_names``, ``feature_names`` as
JSON). float64 by default, so the outputs equal ``net.predict`` to rounding.

Needs the ``onnx`` package (``pip install bpcore[onnx]``); running the file needs a runtime
such as ``onnxruntime`` (or ``onnx.reference.ReferenceEvaluator``).
"""
from __future__ import absolute_import, division, print_function

import json

from bpcore.errors import BPError
from bpcore.network import Network

__all__ = ['to_onnx', 'to_model', 'OPSET']

OPSET = 17
_OPS = {'sigmoid': 'Sigmoid', 'tanh': 'Tanh', 'relu': 'Relu', 'leaky_relu': 'LeakyRelu',
        'softmax': 'Softmax'}


def _onnx():
    from bpcore.interop import require
    return require('onnx', 'onnx')


def _scaler_nodes(scaler, helper, tensor_type, name):
    """(nodes, initializers, output name) applying ``scaler`` to ``name``."""
    d = scaler.to_data()
    k = len(scaler.scale_)
    if d['type'] == 'MinMaxScaler':
        steps = [('Sub', 'scaler_min', scaler.min_), ('Mul', 'scaler_scale', scaler.scale_),
                 ('Add', 'scaler_lo', [scaler.feature_range[0]] * k)]
    elif d['type'] == 'StandardScaler':
        steps = [('Sub', 'scaler_mean', scaler.mean_), ('Div', 'scaler_scale', scaler.scale_)]
    else:
        raise BPError('to_onnx: no ONNX form for the scaler %s' % d['type'])
    nodes, inits = [], []
    for op, const, values in steps:
        inits.append(helper.make_tensor(const, tensor_type, [k], [float(v) for v in values]))
        out = const + '_out'
        nodes.append(helper.make_node(op, [name, const], [out], name=op.lower() + '_' + const))
        name = out
    return nodes, inits, name


def to_model(net, include_scaler=True, dtype='float64'):
    """The ``onnx.ModelProto`` of ``net`` (checked with ``onnx.checker``)."""
    if not isinstance(net, Network):
        raise BPError('to_onnx needs a bpcore Network, got %s' % type(net).__name__)
    if dtype not in ('float64', 'float32'):
        raise BPError("dtype must be 'float64' or 'float32', got %r" % (dtype,))
    onnx = _onnx()
    helper = onnx.helper
    T = onnx.TensorProto.DOUBLE if dtype == 'float64' else onnx.TensorProto.FLOAT
    nodes, inits = [], []
    name = 'input'
    if include_scaler and net.scaler is not None:
        nodes, inits, name = _scaler_nodes(net.scaler, helper, T, name)
    for l, (W, b, act) in enumerate(zip(net.weights, net.biases, net.activations)):
        j, k = len(W), len(W[0])
        inits.append(helper.make_tensor('W%d' % l, T, [j, k], [v for row in W for v in row]))
        inits.append(helper.make_tensor('b%d' % l, T, [j], list(b)))
        last = l == net.n_layers - 1
        z = 'output' if last and act == 'linear' else 'Z%d' % l
        nodes.append(helper.make_node('Gemm', [name, 'W%d' % l, 'b%d' % l], [z],
                                      name='gemm%d' % l, transB=1))
        name = z
        if act != 'linear':
            a = 'output' if last else 'A%d' % l
            attrs = {}
            if act == 'leaky_relu':
                attrs['alpha'] = 0.01
            elif act == 'softmax':
                attrs['axis'] = -1
            nodes.append(helper.make_node(_OPS[act], [name], [a], name='%s%d' % (act, l),
                                          **attrs))
            name = a
    graph = helper.make_graph(
        nodes, 'bpcore_%s' % '_'.join(str(s) for s in net.sizes),
        [helper.make_tensor_value_info('input', T, ['N', net.n_inputs])],
        [helper.make_tensor_value_info('output', T, ['N', net.n_outputs])], inits)
    model = helper.make_model(graph, producer_name='bpcore',
                              opset_imports=[helper.make_opsetid('', OPSET)])
    model.ir_version = min(model.ir_version, 8)       # readable by older runtimes too
    meta = {'sizes': json.dumps(net.sizes), 'activations': json.dumps(net.activations),
            'scaled_inside': json.dumps(bool(include_scaler and net.scaler is not None))}
    if net.class_names:
        meta['class_names'] = json.dumps(net.class_names)
    if net.feature_names:
        meta['feature_names'] = json.dumps(net.feature_names)
    helper.set_model_props(model, meta)
    onnx.checker.check_model(model)
    return model


def to_onnx(net, path, include_scaler=True, dtype='float64'):
    """Write ``net`` as an ONNX file; returns ``path``. See the module doc for the graph."""
    model = to_model(net, include_scaler, dtype)
    onnx = _onnx()
    onnx.save(model, path)
    return path
