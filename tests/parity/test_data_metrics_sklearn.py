"""bpcore.data scalers and bpcore.metrics against scikit-learn (CPython 3 only)."""
from __future__ import absolute_import, division, print_function

import os

import numpy as np
import pytest

import sklearn
from sklearn import metrics as skm  # noqa: E402
from sklearn import preprocessing as skp  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402

from bpcore import data, metrics  # noqa: E402

SEEDS = range(10)


def random_matrix(rng, n, k, constant=()):
    X = rng.normal(size=(n, k)) * rng.uniform(0.1, 100.0, size=k) + rng.uniform(-50, 50, size=k)
    for j in constant:
        X[:, j] = 0.1 * (j + 1)          # 0.1, 0.2, 0.3: not exactly representable
    return X


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('feature_range', [(0.0, 1.0), (-1.0, 1.0), (2.0, 7.5)])
def test_minmax_scaler_matches_sklearn(seed, feature_range):
    rng = np.random.RandomState(seed)
    X = random_matrix(rng, 20 + seed, 5, constant=(1,))
    X_new = random_matrix(rng, 7, 5) * 1.5
    ours = data.MinMaxScaler(feature_range).fit(X.tolist())
    theirs = skp.MinMaxScaler(feature_range=feature_range).fit(X)
    np.testing.assert_allclose(ours.min_, theirs.data_min_, rtol=0, atol=0)
    np.testing.assert_allclose(ours.max_, theirs.data_max_, rtol=0, atol=0)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-14)
    for Z in (X, X_new):
        np.testing.assert_allclose(ours.transform(Z.tolist()), theirs.transform(Z),
                                   rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(ours.inverse_transform(Z.tolist()),
                                   theirs.inverse_transform(Z), rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize('seed', SEEDS)
def test_standard_scaler_matches_sklearn(seed):
    rng = np.random.RandomState(seed)
    X = random_matrix(rng, 15 + 3 * seed, 6, constant=(0, 4))
    X_new = random_matrix(rng, 9, 6)
    ours = data.StandardScaler().fit(X.tolist())
    theirs = skp.StandardScaler().fit(X)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(ours.var_, theirs.var_, rtol=1e-11, atol=1e-20)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-12)
    assert ours.scale_[0] == 1.0 and ours.scale_[4] == 1.0
    for Z in (X, X_new):
        np.testing.assert_allclose(ours.transform(Z.tolist()), theirs.transform(Z),
                                   rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(ours.inverse_transform(Z.tolist()),
                                   theirs.inverse_transform(Z), rtol=1e-12, atol=1e-10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=3), min_size=1,
                max_size=12))
def test_scalers_match_sklearn_on_arbitrary_tables(rows):
    X = np.array(rows, dtype=float)
    for ours, theirs in ((data.MinMaxScaler(), skp.MinMaxScaler()),
                         (data.StandardScaler(), skp.StandardScaler())):
        a = np.array(ours.fit_transform(rows))
        b = theirs.fit_transform(X)
        assert np.all(np.isfinite(a))
        np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-7)


def random_classes(rng, n, k, missing=None):
    t = rng.randint(0, k, size=n)
    p = np.where(rng.uniform(size=n) < 0.6, t, rng.randint(0, k, size=n))
    if missing is not None:
        t[t == missing] = 0
        p[p == missing] = 0
    return t, p


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('k', [2, 3, 5])
def test_classification_metrics_match_sklearn(seed, k):
    rng = np.random.RandomState(seed)
    t, p = random_classes(rng, 40 + seed, k, missing=(k - 1 if seed % 3 == 0 else None))
    labels = list(range(k))
    assert metrics.accuracy(t.tolist(), p.tolist()) == skm.accuracy_score(t, p)
    cm = metrics.confusion_matrix(t.tolist(), p.tolist(), n_classes=k)
    assert cm == skm.confusion_matrix(t, p, labels=labels).tolist()
    ours = metrics.precision_recall(t.tolist(), p.tolist(), n_classes=k)
    theirs = skm.precision_recall_fscore_support(t, p, labels=labels, average=None,
                                                 zero_division=0)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-14, atol=0)


@pytest.mark.parametrize('seed', SEEDS)
def test_classification_metrics_from_rows_and_labels(seed):
    rng = np.random.RandomState(seed)
    k = 4
    t, p = random_classes(rng, 30, k)
    scores = rng.uniform(size=(30, k))
    scores[np.arange(30), p] += 1.0            # argmax of each row is p
    onehot = np.eye(k)[t]
    assert metrics.accuracy(onehot.tolist(), scores.tolist()) == skm.accuracy_score(t, p)
    names = np.array(['Kama', 'Rosa', 'Canadian', 'Other'])
    assert (metrics.confusion_matrix(names[t].tolist(), names[p].tolist())
            == skm.confusion_matrix(names[t], names[p]).tolist())
    ours = metrics.precision_recall(names[t].tolist(), names[p].tolist())
    theirs = skm.precision_recall_fscore_support(names[t], names[p], average=None,
                                                 zero_division=0)
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-14)
    report = metrics.classification_report(t.tolist(), p.tolist(), digits=3)
    sk_report = skm.classification_report(t, p, digits=3, zero_division=0)
    assert [line.split() for line in report.split('\n') if line.strip()] == \
        [line.split() for line in sk_report.split('\n') if line.strip()]


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('outputs', [1, 2, 4])
def test_regression_metrics_match_sklearn(seed, outputs):
    rng = np.random.RandomState(seed)
    n = 5 + 7 * seed
    t = rng.normal(size=(n, outputs)) * 10.0
    p = t + rng.normal(size=(n, outputs)) * rng.uniform(0.1, 20.0)
    if outputs > 1 and seed % 2:
        t[:, 1] = 3.0                      # a constant output: sklearn's force_finite rule
    if outputs == 1:
        T, P = t[:, 0].tolist(), p[:, 0].tolist()
    else:
        T, P = t.tolist(), p.tolist()
    tt = t[:, 0] if outputs == 1 else t
    pp = p[:, 0] if outputs == 1 else p
    np.testing.assert_allclose(metrics.mse(T, P), skm.mean_squared_error(tt, pp), rtol=1e-12)
    np.testing.assert_allclose(metrics.mae(T, P), skm.mean_absolute_error(tt, pp), rtol=1e-12)
    np.testing.assert_allclose(metrics.r2(T, P), skm.r2_score(tt, pp), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(metrics.r2(T, P, per_output=True),
                               np.atleast_1d(skm.r2_score(tt, pp, multioutput='raw_values')),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        metrics.rmse(T, P),
        np.mean(np.sqrt(skm.mean_squared_error(tt, pp, multioutput='raw_values'))), rtol=1e-12)


def test_r2_constant_target_matches_sklearn():
    for t, p in (([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 1.0])):
        assert metrics.r2(t, p) == skm.r2_score(t, p)


def test_wheat_stratified_split_class_ratio_like_sklearn():
    here = os.path.dirname(os.path.abspath(__file__))
    ds = data.read_csv(os.path.join(here, '..', '..', 'examples', 'wheat-seeds.csv'))
    _, _, _, y_test = data.train_test_split(ds.X, ds.y, test_size=0.25, seed=0, stratify=ds.y)
    from sklearn.model_selection import train_test_split
    _, _, _, sk_test = train_test_split(ds.X, ds.y, test_size=0.25, random_state=0,
                                        stratify=ds.y)
    assert len(y_test) == len(sk_test)
    assert sorted(np.bincount(y_test)) == sorted(np.bincount(sk_test))
