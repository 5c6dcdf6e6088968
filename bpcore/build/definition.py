"""Grasshopper definitions (``.gh`` / ``.ghx``) written from a short canvas description.

A canvas description is a dict (the JSON files in ``examples/canvases/``)::

    {"name": "xor_decision_surface", "title": "...", "description": "...",
     "objects": [
        {"id": "table", "kind": "panel", "at": [20, 40], "size": [120, 90],
         "text": "x1,x2,xor\\n0,0,0\\n..."},
        {"id": "lr", "kind": "slider", "at": [20, 160], "nickname": "lr",
         "min": 0.001, "max": 0.5, "value": 0.05, "digits": 3},
        {"id": "opt", "kind": "valuelist", "at": [20, 200], "nickname": "optimizer",
         "items_from": "optimizers", "selected": "adam"},
        {"id": "run", "kind": "toggle", "at": [20, 240], "nickname": "run", "value": true},
        {"id": "reset", "kind": "button", "at": [20, 270], "nickname": "reset"},
        {"id": "train", "kind": "component", "bundle": "BP_Train", "at": [300, 80]},
        {"id": "model", "kind": "script", "at": [..], "nickname": "slow model",
         "code": "...", "inputs": [{"name": "x", "access": "list", "hint": "float"}],
         "outputs": ["H"]},
        {"kind": "scribble", "at": [20, 0], "text": "1. the data", "size": 20},
        {"kind": "group", "name": "1. data", "members": ["table"], "colour": [150, 170, 135, 255]}],
     "wires": ["table -> data.text", "init.network -> train.net", "train.trained -> show"]}

``kind`` is one of :data:`KINDS`. A wire is ``"source[.output] -> target[.input]"``: the port
names are parameter nicknames; a value list's ``items`` are given, or taken from one of the
library's name tables with ``"items_from"`` (:func:`item_tables`: activations, losses, inits,
optimizers, scalers, sampling); a slider, panel, toggle, button or value list has one output
(its own), a panel one input. Positions are the top-left corners on the canvas.

What is written, item for item, follows definitions saved by Grasshopper 1.0 (Rhino 7 and 8;
see "The example definitions" in ``docs/userobjects.md``): ``Root`` {``ArchiveVersion`` 0.2.2; ``Definition``
{``plugin_version`` 1.0.7; ``DocumentHeader``, ``DefinitionProperties``, ``RcpLayout``,
``GHALibraries``, ``DefinitionObjects`` {``ObjectCount``, ``Object:i`` {``GUID``, ``Name``,
[``Lib``], ``Container``}}}; ``Thumbnail``}. bpcore components are the user objects' own
component chunks (:func:`bpcore.build.userobject.build_chunk`: the same code, parameters and icon),
placed with an instance id, canvas ``Attributes`` and ``Source`` wires. Every id is a
``uuid5`` of the definition's name and the object id, so writing twice gives the same bytes.
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os
import uuid

from bpcore.build import ghio
from bpcore.build.layouts import GHPYTHON_COMPONENT, ghpython_parameter_data
from bpcore.errors import BPError, quote

__all__ = ['KINDS', 'NATIVE', 'GHPYTHON', 'build_definition', 'read_canvas', 'wire_ends',
           'object_guid']

GHPYTHON = GHPYTHON_COMPONENT
NO_LIBRARY = uuid.UUID(int=0)   # what Rhino 7/8 write as GhPython's library id
# Grasshopper's own objects: (component GUID, Name, Description) as Grasshopper saves them.
NATIVE = {
    'slider': ('57da07bd-ecab-415d-9d86-af36d7073abc', 'Number Slider',
               'Numeric slider for single values'),
    'panel': ('59e0b89a-e487-49f8-bab8-b5bab16be14c', 'Panel',
              'A panel for custom notes and text values'),
    'toggle': ('2e78987b-9dfb-42a2-8b76-3923ac8bd91a', 'Boolean Toggle',
               'Boolean (true/false) toggle'),
    'button': ('a8b97322-2d53-47cd-905e-b932c3ccd74e', 'Button',
               'Button object with two values'),
    'valuelist': ('00027467-0d24-4fa7-b178-8dc0ac5f42ec', 'Value List',
                  'Provides a list of preset values to choose from'),
    'group': ('c552a431-af5b-46a9-a8a4-0fcbc27ef596', 'Group', 'A group of Grasshopper objects'),
    'scribble': ('7f5c6c55-f846-4a08-9c9a-cfdc285cc6fe', 'Scribble', 'A quick note'),
}
KINDS = ('component', 'script') + tuple(sorted(NATIVE))
SOURCES = ('slider', 'panel', 'toggle', 'button', 'valuelist')   # one output: the object
NAMESPACE = uuid.UUID('0b5e7d1c-3f0a-5b8e-9c1d-62706f726565')
DATE_TICKS = 639028224000000000        # 2026-01-01 as .NET ticks: fixed, for equal bytes
GHPYTHON_ASSEMBLY = 'GhPython, Version=7.4.21027.1000, Culture=neutral, PublicKeyToken=null'
ROW = 20                               # parameter row height on the canvas
_ACCESS = {'item': 0, 'list': 1, 'tree': 2}


def object_guid(name, object_id, *more):
    """The deterministic instance GUID of an object (or one of its parameters)."""
    return uuid.uuid5(NAMESPACE, '/'.join((name, object_id) + more))


def read_canvas(path):
    """A canvas description from a JSON file."""
    with io.open(path, encoding='utf-8') as f:
        try:
            return json.load(f)
        except ValueError as e:
            raise BPError('%s: not JSON: %s' % (path, e))


def wire_ends(wire):
    """``'a.out -> b.in'`` -> ``(('a', 'out'), ('b', 'in'))`` (a missing port is None)."""
    if '->' not in wire:
        raise BPError('wire %s must read "source.output -> target.input"' % quote(wire))
    left, right = [w.strip() for w in wire.split('->', 1)]

    def end(text):
        if '.' in text:
            obj, port = text.split('.', 1)
            return obj.strip(), port.strip()
        return text, None
    return end(left), end(right)


def _fail(canvas, message):
    raise BPError('canvas %s: %s' % (quote(canvas.get('name', '?')), message))


# -- layout helpers -------------------------------------------------------------------------
def _text_width(text, per_char=6.0):
    return max(12.0, per_char * len(text) + 8.0)


def _attributes(chunk, x, y, w, h, pivot=None, first=True):
    attrs = ghio.Chunk('Attributes')
    attrs.set('Bounds', ghio.GH_RECTANGLEF, (float(x), float(y), float(w), float(h)))
    px, py = pivot if pivot is not None else (x + w / 2.0, y + h / 2.0)
    attrs.set('Pivot', ghio.GH_POINTF, (float(px), float(py)))
    if first:
        chunk.chunks.insert(0, attrs)
    else:
        chunk.chunks.append(attrs)
    return attrs


def _param_column(data, kind, specs, x, y, w, h):
    """Attributes of a component's parameters: one row each, stacked in height ``h``."""
    row = h / max(len(specs), 1)
    for i in range(len(specs)):
        chunk = data.chunk(kind, i)
        top = y + i * row
        _attributes(chunk, x, top, w, row, (x + w / 2.0, top + row / 2.0), first=False)


