"""tests/gh: components run through the fake-Grasshopper harness (CPython 3 + rhino3dm only)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

collect_ignore_glob = []
try:
    import rhino3dm  # noqa: F401
except ImportError:
    rhino3dm = None
if sys.version_info[0] < 3 or rhino3dm is None:
    # the harness needs CPython 3 and rhino3dm; the pure bpcore.rhino logic is tested in
    # tests/core on every interpreter
    collect_ignore_glob = ['test_*.py']
