"""Run the real ``gh_components/<Name>/code.py`` the way GhPython does, on CPython, outside Rhino.

The fakes and the component runner are :mod:`bpcore.build.headless` (shared with the headless
definition runner); this module adds bundles, .3dm round trips and metadata checks.

Fake modules stand in for Grasshopper, GhPython and Rhino while a component loads and runs
(:func:`fake_modules`; ``sys.modules`` is restored afterwards, so other tests, e.g. compas'
Rhino detection, never see them):

* ``Grasshopper``: ``DataTree[object]``, ``Kernel.Data.GH_Path``,
  ``Kernel.GH_RuntimeMessageLevel``, ``Kernel.GH_Document.GH_ScheduleDelegate``, the
  document's ``ValueTable`` (``GH_SettingsServer``: what a .gh file keeps), ``AddObject`` and
  ``Kernel.Special.GH_ValueList`` / ``GH_ValueListItem`` (Value Lists a component adds),
  parameters' ``SourceCount`` / ``AddSource`` / ``Attributes.Bounds``
* ``ghpythonlib``: ``componentbase.executingcomponent``, ``treehelpers.list_to_tree`` /
  ``tree_to_list`` (the same path semantics as Rhino's)
* ``scriptcontext``: ``sticky`` (one dict per harness session, see :func:`reset_sticky`), ``doc``
* ``Rhino.Geometry``: rhino3dm's classes (Point3d, Vector3d, Plane, Circle, Line, Polyline,
  PolylineCurve, Mesh, TextDot, Interval, ...) plus a ``Rectangle3d`` shim
* ``System``: ``Drawing.Color.FromArgb``, ``Drawing.PointF``, ``Array[int](seq)``, ``Guid``

and ``ghenv`` is a global of the component's namespace, as in GhPython.

Usage::

    from harness import run_component, load_component

    r = run_component('BP_Forward', net=net, X=[[0, 1]])
    r['A']                 # raw output value (DataTree, list, item...)
    r.rows('A')            # a DataTree output as a list of branch lists
    r.errors, r.warnings   # runtime message texts; r.message = component Message

    comp = load_component('BP_Train')      # one component instance, kept across solutions
    r = comp.run(net=net, X=X, Y=Y, live=True)
    while comp.pending_schedules:          # ScheduleSolution(delay, callback) calls
        r = comp.tick()                    # run the callbacks; re-solve if they expired it

Inputs follow Grasshopper's access rules (metadata ``scriptParamAccess``): an unconnected item
input is None, list input ``[]``, tree input an empty DataTree; a tree input given a list of
lists gets one branch ``{i}`` per sub-list, a flat list one branch ``{0}``. Type hints float,
int, bool and str convert items like Grasshopper (a failed conversion raises
:class:`HarnessError`, as Grasshopper would refuse to run); the default hint ghdoc turns
geometry (points, meshes...) into a Guid, as GhPython does. An item input given a list raises
HarnessError (Grasshopper would run one solution per item; call ``run`` per item instead).

An exception escaping ``RunScript`` is re-raised (a test failure): components must catch
BPError themselves and report it with ``AddRuntimeMessage``. Outputs that Grasshopper would
mangle (a dict, a list holding lists/tuples/dicts, a Polyline) raise HarnessError too.
"""
from __future__ import absolute_import, division, print_function

import json
import os
import sys

import rhino3dm

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
COMPONENTS_DIR = os.path.join(REPO, 'gh_components')
FIXTURES_DIR = os.path.join(HERE, 'fixtures')

if REPO not in sys.path:
    sys.path.insert(0, REPO)

# The fakes and the component runner live in the package (the headless definition runner
# uses them too); this module adds bundles, .3dm round trips and metadata checks.
from bpcore.build.headless import (  # noqa: E402
    Color, DataTree, FakeComponent, FakeGhEnv, FakeParam, GH_Document, GH_Path,
    GH_RuntimeMessageLevel, GH_SettingsServer, GH_ValueList, GH_ValueListItem, HeadlessError,
    Rectangle3d, Result, ScriptComponent,
    build_fake_modules, check_output, convert_input, executingcomponent, fake_modules,
    list_to_tree, param_names, reset_sticky, tree_to_list, _ScriptContext)

# the ribbon tab of every component, and its panels (docs/components.md)
CATEGORY = 'Backprop'
SUBCATEGORIES = ('0 :: Data', '1 :: Network', '2 :: Train', '3 :: Visualize')

HarnessError = HeadlessError   # the harness's name for a broken Grasshopper rule


# =========================================================================================
# loading and running components
# =========================================================================================
def bundle_dir(name):
    """gh_components/<name>, else tests/gh/fixtures/<name>, else ``name`` as a path."""
    for base in (COMPONENTS_DIR, FIXTURES_DIR):
        path = os.path.join(base, name)
        if os.path.isdir(path):
            return path
    if os.path.isdir(name):
        return name
    raise HarnessError('no component bundle %r in %s or %s' % (name, COMPONENTS_DIR,
                                                                 FIXTURES_DIR))


def read_metadata(path):
    with open(os.path.join(path, 'metadata.json')) as f:
        return json.load(f)