# -- objects --------------------------------------------------------------------------------
class _Placed(object):
    """An object on the canvas: its chunk, its output guids by port, its input chunks."""

    def __init__(self, spec, chunk, outputs, inputs, instance):
        self.spec = spec
        self.chunk = chunk            # the Object chunk
        self.outputs = outputs        # port name (or None) -> param InstanceGuid
        self.inputs = inputs          # port name (or None) -> chunk that takes Source items
        self.instance = instance


def _object_chunk(kind_guid, name, lib=False):
    obj = ghio.Chunk('Object')
    obj.set_guid('GUID', kind_guid)
    obj.set_string('Name', name)
    if lib:
        obj.set_guid('Lib', NO_LIBRARY)
    return obj


def _native_container(obj, kind, spec, instance):
    guid, name, description = NATIVE[kind]
    c = obj.add_chunk('Container')
    c.set_string('Description', description)
    c.set_guid('InstanceGuid', instance)
    c.set_string('Name', name)
    c.set_string('NickName', spec.get('nickname', '' if kind in ('slider', 'panel') else name))
    if kind in SOURCES:
        c.set_bool('Optional', False)
        c.set_int32('SourceCount', 0)
    return c


def _slider(obj, spec, instance):
    c = _native_container(obj, 'slider', spec, instance)
    x, y = spec['at']
    width = float(spec.get('width', 200))
    _attributes(c, x, y, width, 20, (x, y), first=False)
    s = c.add_chunk('Slider')
    integer = bool(spec.get('integer', False))
    s.set_int32('Digits', 0 if integer else int(spec.get('digits', 3)))
    s.set_int32('GripDisplay', 1)
    s.set_int32('Interval', 1 if integer else 0)   # GH_SliderAccuracy: 0 float, 1 integer
    s.set('Max', ghio.GH_DOUBLE, float(spec['max']))
    s.set('Min', ghio.GH_DOUBLE, float(spec['min']))
    s.set_int32('SnapCount', 0)
    s.set('Value', ghio.GH_DOUBLE, float(spec['value']))
    return c


