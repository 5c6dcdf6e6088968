"""The demos' command-line options: ``--name value`` pairs over a table of defaults.

``python -m bpcore demo`` and ``python -m bpcore demo mnist`` take a few options each; this
reads them the same way for both (the full command line is :mod:`bpcore.cli`). Imports nothing.
"""
from __future__ import absolute_import, division, print_function

__all__ = ['read_options']


def read_options(argv, defaults, whole, prog):
    """``defaults`` updated from ``argv`` (``['--epochs', '50', ...]``).

    Options named in ``whole`` must be whole numbers. An unknown, incomplete or non-numeric
    option ends the program with a one-line message naming ``prog`` and the options.
    """
    opts = dict(defaults)
    i = 0
    while i < len(argv):
        key = argv[i].lstrip('-')
        if key not in opts or i + 1 >= len(argv):
            raise SystemExit('%s: unknown or incomplete option %r (options: %s)'
                             % (prog, argv[i], ', '.join('--' + k for k in sorted(opts))))
        value = argv[i + 1]
        if key in whole:
            if not value.lstrip('-').isdigit():
                raise SystemExit('%s: --%s needs a whole number, got %r' % (prog, key, value))
            value = int(value)
        opts[key] = value
        i += 2
    return opts
