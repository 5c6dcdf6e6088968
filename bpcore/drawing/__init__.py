"""Pure drawing data: network diagrams, training curves, decision surfaces and computation
graphs.

Nothing here knows Rhino. Each picture function returns a :class:`Drawing`: plain lists of
dicts with points as ``(x, y, z)`` tuples and colours as ``(r, g, b)`` ints in 0..255.
:mod:`bpcore.rhino.draw` turns a Drawing into ``Rhino.Geometry`` objects; anything else (SVG,
matplotlib, a test) can read the dicts directly.

One module per picture over a shared base::

    base      Drawing, colours (PALETTE, GRADIENT...), nice_ticks, to_frame, disc_mesh
    network   network_layout, activations_of, network_drawing
    history   history_plot, history_from_branches, history_from_object
    surface   decision_surface, network_surface (slices), network_field, surface_mode,
              surface_domain, default_fixed
    graph     graph_drawing (LEAF, INNER, OUTPUT, OP)

Every name is re-exported here: ``from bpcore import drawing; drawing.network_drawing(...)``
is the import path saved Grasshopper definitions use.

Item keys
---------
circles   ``center``, ``radius``, ``color``, ``value`` (activation or None), ``column``, ``index``
lines     ``start``, ``end``, ``color``, ``width`` (0..max_width, by ``|w|``), ``value`` (the
          weight), ``layer``, ``i`` (target neuron), ``k`` (source neuron)
polylines ``points`` (list of points), ``color``, ``name``
labels    ``text``, ``position`` (the centre of a text dot), ``color``; names beside neurons also
          ``justify`` (``'end'`` or ``'start'``) and ``edge``: a renderer that justifies text
          in the drawing's own x/y (an SVG) ends or starts it at ``position`` + ``edge`` along x
meshes    ``vertices`` (points), ``faces`` (tuples of 3 or 4 vertex indices), ``colors`` (one per
          vertex), plus extra per-vertex lists (``classes``, ``values``) when meaningful
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError  # noqa: F401  (a name of the old single module)
from bpcore.drawing.base import (  # noqa: F401
    AXIS, GRADIENT, NEGATIVE, NEUTRAL, PALETTE, POSITIVE, TEXT, Drawing, _finite_range, _fmt,
    _point, _vec, class_color, disc_mesh, gradient_color, is_finite, lerp_color, nice_ticks,
    to_frame)
from bpcore.drawing.network import (  # noqa: F401
    _net_facts, activations_of, network_drawing, network_layout)
from bpcore.drawing.history import (  # noqa: F401
    HISTORY_KEYS, _history_series, history_from_branches, history_from_object, history_plot)
from bpcore.drawing.surface import (  # noqa: F401
    CLASS_ACTIVATIONS, decision_surface, default_fixed, network_field, network_surface,
    surface_domain, surface_mode)
from bpcore.drawing.graph import INNER, LEAF, OP, OUTPUT, _rect_exit, graph_drawing  # noqa: F401

__all__ = ['Drawing', 'PALETTE', 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'GRADIENT',
           'class_color', 'gradient_color', 'lerp_color', 'is_finite',
           'network_layout', 'network_drawing', 'activations_of',
           'history_plot', 'decision_surface', 'nice_ticks', 'to_frame', 'surface_mode',
           'network_surface', 'surface_domain', 'network_field', 'default_fixed', 'graph_drawing', 'disc_mesh',
           'history_from_branches', 'history_from_object']