def _panel(obj, spec, instance, text):
    c = _native_container(obj, 'panel', spec, instance)
    c.set('ScrollRatio', ghio.GH_DOUBLE, 0.0)
    c.set_string('UserText', text)
    x, y = spec['at']
    w, h = spec.get('size', [160, 100])
    attrs = _attributes(c, x, y, w, h, (x, y), first=False)
    for margin in ('MarginLeft', 'MarginRight', 'MarginTop'):
        attrs.set_int32(margin, 0)
    props = c.add_chunk('PanelProperties')
    props.set('Colour', ghio.GH_COLOR, tuple(spec.get('colour', (255, 255, 250, 90))))
    props.set_bool('DrawIndices', True)
    props.set_bool('DrawPaths', True)
    props.set_bool('Multiline', bool(spec.get('multiline', True)))
    props.set_bool('SpecialCodes', False)
    props.set_bool('Stream', False)
    props.set_bool('Wrap', True)
    return c


def _toggle(obj, spec, instance):
    c = _native_container(obj, 'toggle', spec, instance)
    c.set_bool('ToggleValue', bool(spec.get('value', False)))
    x, y = spec['at']
    _bounds_only(c, x, y, _text_width(c.get('NickName')) + 50, 22)
    return c


def _bounds_only(chunk, x, y, w, h):
    """Toggles and buttons: Grasshopper saves their Attributes with Bounds and no Pivot."""
    attrs = chunk.add_chunk('Attributes')
    attrs.set('Bounds', ghio.GH_RECTANGLEF, (float(x), float(y), float(w), float(h)))


def _button(obj, spec, instance):
    c = _native_container(obj, 'button', spec, instance)
    c.set_string('ExpressionNormal', 'False')
    c.set_string('ExpressionPressed', 'True')
    x, y = spec['at']
    _bounds_only(c, x, y, _text_width(c.get('NickName')) + 30, 22)
    return c


def _expression(value):
    if isinstance(value, bool):
        return 'True' if value else 'False'
    if isinstance(value, (int, float)):
        return repr(value)
    return '"%s"' % value


def item_tables():
    """The library's own name tables a Value List can list (``"items_from"``), so the
    examples' menus never drift from what the components accept."""
    from bpcore.activations import ACTIVATIONS
    from bpcore.data.scaling import SCALERS
    from bpcore.losses import LOSSES
    from bpcore.network import INITS
    from bpcore.optim import OPTIMIZER_NAMES
    from bpcore.sampling import METHODS
    return {'activations': sorted(ACTIVATIONS), 'losses': list(LOSSES), 'inits': list(INITS),
            'optimizers': list(OPTIMIZER_NAMES), 'scalers': sorted(SCALERS),
            'sampling': list(METHODS)}


