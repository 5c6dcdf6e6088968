"""PyTorch bridge: a bpcore :class:`~bpcore.network.Network` <-> ``torch.nn.Sequential``.

The path for data that outgrows one machine: export with :func:`to_torch`, train with
PyTorch (on a GPU, or with ``DistributedDataParallel`` over many), import the result with
:func:`from_torch` and use it in Grasshopper.

Layout (the same on both sides, see docs/architecture.md): bpcore's ``weights[l]`` ``(j, k)``
is ``nn.Linear(k, j).weight``, ``biases[l]`` ``(j,)`` is its ``bias``. Activations map to
modules: sigmoid ``nn.Sigmoid``, tanh ``nn.Tanh``, relu ``nn.ReLU``, leaky_relu
``nn.LeakyReLU(0.01)``, softmax ``nn.Softmax(dim=-1)``, linear: no module. Parameters are
float64, so ``to_torch(net)(x)`` equals ``net.forward(x).output`` to rounding (1e-12).

The module takes *scaled* inputs like :meth:`Network.forward`; the network's scaler, class
and feature names stay with bpcore (``from_torch(module, template=net)`` copies them back).
Training in PyTorch with the cce loss: use ``nn.CrossEntropyLoss`` on ``module[:-1]`` (the
logits), as bpcore computes cce from the logits too.

CPython only; ``torch`` is optional (``pip install bpcore[torch]``).
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError
from bpcore.network import Network

__all__ = ['to_torch', 'from_torch']

_LEAKY_SLOPE = 0.01


def _torch():
    from bpcore.interop import require
    return require('torch', 'torch')


def to_torch(net, dtype=None):
    """``nn.Sequential`` of ``Linear`` and activation modules with ``net``'s weights.

    Parameters
    ----------
    net : Network
    dtype : torch.dtype or None
        Default ``torch.float64`` (exact parity with bpcore).

    Returns
    -------
    torch.nn.Sequential
        Maps scaled inputs ``(n, n_inputs)`` to outputs ``(n, n_outputs)``.
    """
    if not isinstance(net, Network):
        raise BPError('to_torch needs a bpcore Network, got %s' % type(net).__name__)
    torch = _torch()
    nn = torch.nn
    dtype = dtype or torch.float64
    modules = []
    for l, (W, b, name) in enumerate(zip(net.weights, net.biases, net.activations)):
        j, k = len(W), len(W[0])
        layer = nn.Linear(k, j, dtype=dtype)
        with torch.no_grad():
            layer.weight.copy_(torch.tensor(W, dtype=dtype))
            layer.bias.copy_(torch.tensor(b, dtype=dtype))
        modules.append(layer)
        act = {'sigmoid': nn.Sigmoid, 'tanh': nn.Tanh, 'relu': nn.ReLU}.get(name)
        if act is not None:
            modules.append(act())
        elif name == 'leaky_relu':
            modules.append(nn.LeakyReLU(_LEAKY_SLOPE))
        elif name == 'softmax':
            modules.append(nn.Softmax(dim=-1))
        elif name != 'linear':
            raise BPError('layer %d: no PyTorch module for activation %s' % (l, name))
    return nn.Sequential(*modules)


def _flatten(module, nn):
    if isinstance(module, nn.Sequential):
        out = []
        for child in module:
            out.extend(_flatten(child, nn))
        return out
    return [module]


def from_torch(module, template=None, init='xavier', seed=0):
    """A bpcore Network from a ``Linear``/activation ``nn.Sequential`` (nested Sequentials
    are flattened; ``nn.Identity`` and ``nn.Dropout``, identities at inference, are skipped).

    Parameters
    ----------
    module : torch.nn.Sequential (or one nn.Linear)
    template : Network or None
        Copy ``class_names``, ``feature_names``, ``scaler`` and ``training`` from it (the
        network that was exported), after checking the sizes agree.
    init, seed
        Recorded on the new network (its weights come from ``module``).

    Raises
    ------
    BPError
        Naming the position and type of a layer bpcore cannot represent (convolutions,
        normalisation, an activation without a Linear before it, a softmax over another
        dimension, a LeakyReLU slope other than 0.01...).
    """
    torch = _torch()
    nn = torch.nn
    if not isinstance(module, nn.Module):
        raise BPError('from_torch needs a torch.nn.Module, got %s' % type(module).__name__)
    layers = []              # [weight, bias, activation or None]
    for i, m in enumerate(_flatten(module, nn)):
        kind = type(m).__name__
        if isinstance(m, (nn.Identity, nn.Dropout)):
            continue
        if isinstance(m, nn.Linear):
            W = m.weight.detach().to(torch.float64).cpu().tolist()
            b = (m.bias.detach().to(torch.float64).cpu().tolist() if m.bias is not None
                 else [0.0] * len(W))
            if layers and W and len(W[0]) != len(layers[-1][0]):
                raise BPError('module %d (Linear): takes %d inputs but the layer before gives '
                              '%d' % (i, len(W[0]), len(layers[-1][0])))
            layers.append([W, b, None])
            continue
        name = None
        if isinstance(m, nn.Sigmoid):
            name = 'sigmoid'
        elif isinstance(m, nn.Tanh):
            name = 'tanh'
        elif isinstance(m, nn.ReLU):
            name = 'relu'
        elif isinstance(m, nn.LeakyReLU):
            if abs(m.negative_slope - _LEAKY_SLOPE) > 1e-15:
                raise BPError('module %d (LeakyReLU): slope %r; bpcore\'s leaky_relu has '
                              'slope %r' % (i, m.negative_slope, _LEAKY_SLOPE))
            name = 'leaky_relu'
        elif isinstance(m, nn.Softmax):
            if m.dim not in (-1, 1):
                raise BPError('module %d (Softmax): dim=%r; bpcore applies softmax over the '
                              'features (dim=-1 or 1)' % (i, m.dim))
            name = 'softmax'
        else:
            raise BPError('module %d (%s): bpcore represents only Linear layers with '
                          'Sigmoid, Tanh, ReLU, LeakyReLU(0.01) or Softmax after them'
                          % (i, kind))
        if not layers or layers[-1][2] is not None:
            raise BPError('module %d (%s): an activation must follow a Linear layer' % (i, kind))
        layers[-1][2] = name
    if not layers:
        raise BPError('from_torch: the module has no Linear layer')
    sizes = [len(layers[0][0][0])] + [len(W) for W, _, _ in layers]
    acts = [a or 'linear' for _, _, a in layers]
    net = Network.from_data({'sizes': sizes, 'activations': acts, 'init': init, 'seed': seed,
                             'weights': [W for W, _, _ in layers],
                             'biases': [b for _, b, _ in layers]})
    if template is not None:
        if not isinstance(template, Network):
            raise BPError('template must be a bpcore Network, got %s' % type(template).__name__)
        if template.sizes != net.sizes:
            raise BPError('the module has sizes %s but the template network has %s'
                          % (net.sizes, template.sizes))
        net.class_names = list(template.class_names) if template.class_names else None
        net.feature_names = list(template.feature_names) if template.feature_names else None
        net.scaler = template.scaler.copy() if template.scaler is not None else None
        net.training = dict(template.training or {})
    return net
