"""Run GhPython components outside Rhino: fake Grasshopper, GhPython and Rhino modules.

The part of the component test harness that the headless definition runner shares
(``python -m bpcore run-definition``, :mod:`bpcore.build.rundef`): ``tests/gh/harness.py``
imports it and adds what only tests need (bundles, .3dm round trips, metadata checks).

Fake modules stand in for Grasshopper, GhPython and Rhino while a component loads and runs
(:func:`fake_modules`; ``sys.modules`` is restored afterwards):

* ``Grasshopper``: ``DataTree[object]``, ``Kernel.Data.GH_Path``,
  ``Kernel.GH_RuntimeMessageLevel``, ``Kernel.GH_Document.GH_ScheduleDelegate``
* ``ghpythonlib``: ``componentbase.executingcomponent``, ``treehelpers.list_to_tree`` /
  ``tree_to_list`` (the same path semantics as Rhino's)
* ``scriptcontext``: ``sticky`` (one dict per process, see :func:`reset_sticky`), ``doc``
* ``Rhino.Geometry``: rhino3dm's classes (Point3d, Vector3d, Plane, Circle, Line, Polyline,
  PolylineCurve, Mesh, TextDot, Interval, ...) plus a ``Rectangle3d`` shim; only when the
  optional package rhino3dm is installed (``pip install rhino3dm``), else it is missing and a
  component that draws fails with an ImportError naming it
* ``System``: ``Drawing.Color.FromArgb``, ``Array[int](seq)``, ``Guid``

and ``ghenv`` is a global of the component's namespace, as in GhPython.

:class:`ScriptComponent` is one component instance: its code (advanced mode, a class with
``RunScript``, or a plain script whose inputs and outputs are globals), its parameters as
metadata dicts (``nickname``, ``scriptParamAccess``, ``typeHintID``), solved with
:meth:`ScriptComponent.run` and re-solved on its scheduled solutions with
:meth:`ScriptComponent.tick`. Inputs follow Grasshopper's access rules: an unconnected item
input is None, list input ``[]``, tree input an empty DataTree; a tree input given a list of
lists gets one branch ``{i}`` per sub-list, a flat list one branch ``{0}``. Type hints
float, int, bool and str convert items like Grasshopper (a failed conversion raises
:class:`HeadlessError`). Outputs Grasshopper would mangle (a dict, a list holding lists, a
Polyline) raise HeadlessError; an exception escaping the script propagates.

Build tool (CPython 3; never copied into Rhino).
"""
from __future__ import absolute_import, division, print_function

import contextlib
import io
import sys
import types
import uuid

from bpcore.errors import BPError

__all__ = ['HeadlessError', 'GH_Path', 'DataTree', 'GH_RuntimeMessageLevel', 'GH_Document',
           'FakeParam', 'FakeComponent', 'FakeGhEnv', 'executingcomponent', 'list_to_tree',
           'tree_to_list', 'Color', 'Rectangle3d', 'reset_sticky', 'build_fake_modules',
           'fake_modules', 'param_names', 'convert_input', 'check_output', 'Result',
           'ScriptComponent', 'rhino3dm_module']


class HeadlessError(BPError):
    """A component broke a Grasshopper rule the fakes check (or was given bad inputs)."""