def _valuelist(obj, spec, instance, canvas):
    c = _native_container(obj, 'valuelist', spec, instance)
    if 'items_from' in spec:
        tables = item_tables()
        if spec['items_from'] not in tables:
            _fail(canvas, 'value list %s: items_from %s is none of %s'
                  % (quote(spec['id']), quote(spec['items_from']), ', '.join(sorted(tables))))
        items = tables[spec['items_from']]
    else:
        items = spec['items']
    selected = spec.get('selected', items[0])
    if selected not in items:
        _fail(canvas, 'value list %s: selected %r is not one of its items'
              % (quote(spec['id']), selected))
    c.set_int32('ListCount', len(items))
    c.set_int32('ListMode', 1)           # GH_ValueListMode.DropDown
    for i, value in enumerate(items):
        item = c.add_chunk('ListItem', i)
        item.set_string('Expression', _expression(value))
        item.set_string('Name', str(value))
        item.set_bool('Selected', value == selected)
    x, y = spec['at']
    width = max(_text_width(str(v)) for v in items) + 40
    _attributes(c, x, y, width, 22, (x, y), first=False)
    return c


def _scribble(obj, spec, instance):
    c = _native_container(obj, 'scribble', spec, instance)
    text = spec['text']
    size = float(spec.get('size', 20))
    x, y = spec['at']
    lines = text.split('\n')
    w = max(len(line) for line in lines) * size * 0.52
    h = len(lines) * size * 1.25
    c.set_bool('Bold', False)
    for name, (px, py) in zip(('Ca', 'Cb', 'Cc', 'Cd'),
                              ((x, y), (x + w, y), (x + w, y + h), (x, y + h))):
        c.set(name, ghio.GH_POINTF, (float(px), float(py)))
    c.set_string('Font', 'Microsoft Sans Serif')
    c.set_bool('Italic', False)
    c.set('Size', ghio.GH_SINGLE, size)
    c.set_string('Text', text)
    c.set_string('NickName', 'Scribble')
    _attributes(c, x - 5, y - 5, w + 10, h + 10, (x, y), first=False)
    return c


def _group(obj, spec, instance, members):
    c = _native_container(obj, 'group', spec, instance)
    c.set_int32('Border', 1)
    c.set('Colour', ghio.GH_COLOR, tuple(spec.get('colour', (150, 170, 135, 255))))
    for i, guid in enumerate(members):
        c.set_guid('ID', guid, i)
    c.set_int32('ID_Count', len(members))
    c.set_string('NickName', spec.get('name', ''))
    c.add_chunk('Attributes')
    return c


def _placed_params(container, name, oid, x, y, body):
    """Instance guids and Attributes for a GhPython container's parameters."""
    data = container.chunk('ParameterData')
    ins = [data.chunk('InputParam', i) for i in range(data.get('InputCount'))]
    outs = [data.chunk('OutputParam', i) for i in range(data.get('OutputCount'))]
    w_in = max([_text_width(c.get('NickName')) for c in ins] or [12.0])
    w_out = max([_text_width(c.get('NickName')) for c in outs] or [12.0])
    rows = max(len(ins), len(outs), 1)
    h = ROW * rows
    w = w_in + body + w_out + 4
    _attributes(container, x, y, w, h + 4, (x + 2 + w_in + body / 2.0, y + (h + 4) / 2.0))
    _param_column(data, 'InputParam', ins, x + 2, y + 2, w_in, h)
    _param_column(data, 'OutputParam', outs, x + w - 2 - w_out, y + 2, w_out, h)
    inputs, outputs = {}, {}
    for c in ins + outs:
        # what Grasshopper leaves out when it saves a placed component: flags at their default
        for item, default in (('ReverseData', False), ('SimplifyData', False), ('WireDisplay', 0)):
            if c.has(item) and c.get(item) == default:
                c.remove(item)
    for c in ins:
        c.set_guid('InstanceGuid', object_guid(name, oid, 'in', c.get('NickName')))
        inputs[c.get('NickName')] = c
    for c in outs:
        guid = object_guid(name, oid, 'out', c.get('NickName'))
        c.set_guid('InstanceGuid', guid)
        outputs[c.get('NickName')] = guid
    return inputs, outputs


