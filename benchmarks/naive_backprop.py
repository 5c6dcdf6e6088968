"""The naive baseline: the from-scratch tutorial's algorithm, neuron by neuron.

A network is a list of layers, each a list of neuron dicts ``{'weights': [...k, bias],
'output': o, 'delta': d}``; forward, backward and update are explicit Python loops, exactly
the structure of the tutorial (and of its Grasshopper deconstruction). Used only by
``bench_train.py`` to measure bpcore against the code the project descends from; it takes
its initial weights from a bpcore network so both runs start from the same point.
"""
from __future__ import absolute_import, division, print_function

from math import exp


def from_bpcore(network):
    """Neuron-dict layers holding a copy of a bpcore network's weights (bias last)."""
    layers = []
    for W, b in zip(network.weights, network.biases):
        layers.append([{'weights': list(row) + [bias]} for row, bias in zip(W, b)])
    return layers


def activate(weights, inputs):
    activation = weights[-1]
    for i in range(len(weights) - 1):
        activation += weights[i] * inputs[i]
    return activation


def transfer(activation):
    return 1.0 / (1.0 + exp(-activation))


def forward_propagate(network, row):
    inputs = row
    for layer in network:
        new_inputs = []
        for neuron in layer:
            activation = activate(neuron['weights'], inputs)
            neuron['output'] = transfer(activation)
            new_inputs.append(neuron['output'])
        inputs = new_inputs
    return inputs


def transfer_derivative(output):
    return output * (1.0 - output)


def backward_propagate_error(network, expected):
    for i in reversed(range(len(network))):
        layer = network[i]
        errors = []
        if i != len(network) - 1:
            for j in range(len(layer)):
                error = 0.0
                for neuron in network[i + 1]:
                    error += neuron['weights'][j] * neuron['delta']
                errors.append(error)
        else:
            for j in range(len(layer)):
                neuron = layer[j]
                errors.append(neuron['output'] - expected[j])
        for j in range(len(layer)):
            neuron = layer[j]
            neuron['delta'] = errors[j] * transfer_derivative(neuron['output'])


def update_weights(network, row, l_rate):
    for i in range(len(network)):
        inputs = row
        if i != 0:
            inputs = [neuron['output'] for neuron in network[i - 1]]
        for neuron in network[i]:
            for j in range(len(inputs)):
                neuron['weights'][j] -= l_rate * neuron['delta'] * inputs[j]
            neuron['weights'][-1] -= l_rate * neuron['delta']


def train_network(network, X, Y, l_rate, n_epoch, orders):
    """Per-sample SGD; ``orders[e]`` is the sample order of epoch ``e``."""
    for epoch in range(n_epoch):
        for i in orders[epoch]:
            forward_propagate(network, X[i])
            backward_propagate_error(network, Y[i])
            update_weights(network, X[i], l_rate)


def predict(network, row):
    outputs = forward_propagate(network, row)
    return outputs.index(max(outputs))