def rhino3dm_module():
    """The optional rhino3dm package, or None when it is not installed."""
    try:
        import rhino3dm
    except ImportError:
        return None
    return rhino3dm


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
            raise HeadlessError('ValueTable.SetValue(key, value) takes two strings, got %r, %r'
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
        """The stored values (what a .gh file would keep)."""
        return dict(self._values)


class GH_Document(object):
    """The fake document: records ScheduleSolution calls, holds a ValueTable and the objects
    added with AddObject (e.g. Value Lists)."""

    @staticmethod
    def GH_ScheduleDelegate(fn):
        if not callable(fn):
            raise HeadlessError('GH_ScheduleDelegate needs a callable')
        return fn

    def __init__(self):
        self.schedules = []      # (delay_ms, callback) not yet run
        self.ran = []            # (delay_ms, callback) already run
        self.ValueTable = GH_SettingsServer()
        self.IsModified = False
        self.objects = []        # objects added with AddObject

    def AddObject(self, obj, update, index=-1):
        if obj in self.objects:
            raise HeadlessError('AddObject: the object is already in the document')
        if getattr(obj, 'Attributes', None) is None:
            raise HeadlessError('AddObject: call CreateAttributes() first')
        self.objects.append(obj)
        return True

    def ScheduleSolution(self, delay, callback=None):
        if not isinstance(delay, int) or delay < 0:
            raise HeadlessError('ScheduleSolution delay must be an int >= 0, got %r' % (delay,))
        if callback is not None and not callable(callback):
            raise HeadlessError('ScheduleSolution callback must be callable')
        self.schedules.append((delay, callback))

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
    """System.Drawing.RectangleF (X, Y, Width, Height, Left, Top)."""

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
            raise HeadlessError('PointF(x, y) takes two floats (System.Single), got %r, %r'
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
        self.Sources = []        # the objects wired in (the runner sets them; e.g. sliders)
        self.wired = False       # the input was given a value (a wire from somewhere)

    @property
    def SourceCount(self):
        return len(self.Sources) + (1 if self.wired and not self.Sources else 0)

    def AddSource(self, source):
        self.Sources.append(source)


class _ItemList(list):
    """A .NET List<T>: Add, Clear, Count."""

    def Add(self, item):
        self.append(item)

    def Clear(self):
        del self[:]

    @property
    def Count(self):
        return len(self)


class GH_ValueListItem(object):
    """Grasshopper.Kernel.Special.GH_ValueListItem(name, expression)."""

    def __init__(self, name, expression):
        if not isinstance(name, str) or not isinstance(expression, str):
            raise HeadlessError('GH_ValueListItem(name, expression) takes two strings')
        self.Name = name
        self.Expression = expression

    @property
    def Value(self):
        """The value the expression gives: a quoted text is that text."""
        e = self.Expression.strip()
        if len(e) >= 2 and e[0] == e[-1] == '"':
            return e[1:-1]
        return float(e)


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
            raise HeadlessError('AddRuntimeMessage needs a GH_RuntimeMessageLevel, got %r'
                               % (level,))
        if not isinstance(text, str):
            raise HeadlessError('AddRuntimeMessage text must be a str, got %r' % (text,))
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
                raise HeadlessError('Color.FromArgb channels must be ints 0..255, got %r'
                                   % ((a, r, g, b),))
        self.A, self.R, self.G, self.B = a, r, g, b

    @staticmethod
    def FromArgb(*args):
        if len(args) == 3:
            return Color(255, *args)
        if len(args) == 4:
            return Color(*args)
        raise HeadlessError('Color.FromArgb takes (r, g, b) or (a, r, g, b)')

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
        import rhino3dm
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
        import rhino3dm
        pts = [self.Corner(i) for i in range(4)] + [self.Corner(0)]
        return rhino3dm.Polyline(pts)

    def ToNurbsCurve(self):
        import rhino3dm
        return rhino3dm.PolylineCurve([self.Corner(i) for i in (0, 1, 2, 3, 0)])


def _geometry_module():
    rhino3dm = rhino3dm_module()
    if rhino3dm is None:
        return None
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
    rhino = _module('Rhino', Geometry=geo) if geo is not None else None
    drawing = _module('System.Drawing', Color=Color, PointF=PointF, RectangleF=RectangleF)
    system = _module('System', Drawing=drawing, Array=_Array(), Guid=_Guid, Object=object,
                     Double=float, Int32=int, String=str, Boolean=bool)
    fakes = {
        'Grasshopper': gh, 'Grasshopper.Kernel': gh_kernel, 'Grasshopper.Kernel.Data': gh_data,
        'Grasshopper.Kernel.Special': special,
        'ghpythonlib': ghpl, 'ghpythonlib.componentbase': cb, 'ghpythonlib.treehelpers': th,
        'scriptcontext': sc, 'System': system, 'System.Drawing': drawing,
    }
    if geo is not None:          # without rhino3dm, `import Rhino` fails as outside Rhino
        fakes['Rhino'] = rhino
        fakes['Rhino.Geometry'] = geo
    return fakes


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
# inputs, outputs, one component instance
# =========================================================================================
def param_names(meta, key):
    return [p.get('nickname') or p['name'] for p in meta.get('ghpython', {}).get(key, [])]


_CONVERT = {'float': float, 'int': int, 'str': str, 'bool': bool}


def _is_geometry(value):
    rhino3dm = rhino3dm_module()
    if rhino3dm is None:
        return False
    return isinstance(value, (rhino3dm.GeometryBase, rhino3dm.Point3d, rhino3dm.Point3f,
                              rhino3dm.Vector3d, rhino3dm.Plane, rhino3dm.Line,
                              rhino3dm.Circle))


def _convert_item(value, hint, pname):
    if hint == 'ghdoc' and _is_geometry(value):
        # GhPython's default hint adds geometry to its ghdoc and passes the object's Guid:
        # an input that must see points or meshes needs the hint "none" (or "point", ...)
        return _Guid()
    if value is None or hint not in _CONVERT:
        return value
    if isinstance(value, (list, tuple, dict)) or isinstance(value, DataTree):
        raise HeadlessError('input %r: a %s cannot be converted to %s'
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
        raise HeadlessError('input %r: data conversion failed from %s to %s (%r)'
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
        raise HeadlessError('input %r: a list mixing lists and items; pass a DataTree' % pname)
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
                raise HeadlessError('list input %r got a tree of %d branches: Grasshopper would '
                                   'run one solution per branch' % (pname, value.BranchCount))
            value = value.AllData()
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [_convert_item(v, hint, pname) for v in value]
    if access != 'item':
        raise HeadlessError('input %r: unknown access %r' % (pname, access))
    if isinstance(value, (list, tuple, DataTree)):
        raise HeadlessError('item input %r got a %s: Grasshopper would run one solution per '
                           'item; call run() once per item' % (pname, type(value).__name__))
    return _convert_item(value, hint, pname)


def check_output(name, value):
    """Refuse outputs Grasshopper would mangle."""
    rhino3dm = rhino3dm_module()
    polyline = rhino3dm.Polyline if rhino3dm is not None else ()
    if isinstance(value, (dict, set)):
        raise HeadlessError('output %r is a %s: GhPython iterates it (a dict gives its keys); '
                            'wrap it in bpcore.rhino.component.Holder'
                            % (name, type(value).__name__))
    if polyline and isinstance(value, polyline):
        raise HeadlessError('output %r is a Polyline: GhPython iterates it into points; '
                            'output a PolylineCurve' % name)
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            if isinstance(v, (list, tuple, dict, set)):
                raise HeadlessError('output %r item %d is a %s: Grasshopper shows it as '
                                    '"IronPython.Runtime.List"; output a DataTree '
                                    '(bpcore.rhino.trees.rows_to_tree) or a Holder'
                                    % (name, i, type(v).__name__))
            if polyline and isinstance(v, polyline):
                raise HeadlessError('output %r item %d is a Polyline; output a PolylineCurve'
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
            raise HeadlessError('output %r is not a DataTree (%s)' % (name, type(v).__name__))
        return v.to_branches()

    def __repr__(self):
        return 'Result(%s, messages=%r, message=%r)' % (
            ', '.join('%s=%r' % (n, self.outputs[n]) for n in self.names), self.messages,
            self.message)



class ScriptComponent(object):
    """One GhPython component instance on a fake canvas: code loaded once, solved many times.

    Parameters
    ----------
    code : str
        The script. Advanced mode (``advanced=True``): one ``executingcomponent`` subclass
        whose ``RunScript`` takes the inputs in order and returns the outputs. Otherwise a
        plain script run with the inputs as globals; the outputs are read back by nickname.
    meta : dict
        ``name``, ``nickname``... and ``ghpython``: ``inputParameters`` / ``outputParameters``
        (``name``, ``nickname``, ``scriptParamAccess`` item/list/tree, ``typeHintID``).
    filename : str
        Shown in tracebacks.
    """

    def __init__(self, code, meta, filename='<component>', advanced=True, document=None,
                 instance_guid=None):
        self.name = meta.get('name', '') or filename
        self.meta = meta
        gh = meta.get('ghpython', {})
        self.input_specs = gh.get('inputParameters', [])
        self.output_specs = gh.get('outputParameters', [])
        self.inputs = param_names(meta, 'inputParameters')
        self.outputs = param_names(meta, 'outputParameters')
        self.ghenv = FakeGhEnv(meta, document, instance_guid)
        self.source = code
        self.advanced = advanced
        self.namespace = {'__name__': '__main__', 'ghenv': self.ghenv, '__file__': filename}
        self.code = compile(self.source, filename, 'exec')
        self.instance = None
        if advanced:
            with fake_modules():
                exec(self.code, self.namespace)
            classes = [v for v in self.namespace.values()
                       if isinstance(v, type) and issubclass(v, executingcomponent)
                       and v is not executingcomponent]
            if len(classes) != 1:
                raise HeadlessError('%s: expected one executingcomponent subclass, found %d'
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

    def _solve(self, args):
        if self.advanced:
            return self.instance.RunScript(*args)
        scope = dict(self.namespace)
        scope.update(zip(self.inputs, args))
        for name in self.outputs:
            scope.setdefault(name, None)
        exec(self.code, scope)
        values = [scope.get(name) for name in self.outputs]
        return values[0] if len(values) == 1 else tuple(values)

    def run(self, **inputs):
        """One solution with inputs by NickName (missing ones unconnected)."""
        unknown = sorted(set(inputs) - set(self.inputs))
        if unknown:
            raise HeadlessError('%s has no input(s) %s; inputs are %s'
                                % (self.name, ', '.join(unknown), ', '.join(self.inputs)))
        self.last_inputs = dict(inputs)
        for param in self.component.Params.Input:
            param.wired = inputs.get(param.NickName) is not None
        args = [convert_input(spec, inputs.get(name))
                for spec, name in zip(self.input_specs, self.inputs)]
        comp = self.component
        comp.ClearRuntimeMessages()
        buf = io.StringIO() if sys.version_info[0] >= 3 else io.BytesIO()
        with fake_modules():
            old_out = sys.stdout
            sys.stdout = buf
            try:
                ret = self._solve(args)
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
                raise HeadlessError('%s: RunScript must return a tuple of %d outputs (%s), '
                                    'got %r' % (self.name, n, ', '.join(self.outputs), ret))
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
