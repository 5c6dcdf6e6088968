"""Feature scalers: :class:`MinMaxScaler`, :class:`StandardScaler` and their JSON form.

Both follow scikit-learn: ``fit(X)`` learns one parameter per column of ``X`` ``(n, k)``
(stored in attributes ending with ``_``, each ``(k,)``), ``transform(X)`` returns a scaled copy
``(n, k)``, ``inverse_transform`` undoes it. ``to_data()`` gives a JSON-able dict that
:func:`scaler_from_data` turns back into a fitted scaler (a network saves its scaler this way).
:func:`make_scaler` builds one from a name (``'minmax'``, ``'standard'``, listed in ``SCALERS``).
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.errors import TEXT_TYPES, BPError, DataError
from bpcore.errors import quote as _q
from bpcore.matrix import check_matrix, is_finite

__all__ = ['MinMaxScaler', 'StandardScaler', 'SCALERS', 'make_scaler', 'scaler_from_data']

_EPS = 2.220446049250313e-16          # float64 machine epsilon (sys.float_info: not on IPy)
_WIDE = 1e150     # a column reaching this far may overflow a difference, sum or square: such a
                  # column is computed in units of its largest |value| (others bit-identical)


def _unit(values):
    """1.0, or the largest ``|v|`` of ``values`` when they reach past :data:`_WIDE`."""
    top = max(abs(v) for v in values)
    return top if top > _WIDE else 1.0


def _finite_list(d, key, n=None, positive=False):
    if key not in d:
        raise DataError("scaler data: missing key '%s'" % key)
    values = d[key]
    if isinstance(values, TEXT_TYPES) or not isinstance(values, (list, tuple)):
        raise DataError("scaler data: '%s' must be a list of numbers" % key)
    if not values:
        raise DataError("scaler data: '%s' is empty" % key)
    if n is not None and len(values) != n:
        raise DataError("scaler data: '%s' has %d values, expected %d" % (key, len(values), n))
    out = []
    for i, v in enumerate(values):
        if not is_finite(v) or (positive and float(v) <= 0.0):
            raise DataError("scaler data: '%s' item %d is %s, expected a %snumber"
                            % (key, i, _q(v), 'positive ' if positive else 'finite '))
        out.append(float(v))
    return out


class _Scaler(object):
    """Shared plumbing; subclasses define ``_fit``, ``transform``, ``inverse_transform``."""

    def _check_fitted(self):
        if self.n_features_in_ is None:
            raise BPError('%s is not fitted; call fit(X) first' % type(self).__name__)

    def fit(self, X):
        """Learn the per-column parameters from ``X`` (n, k); returns self."""
        self._fit(check_matrix(X))
        return self

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def copy(self):
        return scaler_from_data(self.to_data())

    def __repr__(self):
        state = 'unfitted' if self.n_features_in_ is None else '%d features' % self.n_features_in_
        return '%s(%s)' % (type(self).__name__, state)


class MinMaxScaler(_Scaler):
    """Scale each column linearly so its minimum maps to ``lo`` and maximum to ``hi``.

    ``x' = lo + (x - min_) * (hi - lo) / (max_ - min_)``. A constant column (range below
    ``10 * eps``, as in scikit-learn) uses a range of 1, so it maps to ``lo``.
    Fitted attributes: ``min_`` and ``max_`` (the data minimum and maximum per column; note
    scikit-learn's ``min_`` is an offset, its data minimum is ``data_min_``), ``scale_``
    (the factor above) and ``n_features_in_``.
    """

    def __init__(self, feature_range=(0.0, 1.0)):
        lo, hi = _check_range(feature_range)
        self.feature_range = (lo, hi)
        self.min_ = None
        self.max_ = None
        self.scale_ = None
        self.n_features_in_ = None

    def _set(self, mins, maxs):
        lo, hi = self.feature_range
        scale = []
        units = []
        for a, b in zip(mins, maxs):
            u = _unit((a, b))                # 1.0 unless b - a could overflow (near 1e308)
            r = b / u - a / u
            scale.append((hi - lo) / (r if r >= 10 * _EPS else 1.0))
            units.append(u)
        self.min_ = mins
        self.max_ = maxs
        self.scale_ = [f / u for f, u in zip(scale, units)]
        self._units = units
        self._factors = scale
        self.n_features_in_ = len(mins)

    def _fit(self, X):
        cols = list(zip(*X))
        self._set([min(c) for c in cols], [max(c) for c in cols])

    def transform(self, X):
        """Scaled copy of ``X``; its width must match the fitted one."""
        self._check_fitted()
        X = check_matrix(X, width=self.n_features_in_)
        lo, mins, scale, units = self.feature_range[0], self.min_, self._factors, self._units
        if any(u != 1.0 for u in units):        # columns near the float limit
            return [[(v / u - m / u) * s + lo for v, m, s, u in zip(row, mins, scale, units)]
                    for row in X]
        return [[(v - m) * s + lo for v, m, s in zip(row, mins, scale)] for row in X]

    def inverse_transform(self, X):
        """Undo :meth:`transform`."""
        self._check_fitted()
        X = check_matrix(X, width=self.n_features_in_)
        lo, mins, scale, units = self.feature_range[0], self.min_, self._factors, self._units
        if any(u != 1.0 for u in units):
            return [[((v - lo) / s + m / u) * u for v, m, s, u in zip(row, mins, scale, units)]
                    for row in X]
        return [[(v - lo) / s + m for v, m, s in zip(row, mins, scale)] for row in X]

    def to_data(self):
        """JSON-able dict: ``{'type': 'MinMaxScaler', 'feature_range', 'min', 'max'}``."""
        self._check_fitted()
        return {'type': 'MinMaxScaler', 'feature_range': list(self.feature_range),
                'min': list(self.min_), 'max': list(self.max_)}

    @classmethod
    def from_data(cls, d):
        if 'feature_range' not in d:
            raise DataError("scaler data: missing key 'feature_range'")
        fr = d['feature_range']
        if not isinstance(fr, (list, tuple)) or len(fr) != 2:
            raise DataError("scaler data: 'feature_range' must be [lo, hi]")
        try:
            scaler = cls(fr)
        except BPError as e:
            raise DataError("scaler data: 'feature_range': %s" % e)
        mins = _finite_list(d, 'min')
        maxs = _finite_list(d, 'max', len(mins))
        for j, (a, b) in enumerate(zip(mins, maxs)):
            if a > b:
                raise DataError("scaler data: column %d has min %r > max %r" % (j, a, b))
        scaler._set(mins, maxs)
        return scaler


def _check_range(feature_range):
    if (isinstance(feature_range, TEXT_TYPES) or not hasattr(feature_range, '__len__')
            or len(feature_range) != 2):
        raise BPError('feature_range must be a pair (lo, hi), got %s' % _q(feature_range))
    lo, hi = feature_range
    if not (is_finite(lo) and is_finite(hi)) or not float(lo) < float(hi) or \
            float(hi) - float(lo) - (float(hi) - float(lo)) != 0.0:
        raise BPError('feature_range must be finite numbers with lo < hi, got %s'
                      % _q(feature_range))
    return float(lo), float(hi)


class StandardScaler(_Scaler):
    """Scale each column to mean 0 and standard deviation 1: ``x' = (x - mean_) / scale_``.

    ``scale_`` is the population standard deviation (``ddof=0``, like scikit-learn). A
    constant column (scikit-learn's test: ``var <= n eps var + (n |mean| eps)**2``) gets
    ``scale_ = 1``, so it maps to 0 instead of dividing by zero.
    Fitted attributes: ``mean_``, ``var_``, ``scale_``, ``n_features_in_``.
    """

    def __init__(self):
        self.mean_ = None
        self.var_ = None
        self.scale_ = None
        self.n_features_in_ = None

    def _fit(self, X):
        n = len(X)
        means, variances, scales = [], [], []
        for col in zip(*X):
            lo, hi = min(col), max(col)
            u = _unit((lo, hi))             # 1.0 unless a sum or a square could overflow
            if lo == hi:
                mean, var = lo / u, 0.0
            elif u == 1.0:
                mean = sum(col) / n
                var = sum((v - mean) * (v - mean) for v in col) / n
            else:
                mean = sum(v / u for v in col) / n
                var = sum((v / u - mean) * (v / u - mean) for v in col) / n
            constant = var <= n * _EPS * var + (n * mean * _EPS) ** 2
            means.append(mean * u)
            variances.append(var * u * u)   # may be inf near 1e308; scale_ stays finite
            scales.append(u if constant else math.sqrt(var) * u)
        self.mean_ = means
        self.var_ = variances
        self.scale_ = scales
        self.n_features_in_ = len(means)

    def transform(self, X):
        self._check_fitted()
        X = check_matrix(X, width=self.n_features_in_)
        mean, scale = self.mean_, self.scale_
        if any(abs(m) > _WIDE or s > _WIDE for m, s in zip(mean, scale)):
            return [[v / s - m / s for v, m, s in zip(row, mean, scale)] for row in X]
        return [[(v - m) / s for v, m, s in zip(row, mean, scale)] for row in X]

    def inverse_transform(self, X):
        self._check_fitted()
        X = check_matrix(X, width=self.n_features_in_)
        mean, scale = self.mean_, self.scale_
        if any(abs(m) > _WIDE or s > _WIDE for m, s in zip(mean, scale)):
            return [[(v + m / s) * s for v, m, s in zip(row, mean, scale)] for row in X]
        return [[v * s + m for v, m, s in zip(row, mean, scale)] for row in X]

    def to_data(self):
        """JSON-able dict: ``{'type': 'StandardScaler', 'mean', 'scale'}``."""
        self._check_fitted()
        return {'type': 'StandardScaler', 'mean': list(self.mean_), 'scale': list(self.scale_)}

    @classmethod
    def from_data(cls, d):
        mean = _finite_list(d, 'mean')
        scale = _finite_list(d, 'scale', len(mean), positive=True)
        scaler = cls()
        scaler.mean_ = mean
        scaler.scale_ = scale
        scaler.var_ = [s * s for s in scale]
        scaler.n_features_in_ = len(mean)
        return scaler


SCALERS = {'minmax': MinMaxScaler, 'standard': StandardScaler}
_SCALER_TYPES = {'MinMaxScaler': MinMaxScaler, 'StandardScaler': StandardScaler}


def make_scaler(kind):
    """``'minmax'``, ``'standard'`` (or a class name) -> a new unfitted scaler; ``None`` -> None."""
    if kind is None or kind == 'none':
        return None
    cls = SCALERS.get(kind.lower()) or _SCALER_TYPES.get(kind) \
        if isinstance(kind, TEXT_TYPES) else None
    if cls is None:
        raise BPError("unknown scaler %s; choose one of: minmax, standard, none" % _q(kind))
    return cls()


def scaler_from_data(d):
    """Rebuild a fitted scaler from :meth:`to_data` output; DataError names a missing/bad key."""
    if not isinstance(d, dict):
        raise DataError('scaler data must be a dict, got %s' % type(d).__name__)
    if 'type' not in d:
        raise DataError("scaler data: missing key 'type'")
    cls = _SCALER_TYPES.get(d['type']) if isinstance(d['type'], TEXT_TYPES) else None
    if cls is None:
        raise DataError("scaler data: unknown 'type' %s; expected one of: %s"
                        % (_q(d['type']), ', '.join(sorted(_SCALER_TYPES))))
    return cls.from_data(d)
