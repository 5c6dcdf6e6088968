"""bpcore's own seeded random numbers, identical on every interpreter.

The stdlib ``random`` module is a Mersenne Twister on CPython but a different generator on
IronPython 2.7, so the same seed would give different networks in Rhino and in plain Python.
:class:`Random` is splitmix64 (Steele, Lea and Flood 2014; Vigna's reference constants)
written with integer arithmetic only, masked to 64 bits, so it produces the same stream on
IronPython 2.7, CPython 2.7/3.x and PyPy.

Floats are made from the top 53 bits (exact). :meth:`Random.gauss` uses the Marsaglia polar
method with a logarithm computed here from ``+ - * /`` and ``math.frexp`` (exact), and
``math.sqrt`` (correctly rounded by IEEE 754), because ``math.log`` of the C library and of
.NET may differ in the last bit. So normal draws are bit-identical everywhere too.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.errors import BPError, quote

__all__ = ['Random', 'check_seed']

_MASK = (1 << 64) - 1
_TWO_POW_64 = 1 << 64
_GOLDEN = 0x9E3779B97F4A7C15
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB
_TWO_POW_53 = 9007199254740992.0
_LN2 = 0.6931471805599453


def _log(x):
    """Natural logarithm of ``x > 0`` from exact operations only (see module docstring)."""
    m, e = math.frexp(x)          # x = m * 2**e, 0.5 <= m < 1, exact
    if m < 0.7071067811865476:    # keep m in [sqrt(1/2), sqrt(2)) for fast convergence
        m *= 2.0
        e -= 1
    t = (m - 1.0) / (m + 1.0)     # ln(m) = 2 atanh(t), |t| < 0.1716
    t2 = t * t
    term = t
    total = 0.0
    k = 1
    while k < 40:                 # t**41 < 1e-31: far below double precision
        total += term / k
        term *= t2
        k += 2
    return 2.0 * total + e * _LN2


def check_seed(seed, name='seed'):
    """``seed`` as an int: a whole number (int, or a float such as ``3.0``: Grasshopper numbers
    are floats); anything else (text, ``1.7``, NaN, a bool) raises a BPError naming ``name``."""
    if isinstance(seed, bool):
        pass
    elif isinstance(seed, (int, type(2 ** 64))):
        return int(seed)
    elif hasattr(seed, '__index__') and not isinstance(seed, (list, tuple)):
        return int(seed.__index__())      # numpy integers
    elif isinstance(seed, float) and seed == seed and abs(seed) < 2.0 ** 63 and seed == int(seed):
        return int(seed)
    raise BPError('%s must be a whole number, got %s' % (name, quote(seed)))


class Random(object):
    """Seeded generator: ``Random(seed)``; the same seed gives the same numbers everywhere.

    Parameters
    ----------
    seed : int
        Any integer (negative and big integers are reduced modulo 2**64).
    """

    def __init__(self, seed=0):
        self.seed = check_seed(seed)
        self._state = self.seed & _MASK
        self._spare = None

    def next_uint64(self):
        """The next raw 64-bit integer of the splitmix64 stream."""
        self._state = (self._state + _GOLDEN) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * _MIX1) & _MASK
        z = ((z ^ (z >> 27)) * _MIX2) & _MASK
        return z ^ (z >> 31)

    def random(self):
        """A float in [0, 1) with 53 random bits."""
        return (self.next_uint64() >> 11) / _TWO_POW_53

    def uniform(self, a, b):
        """A float in [a, b)."""
        return a + (b - a) * self.random()

    def randint(self, a, b):
        """An integer in [a, b], both ends included, without modulo bias."""
        n = b - a + 1
        if n <= 0:
            raise ValueError('randint: empty range [%d, %d]' % (a, b))
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            r = self.next_uint64()
            if r < limit:
                return int(a + r % n)

    def gauss(self, mu=0.0, sigma=1.0):
        """A normal draw with mean ``mu`` and standard deviation ``sigma`` (Marsaglia polar)."""
        if self._spare is not None:
            z = self._spare
            self._spare = None
            return mu + sigma * z
        while True:
            u = 2.0 * self.random() - 1.0
            v = 2.0 * self.random() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * _log(s) / s)
        self._spare = v * f
        return mu + sigma * u * f

    def shuffle(self, items):
        """Shuffle the list ``items`` in place (Fisher-Yates) and return it.

        ``j = randint(0, i)`` for ``i = n-1 .. 1``, with :meth:`next_uint64` and
        :meth:`randint` written out inline (the same stream, about 3x faster: training
        shuffles every epoch)."""
        state = self._state
        mask, golden, mix1, mix2, two64 = _MASK, _GOLDEN, _MIX1, _MIX2, _TWO_POW_64
        for i in range(len(items) - 1, 0, -1):
            n = i + 1
            while True:
                state = (state + golden) & mask
                z = ((state ^ (state >> 30)) * mix1) & mask
                z = ((z ^ (z >> 27)) * mix2) & mask
                z ^= z >> 31
                if z < two64 - n or z < two64 - two64 % n:   # (the first test is cheaper)
                    break
            j = z % n
            items[i], items[j] = items[j], items[i]
        self._state = state
        return items

    def permutation(self, n):
        """A shuffled ``list(range(n))``."""
        return self.shuffle(list(range(n)))

    def getstate(self):
        """The generator's state, to continue the same stream later with :meth:`setstate`."""
        return (self._state, self._spare)

    def setstate(self, state):
        self._state, self._spare = state[0], state[1]
