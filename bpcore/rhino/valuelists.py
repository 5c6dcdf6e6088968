"""Value Lists for a component's mode inputs, added on the canvas by the component itself.

Grasshopper users pick modes (optimizer, loss, scaler kind...) from a Value List rather than
type them. :func:`offer` adds one Value List per empty mode input, wired to it and placed to
its left, the first time a component instance runs (remembered in the .gh file, so a list the
user deletes does not come back, and a reopened file is left as it was). Inputs that already
have a source (a Panel, a Value List of an example file) are left alone.

The canvas may not change during a solution, so the lists are added in a
``GH_Document.ScheduleSolution`` callback, which runs between solutions, and the component is
expired there to solve again with the chosen values.
"""
from __future__ import absolute_import, division, print_function

from bpcore.rhino import component as ghc

__all__ = ['offer', 'add_value_list', 'empty_mode_inputs']

_KEY = 'valuelists'
_WIDTH = 120        # room left of the input for the Value List


def empty_mode_inputs(ghenv, choices):
    """``[(input parameter, options), ...]`` of the inputs named in ``choices`` that have no
    source, in the component's input order."""
    out = []
    for param in ghenv.Component.Params.Input:
        options = choices.get(param.NickName)
        if options and param.SourceCount == 0:
            out.append((param, list(options)))
    return out


def offer(ghenv, choices):
    """Once per component instance: Value Lists for the empty mode inputs.

    ``choices``: ``{input nickname: [option, ...]}``, the first option being the default.
    Returns the nicknames that get a list (``[]`` when none, or when already offered).
    """
    comp = ghenv.Component
    doc = comp.OnPingDocument()
    if doc is None or ghc.document_value(ghenv, _KEY):
        return []
    todo = empty_mode_inputs(ghenv, choices)
    ghc.set_document_value(ghenv, _KEY, 'offered')
    if not todo:
        return []

    def callback(document):
        for param, options in todo:
            add_value_list(document, param, options)
        comp.ExpireSolution(False)

    try:
        from Grasshopper.Kernel import GH_Document
        delegate = GH_Document.GH_ScheduleDelegate(callback)
    except (ImportError, AttributeError):
        delegate = callback
    doc.ScheduleSolution(1, delegate)
    return [param.NickName for param, _ in todo]


def add_value_list(document, param, options):
    """Add a Value List of ``options`` (text values) to ``document``, left of ``param``,
    and wire it to ``param``. Returns the Value List."""
    from Grasshopper.Kernel.Special import GH_ValueList, GH_ValueListItem
    from System.Drawing import PointF
    vl = GH_ValueList()
    vl.CreateAttributes()
    vl.NickName = param.NickName
    vl.Description = 'Options of %s' % param.NickName
    vl.ListItems.Clear()
    for option in options:
        vl.ListItems.Add(GH_ValueListItem(str(option), '"%s"' % option))
    bounds = param.Attributes.Bounds
    vl.Attributes.Pivot = PointF(float(bounds.X - _WIDTH),
                                 float(bounds.Y + bounds.Height / 2.0 - 10))
    document.AddObject(vl, False)
    param.AddSource(vl)
    return vl