def _component(spec, name, bundles, version, canvas):
    from bpcore.build.userobject import build_chunk
    bundle_name = spec['bundle']
    if bundle_name not in bundles:
        _fail(canvas, 'object %s: no component bundle %s' % (quote(spec['id']),
                                                             quote(bundle_name)))
    bundle = bundles[bundle_name]
    root = build_chunk(bundle, 'ironpython', version)
    container = ghio.loads(root.get('Object'))      # the user object's own component chunk
    container.name = 'Container'
    instance = object_guid(name, spec['id'])
    container.set_guid('InstanceGuid', instance)
    if spec.get('nickname'):
        container.set_string('NickName', spec['nickname'])
    obj = _object_chunk(GHPYTHON, bundle['metadata']['name'], lib=True)
    obj.chunks.append(container)
    x, y = spec['at']
    body = 24.0 if container.has('IconOverride') else _text_width(container.get('NickName'), 7)
    inputs, outputs = _placed_params(container, name, spec['id'], x, y, body)
    return _Placed(spec, obj, outputs, inputs, instance)


def _script(spec, name, canvas):
    """A plain GhPython script (not a bpcore component): the canvas's own code."""
    from bpcore.build.metadata import HINTS
    comp = ghio.Chunk('Container')
    comp.set_string('CodeInput', spec['code'])
    comp.set_string('Description', spec.get('description', 'GhPython provides a Python '
                                                           'script component'))
    comp.set_bool('HideInput', True)
    comp.set_bool('HideOutput', True)
    comp.set_bool('IsAdvancedMode', False)
    comp.set_bool('MarshalOutGuids', True)
    comp.set_string('Name', 'GhPython Script')
    comp.set_string('NickName', spec.get('nickname', 'Python'))
    instance = object_guid(name, spec['id'])
    comp.set_guid('InstanceGuid', instance)
    ins, outs = spec.get('inputs', []), spec.get('outputs', [])
    data = ghpython_parameter_data(comp, len(ins), len(outs))
    for i, p in enumerate(ins):
        c = data.add_chunk('InputParam', i)
        access = _ACCESS[p.get('access', 'item')]
        if access:
            c.set_int32('Access', access)
        c.set_bool('AllowTreeAccess', True)
        c.set_string('Description', p.get('description', 'Script input %s.' % p['name']))
        c.set_string('Name', p['name'])
        c.set_string('NickName', p['name'])
        c.set_bool('Optional', True)
        c.set_int32('ScriptParamAccess', access)
        c.set_bool('ShowTypeHints', True)
        c.set_int32('SourceCount', 0)
        c.set_guid('TypeHintID', HINTS['ironpython'][p.get('hint', 'none')])
    for i, p in enumerate(outs):
        c = data.add_chunk('OutputParam', i)
        c.set_string('Description', 'Script output %s.' % p)
        c.set_string('Name', p)
        c.set_string('NickName', p)
        c.set_bool('Optional', False)
        c.set_int32('SourceCount', 0)
    obj = _object_chunk(GHPYTHON, 'GhPython Script', lib=True)
    obj.chunks.append(comp)
    x, y = spec['at']
    inputs, outputs = _placed_params(comp, name, spec['id'], x, y,
                                     _text_width(comp.get('NickName'), 7))
    return _Placed(spec, obj, outputs, inputs, instance)


