"""BP Recorder's state: (inputs, outputs) pairs collected solution after solution.

A :class:`Recorder` keeps the rows ``X`` ``(n, k)`` and ``Y`` ``(n, m)`` of a sampling run.
:meth:`Recorder.add` takes one solution's inputs and outputs and says what it did with them:
``'added'``, ``'duplicate'`` (these inputs are recorded already; the first result is kept),
``'incomplete'`` (an input or output is missing or not a finite number, or the widths differ
from the first record) or ``'full'`` (``capacity`` reached). The rows go to BP Train as they
are (one branch per sample).

:meth:`Recorder.save_csv` / :func:`load_csv` keep a run on disk so it survives a restart of
Rhino: a header ``x:<name>,...,y:<name>,...`` (the prefix says which side a column is on),
then one line per sample, numbers written with ``repr`` (round-trips exactly). Saving goes
through a temporary file renamed over the target (as :func:`bpcore.model_io.save` does),
so a crash never leaves half a file.

Nothing here imports Grasshopper (tested in ``tests/core/test_surrogate.py``).
"""
from __future__ import absolute_import, division, print_function

import io
import os

from bpcore.matrix import is_number
from bpcore.errors import BPError, DataError, quote

__all__ = ['Recorder', 'RecordingSession', 'load_csv', 'resolve_path', 'DEFAULT_CAPACITY']

DEFAULT_CAPACITY = 10000


def _finite_row(values):
    """Floats, or None when a value is missing or not a finite number."""
    if values is None:
        return None
    out = []
    for v in values:
        if not is_number(v):
            return None
        f = float(v)
        if f - f != 0.0:
            return None
        out.append(f)
    return out or None


class Recorder(object):
    """Collected samples: ``X`` (inputs) and ``Y`` (outputs) rows, deduplicated by inputs.

    Parameters
    ----------
    capacity : int
        At most this many samples are kept; later ones are refused ('full').
    x_names, y_names : list of str or None
        Column names (for the CSV header); defaults ``x0, x1...`` and ``y0...``.
    """

    def __init__(self, capacity=DEFAULT_CAPACITY, x_names=None, y_names=None):
        if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
            raise BPError('capacity must be a whole number >= 1, got %r' % (capacity,))
        self.capacity = capacity
        self.x_names = list(x_names) if x_names else None
        self.y_names = list(y_names) if y_names else None
        self.X = []
        self.Y = []
        self._seen = set()

    def __len__(self):
        return len(self.X)

    def clear(self):
        self.X, self.Y, self._seen = [], [], set()

    @staticmethod
    def _key(x):
        return tuple(repr(v) for v in x)

    def add(self, inputs, outputs):
        """Record one solution; returns 'added', 'duplicate', 'incomplete' or 'full'."""
        x, y = _finite_row(inputs), _finite_row(outputs)
        if x is None or y is None:
            return 'incomplete'
        if self.X and (len(x) != len(self.X[0]) or len(y) != len(self.Y[0])):
            return 'incomplete'
        key = self._key(x)
        if key in self._seen:
            return 'duplicate'
        if len(self.X) >= self.capacity:
            return 'full'
        self._seen.add(key)
        self.X.append(x)
        self.Y.append(y)
        return 'added'

    def names(self):
        """(x names, y names) for the current widths."""
        k = len(self.X[0]) if self.X else len(self.x_names or [])
        m = len(self.Y[0]) if self.Y else len(self.y_names or [])
        xn = self.x_names if self.x_names and len(self.x_names) == k else \
            ['x%d' % j for j in range(k)]
        yn = self.y_names if self.y_names and len(self.y_names) == m else \
            ['y%d' % j for j in range(m)]
        return xn, yn

    def to_csv(self):
        """The CSV text (header + one line per sample)."""
        xn, yn = self.names()
        lines = [','.join(['x:' + n for n in xn] + ['y:' + n for n in yn])]
        for x, y in zip(self.X, self.Y):
            lines.append(','.join(repr(v) for v in x + y))
        return '\n'.join(lines) + '\n'

    def save_csv(self, path):
        """Write :meth:`to_csv` to ``path`` atomically."""
        tmp = path + '.tmp'
        with io.open(tmp, 'w', encoding='utf-8', newline='\n') as f:
            f.write(u'' + self.to_csv())
        if os.path.exists(path):
            os.remove(path)   # os.replace is Python 3 only; rename cannot overwrite on Windows
        os.rename(tmp, path)

    def load(self, other):
        """Add every sample of another Recorder (duplicates skipped); returns how many."""
        added = 0
        if self.x_names is None:
            self.x_names = other.x_names
        if self.y_names is None:
            self.y_names = other.y_names
        for x, y in zip(other.X, other.Y):
            if self.add(x, y) == 'added':
                added += 1
        return added


