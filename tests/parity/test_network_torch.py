"""Backprop and optimisers against PyTorch autograd in float64."""
import itertools

import pytest
import torch

from bpcore.network import Network
from bpcore.optim import SGD, Adam
from bpcore.rng import Random

torch.set_default_dtype(torch.float64)

HIDDEN = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear']
OUTPUT_LOSS = [('linear', 'mse'), ('sigmoid', 'mse'), ('tanh', 'mse'),
               ('sigmoid', 'bce'), ('softmax', 'cce')]
TORCH_ACT = {'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'relu': torch.relu,
             'leaky_relu': lambda z: torch.nn.functional.leaky_relu(z, 0.01),
             'linear': lambda z: z, 'softmax': lambda z: torch.softmax(z, dim=1)}


def _data(n, k, out, loss, seed):
    r = Random(seed)
    X = [[r.uniform(-2, 2) for _ in range(k)] for _ in range(n)]
    if loss == 'cce':
        Y = [[1.0 if c == r.randint(0, out - 1) else 0.0 for c in range(out)] for _ in range(n)]
    elif loss == 'bce':
        Y = [[float(r.randint(0, 1)) for _ in range(out)] for _ in range(n)]
    else:
        Y = [[r.uniform(-1, 1) for _ in range(out)] for _ in range(n)]
    return X, Y


def torch_loss(net, X, Y, loss):
    """The same network and loss in torch; returns (loss, [W tensors], [b tensors])."""
    Ws = [torch.tensor(W, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    a = torch.tensor(X)
    y = torch.tensor(Y)
    n = len(X)
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = a @ W.T + b
        a = TORCH_ACT[net.activations[l]](z)
    if loss == 'mse':
        value = 0.5 * ((a - y) ** 2).sum() / n
    elif loss == 'bce':
        value = torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction='sum') / n
    else:
        value = -(y * torch.log_softmax(z, dim=1)).sum() / n
    value.backward()
    return value, Ws, bs


def _rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-12)


GRID = list(itertools.product(HIDDEN, OUTPUT_LOSS, [1, 7], [1, 2, 3]))


@pytest.mark.parametrize('hidden,out_loss,batch,depth', GRID)
def test_gradients_equal_torch(hidden, out_loss, batch, depth):
    out, loss = out_loss
    sizes = [4] + [5, 3, 4][:depth] + [3]
    net = Network(sizes, [hidden] * depth + [out], init='xavier', seed=depth * 10 + batch)
    X, Y = _data(batch, 4, 3, loss, seed=7 + batch)
    grads = net.backward(net.forward(X), Y, loss)
    value, Ws, bs = torch_loss(net, X, Y, loss)
    assert _rel(grads.loss, value.item()) <= 1e-9
    for l in range(net.n_layers):
        tw = Ws[l].grad.tolist()
        tb = bs[l].grad.tolist()
        for row, trow in zip(grads.dW[l], tw):
            for g, t in zip(row, trow):
                assert abs(g - t) <= 1e-9 * max(1.0, abs(t)), (l, g, t)
        for g, t in zip(grads.db[l], tb):
            assert abs(g - t) <= 1e-9 * max(1.0, abs(t)), (l, g, t)


def test_delta_is_dloss_dz():
    net = Network([3, 4, 2], ['tanh', 'softmax'], seed=2)
    X, Y = _data(5, 3, 2, 'cce', seed=3)
    grads = net.backward(net.forward(X), Y, 'cce')
    Ws = [torch.tensor(W, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    z0 = torch.tensor(X) @ Ws[0].T + bs[0]
    z0.retain_grad()
    z1 = torch.tanh(z0) @ Ws[1].T + bs[1]
    z1.retain_grad()
    (-(torch.tensor(Y) * torch.log_softmax(z1, dim=1)).sum() / 5).backward()
    for ours, theirs in ((grads.delta[0], z0.grad), (grads.delta[1], z1.grad)):
        for row, trow in zip(ours, theirs.tolist()):
            for g, t in zip(row, trow):
                assert abs(g - t) <= 1e-12


def _torch_steps(net, X, Y, loss, make_opt, steps):
    Ws = [torch.tensor(W, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    params = [p for pair in zip(Ws, bs) for p in pair]
    opt = make_opt(params)
    for _ in range(steps):
        opt.zero_grad()
        a = torch.tensor(X)
        for l, (W, b) in enumerate(zip(Ws, bs)):
            a = TORCH_ACT[net.activations[l]](a @ W.T + b)
        (0.5 * ((a - torch.tensor(Y)) ** 2).sum() / len(X)).backward()
        opt.step()
    return [W.tolist() for W in Ws], [b.tolist() for b in bs]


OPTIMIZERS = [
    (lambda: SGD(lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    (lambda: SGD(lr=0.1, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    (lambda: SGD(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01),
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)),
    (lambda: Adam(lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    (lambda: Adam(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
     lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
]


@pytest.mark.parametrize('ours,theirs', OPTIMIZERS)
@pytest.mark.parametrize('batch', [1, 6])
def test_optimizer_steps_equal_torch(ours, theirs, batch):
    net = Network([3, 4, 2], ['tanh', 'sigmoid'], seed=4)
    X, Y = _data(batch, 3, 2, 'mse', seed=5)
    tW, tb = _torch_steps(net, X, Y, 'mse', theirs, 5)
    opt = ours()
    for _ in range(5):
        opt.step(net, net.backward(net.forward(X), Y, 'mse'))
    for W, T in zip(net.weights + [net.biases], tW + [tb]):
        flat = [v for row in W for v in (row if isinstance(row, list) else [row])]
        tflat = [v for row in T for v in (row if isinstance(row, list) else [row])]
        for a, b in zip(flat, tflat):
            assert abs(a - b) <= 1e-9 * max(1.0, abs(b))
