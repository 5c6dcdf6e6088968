"""Sampling plans: which parameter values to evaluate a slow model at (surrogate models).

A plan is a list of rows, one per sample, one value per parameter, each inside its range
``[low, high]``. Every plan is seeded with :class:`bpcore.rng.Random`, so the same ranges,
count, method and seed give the same plan on every interpreter (a long run can be resumed
from any index after a restart).

* ``'lhs'`` (Latin hypercube): ``n`` samples; each parameter's range is cut into ``n`` equal
  strata and every stratum holds exactly one sample (a random point inside it); strata are
  paired across parameters by independent seeded permutations.
* ``'random'``: ``n`` independent uniform samples.
* ``'grid'``: the full factorial grid with ``n`` evenly spaced values per parameter (ends
  included; ``n = 1`` gives the middle), ``n ** d`` samples, the last parameter varying
  fastest.

A parameter whose range has ``low == high`` is constant. Shapes: ``ranges`` is ``(d, 2)``,
the plan ``(m, d)``.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError, quote
from bpcore.matrix import is_number
from bpcore.rng import Random

__all__ = ['METHODS', 'MAX_SAMPLES', 'check_ranges', 'plan', 'latin_hypercube', 'random_plan',
           'full_grid', 'plan_size']

METHODS = ('lhs', 'random', 'grid')
MAX_SAMPLES = 1000000   # a plan larger than this is refused (a grid grows as n ** d)


def check_ranges(ranges, names=None):
    """``[[low, high], ...]`` as floats; BPError naming the parameter when one is bad.

    ``ranges``: one pair per parameter (``low <= high``); an object with ``T0``/``T1``
    (a Grasshopper/Rhino ``Interval``) counts as a pair too.
    """
    if not isinstance(ranges, (list, tuple)) or not ranges:
        raise BPError('ranges must be a list of [low, high] pairs, one per parameter')
    out = []
    for i, pair in enumerate(ranges):
        label = _label(i, names)
        if hasattr(pair, 'T0') and hasattr(pair, 'T1'):
            pair = (pair.T0, pair.T1)
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise BPError('range of %s must be [low, high], got %r' % (label, pair))
        low, high = pair
        if not (is_number(low) and is_number(high)):
            raise BPError('range of %s must hold two numbers, got %r' % (label, list(pair)))
        low, high = float(low), float(high)
        if not (low == low and high == high) or abs(low) == float('inf') \
                or abs(high) == float('inf'):
            raise BPError('range of %s must be finite, got [%r, %r]' % (label, low, high))
        if low > high:
            raise BPError('range of %s has low %r above high %r' % (label, low, high))
        out.append([low, high])
    return out


def _label(i, names):
    if names and i < len(names) and names[i]:
        return 'parameter %s (%d)' % (quote(names[i]), i)
    return 'parameter %d' % i


def _count(n, name='n'):
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise BPError('%s must be a whole number >= 1, got %r' % (name, n))
    return n


def plan_size(ranges, n, method='lhs'):
    """How many samples :func:`plan` gives (``n``, or ``n ** d`` for a grid)."""
    method = _method(method)
    n = _count(n)
    return n ** len(ranges) if method == 'grid' else n


def _method(method):
    text = str(method).strip().lower() if method is not None else 'lhs'
    if text not in METHODS:
        raise BPError('unknown sampling method %s; choose one of %s'
                      % (quote(str(method)), ', '.join(METHODS)))
    return text


def latin_hypercube(ranges, n, seed=0):
    """``n`` Latin hypercube samples: one per stratum ``[k/n, (k+1)/n)`` of every range."""
    ranges = check_ranges(ranges)
    n = _count(n)
    rng = Random(seed)
    columns = []
    for low, high in ranges:
        order = rng.permutation(n)           # stratum of sample i
        width = (high - low) / n
        columns.append([low + (order[i] + rng.random()) * width for i in range(n)])
    return [[col[i] for col in columns] for i in range(n)]


def random_plan(ranges, n, seed=0):
    """``n`` independent uniform samples inside the ranges."""
    ranges = check_ranges(ranges)
    n = _count(n)
    rng = Random(seed)
    return [[low + rng.random() * (high - low) for low, high in ranges] for _ in range(n)]


def full_grid(ranges, n):
    """Every combination of ``n`` evenly spaced values per range (last varies fastest)."""
    ranges = check_ranges(ranges)
    n = _count(n)
    if n ** len(ranges) > MAX_SAMPLES:
        raise BPError('a grid of %d values on %d parameters has %d samples (more than %d); '
                      'use fewer values or lhs' % (n, len(ranges), n ** len(ranges),
                                                   MAX_SAMPLES))
    axes = []
    for low, high in ranges:
        if n == 1:
            axes.append([(low + high) / 2.0])
        else:
            axes.append([low + (high - low) * k / (n - 1) for k in range(n)])
    rows = [[]]
    for axis in axes:
        rows = [row + [v] for row in rows for v in axis]
    return rows


def plan(ranges, n, method='lhs', seed=0, names=None):
    """The sampling plan ``(m, d)``: see the module docstring for the methods.

    ``n``: samples (lhs, random) or values per parameter (grid). ``seed``: ignored by the
    grid. ``names`` only make error messages clearer.
    """
    ranges = check_ranges(ranges, names)
    method = _method(method)
    n = _count(n)
    if method == 'lhs':
        return latin_hypercube(ranges, n, seed)
    if method == 'random':
        return random_plan(ranges, n, seed)
    return full_grid(ranges, n)
