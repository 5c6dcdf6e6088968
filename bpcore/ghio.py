"""Old import path of :mod:`bpcore.build.ghio` (GH_IO archives), kept for outside scripts.

A build tool, not installed into Rhino (no component imports it); import
``bpcore.build.ghio`` in new code.
"""
from __future__ import absolute_import, division, print_function

from bpcore.build.ghio import *  # noqa: F401,F403
from bpcore.build.ghio import __all__  # noqa: F401
