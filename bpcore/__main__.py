"""``python -m bpcore COMMAND`` (the ``bpcore`` console script): see :mod:`bpcore.cli`
(``python -m bpcore --help``). ``run-definition`` goes to the headless definition runner
(``bpcore.build.rundef``, a build tool: the source tree or a pip install has it)."""
from __future__ import absolute_import, division, print_function

import sys


def main(argv=None):
    """Run a command; bad input (a BPError: a bad CSV, model file, option) is printed as one
    ``error: ...`` line on stderr with exit status 1, never a traceback."""
    from bpcore.errors import BPError
    try:
        return _command(argv)
    except BPError as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 1


def _command(argv):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == 'run-definition':
        from bpcore.build import rundef
        return rundef.main(argv[1:])
    from bpcore.cli import main as cli_main
    return cli_main(argv)


if __name__ == '__main__':
    sys.exit(main())
