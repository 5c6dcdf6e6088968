"""The ranges a network was trained on, and warnings when it is asked to predict outside them.

A network is only trustworthy inside the region its training samples covered (a surrogate
model extrapolates badly). :class:`bpcore.train.Trainer` (and so :func:`bpcore.train.fit`)
records the per-input ``[min, max]`` of its training inputs on ``network.input_ranges`` in
raw units (undoing the network's scaler); it is saved in the model JSON. A network without
it (older model files, or weights stepped by hand) falls back to its fitted scaler's data
range when that scaler is a :class:`bpcore.data.MinMaxScaler`.

:func:`range_warnings` gives one message per input that goes outside, naming the input and
how far outside it goes; BP Predict shows them as orange balloons.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError, quote
from bpcore.matrix import is_finite

__all__ = ['column_ranges', 'training_ranges', 'check_input_ranges', 'ranges_of',
           'range_warnings']


def column_ranges(X):
    """``[[min, max], ...]`` of every column of ``X`` ``(n, k)``; ``n >= 1``."""
    if not X:
        raise BPError('no samples to take ranges of')
    k = len(X[0])
    return [[min(row[j] for row in X), max(row[j] for row in X)] for j in range(k)]


def training_ranges(network, X):
    """Ranges of the training inputs ``X`` ``(n, k)``, as the network sees them, in raw units.

    ``X`` is what the network is trained on: already scaled when the network has a scaler,
    which is undone here (scalers are increasing per column, so the ends map to the ends).
    """
    ranges = column_ranges(X)
    scaler = getattr(network, 'scaler', None)
    if scaler is not None and hasattr(scaler, 'inverse_transform'):
        lows, highs = scaler.inverse_transform([[lo for lo, _ in ranges],
                                                [hi for _, hi in ranges]])
        ranges = [[min(a, b), max(a, b)] for a, b in zip(lows, highs)]
    return ranges


def check_input_ranges(value, n_inputs):
    """``None`` or ``[[low, high], ...]`` with one finite pair per input (for model files)."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or len(value) != n_inputs:
        raise BPError('input_ranges must hold one [low, high] pair per input (%d)' % n_inputs)
    rows = []
    for j, pair in enumerate(value):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2 or \
                not all(is_finite(v) for v in pair):
            raise BPError('input_ranges row %d must be two finite numbers [low, high], got %s'
                          % (j, quote(pair)))
        low, high = float(pair[0]), float(pair[1])
        if low > high:
            raise BPError('input_ranges row %d has low %r above high %r' % (j, low, high))
        rows.append([low, high])
    return rows


def ranges_of(network):
    """The network's training ranges (its own, else its MinMaxScaler's), or None."""
    ranges = getattr(network, 'input_ranges', None)
    if ranges:
        return ranges
    scaler = getattr(network, 'scaler', None)
    if type(scaler).__name__ != 'MinMaxScaler':
        return None
    lows, highs = scaler.min_, scaler.max_
    if lows is not None and highs is not None:
        return [[lo, hi] for lo, hi in zip(lows, highs)]
    return None


def _number(v):
    return ('%.6g' % v)


def range_warnings(network, X, ranges=None):
    """One message per input of raw ``X`` ``(n, k)`` that leaves the training range.

    ``"input 'span' (column 1) is outside the training range [2, 12]: 3 of 10 samples, up
    to 2.5 above (25% of the range)"``. Empty when every value is inside (ends included),
    or when the network has no known ranges. ``ranges`` overrides the network's.
    """
    if ranges is None:
        ranges = ranges_of(network)
    if not ranges:
        return []
    names = getattr(network, 'feature_names', None)
    out = []
    for j, (low, high) in enumerate(ranges):
        below = [low - row[j] for row in X if row[j] < low]
        above = [row[j] - high for row in X if row[j] > high]
        if not below and not above:
            continue
        label = ('input %s (column %d)' % (quote(names[j]), j) if names and j < len(names)
                 else 'input %d' % j)
        far = []
        if below:
            far.append('%s below' % _number(max(below)))
        if above:
            far.append('%s above' % _number(max(above)))
        width = high - low
        worst = max(below + above)
        ratio = 100.0 * worst / width if width > 0 else None
        share = (' (%d%% of the range)' % int(round(ratio))) if ratio is not None and \
            ratio - ratio == 0.0 else ''        # 1e308 inputs: an infinite share is not shown
        count = len(below) + len(above)
        out.append('%s is outside the training range [%s, %s]: %d of %d sample%s, up to %s%s'
                   % (label, _number(low), _number(high), count, len(X),
                      '' if len(X) == 1 else 's', ' and '.join(far), share))
    return out
