"""BP Sampler's state: one sample of a seeded plan per Grasshopper solution.

The plan comes from :func:`bpcore.sampling.plan`. In step mode a :class:`SamplingSession`
hands out the next sample each solution while ``run`` is on and asks for another solution
(like BP Train's live mode), so a slow model downstream is evaluated once per sample and
BP Recorder can collect each result. ``run`` off pauses, on again resumes where it stopped;
``reset`` goes back to the first sample; changing the ranges, count, method or seed starts a
new plan. ``start`` resumes a plan at a given index (after a restart of Rhino the plan is
the same, being seeded, and BP Recorder has reloaded the samples done so far from its CSV).

Nothing here imports Grasshopper: the state machine is tested on plain Python
(``tests/core/test_surrogate.py``). :func:`slider_ranges` reads the ranges of Number Sliders
wired into an input, through the public Grasshopper SDK names (``Sources``, ``Slider.Minimum``,
``Slider.Maximum``, ``NickName``), so it also runs on objects that only have those names.
"""
from __future__ import absolute_import, division, print_function

from bpcore import sampling
from bpcore.errors import BPError

__all__ = ['SamplingSession', 'Step', 'slider_ranges', 'ranges_from_rows', 'progress',
           'input_param']


class Step(object):
    """What one solution of BP Sampler does: ``sample`` (list or None) at ``index``,
    ``status`` text, ``schedule`` another solution, ``note`` a remark (or None)."""

    def __init__(self, sample, index, status, schedule=False, note=None):
        self.sample = sample
        self.index = index
        self.status = status
        self.schedule = schedule
        self.note = note

    def __repr__(self):
        return 'Step(index=%r, status=%r, schedule=%r)' % (self.index, self.status,
                                                          self.schedule)


def progress(done, total):
    """'sample 37/200' (the text under the component)."""
    return 'sample %d/%d' % (done, total)


class SamplingSession(object):
    """A plan and how far along it the sampler is, kept between solutions.

    ``key`` identifies the plan (ranges, count, method, seed); ``emitted`` is how many
    samples have been handed out; ``plan`` the rows.
    """

    def __init__(self):
        self.key = None
        self.plan = []
        self.emitted = 0

    def clear(self):
        """Back to the first sample (the reset button); the plan is kept."""
        self.emitted = 0

    def prepare(self, key, ranges, n, method, seed, names=None):
        """Make the plan for ``key`` unless it is the current one (then keep the progress)."""
        if key != self.key:
            self.plan = sampling.plan(ranges, n, method, seed, names)
            self.key = key
            self.emitted = 0
        return self.plan

    def step(self, run, reset, start=0):
        """One solution in step mode: the next sample while ``run``; the last one otherwise.

        ``start``: the plan index to begin at when nothing was emitted yet (resume).
        """
        total = len(self.plan)
        if reset:
            self.clear()
        if self.emitted == 0 and start:
            if start < 0 or start > total:
                raise BPError('start must be between 0 and %d (the plan size), got %d'
                              % (total, start))
            self.emitted = start
        if run and self.emitted < total:
            index = self.emitted
            self.emitted += 1
            more = self.emitted < total
            note = 'release reset to go on sampling' if (reset and more) else None
            return Step(list(self.plan[index]), index, progress(self.emitted, total),
                        schedule=more and not reset, note=note)
        if self.emitted >= total:
            return Step(list(self.plan[-1]), total - 1, 'done: ' + progress(total, total))
        if self.emitted:
            index = self.emitted - 1
            return Step(list(self.plan[index]), index,
                        'paused: ' + progress(self.emitted, total))
        return Step(None, None, 'ready: set run to True to sample',
                    note='set run to True to start sampling')


def ranges_from_rows(rows, name='bounds'):
    """``[[low, high], ...]`` from rows of two numbers (one per parameter) or Intervals."""
    out = []
    for i, row in enumerate(rows):
        if row and all(hasattr(v, 'T0') and hasattr(v, 'T1') for v in row):
            out.extend([v.T0, v.T1] for v in row)      # domains: one per parameter
            continue
        if len(row) != 2:
            raise BPError('%s branch %d must hold [min, max] (or one domain), got %d values'
                          % (name, i, len(row)))
        out.append([row[0], row[1]])
    return out


def slider_ranges(param):
    """``(names, ranges)`` of the Number Sliders wired into a Grasshopper input ``param``.

    Reads ``param.Sources``; a source that is not a slider (no ``Slider.Minimum``) raises a
    BPError naming it. Returns ``([], [])`` when nothing is wired.
    """
    names, ranges = [], []
    for i, source in enumerate(getattr(param, 'Sources', None) or []):
        slider = getattr(source, 'Slider', None)
        if slider is None or not hasattr(slider, 'Minimum') or not hasattr(slider, 'Maximum'):
            raise BPError('sliders source %d (%s) is not a Number Slider; wire sliders, or give '
                          'bounds' % (i, getattr(source, 'NickName', '?')))
        names.append(str(getattr(source, 'NickName', '') or 'x%d' % i))
        ranges.append([float(slider.Minimum), float(slider.Maximum)])
    return names, ranges


def input_param(ghenv, nickname):
    """The component's input parameter called ``nickname`` (None when there is none)."""
    for param in ghenv.Component.Params.Input:
        if param.NickName == nickname:
            return param
    return None