# -- the document ---------------------------------------------------------------------------
def _thumbnail(placed, width=225, height=150):
    """A schematic picture of the canvas (objects as boxes), as Grasshopper keeps one."""
    from bpcore.build import icons
    boxes = []
    for p in placed:
        attrs = p.chunk.chunks[0].chunk('Attributes')
        if attrs is not None and attrs.has('Bounds'):
            boxes.append(attrs.get('Bounds'))
    x0 = min(b[0] for b in boxes) - 10
    y0 = min(b[1] for b in boxes) - 10
    x1 = max(b[0] + b[2] for b in boxes) + 10
    y1 = max(b[1] + b[3] for b in boxes) + 10
    scale = min(width / (x1 - x0), height / (y1 - y0))
    pixels = [[(212, 208, 200, 255)] * width for _ in range(height)]
    for bx, by, bw, bh in boxes:
        a, b = int((bx - x0) * scale), int((by - y0) * scale)
        c, d = int((bx + bw - x0) * scale), int((by + bh - y0) * scale)
        for yy in range(max(b, 0), min(d + 1, height)):
            for xx in range(max(a, 0), min(c + 1, width)):
                edge = yy in (b, d) or xx in (a, c)
                pixels[yy][xx] = (60, 60, 60, 255) if edge else (255, 255, 255, 255)
    return icons.png_bytes(pixels, width, height)


def _header(definition, name, canvas):
    head = definition.add_chunk('DocumentHeader')
    head.set_guid('DocumentID', object_guid(name, '#document'))
    head.set_string('Preview', 'Shaded')
    head.set_int32('PreviewMeshType', 1)
    head.set('PreviewNormal', ghio.GH_COLOR, (100, 150, 0, 0))
    head.set('PreviewSelected', ghio.GH_COLOR, (100, 0, 150, 0))
    props = definition.add_chunk('DefinitionProperties')
    props.set('Date', ghio.GH_DATE, DATE_TICKS)
    props.set_string('Description', canvas.get('description', ''))
    props.set_string('Name', name + '.gh')
    props.add_chunk('Revisions').set_int32('RevisionCount', 0)
    projection = props.add_chunk('Projection')
    projection.set('Target', ghio.GH_POINT, tuple(int(v) for v in canvas.get('target',
                                                                              [0, 0])))
    projection.set('Zoom', ghio.GH_SINGLE, float(canvas.get('zoom', 1.0)))
    props.add_chunk('Views').set_int32('ViewCount', 0)
    definition.add_chunk('RcpLayout').set_int32('GroupCount', 0)


def _libraries(definition):
    libs = definition.add_chunk('GHALibraries')
    libs.set_int32('Count', 1)
    lib = libs.add_chunk('Library', 0)
    lib.set_string('AssemblyFullName', GHPYTHON_ASSEMBLY)
    lib.set_string('AssemblyVersion', GHPYTHON_ASSEMBLY.split('Version=')[1].split(',')[0])
    lib.set_string('Author', '')
    lib.set_guid('Id', NO_LIBRARY)
    lib.set_string('Name', '')
    lib.set_string('Version', '')


