"""The training history plot: loss and accuracy curves per epoch in a rectangle.

:func:`history_plot` draws a History (or a dict of lists); :func:`history_from_branches`
and :func:`history_from_object` read what a Grasshopper input holds (tree branches of numbers,
or one History/dict item) into what :func:`history_plot` takes.
"""
from __future__ import absolute_import, division, print_function

from bpcore.drawing.base import (AXIS, Drawing, _finite_range, _fmt, class_color, is_finite,
                                 nice_ticks)
from bpcore.errors import BPError

__all__ = ['HISTORY_KEYS', 'history_plot', 'history_from_branches', 'history_from_object']

HISTORY_KEYS = ('loss', 'val_loss', 'accuracy', 'val_accuracy')


def _history_series(history, keys):
    """(key, list of values) pairs, from a dict of lists or an object with list attributes."""
    out = []
    if keys is None:
        if isinstance(history, dict):
            keys = [k for k in HISTORY_KEYS if k in history]
            keys += sorted(k for k in history if k not in HISTORY_KEYS
                           and isinstance(history[k], (list, tuple)))
        else:
            keys = list(HISTORY_KEYS)
    for k in keys:
        if isinstance(history, dict):
            values = history.get(k)
        else:
            values = getattr(history, k, None)
        if values:
            out.append((k, list(values)))
    return out


class _Scale(object):
    """Epoch -> x and value -> y inside ``rect = (x0, y0, w, h)`` for ``n`` epochs: losses
    from ``lo`` to ``hi``, other series (accuracies) from 0 to 1."""

    def __init__(self, rect, n, lo, hi):
        self.x0, self.y0, self.w, self.h = rect
        self.n, self.lo, self.hi = n, lo, hi

    def x(self, e):
        return self.x0 + (self.w * e / (self.n - 1) if self.n > 1 else 0.0)

    def y(self, v, key):
        if 'loss' in key:
            t = (float(v) - self.lo) / (self.hi - self.lo)
        else:
            t = float(v)
        return self.y0 + self.h * t


def _runs(values, key, sc):
    """The points of a series split at each NaN/inf: a list of runs (lists of ``(x, y, z)``)."""
    runs, run = [], []
    for e, v in enumerate(values):
        if is_finite(v):
            run.append((sc.x(e), sc.y(v, key), 0.0))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _curves(d, series, sc):
    """Add one or more polylines per series and its legend label above the rectangle."""
    x0, y0, w, h, n = sc.x0, sc.y0, sc.w, sc.h, sc.n
    for s, (key, values) in enumerate(series):
        color = class_color(s)
        for run in _runs(values, key, sc):
            if len(run) == 1:
                y = run[0][1]
                run = [(x0, y, 0.0), (x0 + w, y, 0.0)] if n == 1 else \
                    [(run[0][0], y, 0.0), (run[0][0] + w / max(1, n - 1) * 0.25, y, 0.0)]
            d.polylines.append({'points': run, 'color': color, 'name': key})
        # a legend row above the plot: series names never overlap the curves or the ticks
        d.labels.append({'text': key, 'color': color,
                         'position': (x0 + w * (s + 0.5) / len(series), y0 + 1.08 * h, 0.0)})


def _axes(d, sc, has_right):
    """Add the x axis, the loss axis (left) and, with ``has_right``, the accuracy axis."""
    x0, y0, w, h = sc.x0, sc.y0, sc.w, sc.h
    d.lines.append({'start': (x0, y0, 0.0), 'end': (x0 + w, y0, 0.0), 'color': AXIS,
                    'width': 1.0, 'value': None, 'name': 'x axis'})
    d.lines.append({'start': (x0, y0, 0.0), 'end': (x0, y0 + h, 0.0), 'color': AXIS,
                    'width': 1.0, 'value': None, 'name': 'loss axis'})
    if has_right:
        d.lines.append({'start': (x0 + w, y0, 0.0), 'end': (x0 + w, y0 + h, 0.0),
                        'color': AXIS, 'width': 1.0, 'value': None, 'name': 'accuracy axis'})


def _tick_labels(d, sc, ticks, has_left, has_right):
    """Add epoch numbers (1-based) below, loss ticks left and accuracy ticks right."""
    x0, y0, w, h = sc.x0, sc.y0, sc.w, sc.h
    off = 0.04 * min(w, h)
    for e in nice_ticks(0, max(0, sc.n - 1), ticks):
        if e == int(e):
            d.labels.append({'text': str(int(e) + 1), 'position': (sc.x(e), y0 - off, 0.0),
                             'color': AXIS})
    if has_left:
        for v in nice_ticks(sc.lo, sc.hi, ticks):
            d.labels.append({'text': _fmt(v), 'position': (x0 - off, sc.y(v, 'loss'), 0.0),
                             'color': AXIS})
    if has_right:
        for v in nice_ticks(0.0, 1.0, ticks):
            d.labels.append({'text': _fmt(v), 'position': (x0 + w + off, y0 + h * v, 0.0),
                             'color': AXIS})


