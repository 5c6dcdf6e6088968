"""Checks that bpcore computes correctly in this Rhino: golden numbers, backprop, training.

    Runs bpcore's built-in self-test (the seeded generator, initial weights, backprop against
    finite differences, finite losses at extreme inputs, XOR training, a model save/load round
    trip, refusing bad input); takes well under a second.

    Args:
        run: (item, bool) True: run the checks (a Button).
    Returns:
        report: One line per check, then 'N passed, M failed'.
        passed: Number of checks that passed.
        failed: Number of checks that failed.
        details: One text per check: ok or FAIL, its name and what went wrong.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import selftest
from bpcore.rhino import component as ghc


class BPSelfTest(component):
    def RunScript(self, run):
        ghc.set_message(ghenv, 'Self Test')
        if not ghc.to_bool(run):
            ghc.remark(ghenv, 'set run to True to run the self-test')
            return None, None, None, None
        results = selftest.run()
        report = selftest.report(results)
        passed = sum(1 for r in results if r[1])
        failed = len(results) - passed
        details = [selftest.report([r]).rsplit('\n', 1)[0] for r in results]
        if failed:
            ghc.add_message(ghenv, 'Error', '%d of %d self-test checks failed: %s'
                            % (failed, len(results),
                               '; '.join(r[0] for r in results if not r[1])))
        ghc.set_message(ghenv, '%d passed, %d failed' % (passed, failed))
        return report, passed, failed, details