def build_definition(canvas, bundles, version=None, root_dir=None):
    """The ``Root`` chunk of a definition for a canvas description.

    ``bundles``: ``{folder name: bundle}`` (:func:`bpcore.build.bundle.read_bundle`) for the
    ``component`` objects; ``version`` fills ``{{version}}`` as in the user objects;
    ``root_dir``: where a panel's ``text_file`` is read from. Raises BPError naming the
    object or wire at fault (an unknown kind, port or id, a wire into a source object...).
    """
    name = canvas.get('name')
    if not name:
        _fail(canvas, 'has no name')
    placed, by_id, groups = [], {}, []
    for spec in canvas.get('objects', []):
        kind = spec.get('kind')
        if kind not in KINDS:
            _fail(canvas, 'object %s has kind %s; use one of %s'
                  % (quote(spec.get('id', '?')), quote(str(kind)), ', '.join(KINDS)))
        if kind == 'group':
            groups.append(spec)
            continue
        oid = spec.get('id') or '%s-%d' % (kind, len(placed))
        spec = dict(spec, id=oid)
        if oid in by_id:
            _fail(canvas, 'object id %s is used twice' % quote(oid))
        if 'at' not in spec:
            _fail(canvas, 'object %s has no position "at"' % quote(oid))
        if kind == 'component':
            p = _component(spec, name, bundles, version, canvas)
        elif kind == 'script':
            p = _script(spec, name, canvas)
        else:
            instance = object_guid(name, oid)
            guid, label, _ = NATIVE[kind]
            obj = _object_chunk(uuid.UUID(guid), label)
            if kind == 'slider':
                _slider(obj, spec, instance)
            elif kind == 'panel':
                text = spec.get('text', '')
                if spec.get('text_file'):
                    with io.open(os.path.join(root_dir or '.', spec['text_file']),
                                 encoding='utf-8') as f:
                        text = f.read().strip('\n')
                _panel(obj, spec, instance, text)
            elif kind == 'toggle':
                _toggle(obj, spec, instance)
            elif kind == 'button':
                _button(obj, spec, instance)
            elif kind == 'valuelist':
                _valuelist(obj, spec, instance, canvas)
            else:
                _scribble(obj, spec, instance)
            outputs = {None: instance} if kind in SOURCES else {}
            inputs = {None: obj.chunks[0]} if kind == 'panel' else {}
            p = _Placed(spec, obj, outputs, inputs, instance)
        placed.append(p)
        by_id[oid] = p
    for wire in canvas.get('wires', []):
        (src, out), (dst, inp) = wire_ends(wire)
        if src not in by_id or dst not in by_id:
            _fail(canvas, 'wire %s: unknown object %s'
                  % (quote(wire), quote(src if src not in by_id else dst)))
        outputs, inputs = by_id[src].outputs, by_id[dst].inputs
        if out not in outputs:
            _fail(canvas, 'wire %s: %s has no output %s (outputs: %s)'
                  % (quote(wire), quote(src), quote(str(out)),
                     ', '.join(str(k) for k in outputs) or 'none'))
        if inp not in inputs:
            _fail(canvas, 'wire %s: %s has no input %s (inputs: %s)'
                  % (quote(wire), quote(dst), quote(str(inp)),
                     ', '.join(str(k) for k in inputs) or 'none'))
        target = inputs[inp]
        n = target.get('SourceCount', 0)
        target.set_guid('Source', outputs[out], n)
        target.set_int32('SourceCount', n + 1)
    group_chunks = []
    for i, spec in enumerate(groups):
        members = []
        for m in spec.get('members', []):
            if m not in by_id:
                _fail(canvas, 'group %s: unknown member %s' % (quote(spec.get('name', '')),
                                                             quote(m)))
            members.append(by_id[m].instance)
        gid = spec.get('id') or 'group-%d' % i
        obj = _object_chunk(uuid.UUID(NATIVE['group'][0]), 'Group')
        _group(obj, spec, object_guid(name, gid), members)
        group_chunks.append(obj)
    root = ghio.Chunk('Root')
    root.set('ArchiveVersion', ghio.GH_VERSION, (0, 2, 2))
    definition = root.add_chunk('Definition')
    definition.set('plugin_version', ghio.GH_VERSION, (1, 0, 7))
    _header(definition, name, canvas)
    if any(p.spec['kind'] in ('component', 'script') for p in placed):
        _libraries(definition)
    objects = definition.add_chunk('DefinitionObjects')
    chunks = group_chunks + [p.chunk for p in placed]   # groups first: drawn behind
    objects.set_int32('ObjectCount', len(chunks))
    for i, chunk in enumerate(chunks):
        chunk.index = i
        objects.chunks.append(chunk)
    root.add_chunk('Thumbnail').set_bitmap('Thumbnail', _thumbnail(placed))
    return root