def render_code(code, meta, folder_name):
    """Replace ``{{version}}``, ``{{name}}``, ``{{ghuser_name}}`` as the .ghuser build does."""
    from bpcore.build.paths import read_version
    from bpcore.build.userobject import render
    return render(code, read_version(), meta.get('name', ''), folder_name)




class LoadedComponent(ScriptComponent):
    """One component instance of a bundle on a fake canvas: code loaded once, solved many
    times (see :class:`bpcore.build.headless.ScriptComponent`)."""

    def __init__(self, name, document=None, instance_guid=None):
        self.path = bundle_dir(name)
        meta = read_metadata(self.path)
        with open(os.path.join(self.path, 'code.py')) as f:
            source = render_code(f.read(), meta, os.path.basename(self.path))
        ScriptComponent.__init__(self, source, meta, os.path.join(self.path, 'code.py'),
                                 document=document, instance_guid=instance_guid)
        self.name = os.path.basename(self.path)


def load_component(name, document=None, instance_guid=None):
    """Load gh_components/<name> (or a fixture) as one component instance.

    ``document``: the GH_Document it sits in (default: a new one of its own);
    ``instance_guid``: its InstanceGuid (default: a new one), e.g. to reopen a saved
    component with the ValueTable read back from a .gh file.
    """
    return LoadedComponent(name, document, instance_guid)


def run_component(name, **inputs):
    """Load a fresh instance and run one solution."""
    return load_component(name).run(**inputs)


# =========================================================================================
# .3dm round trip
# =========================================================================================
def _color_tuple(c):
    if c is None:
        return None
    if isinstance(c, Color):
        return (c.R, c.G, c.B, c.A)
    c = tuple(int(v) for v in c)
    return c + (255,) if len(c) == 3 else c


def write_3dm(objects, path, colors=None):
    """Write geometry to ``path`` with rhino3dm.File3dm, read it back, check it.

    Handles Point3d, Line, Circle (added as curves) and any GeometryBase (curves, meshes,
    TextDots). ``colors``: optional per-object (r, g, b) / Color. Returns the list of object
    type names read back (``'Curve'``, ``'Mesh'``, ``'TextDot'``, ``'Point'``...).
    """
    model = rhino3dm.File3dm()
    expected = []
    for i, obj in enumerate(objects):
        attrs = None
        if colors is not None and colors[i] is not None:
            attrs = rhino3dm.ObjectAttributes()
            attrs.ObjectColor = _color_tuple(colors[i])
            attrs.ColorSource = rhino3dm.ObjectColorSource.ColorFromObject
        if isinstance(obj, rhino3dm.Point3d):
            model.Objects.AddPoint(obj, attrs) if attrs else model.Objects.AddPoint(obj)
            expected.append('Point')
            continue
        if isinstance(obj, rhino3dm.Line):
            obj = rhino3dm.LineCurve(obj.From, obj.To)
        elif isinstance(obj, rhino3dm.Circle):
            obj = obj.ToNurbsCurve()
        elif isinstance(obj, rhino3dm.Polyline):
            obj = rhino3dm.PolylineCurve([obj[j] for j in range(obj.Count)])
        if not isinstance(obj, rhino3dm.GeometryBase):
            raise HarnessError('object %d (%s) is not Rhino geometry' % (i, type(obj).__name__))
        guid = model.Objects.Add(obj, attrs) if attrs else model.Objects.Add(obj)
        if guid is None or str(guid) == '00000000-0000-0000-0000-000000000000':
            raise HarnessError('object %d (%s) was refused by File3dm' % (i, type(obj).__name__))
        expected.append(_type_name(obj))
    if not model.Write(path, 7):
        raise HarnessError('could not write %s' % path)
    back = rhino3dm.File3dm.Read(path)
    if back is None:
        raise HarnessError('could not read back %s' % path)
    got = [_type_name(back.Objects[i].Geometry) for i in range(len(back.Objects))]
    if got != expected:
        raise HarnessError('3dm round trip: wrote %r, read %r' % (expected, got))
    return got


def _type_name(geometry):
    if isinstance(geometry, rhino3dm.Curve):
        return 'Curve'
    return type(geometry).__name__


# =========================================================================================
# metadata <-> code consistency
# =========================================================================================
FUTURE_LINE = 'from __future__ import absolute_import, division, print_function'
_ACCESS_NAMES = {0: 'item', 1: 'list', 2: 'tree'}


def parse_docstring_sections(doc):
    """``{'Args': [(name, text)], 'Returns': [(name, text)]}`` from a component docstring.

    Sections are lines ``Args:`` / ``Returns:``; an entry is a line ``name: text`` indented
    deeper than its section header; deeper lines continue the entry.
    """
    sections = {}
    current = None
    head_indent = None
    entry_indent = None
    for line in (doc or '').splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped in ('Args:', 'Returns:'):
            current = sections.setdefault(stripped[:-1], [])
            head_indent = indent
            entry_indent = None
            continue
        if current is None or not stripped:
            continue
        if indent <= head_indent:
            current = None
            continue
        if entry_indent is None:
            entry_indent = indent
        if indent == entry_indent:
            name, sep, text = stripped.partition(':')
            if not sep:
                raise HarnessError('docstring entry without "name:": %r' % stripped)
            current.append([name.strip(), text.strip()])
        elif current:
            current[-1][1] += ' ' + stripped
    return dict((k, [tuple(e) for e in v]) for k, v in sections.items())


