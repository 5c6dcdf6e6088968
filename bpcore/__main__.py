"""Command line: ``python -m bpcore demo``, ``selftest`` and ``run-definition``."""
from __future__ import absolute_import, division, print_function

import sys

USAGE = """usage: python -m bpcore COMMAND [options]

commands:
  demo [--data CSV] [--epochs N] [--out MODEL.json]
        the tutorial on the wheat-seeds data: 7-5-3 sigmoid, per-sample SGD, lr 0.3,
        5-fold cross-validation; prints fold scores, mean accuracy, confusion matrix
  selftest
        built-in checks (gradients, seeded weights, XOR, save/load); prints 'N passed, M failed'
  run-definition FILE.gh [--set NAME=VALUE ...] [--max-solutions N]
        runs a Grasshopper definition without Rhino: every GhPython component's own code,
        sliders/toggles/panels/value lists as stored; prints outputs and messages
"""


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ('-h', '--help', 'help'):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == 'demo':
        from bpcore import demo
        return demo.main(rest)
    if command == 'run-definition':
        from bpcore.build import rundef      # a build tool: needs the source tree or pip install
        return rundef.main(rest)
    if command == 'selftest':
        from bpcore import selftest
        passed, failed = selftest.main()
        return 1 if failed else 0
    print('unknown command %r\n' % command)
    print(USAGE)
    return 2


if __name__ == '__main__':
    sys.exit(main())
