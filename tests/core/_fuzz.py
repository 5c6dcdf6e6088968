"""Seeded mutation fuzzing for the suite (standard library only; 2.7 and 3.x).

:class:`Mutator` changes bytes or text with bpcore's own generator, so a run is the same on
every interpreter and every seed can be replayed. :func:`run` feeds every mutant to a
function and checks the contract of issue 10: only :class:`~bpcore.errors.BPError` (never
another exception), never a hang (a time bound per case; on POSIX an alarm interrupts it) and
never more than a memory bound (peak resident memory growth over the run).
"""
from __future__ import absolute_import, division, print_function

import signal
import time

from bpcore.errors import BPError
from bpcore.rng import Random

try:
    import resource
except ImportError:                 # Windows: no resource module; the time bound still holds
    resource = None

SECONDS_PER_CASE = 5.0
MEGABYTES = 200

TEXT_TOKENS = [u'', u' ', u'\n', u'\r\n', u'\t', u',', u';', u'"', u"'", u'#', u'\\', u'\x00',
               u'\u00fc', u'\u5706', u'\ud7ff', u'nan', u'NaN', u'inf', u'-inf', u'Infinity',
               u'1e999', u'1e400', u'-1e308', u'1e-320', u'0', u'-0', u'1_000', u'0x10',
               u'9' * 400, u'[', u']', u'{', u'}', u':', u'null', u'true', u'-1', u'1.5',
               u'[' * 200, u'{"a":' * 50, u'(', u')', u'**', u'*', u'/', u'+', u'-', u'e',
               u'exp', u'log', u'__import__', u'x', u'.', u'lambda']


class Mutator(object):
    """Seeded mutations of byte strings and text."""

    def __init__(self, seed):
        self.rng = Random(seed)

    def pick(self, items):
        return items[self.rng.randint(0, len(items) - 1)]

    def _span(self, n):
        a = self.rng.randint(0, n)
        b = min(n, a + self.rng.randint(0, 16))
        return a, b

    def text(self, text, tokens=TEXT_TOKENS, rounds=None):
        """1-4 edits: insert, replace or delete a span, insert a token, duplicate a span,
        truncate."""
        for _ in range(rounds or self.rng.randint(1, 4)):
            a, b = self._span(len(text))
            kind = self.rng.randint(0, 5)
            if kind == 0:
                text = text[:a] + self.pick(tokens) + text[a:]
            elif kind == 1:
                text = text[:a] + self.pick(tokens) + text[b:]
            elif kind == 2:
                text = text[:a] + text[b:]
            elif kind == 3:
                text = text[:b] + text[a:b] + text[b:]
            elif kind == 4:
                text = text[:a]
            else:
                text = text[:a] + u''.join(self.pick(tokens) for _ in range(3)) + text[a:]
        return text

    def bytes(self, data, rounds=None):
        """1-4 edits of a byte string: flip bits, set interesting bytes, insert random bytes,
        delete, duplicate, truncate."""
        data = bytearray(data)
        for _ in range(rounds or self.rng.randint(1, 4)):
            n = len(data)
            a, b = self._span(n)
            kind = self.rng.randint(0, 5)
            if kind == 0 and n:
                i = self.rng.randint(0, n - 1)
                data[i] ^= 1 << self.rng.randint(0, 7)
            elif kind == 1 and n:
                data[self.rng.randint(0, n - 1)] = self.pick([0, 1, 0x7f, 0x80, 0xfe, 0xff])
            elif kind == 2:
                data[a:a] = bytearray(self.rng.randint(0, 255) for _ in range(b - a + 1))
            elif kind == 3:
                del data[a:b]
            elif kind == 4:
                data[b:b] = data[a:b]
            else:
                del data[a:]
        return bytes(data)


class _Hang(BaseException):
    pass


def _peak_mb():
    if resource is None:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024.0 if not hasattr(signal, 'SIGINFO') else peak / 1048576.0  # macOS: bytes


def run(name, cases, call, config=None):
    """Call ``call(case)`` for every case; returns ``{'tried', 'refused', 'accepted'}``.

    Fails (AssertionError naming the case) on any exception that is not a BPError, on a case
    that takes more than :data:`SECONDS_PER_CASE`, and when the process's peak memory grew by
    more than :data:`MEGABYTES` over the run.
    """
    alarm = hasattr(signal, 'SIGALRM')
    if alarm:
        def on_alarm(*args):
            raise _Hang()
        previous = signal.signal(signal.SIGALRM, on_alarm)
    stats = {'tried': 0, 'refused': 0, 'accepted': 0, 'other': 0}
    before = _peak_mb()
    slowest = 0.0
    try:
        for case in cases:
            stats['tried'] += 1
            started = time.time()
            if alarm:
                signal.alarm(int(SECONDS_PER_CASE) + 1)
            try:
                call(case)
                stats['accepted'] += 1
            except BPError:
                stats['refused'] += 1
            except _Hang:
                raise AssertionError('%s: a case ran over %s s: %r' % (name, SECONDS_PER_CASE,
                                                                        case[:300]))
            except Exception as exc:
                stats['other'] += 1
                raise AssertionError('%s: %s: %s, not a BPError, for the case %r'
                                     % (name, type(exc).__name__, exc, case[:300]))
            finally:
                if alarm:
                    signal.alarm(0)
            seconds = time.time() - started
            slowest = max(slowest, seconds)
            assert seconds < SECONDS_PER_CASE, '%s: %.1f s for %r' % (name, seconds, case[:300])
    finally:
        if alarm:
            signal.signal(signal.SIGALRM, previous)
    grown = _peak_mb() - before
    assert grown < MEGABYTES, '%s: peak memory grew by %.0f MB' % (name, grown)
    line = ('%s: %d mutations tried, %d refused with a BPError, %d accepted, %d other '
            'exceptions; slowest case %.3f s; peak memory growth %.0f MB'
            % (name, stats['tried'], stats['refused'], stats['accepted'], stats['other'],
               slowest, grown))
    if config is not None and hasattr(config, 'bpcore_fuzz'):
        config.bpcore_fuzz.append(line)
    print(line)
    return stats


def count(request, default):
    """The number of mutations: ``--fuzz N`` if given, else ``default``."""
    n = request.config.getoption('--fuzz', None)
    return default if n is None else n
