"""Run the real ``gh_components/<Name>/code.py`` the way GhPython does, on CPython, outside Rhino.

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

import contextlib
import io
import json
import os
import sys
import types
import uuid

import rhino3dm

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
COMPONENTS_DIR = os.path.join(REPO, 'gh_components')
FIXTURES_DIR = os.path.join(HERE, 'fixtures')

if REPO not in sys.path:
    sys.path.insert(0, REPO)


# the ribbon tab of every component, and its panels (docs/components.md)
CATEGORY = 'Backprop'
SUBCATEGORIES = ('0 :: Data', '1 :: Network', '2 :: Train', '3 :: Visualize')


class HarnessError(AssertionError):
    """The component broke a Grasshopper rule the harness checks (or the test misused it)."""


# =========================================================================================
# Grasshopper fakes
# =========================================================================================
class GH_Path(object):
    """Grasshopper.Kernel.Data.GH_Path: an immutable tuple of ints shown as ``{0;1}``."""

    def __init__(self, *args):
        if len(args) == 1 and isinstance(args[0], GH_Path):
            idx = args[0].Indices
        elif len(args) == 1 and isinstance(args[0], (list, tuple)):
            idx = args[0]
        else:
            idx = args
        self._idx = tuple(int(i) for i in idx)

    @property
    def Indices(self):
        return list(self._idx)

    @property
    def Length(self):
        return len(self._idx)

    @property
    def Valid(self):
        return len(self._idx) > 0 and min(self._idx) >= 0

    def __getitem__(self, i):
        return self._idx[i]

    def __len__(self):
        return len(self._idx)

    def AppendElement(self, i):
        return GH_Path(self._idx + (int(i),))

    def CullElement(self):
        return GH_Path(self._idx[:-1])

    def CompareTo(self, other):
        a, b = self._key(), other._key()
        return (a > b) - (a < b)

    def _key(self):
        return self._idx

    def __eq__(self, other):
        return isinstance(other, GH_Path) and self._idx == other._idx

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._idx < other._idx

    def __hash__(self):
        return hash(self._idx)

    def __repr__(self):
        return '{%s}' % ';'.join(str(i) for i in self._idx)

    ToString = __repr__


def _as_path(path):
    if isinstance(path, GH_Path):
        return path
    if isinstance(path, int):
        return GH_Path(path)
    return GH_Path(path)


class DataTree(object):
    """Grasshopper.DataTree[T]: branches kept sorted by path, like Grasshopper's SortedList.

    ``DataTree[object]()`` works (the type argument is ignored).
    """

    def __class_getitem__(cls, item):
        return cls

    def __init__(self, other=None):
        self._branches = {}
        if other is not None:
            for p in other.Paths:
                self.AddRange(list(other.Branch(p)), p)

    # -- reading --
    @property
    def Paths(self):
        return sorted(self._branches)

    @property
    def BranchCount(self):
        return len(self._branches)

    @property
    def DataCount(self):
        return sum(len(b) for b in self._branches.values())

    @property
    def Branches(self):
        return [self._branches[p] for p in self.Paths]

    def Path(self, index):
        return self.Paths[index]

    def Branch(self, path, *more):
        if more:
            path = GH_Path((path,) + more)
        if isinstance(path, int) and not more:
            return self.Branches[path]
        return self._branches.get(_as_path(path))

    def PathExists(self, path):
        return _as_path(path) in self._branches

    def AllData(self):
        return [v for b in self.Branches for v in b]

    def ItemExists(self, path, index):
        b = self._branches.get(_as_path(path))
        return b is not None and 0 <= index < len(b)

    # -- writing --
    def EnsurePath(self, path, *more):
        if more:
            path = GH_Path((path,) + more)
        p = _as_path(path)
        if p not in self._branches:
            self._branches[p] = []
        return self._branches[p]

    def Add(self, item, path=None):
        if path is None:
            path = self.Paths[-1] if self._branches else GH_Path(0)
        self.EnsurePath(path).append(item)

    def AddRange(self, items, path=None):
        if path is None:
            path = self.Paths[-1] if self._branches else GH_Path(0)
        self.EnsurePath(path).extend(list(items))

    def Insert(self, item, path, index):
        branch = self.EnsurePath(path)
        while len(branch) <= index:
            branch.append(None)
        branch[index] = item

    def Clear(self):
        self._branches = {}

    def __repr__(self):
        return 'DataTree(%s)' % ', '.join('%r: %d' % (p, len(self._branches[p]))
                                          for p in self.Paths)

    def ToString(self):
        return 'Tree (Paths=%d, Items=%d)' % (self.BranchCount, self.DataCount)

    def to_branches(self):
        """Harness helper: ``[(path tuple, items), ...]``."""
        return [(tuple(p.Indices), list(self._branches[p])) for p in self.Paths]


class _Level(object):
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name

    ToString = __repr__


class GH_RuntimeMessageLevel(object):
    Blank = _Level('Blank')
    Remark = _Level('Remark')
    Warning = _Level('Warning')
    Error = _Level('Error')


class GH_SettingsServer(object):
    """Grasshopper.Kernel.GH_SettingsServer as ``GH_Document.ValueTable``: named text values
    that Grasshopper saves in the .gh file (chunk Definition/ValueTable)."""

    def __init__(self, values=None):
        self._values = dict(values or {})

    def SetValue(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise HarnessError('ValueTable.SetValue(key, value) takes two strings, got %r, %r'
                               % (type(key).__name__, type(value).__name__))
        self._values[key] = value

    def GetValue(self, key, default):
        return self._values.get(key, default)

    def ConstainsEntry(self, key):          # sic: Grasshopper's spelling
        return key in self._values

    def DeleteValue(self, key):
        self._values.pop(key, None)

    @property
    def EntryNames(self):
        return sorted(self._values)

    @property
    def Count(self):
        return len(self._values)

    def to_dict(self):
        """Harness helper: the stored values."""
        return dict(self._values)


class GH_Document(object):
    """The fake document: records ScheduleSolution calls, holds a ValueTable and the objects
    added with AddObject (e.g. Value Lists)."""

    @staticmethod
    def GH_ScheduleDelegate(fn):
        if not callable(fn):
            raise HarnessError('GH_ScheduleDelegate needs a callable')
        return fn

    def __init__(self):
        self.schedules = []      # (delay_ms, callback) not yet run
        self.ValueTable = GH_SettingsServer()
        self.IsModified = False
        self.objects = []        # objects added with AddObject
        self.ran = []            # (delay_ms, callback) already run

    def ScheduleSolution(self, delay, callback=None):
        if not isinstance(delay, int) or delay < 0:
            raise HarnessError('ScheduleSolution delay must be an int >= 0, got %r' % (delay,))
        if callback is not None and not callable(callback):
            raise HarnessError('ScheduleSolution callback must be callable')
        self.schedules.append((delay, callback))

    def AddObject(self, obj, update, index=-1):
        if obj in self.objects:
            raise HarnessError('AddObject: the object is already in the document')
        if getattr(obj, 'Attributes', None) is None:
            raise HarnessError('AddObject: call CreateAttributes() first')
        self.objects.append(obj)
        return True

    def run_schedules(self):
        todo, self.schedules = self.schedules, []
        for delay, cb in todo:
            if cb is not None:
                cb(self)
            self.ran.append((delay, cb))
        return len(todo)


class _Guid(object):
    def __init__(self, value=None):
        self._u = uuid.UUID(str(value)) if value else uuid.uuid4()

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def __repr__(self):
        return str(self._u)

    ToString = __repr__

    @staticmethod
    def NewGuid():
        return _Guid()

    @staticmethod
    def Parse(text):
        return _Guid(text)


class RectangleF(object):
    def __init__(self, x, y, w, h):
        self.X, self.Y, self.Width, self.Height = float(x), float(y), float(w), float(h)

    @property
    def Left(self):
        return self.X

    @property
    def Top(self):
        return self.Y


class PointF(object):
    """System.Drawing.PointF."""

    def __init__(self, x, y):
        if not isinstance(x, float) or not isinstance(y, float):
            raise HarnessError('PointF(x, y) takes two floats (System.Single), got %r, %r'
                               % (x, y))
        self.X, self.Y = x, y


class _Attributes(object):
    def __init__(self, bounds=None):
        self.Bounds = bounds or RectangleF(0, 0, 100, 20)
        self.Pivot = PointF(0.0, 0.0)


class FakeParam(object):
    def __init__(self, spec, is_input, index=0):
        self.Name = spec['name']
        self.NickName = spec.get('nickname') or spec['name']
        self.Description = spec.get('description', '')
        self.Access = spec.get('scriptParamAccess', 'item') if is_input else 'list'
        self.TypeHint = spec.get('typeHintID', 'ghdoc') if is_input else None
        self.Attributes = _Attributes(RectangleF(0 if is_input else 150, 20 * index, 40, 20))
        self.Sources = []        # objects wired in (AddSource)
        self.wired = False       # the test gave this input a value (a wire from somewhere)

    @property
    def SourceCount(self):
        return len(self.Sources) + (1 if self.wired else 0)

    def AddSource(self, source):
        self.Sources.append(source)


class GH_ValueListItem(object):
    """Grasshopper.Kernel.Special.GH_ValueListItem(name, expression)."""

    def __init__(self, name, expression):
        if not isinstance(name, str) or not isinstance(expression, str):
            raise HarnessError('GH_ValueListItem(name, expression) takes two strings')
        self.Name = name
        self.Expression = expression

    @property
    def Value(self):
        """The value the expression gives: a quoted text is that text."""
        e = self.Expression.strip()
        if len(e) >= 2 and e[0] == e[-1] == '"':
            return e[1:-1]
        return float(e)


class _ItemList(list):
    """A .NET List<T>: Add, Clear, Count."""

    def Add(self, item):
        self.append(item)

    def Clear(self):
        del self[:]

    @property
    def Count(self):
        return len(self)


class GH_ValueList(object):
    """Grasshopper.Kernel.Special.GH_ValueList (starts with Grasshopper's four items)."""

    def __init__(self):
        self.NickName = 'List'
        self.Description = ''
        self.Attributes = None
        self.ListItems = _ItemList(GH_ValueListItem(n, str(i + 1)) for i, n in
                                   enumerate(('One', 'Two', 'Three', 'Four')))

    def CreateAttributes(self):
        self.Attributes = _Attributes(RectangleF(0, 0, 100, 22))

    @property
    def FirstSelectedItem(self):
        return self.ListItems[0] if self.ListItems else None


class _Params(object):
    def __init__(self, meta):
        gh = meta.get('ghpython', {})
        self.Input = [FakeParam(p, True, i) for i, p in enumerate(gh.get('inputParameters', []))]
        self.Output = [FakeParam(p, False, i)
                       for i, p in enumerate(gh.get('outputParameters', []))]


class FakeComponent(object):
    """``ghenv.Component``: records runtime messages, Message, expiry, the document."""

    def __init__(self, meta, document=None, instance_guid=None):
        self.Name = meta.get('name', '')
        self.NickName = meta.get('nickname', '')
        self.Description = meta.get('description', '')
        self.Category = meta.get('category', '')
        self.SubCategory = meta.get('subcategory', '')
        self.Message = None
        self.InstanceGuid = _Guid(instance_guid) if instance_guid else _Guid()
        self.Params = _Params(meta)
        self.document = document if document is not None else GH_Document()
        self.messages = []
        self.expire_calls = []

    def AddRuntimeMessage(self, level, text):
        if not isinstance(level, _Level):
            raise HarnessError('AddRuntimeMessage needs a GH_RuntimeMessageLevel, got %r'
                               % (level,))
        if not isinstance(text, str):
            raise HarnessError('AddRuntimeMessage text must be a str, got %r' % (text,))
        self.messages.append((level.name, text))

    def ClearRuntimeMessages(self):
        self.messages = []

    def RuntimeMessages(self, level):
        return [t for l, t in self.messages if l == level.name]

    @property
    def RuntimeMessageLevel(self):
        for name in ('Error', 'Warning', 'Remark'):
            if any(l == name for l, _ in self.messages):
                return getattr(GH_RuntimeMessageLevel, name)
        return GH_RuntimeMessageLevel.Blank

    def OnPingDocument(self):
        return self.document

    def ExpireSolution(self, recompute):
        self.expire_calls.append(bool(recompute))


class FakeGhEnv(object):
    def __init__(self, meta, document=None, instance_guid=None):
        self.Component = FakeComponent(meta, document, instance_guid)
        self.LocalScope = None


# -- ghpythonlib --------------------------------------------------------------------------
class executingcomponent(object):
    """ghpythonlib.componentbase.executingcomponent (GhPython's advanced-mode base class)."""

    def RunScript(self, *args):
        raise NotImplementedError


def list_to_tree(input, none_and_holes=False, source=[0]):
    """ghpythonlib.treehelpers.list_to_tree: nested lists -> DataTree.

    Items of a list go to the branch of its path; sub-lists to ``path + (i,)``. Strings are
    items (IronPython's str, like CPython 2's, has no ``__iter__``).
    """
    def proc(items, tree, track):
        path = GH_Path(list(track))
        if len(items) == 0 and none_and_holes:
            tree.EnsurePath(path)
            return
        for i, item in enumerate(items):
            if hasattr(item, '__iter__') and not isinstance(item, (str, bytes)):
                track.append(i)
                proc(item, tree, track)
                track.pop()
            elif none_and_holes:
                tree.Insert(item, path, i)
            elif item is not None:
                tree.Add(item, path)
    if input is not None:
        t = DataTree()
        proc(input, t, list(source))
        return t


def tree_to_list(input, retrieve_base=lambda x: x[0]):
    """ghpythonlib.treehelpers.tree_to_list: DataTree -> nested lists indexed by path."""
    def extend_at(path, index, simple_input, rest_list):
        target = path[index]
        if len(rest_list) <= target:
            rest_list.extend([None] * (target - len(rest_list) + 1))
        if index == path.Length - 1:
            rest_list[target] = list(simple_input)
        else:
            if rest_list[target] is None:
                rest_list[target] = []
            extend_at(path, index + 1, simple_input, rest_list[target])
    all_ = []
    for i in range(input.BranchCount):
        path = input.Path(i)
        extend_at(path, 0, input.Branch(path), all_)
    return retrieve_base(all_)


# -- System -------------------------------------------------------------------------------
class Color(object):
    """System.Drawing.Color (only FromArgb and the channels)."""

    def __init__(self, a, r, g, b):
        for v in (a, r, g, b):
            if not (isinstance(v, int) and 0 <= v <= 255):
                raise HarnessError('Color.FromArgb channels must be ints 0..255, got %r'
                                   % ((a, r, g, b),))
        self.A, self.R, self.G, self.B = a, r, g, b

    @staticmethod
    def FromArgb(*args):
        if len(args) == 3:
            return Color(255, *args)
        if len(args) == 4:
            return Color(*args)
        raise HarnessError('Color.FromArgb takes (r, g, b) or (a, r, g, b)')

    def __eq__(self, other):
        return isinstance(other, Color) and self.rgba == other.rgba

    def __hash__(self):
        return hash(self.rgba)

    @property
    def rgba(self):
        return (self.R, self.G, self.B, self.A)

    @property
    def rgb(self):
        return (self.R, self.G, self.B)

    def __repr__(self):
        return 'Color [A=%d, R=%d, G=%d, B=%d]' % (self.A, self.R, self.G, self.B)

    ToString = __repr__


class _Array(object):
    """System.Array: ``Array[int](seq)`` -> list."""

    def __getitem__(self, t):
        return lambda seq=(): list(seq)


# -- Rhino.Geometry -----------------------------------------------------------------------
class Rectangle3d(object):
    """Shim (rhino3dm has no Rectangle3d): Rectangle3d(plane, width, height) or
    (plane, Interval x, Interval y); corners and a closed PolylineCurve."""

    def __init__(self, plane, a, b):
        self.Plane = plane
        if isinstance(a, rhino3dm.Interval):
            self.X, self.Y = a, b
        else:
            self.X, self.Y = rhino3dm.Interval(0, float(a)), rhino3dm.Interval(0, float(b))

    @property
    def Width(self):
        return abs(self.X.T1 - self.X.T0)

    @property
    def Height(self):
        return abs(self.Y.T1 - self.Y.T0)

    def Corner(self, i):
        u = [self.X.T0, self.X.T1, self.X.T1, self.X.T0][i]
        v = [self.Y.T0, self.Y.T0, self.Y.T1, self.Y.T1][i]
        return self.Plane.PointAt(u, v)

    def ToPolyline(self):
        pts = [self.Corner(i) for i in range(4)] + [self.Corner(0)]
        return rhino3dm.Polyline(pts)

    def ToNurbsCurve(self):
        return rhino3dm.PolylineCurve([self.Corner(i) for i in (0, 1, 2, 3, 0)])


def _geometry_module():
    m = types.ModuleType('Rhino.Geometry')
    for name in dir(rhino3dm):
        if not name.startswith('_'):
            setattr(m, name, getattr(rhino3dm, name))
    m.Rectangle3d = Rectangle3d
    return m


# -- assembling the modules ---------------------------------------------------------------
def _module(name, **attrs):
    m = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(m, k, v)
    return m


class _ScriptContext(object):
    sticky = {}


def reset_sticky():
    """Empty ``scriptcontext.sticky`` (it lives for the whole session, as in Rhino)."""
    _ScriptContext.sticky.clear()


def build_fake_modules():
    """A dict of module name -> fake module."""
    gh_data = _module('Grasshopper.Kernel.Data', GH_Path=GH_Path)
    gh_kernel = _module('Grasshopper.Kernel', GH_RuntimeMessageLevel=GH_RuntimeMessageLevel,
                        GH_Document=GH_Document, Data=gh_data)
    special = _module('Grasshopper.Kernel.Special', GH_ValueList=GH_ValueList,
                      GH_ValueListItem=GH_ValueListItem)
    gh_kernel.Special = special
    gh_kernel.GH_SettingsServer = GH_SettingsServer
    gh = _module('Grasshopper', DataTree=DataTree, Kernel=gh_kernel)
    cb = _module('ghpythonlib.componentbase', executingcomponent=executingcomponent)
    th = _module('ghpythonlib.treehelpers', list_to_tree=list_to_tree,
                 tree_to_list=tree_to_list)
    ghpl = _module('ghpythonlib', componentbase=cb, treehelpers=th)
    sc = _module('scriptcontext', sticky=_ScriptContext.sticky,
                 doc=_module('ghdoc', ModelAbsoluteTolerance=0.001, ModelUnitSystem='None'))
    geo = _geometry_module()
    rhino = _module('Rhino', Geometry=geo)
    drawing = _module('System.Drawing', Color=Color, PointF=PointF, RectangleF=RectangleF)
    system = _module('System', Drawing=drawing, Array=_Array(), Guid=_Guid, Object=object,
                     Double=float, Int32=int, String=str, Boolean=bool)
    return {
        'Grasshopper': gh, 'Grasshopper.Kernel': gh_kernel, 'Grasshopper.Kernel.Data': gh_data,
        'Grasshopper.Kernel.Special': special,
        'ghpythonlib': ghpl, 'ghpythonlib.componentbase': cb, 'ghpythonlib.treehelpers': th,
        'scriptcontext': sc, 'Rhino': rhino, 'Rhino.Geometry': geo,
        'System': system, 'System.Drawing': drawing,
    }


_FAKES = None


@contextlib.contextmanager
def fake_modules():
    """Install the fakes in ``sys.modules`` for the duration of the block, then restore."""
    global _FAKES
    if _FAKES is None:
        _FAKES = build_fake_modules()
    saved = {}
    for name, mod in _FAKES.items():
        saved[name] = sys.modules.get(name)
        sys.modules[name] = mod
    try:
        yield _FAKES
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old


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


def param_names(meta, key):
    return [p.get('nickname') or p['name'] for p in meta.get('ghpython', {}).get(key, [])]


_CONVERT = {'float': float, 'int': int, 'str': str, 'bool': bool}


_GEOMETRY = (rhino3dm.GeometryBase, rhino3dm.Point3d, rhino3dm.Point3f, rhino3dm.Vector3d,
             rhino3dm.Plane, rhino3dm.Line, rhino3dm.Circle)


def _convert_item(value, hint, pname):
    if hint == 'ghdoc' and isinstance(value, _GEOMETRY):
        # GhPython's default hint adds geometry to its ghdoc and passes the object's Guid:
        # an input that must see points or meshes needs the hint "none" (or "point", ...)
        return _Guid()
    if value is None or hint not in _CONVERT:
        return value
    if isinstance(value, (list, tuple, dict)) or isinstance(value, DataTree):
        raise HarnessError('input %r: a %s cannot be converted to %s'
                           % (pname, type(value).__name__, hint))
    kind = _CONVERT[hint]
    try:
        if kind is int:
            f = float(value)
            if f != int(f):
                raise ValueError
            return int(f)
        if kind is bool and isinstance(value, str):
            low = value.strip().lower()
            if low not in ('true', 'false'):
                raise ValueError
            return low == 'true'
        return kind(value)
    except (TypeError, ValueError):
        raise HarnessError('input %r: data conversion failed from %s to %s (%r)'
                           % (pname, type(value).__name__, hint, value))


def _to_tree(value, hint, pname):
    if isinstance(value, DataTree):
        return value
    t = DataTree()
    if value is None:
        return t
    if not isinstance(value, (list, tuple)):
        t.Add(_convert_item(value, hint, pname), GH_Path(0))
        return t
    value = list(value)
    if value and all(isinstance(v, (list, tuple)) for v in value):
        for i, row in enumerate(value):
            p = t.EnsurePath(GH_Path(i))
            p.extend(_convert_item(v, hint, pname) for v in row)
        return t
    if any(isinstance(v, (list, tuple)) for v in value):
        raise HarnessError('input %r: a list mixing lists and items; pass a DataTree' % pname)
    t.EnsurePath(GH_Path(0)).extend(_convert_item(v, hint, pname) for v in value)
    return t


def convert_input(spec, value):
    """A test's value -> what GhPython passes for this parameter's access and type hint."""
    pname = spec.get('nickname') or spec['name']
    access = spec.get('scriptParamAccess', 'item')
    access = {0: 'item', 1: 'list', 2: 'tree'}.get(access, access)
    hint = spec.get('typeHintID', 'ghdoc')
    if access == 'tree':
        return _to_tree(value, hint, pname)
    if access == 'list':
        if value is None:
            return []
        if isinstance(value, DataTree):
            if value.BranchCount > 1:
                raise HarnessError('list input %r got a tree of %d branches: Grasshopper would '
                                   'run one solution per branch' % (pname, value.BranchCount))
            value = value.AllData()
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [_convert_item(v, hint, pname) for v in value]
    if access != 'item':
        raise HarnessError('input %r: unknown access %r' % (pname, access))
    if isinstance(value, (list, tuple, DataTree)):
        raise HarnessError('item input %r got a %s: Grasshopper would run one solution per '
                           'item; call run() once per item' % (pname, type(value).__name__))
    return _convert_item(value, hint, pname)


def check_output(name, value):
    """Refuse outputs Grasshopper would mangle."""
    if isinstance(value, (dict, set)):
        raise HarnessError('output %r is a %s: GhPython iterates it (a dict gives its keys); '
                           'wrap it in bpcore.rhino.component.Holder'
                           % (name, type(value).__name__))
    if isinstance(value, rhino3dm.Polyline):
        raise HarnessError('output %r is a Polyline: GhPython iterates it into points; '
                           'output a PolylineCurve' % name)
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            if isinstance(v, (list, tuple, dict, set)):
                raise HarnessError('output %r item %d is a %s: Grasshopper shows it as '
                                   '"IronPython.Runtime.List"; output a DataTree '
                                   '(bpcore.rhino.trees.rows_to_tree) or a Holder'
                                   % (name, i, type(v).__name__))
            if isinstance(v, rhino3dm.Polyline):
                raise HarnessError('output %r item %d is a Polyline; output a PolylineCurve'
                                   % (name, i))


class Result(object):
    """One solution: outputs by name, runtime messages, Message, printed text."""

    def __init__(self, names, values, messages, message, out):
        self.names = list(names)
        self.outputs = dict(zip(names, values))
        self.messages = list(messages)
        self.message = message
        self.out = out

    def __getitem__(self, name):
        if name not in self.outputs:
            raise KeyError('no output %r; outputs are %s' % (name, ', '.join(self.names)))
        return self.outputs[name]

    def level(self, name):
        return [t for l, t in self.messages if l == name]

    @property
    def errors(self):
        return self.level('Error')

    @property
    def warnings(self):
        return self.level('Warning')

    @property
    def remarks(self):
        return self.level('Remark')

    @property
    def ok(self):
        return not self.errors

    def rows(self, name):
        """A DataTree output as a list of branch lists (a list output as one row)."""
        v = self[name]
        if isinstance(v, DataTree):
            return [items for _, items in v.to_branches()]
        if v is None:
            return []
        if isinstance(v, (list, tuple)):
            return [list(v)]
        return [[v]]

    def branches(self, name):
        """A DataTree output as ``[(path tuple, items), ...]``."""
        v = self[name]
        if not isinstance(v, DataTree):
            raise HarnessError('output %r is not a DataTree (%s)' % (name, type(v).__name__))
        return v.to_branches()

    def __repr__(self):
        return 'Result(%s, messages=%r, message=%r)' % (
            ', '.join('%s=%r' % (n, self.outputs[n]) for n in self.names), self.messages,
            self.message)


class LoadedComponent(object):
    """One component instance on a fake canvas: code loaded once, solved many times."""

    def __init__(self, name, document=None, instance_guid=None):
        self.path = bundle_dir(name)
        self.name = os.path.basename(self.path)
        self.meta = read_metadata(self.path)
        gh = self.meta.get('ghpython', {})
        self.input_specs = gh.get('inputParameters', [])
        self.output_specs = gh.get('outputParameters', [])
        self.inputs = param_names(self.meta, 'inputParameters')
        self.outputs = param_names(self.meta, 'outputParameters')
        self.ghenv = FakeGhEnv(self.meta, document, instance_guid)
        with open(os.path.join(self.path, 'code.py')) as f:
            self.source = render_code(f.read(), self.meta, self.name)
        self.namespace = {'__name__': '__main__', 'ghenv': self.ghenv,
                          '__file__': os.path.join(self.path, 'code.py')}
        with fake_modules():
            code = compile(self.source, self.namespace['__file__'], 'exec')
            exec(code, self.namespace)
        classes = [v for v in self.namespace.values()
                   if isinstance(v, type) and issubclass(v, executingcomponent)
                   and v is not executingcomponent]
        if len(classes) != 1:
            raise HarnessError('%s: expected one executingcomponent subclass, found %d'
                               % (self.name, len(classes)))
        self.cls = classes[0]
        self.instance = self.cls()
        self.last_inputs = None
        self.solutions = 0

    @property
    def component(self):
        return self.ghenv.Component

    @property
    def pending_schedules(self):
        """``[(delay_ms, callback), ...]`` scheduled and not yet run."""
        return list(self.component.document.schedules)

    def run(self, **inputs):
        """One solution with inputs by NickName (missing ones unconnected)."""
        unknown = sorted(set(inputs) - set(self.inputs))
        if unknown:
            raise HarnessError('%s has no input(s) %s; inputs are %s'
                               % (self.name, ', '.join(unknown), ', '.join(self.inputs)))
        self.last_inputs = dict(inputs)
        for param in self.component.Params.Input:
            param.wired = inputs.get(param.NickName) is not None
        args = [convert_input(spec, inputs.get(name))
                for spec, name in zip(self.input_specs, self.inputs)]
        comp = self.component
        comp.ClearRuntimeMessages()
        buf = io.StringIO()
        with fake_modules():
            old_out = sys.stdout
            sys.stdout = buf
            try:
                ret = self.instance.RunScript(*args)
            finally:
                sys.stdout = old_out
        self.solutions += 1
        n = len(self.outputs)
        if n == 0:
            values = []
        elif n == 1:
            values = [ret]
        else:
            if ret is None:
                values = [None] * n
            elif not isinstance(ret, (tuple, list)) or len(ret) != n:
                raise HarnessError('%s: RunScript must return a tuple of %d outputs (%s), got %r'
                                   % (self.name, n, ', '.join(self.outputs), ret))
            else:
                values = list(ret)
        for name, v in zip(self.outputs, values):
            check_output(name, v)
        return Result(self.outputs, values, comp.messages, comp.Message, buf.getvalue())

    def tick(self):
        """Run the scheduled callbacks; if one expired the component, solve it again with the
        last inputs and return that Result (else None)."""
        comp = self.component
        before = len(comp.expire_calls)
        with fake_modules():
            comp.document.run_schedules()
        if len(comp.expire_calls) > before:
            return self.run(**(self.last_inputs or {}))
        return None


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
