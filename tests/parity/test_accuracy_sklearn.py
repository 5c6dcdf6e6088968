"""Accuracy on real data sets, with scikit-learn's MLPClassifier as the reference."""
import warnings

import pytest
from sklearn.datasets import load_iris, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score
from sklearn.neural_network import MLPClassifier

from bpcore import data
from bpcore.network import Network
from bpcore.train import fit


def _split(loader):
    d = loader()
    X, y = d.data.tolist(), [int(t) for t in d.target]
    Y = data.one_hot(y)
    Xtr, Xte, Ytr, Yte = data.train_test_split(X, Y, test_size=1.0 / 3, seed=0, stratify=y)
    scaler = data.MinMaxScaler().fit(Xtr)
    return scaler, Xtr, Xte, Ytr, Yte


@pytest.mark.parametrize('loader,hidden', [(load_wine, 5), (load_iris, 5)])
def test_tutorial_setup_reaches_093(loader, hidden):
    """Per-sample SGD, sigmoid, squared error, lr 0.3: the tutorial's network."""
    scaler, Xtr, Xte, Ytr, Yte = _split(loader)
    net = Network([len(Xtr[0]), hidden, len(Ytr[0])], 'sigmoid', init='uniform', seed=0)
    net.scaler = scaler
    fit(net, scaler.transform(Xtr), Ytr, epochs=500, batch_size=1, lr=0.3, seed=0)
    truth = [data.argmax(r) for r in Yte]
    ours = sum(1 for p, t in zip(net.predict_classes(Xte), truth) if p == t) / len(truth)
    assert ours >= 0.93


@pytest.mark.parametrize('loader', [load_wine, load_iris])
def test_softmax_adam_matches_sklearn_mlp(loader):
    """The same architecture and optimiser as sklearn's MLPClassifier, same split."""
    scaler, Xtr, Xte, Ytr, Yte = _split(loader)
    truth = [data.argmax(r) for r in Yte]
    ytr = [data.argmax(r) for r in Ytr]
    net = Network([len(Xtr[0]), 10, len(Ytr[0])], ['relu', 'softmax'], init='he', seed=0)
    net.scaler = scaler
    fit(net, scaler.transform(Xtr), Ytr, epochs=300, batch_size=16, optimizer='adam', lr=0.01,
        loss='cce', seed=0)
    ours = accuracy_score(truth, net.predict_classes(Xte))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        mlp = MLPClassifier(hidden_layer_sizes=(10,), solver='adam', learning_rate_init=0.01,
                            batch_size=16, max_iter=300, alpha=0.0, random_state=0)
        mlp.fit(scaler.transform(Xtr), ytr)
    theirs = accuracy_score(truth, mlp.predict(scaler.transform(Xte)))
    assert ours >= 0.93
    assert ours >= theirs - 0.03
