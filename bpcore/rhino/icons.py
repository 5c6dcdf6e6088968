"""Old import path and command line of :mod:`bpcore.build.icons` (24x24 bundle icons).

``python -m bpcore.rhino.icons`` still runs it. A build tool, not installed into Rhino (no
component imports it); new code imports ``bpcore.build.icons``.
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.build.icons import *  # noqa: F401,F403
from bpcore.build.icons import __all__, main  # noqa: F401

if __name__ == '__main__':
    sys.exit(main())
