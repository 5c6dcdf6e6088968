"""Plans samples of a slow model's parameters (Latin hypercube, random, grid), one per solution.

    The first step of a surrogate model: evaluate the slow model (a simulation, an analysis)
    at a seeded plan of parameter values, record each result with BP Recorder, then train a
    network on them (BP Scale, BP Initialize, BP Train) and predict instantly with BP Predict.
    Wire the parameters' Number Sliders into sliders (their ranges and names are read, their
    values are not), or give bounds.

    Not stepping: plan holds every sample at once (for a model that takes a list).
    Stepping: every solution hands out the next sample on sample and schedules the next
    solution, so the model downstream runs once per sample; run False pauses, True goes on;
    reset goes back to the first sample. The plan is seeded: after a restart, set start to
    the number of samples BP Recorder reloaded and sampling goes on where it stopped.

    Args:
        sliders: (list, ghdoc) Optional. The parameters' Number Sliders: their ranges become
            the bounds and their nicknames the names.
        bounds: (tree, ghdoc) Optional. Instead of sliders: one branch per parameter, [min,
            max] or a domain.
        count: (item, int) Optional. Samples for lhs and random (default 50); values per
            parameter for grid (count ** parameters samples).
        method: (item, str) Optional. 'lhs' (Latin hypercube, default), 'random' or 'grid'.
        seed: (item, int) Optional. Seed of the plan (default 0).
        step: (item, bool) Optional. True: one sample per solution (default False).
        run: (item, bool) Optional. Step mode: True samples (a Boolean Toggle), False pauses.
        reset: (item, bool) Optional. Step mode: back to the first sample (a Button).
        start: (item, int) Optional. Step mode: plan index to start from (default 0).
    Returns:
        sample: The current sample, one value per parameter (step mode; empty before run).
        index: Index of the current sample in the plan.
        plan: The whole plan, one branch per sample.
        names: Parameter names (slider nicknames, else x0, x1...).
        done: True when every sample of the plan was handed out.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import sampling
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import sampler as sampler_state
from bpcore.rhino import trees
from bpcore.rhino import valuelists

DELAY_MS = 10
NOTHING = (None, None, None, None, None)


class BPSampler(component):
    def RunScript(self, sliders, bounds, count, method, seed, step, run, reset, start):
        ghc.set_message(ghenv, 'Sampler')
        valuelists.offer(ghenv, {'method': list(sampling.METHODS)})
        try:
            param = sampler_state.input_param(ghenv, 'sliders')
            names, ranges = sampler_state.slider_ranges(param)
            if not ranges and ghc.missing_inputs(ghenv, ('sliders or bounds', bounds)):
                return NOTHING
            if not ranges:
                ranges = sampler_state.ranges_from_rows(trees.to_rows(bounds, 'bounds'))
                names = ['x%d' % i for i in range(len(ranges))]
            n = ghc.to_int(count, 'count', default=50, minimum=1)
            method = ghc.choice(method, 'method', sampling.METHODS, 'lhs')
            seed = ghc.to_int(seed, 'seed', default=0)
            state = ghc.sticky_state(ghenv, 'sampler')
            session = state.setdefault('session', sampler_state.SamplingSession())
            plan = session.prepare(ghc.fingerprint(ranges, n, method, seed), ranges, n, method,
                                   seed, names)
            if not ghc.to_bool(step):
                ghc.set_message(ghenv, '%d samples, %s' % (len(plan), method))
                return None, None, trees.rows_to_tree(plan), names, True
            tick = session.step(ghc.to_bool(run), ghc.to_bool(reset),
                                ghc.to_int(start, 'start', default=0, minimum=0))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
        ghc.follow(ghenv, tick, DELAY_MS)
        ghc.set_message(ghenv, tick.status)
        return (tick.sample, tick.index, trees.rows_to_tree(plan), names,
                session.emitted >= len(plan))
