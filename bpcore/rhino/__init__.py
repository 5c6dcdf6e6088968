"""bpcore.rhino: the only part of bpcore that knows Grasshopper and Rhino types.

* :mod:`bpcore.rhino.trees`     Grasshopper DataTree <-> lists of rows
* :mod:`bpcore.rhino.component` helpers every component uses (messages, missing inputs,
  per-instance state, scheduling the next solution, opaque holders)
* :mod:`bpcore.rhino.draw`      :class:`bpcore.drawing.Drawing` -> ``Rhino.Geometry`` objects
* :mod:`bpcore.rhino.live`      BP Train's state machine: training across solutions

Importing this package (or any of its modules) never imports Rhino, Grasshopper or System:
they are imported inside the functions that need them, so the pure parts run and are tested
on plain CPython, and the rest runs in tests against fakes (``tests/gh/harness.py``).
"""
from __future__ import absolute_import, division, print_function

__all__ = ['trees', 'component', 'draw', 'live']
