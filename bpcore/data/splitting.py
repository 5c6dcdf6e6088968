"""Seeded train/test splits and k-fold indices, optionally stratified by class.

``n`` samples are numbered ``0 .. n-1``; a split is a pair of index lists ``(train, test)``.
``stratify`` is one class per sample ``(n,)`` (labels or class indices) or one-hot/probability
rows ``(n, m)`` (their argmax). :class:`bpcore.rng.Random` shuffles, so the same seed gives
the same split on every interpreter.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.data.encoding import LabelEncoder
from bpcore.errors import TEXT_TYPES, BPError, DataError, quote
from bpcore.matrix import INT_TYPES, argmax, is_number, is_row
from bpcore.rng import Random

__all__ = ['split_indices', 'train_test_split', 'kfold_indices']


def _items(values, name):
    """``values`` as a list, or a DataError naming ``name`` when it is not a list of items."""
    if values is None or isinstance(values, TEXT_TYPES + (dict,)) or \
            not hasattr(values, '__iter__'):
        raise DataError('%s must be a list (one item per sample), got %s'
                        % (name, quote(values)))
    return list(values)


def _strata(stratify, n, name='stratify'):
    """Class index per sample from labels, class indices or one-hot/probability rows."""
    values = _items(stratify, name)
    if len(values) != n:
        raise DataError('%s has %d items, expected %d (one per sample)' % (name, len(values), n))
    if values and is_row(values[0]):
        values = [argmax(r) for r in values]
    return LabelEncoder().fit_transform(values)


MAX_SAMPLES = 10 ** 8     # more index lists than that do not fit in memory as Python lists


def _check_n(n):
    if isinstance(n, bool) or not isinstance(n, INT_TYPES) or n < 0 or n > MAX_SAMPLES:
        raise BPError('n must be an integer 0..%d (a number of samples), got %s'
                      % (MAX_SAMPLES, quote(n)))


def split_indices(n, test_size=0.33, seed=0, stratify=None):
    """Seeded ``(train_idx, test_idx)`` for ``n`` samples (see :func:`train_test_split`)."""
    _check_n(n)
    if isinstance(test_size, bool) or not is_number(test_size):
        raise BPError('test_size must be a fraction in (0, 1) or a count, got %s' % quote(test_size))
    if isinstance(test_size, INT_TYPES):
        n_test = int(test_size)
    elif 0.0 < test_size < 1.0:
        n_test = int(math.ceil(test_size * n - 1e-9))
    else:
        raise BPError('test_size must be a fraction in (0, 1) or a count, got %s' % quote(test_size))
    if n_test < 1 or n - n_test < 1:
        raise DataError('cannot split %d samples into %d for training and %d for testing'
                        % (n, n - n_test, n_test))
    rng = Random(seed)
    if stratify is None:
        perm = rng.permutation(n)
        return perm[n_test:], perm[:n_test]
    y = _strata(stratify, n)
    groups = _groups(y)
    # largest remainder: floor of each class's share, then the biggest fractions get one more
    shares = [n_test * len(g) / n for g in groups]
    take = [int(math.floor(s)) for s in shares]
    order = sorted(range(len(groups)), key=lambda c: (-(shares[c] - take[c]), c))
    for c in order[:n_test - sum(take)]:
        take[c] += 1
    train, test = [], []
    for g, t in zip(groups, take):
        rng.shuffle(g)
        test.extend(g[:t])
        train.extend(g[t:])
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def _groups(y):
    groups = [[] for _ in range(max(y) + 1)]
    for i, c in enumerate(y):
        groups[c].append(i)
    return groups


def train_test_split(X, Y=None, test_size=0.33, seed=0, stratify=None):
    """Seeded shuffle-split of samples into a training and a test part.

    Parameters
    ----------
    X, Y : list
        Samples (rows) and their targets (rows or labels), the same length; ``Y`` may be None.
    test_size : float or int
        A fraction in (0, 1) (the test part gets ``ceil(test_size * n)`` samples, like
        scikit-learn) or a number of test samples.
    seed : int
        The same seed gives the same split on every interpreter.
    stratify : list, True or None
        Labels (or class indices, or one-hot rows) to keep class proportions in both parts;
        ``True`` uses ``Y``.

    Returns
    -------
    X_train, X_test, Y_train, Y_test : list
        Items are the input rows themselves (not copies), in shuffled order; ``Y_*`` are None
        when ``Y`` is None.
    """
    X = _items(X, 'X')
    n = len(X)
    if Y is not None:
        Y = _items(Y, 'Y')
        if len(Y) != n:
            raise DataError('X has %d rows but Y has %d' % (n, len(Y)))
    if stratify is True:
        if Y is None:
            raise BPError('stratify=True needs Y')
        stratify = Y
    train, test = split_indices(n, test_size, seed, stratify)
    X_train = [X[i] for i in train]
    X_test = [X[i] for i in test]
    if Y is None:
        return X_train, X_test, None, None
    return X_train, X_test, [Y[i] for i in train], [Y[i] for i in test]


def kfold_indices(n, k=5, seed=0, stratify=None):
    """Seeded k-fold cross-validation indices: a list of ``k`` pairs ``(train_idx, test_idx)``.

    The samples are shuffled with ``Random(seed)`` and cut into ``k`` folds whose sizes differ
    by at most one (the first ``n % k`` folds get one more). Each sample is in exactly one test
    fold. ``train_idx`` is the other folds concatenated in fold order, each in its shuffled
    order, as in the tutorial's ``cross_validation_split`` (which draws rows at random into
    folds of ``n // k`` and drops the ``n % k`` left over; for the wheat-seeds file, 210 rows
    and 5 folds, the fold sizes are the same). ``seed=None`` keeps the samples in order
    (contiguous folds, like scikit-learn's ``KFold(shuffle=False)``).

    ``stratify`` (labels, class indices or one-hot rows) keeps each class's share in every
    fold: each class's samples are shuffled and dealt round-robin to the folds, continuing
    from class to class, so fold sizes still differ by at most one.
    """
    _check_n(n)
    if isinstance(k, bool) or not isinstance(k, INT_TYPES) or k < 2:
        raise BPError('k must be an integer >= 2, got %s' % quote(k))
    if k > n:
        raise DataError('cannot make %d folds from %d samples' % (k, n))
    rng = Random(0 if seed is None else seed)
    if stratify is None:
        order = list(range(n)) if seed is None else rng.permutation(n)
        folds = []
        start = 0
        for f in range(k):
            size = n // k + (1 if f < n % k else 0)
            folds.append(order[start:start + size])
            start += size
    else:
        groups = _groups(_strata(stratify, n))
        folds = [[] for _ in range(k)]
        t = 0
        for g in groups:
            if seed is not None:
                rng.shuffle(g)
            for i in g:
                folds[t % k].append(i)
                t += 1
        if seed is not None:
            for fold in folds:
                rng.shuffle(fold)
        else:
            folds = [sorted(fold) for fold in folds]
    out = []
    for f in range(k):
        train = []
        for g in range(k):
            if g != f:
                train.extend(folds[g])
        out.append((train, list(folds[f])))
    return out