def _access_hint_prefix(text):
    """``'(tree, float) Samples...'`` -> ``('tree', 'float')`` (None if no prefix)."""
    if not text.startswith('('):
        return None
    inner = text[1:text.index(')')] if ')' in text else ''
    parts = [p.strip() for p in inner.split(',')]
    return tuple(parts) if len(parts) == 2 else None


def check_bundle(path):
    """Every inconsistency between a bundle's code.py, metadata.json and icon.png.

    Returns a list of problem texts (empty when the bundle is fine). Checks: the bundle reads
    and its metadata validates (``bpcore.build.bundle.read_bundle``: files present, 24x24 PNG,
    schema, identifiers); isAdvancedMode is true; the first statement after the docstring is
    the ``__future__`` line; the docstring's ``Args:`` / ``Returns:`` name every input /
    output in metadata order, each input as ``name: (access, hint) text`` matching the
    metadata; exactly one ``executingcomponent`` subclass whose ``RunScript(self, ...)``
    arguments are the input nicknames in order; every parameter has a description.
    """
    import ast
    from bpcore.build.bundle import read_bundle
    from bpcore.errors import BPError as _BPError
    name = os.path.basename(os.path.normpath(path))
    try:
        bundle = read_bundle(path)
    except _BPError as e:
        return [str(e)]
    problems = []
    meta = bundle['metadata']
    gh = meta['ghpython']
    if not gh['isAdvancedMode']:
        problems.append('%s: ghpython.isAdvancedMode must be true (class + RunScript)' % name)
    ins = gh['inputParameters']
    outs = gh['outputParameters']
    in_names = [p['nickname'] for p in ins]
    out_names = [p['nickname'] for p in outs]
    for p in ins + outs:
        if not p['description'].strip():
            problems.append('%s: parameter %r has no description' % (name, p['nickname']))
    code = bundle['code']
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        return problems + ['%s: code.py does not parse: %s' % (name, e)]
    body = list(tree.body)
    doc = ast.get_docstring(tree)
    if doc is None:
        problems.append('%s: code.py has no module docstring' % name)
    else:
        body = body[1:]
    first = body[0] if body else None
    if not (isinstance(first, ast.ImportFrom) and first.module == '__future__'
            and sorted(a.name for a in first.names)
            == ['absolute_import', 'division', 'print_function']):
        problems.append('%s: the first statement must be %r' % (name, FUTURE_LINE))
    try:
        sections = parse_docstring_sections(doc)
    except HarnessError as e:
        sections = {}
        problems.append('%s: %s' % (name, e))
    args = sections.get('Args', [])
    rets = sections.get('Returns', [])
    if in_names and [a for a, _ in args] != in_names:
        problems.append('%s: docstring Args %r != metadata inputs %r'
                        % (name, [a for a, _ in args], in_names))
    if out_names and [r for r, _ in rets] != out_names:
        problems.append('%s: docstring Returns %r != metadata outputs %r'
                        % (name, [r for r, _ in rets], out_names))
    for (aname, text), p in zip(args, ins):
        want = (_ACCESS_NAMES[p['scriptParamAccess']], p['typeHintID'])
        got = _access_hint_prefix(text)
        if got != want:
            problems.append('%s: docstring Args entry %r must start with "(%s, %s)", got %r'
                            % (name, aname, want[0], want[1], text[:40]))
    classes = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = [getattr(b, 'id', getattr(b, 'attr', None)) for b in node.bases]
            if 'component' in bases or 'executingcomponent' in bases:
                classes.append(node)
    if len(classes) != 1:
        problems.append('%s: expected one class deriving from component, found %d'
                        % (name, len(classes)))
    else:
        runs = [n for n in classes[0].body
                if isinstance(n, ast.FunctionDef) and n.name == 'RunScript']
        if not runs:
            problems.append('%s: class %s has no RunScript' % (name, classes[0].name))
        else:
            a = runs[0].args
            names = [x.arg for x in a.args]
            if a.vararg or a.kwarg or a.kwonlyargs or not names or names[0] != 'self':
                problems.append('%s: RunScript must be def RunScript(self, %s)'
                                % (name, ', '.join(in_names)))
            elif names[1:] != in_names:
                problems.append('%s: RunScript arguments %r != metadata inputs %r'
                                % (name, names[1:], in_names))
    return problems


def bundle_paths(include_fixtures=True):
    """gh_components/* bundles (and the test fixtures) as paths."""
    from bpcore.build.bundle import discover_bundles
    out = [os.path.join(COMPONENTS_DIR, n) for n in discover_bundles(COMPONENTS_DIR)]
    if include_fixtures:
        out += [os.path.join(FIXTURES_DIR, n) for n in discover_bundles(FIXTURES_DIR)]
    return out
