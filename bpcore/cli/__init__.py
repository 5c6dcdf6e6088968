"""The command line: ``python -m bpcore COMMAND`` (also the ``bpcore`` console script).

Commands: ``train``, ``predict``, ``evaluate``, ``cv``, ``info``, ``plot``, ``demo``,
``selftest``; ``bpcore COMMAND --help`` lists each one's options.

Exit codes: 0 done, 1 failed (bad data, bad model file, a file that cannot be written...),
2 usage (unknown command or option, a malformed value). A failure prints ONE line to stderr
naming the file, line/row and column at fault, never a traceback (set the environment
variable ``BPCORE_DEBUG=1`` to get the traceback of an unexpected error).

Each command lives in its own module (``train``: train and cv, ``predict``: predict and
evaluate, ``info``, ``plot``); each has ``add_arguments(parser)`` and ``run(args)``.
"""
from __future__ import absolute_import, division, print_function

import argparse
import errno
import os
import sys

from bpcore.errors import BPError

__all__ = ['main', 'build_parser', 'COMMANDS']

# name -> (module under bpcore.cli, one-line help)
COMMANDS = [
    ('train', 'train', 'train a network on a CSV file and save it as model JSON'),
    ('predict', 'predict', 'class labels (and probabilities) or values for the rows of a CSV'),
    ('evaluate', 'predict', 'accuracy, per-class precision/recall, confusion matrix (or '
                            'mse/mae/r2) of a model on a labelled CSV'),
    ('cv', 'train', 'k-fold cross-validation of a network on a CSV file'),
    ('info', 'info', 'summary of a model file: layers, parameters, scaler, classes, training'),
    ('plot', 'plot', 'draw a model (network, training history, decision surface) to '
                     '.svg, .png or .3dm'),
]
OTHER = [
    ('demo', "the tutorial on the wheat-seeds data (python -m bpcore demo --help)"),
    ('selftest', "built-in checks; prints 'N passed, M failed'"),
    ('run-definition', 'run a Grasshopper definition without Rhino (python -m bpcore '
                       'run-definition --help)'),
]


def _module(name):
    import importlib
    return importlib.import_module('bpcore.cli.' + name)


def build_parser():
    """The argparse parser with one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog='bpcore', description='bpcore: backpropagation neural networks in pure Python.',
        epilog='exit codes: 0 ok, 1 failure (one line on stderr), 2 usage. '
               "'bpcore COMMAND --help' for a command's options.")
    sub = parser.add_subparsers(dest='command', metavar='COMMAND')
    for name, module, text in COMMANDS:
        p = sub.add_parser(name, help=text, description=text)
        getattr(_module(module), 'add_%s_arguments' % name)(p)
    for name, text in OTHER:
        sub.add_parser(name, help=text, description=text, add_help=False)
    return parser


def _quiet_stdout():
    """Point stdout at the null device, so Python's final flush to a closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _fail(command, message):
    sys.stderr.write('bpcore %s: error: %s\n' % (command, ' '.join(str(message).split())))
    return 1


def main(argv=None):
    """Run one command; returns the exit code (0 ok, 1 failure, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    names = [c[0] for c in COMMANDS] + [c[0] for c in OTHER]
    if argv and argv[0] == 'demo':                 # the demo parses its own options
        from bpcore import demo
        return demo.main(argv[1:])
    if argv and argv[0] == 'selftest':
        from bpcore import selftest
        passed, failed = selftest.main()
        return 1 if failed else 0
    parser = build_parser()
    if not argv:
        parser.print_help()
        return 2
    if not argv[0].startswith('-') and argv[0] not in names:
        sys.stderr.write("bpcore: unknown command '%s' (commands: %s)\n"
                         % (argv[0], ', '.join(names)))
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:                      # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    module = dict((c[0], c[1]) for c in COMMANDS)[args.command]
    run = getattr(_module(module), 'run_' + args.command)
    try:
        return run(args) or 0
    except BPError as exc:
        return _fail(args.command, exc)
    except (IOError, OSError) as exc:
        if getattr(exc, 'errno', None) == errno.EPIPE:    # `bpcore ... | head`: not an error
            _quiet_stdout()
            return 0
        where = getattr(exc, 'filename', None)
        text = exc.strerror or str(exc)
        return _fail(args.command, '%s: %s' % (where, text) if where else text)
    except KeyboardInterrupt:
        return _fail(args.command, 'interrupted')
    except Exception as exc:                       # a bug: one line, traceback on request
        if os.environ.get('BPCORE_DEBUG'):
            raise
        return _fail(args.command, 'internal error: %s: %s (set BPCORE_DEBUG=1 for the '
                                   'traceback)' % (type(exc).__name__, exc))