def history_plot(history, rect=(0.0, 0.0, 10.0, 5.0), keys=None, ticks=5):
    """Training curves scaled into a rectangle.

    Parameters
    ----------
    history : dict of lists or History
        Per-epoch values (``loss``, ``val_loss``, ``accuracy``, ``val_accuracy``...).
    rect : (x0, y0, width, height)
    keys : list of str, optional
        Series to draw; default: the four above that are present and non-empty.
    ticks : int
        About this many tick labels per axis.

    Series whose key contains ``'loss'`` share the left axis from ``min(0, lowest)`` to the
    highest finite value; other series (accuracy) use a right axis from 0 to 1. NaN and inf
    break a curve into pieces. A single epoch draws a flat segment across the rectangle.

    Returns
    -------
    Drawing
        polylines (one or more per series, ``name`` = key, coloured from PALETTE in series
        order), lines (axes, colour AXIS), labels (ticks, and the series names as a legend row
        above the rectangle).
    """
    x0, y0, w, h = [float(v) for v in rect]
    if not (w > 0 and h > 0):
        raise BPError('rect width and height must be > 0, got %r x %r' % (w, h))
    series = _history_series(history, keys)
    if not series:
        raise BPError('history has no values to plot (expected lists such as %s)'
                      % ', '.join(HISTORY_KEYS))
    n = max(len(v) for _, v in series)
    loss_vals = [v for k, vals in series if 'loss' in k for v in vals if is_finite(v)]
    lo, hi = _finite_range(loss_vals)
    lo = min(0.0, lo)
    if hi <= lo:
        hi = lo + 1.0
    has_right = any('loss' not in k for k, _ in series)
    sc = _Scale((x0, y0, w, h), n, lo, hi)
    d = Drawing()
    _curves(d, series, sc)
    _axes(d, sc, has_right)
    _tick_labels(d, sc, ticks, bool(loss_vals), has_right)
    return d


# -- reading a Grasshopper input ------------------------------------------------------------
def _series_name(b, path, names):
    """The name of branch number ``b`` at ``path``: ``names[b]``, or by the path's last index
    (``HISTORY_KEYS[i]``, ``'series i'`` beyond)."""
    if names is not None:
        return names[b]
    i = int(path[-1]) if len(path) else b
    return HISTORY_KEYS[i] if 0 <= i < len(HISTORY_KEYS) else 'series %d' % i


def _branch_values(path, items):
    """The items of one branch as floats (None -> NaN), or BPError naming the branch/item."""
    values = []
    for e, v in enumerate(items):
        if v is None:
            values.append(float('nan'))
            continue
        try:
            values.append(float(v))
        except (TypeError, ValueError):
            raise BPError('history: branch {%s} item %d is not a number (%r)'
                          % (';'.join(str(p) for p in path), e, v))
    return values


def history_from_branches(branches, names=None):
    """Per-epoch series from tree branches, e.g. BP Train's ``history`` output.

    Parameters
    ----------
    branches : list of (path tuple, list of items)
        Items are numbers; None, NaN and inf are gaps (they break the curve).
    names : list of str, optional
        One name per branch in the given order. Default: branch ``{..; i}`` (its last path
        index) is ``HISTORY_KEYS[i]`` -- loss, val_loss, accuracy, val_accuracy, BP Train's
        order -- and ``'series i'`` beyond.

    Returns
    -------
    (dict, list)
        name -> list of floats, and the names of the non-empty series in branch order (pass
        them as :func:`history_plot` ``keys``).
    """
    branches = list(branches)
    if names is not None:
        names = [str(n) for n in names]
        if len(names) != len(branches):
            raise BPError('%d names for %d branches of history: give one name per branch'
                          % (len(names), len(branches)))
    series = {}
    keys = []
    for b, (path, items) in enumerate(branches):
        key = _series_name(b, path, names)
        if key in series:
            raise BPError('history: two branches are named %r' % key)
        values = _branch_values(path, items)
        series[key] = values
        if values:
            keys.append(key)
    if not keys:
        raise BPError('history has no values to plot (expected lists such as %s)'
                      % ', '.join(HISTORY_KEYS))
    return series, keys


def _is_epoch_value(v):
    """True for what :func:`history_from_branches` reads as one epoch's value: anything
    ``float()`` accepts (numbers and numeric text) except bool."""
    try:
        float(v)
    except (TypeError, ValueError):
        return False
    return not isinstance(v, bool)


def history_from_object(item, unwrap=None):
    """The History behind a one-item input, with the keys to plot.

    Parameters
    ----------
    item : object
        The only item of an input: a History (any object with ``loss`` and ``accuracy``
        lists), a dict of lists, or one epoch's value.
    unwrap : callable, optional
        Applied to ``item`` once it is known not to be a value (e.g.
        :func:`bpcore.rhino.component.unwrap` for a value held on a Grasshopper wire).

    Returns
    -------
    (history, list of str) or None
        The History or dict and its non-empty series among ``HISTORY_KEYS`` (pass both to
        :func:`history_plot`); None when ``item`` is None or an epoch's value (a number or
        numeric text, not bool): read it with :func:`history_from_branches` instead.
    """
    if item is None or _is_epoch_value(item):
        return None
    obj = unwrap(item) if unwrap is not None else item
    if isinstance(obj, dict):
        keys = [k for k in HISTORY_KEYS if obj.get(k)]
    elif all(hasattr(obj, k) for k in ('loss', 'accuracy')):
        keys = [k for k in HISTORY_KEYS if getattr(obj, k, None)]
    else:
        raise BPError('input history: expected a History, a dict of lists or a tree of '
                      'numbers, got %s' % type(obj).__name__)
    if not keys:
        raise BPError('input history has no values to plot (no %s)' % ', '.join(HISTORY_KEYS))
    return obj, keys