def load_csv(path, capacity=DEFAULT_CAPACITY):
    """A :class:`Recorder` from a CSV written by :meth:`Recorder.save_csv`.

    Raises DataError naming the line and column of anything that does not fit.
    """
    with io.open(path, encoding='utf-8') as f:
        lines = [line.strip() for line in f.read().splitlines()]
    lines = [(i + 1, line) for i, line in enumerate(lines) if line]
    if not lines:
        raise DataError('%s: empty file, expected a header x:...,y:...' % path)
    header = [c.strip() for c in lines[0][1].split(',')]
    sides = [c[:2] for c in header]
    k = sides.count('x:')
    if k == 0 or sides != ['x:'] * k + ['y:'] * (len(header) - k) or k == len(header):
        raise DataError('%s line %d: header must be x:<name>,...,y:<name>,... (inputs first), '
                        'got %s' % (path, lines[0][0], lines[0][1]))
    rec = Recorder(capacity, [c[2:] for c in header[:k]], [c[2:] for c in header[k:]])
    for number, line in lines[1:]:
        cells = line.split(',')
        if len(cells) != len(header):
            raise DataError('%s line %d: %d values, expected %d'
                            % (path, number, len(cells), len(header)))
        row = []
        for j, cell in enumerate(cells):
            try:
                row.append(float(cell))
            except ValueError:
                raise DataError('%s line %d, column %d: %s is not a number'
                                % (path, number, j, quote(cell.strip())))
        rec.add(row[:k], row[k:])
    return rec


def resolve_path(path, document_path=None):
    """``path`` as given when absolute; relative: beside the definition (``document_path``,
    the ``.gh`` file) when it has been saved, else as given (Rhino's working folder)."""
    if not path or os.path.isabs(path) or not document_path:
        return path
    return os.path.join(os.path.dirname(document_path), path)


class RecordingSession(object):
    """BP Recorder between solutions: a :class:`Recorder` tied to an optional CSV file.

    The first solution with a ``path`` loads the file when it exists (so a run survives a
    restart); every new sample rewrites it. ``reset`` forgets the samples (the file is
    rewritten from the next new sample on); a new ``path`` or ``capacity`` starts over (and
    loads that file).
    """

    def __init__(self):
        self.recorder = None
        self.path = None
        self.capacity = None

    def update(self, inputs, outputs, x_names=None, y_names=None, path=None,
               capacity=DEFAULT_CAPACITY, record=True, reset=False):
        """Record one solution; returns what happened ('added', 'duplicate', 'incomplete',
        'full', 'loaded N', 'paused' or 'reset')."""
        path = path or None
        fresh = (self.recorder is None or path != self.path or capacity != self.capacity)
        if fresh:
            self.recorder = Recorder(capacity)
            self.path, self.capacity = path, capacity
        rec = self.recorder
        if x_names:
            rec.x_names = list(x_names)
        if y_names:
            rec.y_names = list(y_names)
        if reset:
            rec.clear()
            return 'reset'
        loaded = None
        if fresh and path and os.path.exists(path):
            loaded = rec.load(load_csv(path, capacity))
        if not record:
            return 'paused' if loaded is None else 'loaded %d' % loaded
        what = rec.add(inputs, outputs)
        if what == 'added' and path:
            rec.save_csv(path)
        if loaded is not None:
            return 'loaded %d, %s' % (loaded, what)
        return what
