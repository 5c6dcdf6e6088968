"""Old import path and command line of :mod:`bpcore.build.yak` (the Rhino Yak package).

``python -m bpcore.yak`` still runs it. A build tool, not installed into Rhino (no component
imports it); new code imports ``bpcore.build.yak``.
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.build.yak import *  # noqa: F401,F403
from bpcore.build.yak import __all__, YakError, main  # noqa: F401

if __name__ == '__main__':
    sys.exit(main())
