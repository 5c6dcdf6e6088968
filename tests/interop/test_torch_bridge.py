"""bpcore <-> PyTorch: exported modules compute the same outputs (float64, 1e-12), a network
trained in bpcore keeps training in torch and comes back with torch's predictions."""
import pytest
import torch

from bpcore import BPError, Network, fit
from bpcore.data import MinMaxScaler, read_csv, train_test_split
from bpcore.interop.torch import from_torch, to_torch
from bpcore.rng import Random

from _helpers import EXAMPLES, max_abs

ACTS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'linear']


@pytest.mark.parametrize('hidden', ACTS)
@pytest.mark.parametrize('output', ['softmax', 'sigmoid', 'linear'])
def test_to_torch_outputs_equal_bpcore(hidden, output):
    net = Network([5, 7, 6, 3], [hidden, hidden, output], init='xavier', seed=3)
    r = Random(1)
    X = [[r.uniform(-3, 3) for _ in range(5)] for _ in range(40)]
    module = to_torch(net)
    assert all(p.dtype == torch.float64 for p in module.parameters())
    got = module(torch.tensor(X, dtype=torch.float64)).detach().tolist()
    assert max_abs(got, net.forward(X).output) < 1e-12
    back = from_torch(module)
    assert back.sizes == net.sizes and back.activations == net.activations
    assert back.weights == net.weights and back.biases == net.biases     # bit for bit


def test_train_in_bpcore_continue_in_torch_import_back():
    ds = read_csv(EXAMPLES + '/wheat-seeds.csv')
    Xtr, Xte, Ytr, Yte = train_test_split(ds.X, ds.Y, test_size=0.3, seed=0, stratify=ds.y)
    net = Network([7, 6, 3], ['tanh', 'softmax'], seed=0)
    net.scaler = MinMaxScaler().fit(Xtr)
    net.class_names = ds.class_names
    fit(net, net.scaler.transform(Xtr), Ytr, epochs=20, batch_size=8, optimizer='adam',
        lr=0.01, loss='cce', seed=0)
    module = to_torch(net)
    x = torch.tensor(net.scaler.transform(Xtr), dtype=torch.float64)
    x_test = torch.tensor(net.scaler.transform(Xte), dtype=torch.float64)
    before = module(x_test).detach().tolist()
    assert max_abs(before, net.predict(Xte)) < 1e-12
    target = torch.tensor([row.index(1.0) for row in Ytr])
    opt = torch.optim.Adam(module.parameters(), lr=0.01)
    logits = module[:-1]                             # cce from the logits, like bpcore
    first = None
    for step in range(150):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits(x), target)
        loss.backward()
        opt.step()
        first = first if first is not None else loss.item()
    assert loss.item() < first                       # torch really trained it
    after = module(x_test).detach().tolist()
    assert max_abs(after, before) > 1e-3
    back = from_torch(module, template=net)
    assert back.class_names == net.class_names and back.scaler is not net.scaler
    assert max_abs(back.predict(Xte), after) < 1e-12
    assert back.predict_labels(Xte) == [net.class_names[r.index(max(r))] for r in after]
    # bpcore's own loss of the imported network is torch's last loss after one more step
    with torch.no_grad():
        torch_loss = torch.nn.functional.cross_entropy(logits(x), target).item()
    assert abs(back.loss(net.scaler.transform(Xtr), Ytr, 'cce') - torch_loss) < 1e-12


def test_nested_sequential_identity_dropout_and_no_bias():
    nn = torch.nn
    m = nn.Sequential(nn.Sequential(nn.Linear(3, 4, dtype=torch.float64), nn.Tanh()),
                      nn.Dropout(0.2), nn.Linear(4, 2, bias=False, dtype=torch.float64),
                      nn.Identity())
    m.eval()
    net = from_torch(m)
    assert net.sizes == [3, 4, 2] and net.activations == ['tanh', 'linear']
    assert net.biases[1] == [0.0, 0.0]
    X = [[0.1, -0.2, 0.3], [1.0, 2.0, -3.0]]
    got = m(torch.tensor(X, dtype=torch.float64)).detach().tolist()
    assert max_abs(net.forward(X).output, got) < 1e-12


def test_float32_module_is_read_as_float64_values():
    m = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid())
    net = from_torch(m)
    assert net.weights[0][0][0] == float(m[0].weight[0, 0].item())


@pytest.mark.parametrize('module, message', [
    (lambda nn: nn.Sequential(nn.Conv1d(1, 1, 3)), 'module 0 (Conv1d)'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3)), 'module 1 (BatchNorm1d)'),
    (lambda nn: nn.Sequential(nn.ReLU(), nn.Linear(2, 3)), 'module 0 (ReLU): an activation '
                                                          'must follow a Linear'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Tanh()), 'module 2 (Tanh)'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.LeakyReLU(0.2)), 'slope 0.2'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=0)), 'dim=0'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1)), 'takes 4 inputs'),
    (lambda nn: nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=-1), nn.Linear(3, 1)),
     'softmax is only allowed on the output layer'),
    (lambda nn: nn.Sequential(), 'no Linear layer'),
])
def test_unsupported_modules_raise_a_clear_bperror(module, message):
    with pytest.raises(BPError) as info:
        from_torch(module(torch.nn))
    assert message in str(info.value)


def test_template_must_fit():
    net = Network([2, 3, 1], seed=0)
    with pytest.raises(BPError) as info:
        from_torch(to_torch(net), template=Network([2, 4, 1]))
    assert 'sizes [2, 3, 1]' in str(info.value)
    with pytest.raises(BPError):
        to_torch('not a network')
