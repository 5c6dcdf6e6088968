from __future__ import absolute_import, division, print_function
"""Grasshopper user objects (``.ghuser``) built from component bundles, in pure Python.

A bundle is a folder ``gh_components/<Name>/`` with ``code.py``, ``metadata.json`` (the COMPAS
componentizer schema) and ``icon.png`` (24x24 PNG). :func:`build_userobject` turns it into the
bytes of a ``.ghuser`` file for one of two script components:

* ``'ironpython'``: the GhPython "Python Script" component (IronPython 2.7; Rhino 6, 7 and 8),
  laid out exactly like the user objects COMPAS ships (``compas_ghpython/components/ghuser``);
  written to ``userobjects/<Name>.ghuser``.
* ``'rhino8'``: the Rhino 8 script component running Python 3, laid out item for item as
  Rhino 8 itself saves it (checked against Rhino-8-saved files, see docs/userobjects.md);
  written to ``userobjects/rhino8/<Name>.ghuser``.

:func:`read_userobject` goes the other way (code, icon and normalized metadata out of a file).

Rebuilds are byte-identical: every GUID is a ``uuid5`` of the component (folder) name (and the
parameter name), items are sorted as GH_IO sorts them and DEFLATE is deterministic. The version
(``__version__`` of ``bpcore/__init__.py``) replaces ``{{version}}`` in the code and the
description (as COMPAS does) and is appended to the ribbon tooltip (root ``Description``).

Command line::

    python -m bpcore.ghuser            # rebuild userobjects/ from gh_components/
    python -m bpcore.ghuser --check    # exit 1 and list files that are out of date
"""
import argparse
import base64
import io
import json
import os
import re
import struct
import sys
import uuid

from bpcore import ghio
from bpcore.errors import TEXT_TYPES, GHIOError

__all__ = [
    'VARIANTS', 'read_bundle', 'normalize_metadata', 'build_userobject', 'read_userobject',
    'is_advanced_code',
    'discover_bundles', 'expected_files', 'build_all', 'check_all', 'read_version', 'main',
]

# -- GUIDs -----------------------------------------------------------------------------------
GHPYTHON_COMPONENT = uuid.UUID('410755b1-224a-4c1e-a407-bf32fb45ea7e')  # GhPython (IronPython)
GHPYTHON_INPUT = uuid.UUID('84fa917c-1ed8-4db3-8be1-7bdc4a6495a2')      # Param_ScriptVariable
GHPYTHON_OUTPUT = uuid.UUID('8ec86459-bf01-4409-baee-174d0d2b13d0')     # Param_GenericObject
RH8_COMPONENT = uuid.UUID('c9b2d725-6f87-4b07-af90-bd9aefef68eb')       # Rhino 8 Python 3
RH8_PARAM = uuid.UUID('08908df5-fa14-4982-9ab2-1aa0927566aa')           # Rhino 8 script param

# Fixed namespace of every GUID bpcore derives (never change it: it would churn all files).
NAMESPACE = uuid.UUID('6f1f3a52-8a8e-5c1e-9d4b-62706f726521')

# Type hints by name. Rhino 8 (from ghpython-componentizer's constants.py) and GhPython, which
# uses other GUIDs for none/ghdoc/float/str (mcneel/ghpython Component/SpecialHints).
_RH8_HINTS = {
    'none': '6a184b65-baa3-42d1-a548-3915b401de53',
    'ghdoc': '1c282eeb-dd16-439f-94e4-7d92b542fe8b',
    'float': '9d51e32e-c038-4352-9554-f4137ca91b9a',
    'bool': 'd60527f5-b5af-4ef6-8970-5f96fe412559',
    'int': '48d01794-d3d8-4aef-990e-127168822244',
    'complex': '309690df-6229-4774-91bb-b1c9c0bfa54d',
    'str': '3aceb454-6dbd-4c5b-9b6b-e71f8c1cdf88',
    'datetime': '09bcf900-fe83-4efa-8d32-33d89f7a3e66',
    'guid': '5325b8e1-51d7-4d36-837a-d98394626c35',
    'color': '24b1d1a3-ab79-498c-9e44-c5b14607c4d3',
    'point': 'e1937b56-b1da-4c12-8bd8-e34ee81746ef',
    'vector': '15a50725-e3d3-4075-9f7c-142ba5f40747',
    'plane': '3897522d-58e9-4d60-b38c-978ddacfedd8',
    'interval': '589748aa-e558-4dd9-976f-78e3ab91fc77',
    'uvinterval': '74c906f3-db02-4cea-bd58-de375cb5ae73',
    'box': 'f29cb021-de79-4e63-9f04-fc8e0df5f8b6',
    'transform': 'c4b38e4c-21ff-415f-a0d1-406d282428dd',
    'line': 'f802a8cd-e699-4a94-97ea-83b5406271de',
    'circle': '3c5409a1-3293-4181-a6fa-c24c37fc0c32',
    'arc': '9c80ec18-b48c-41b0-bc6e-cd93d9c916aa',
    'polyline': '66fa617b-e3e8-4480-9f1e-2c0688c1d21b',
    'rectangle': '83da014b-a550-4bf5-89ff-16e54225bd5d',
    'curve': '9ba89ec2-5315-435f-a621-b66c5fa2f301',
    'mesh': '794a1f9d-21d5-4379-b987-9e8bbf433912',
    'surface': 'f4070a37-c822-410f-9057-100d2e22a22d',
    'subd': '20f4ca9c-6c90-4fd6-ba8a-5bf9ca79db08',
    'brep': '2ceb0405-fdfe-403d-a4d6-8786da45fb9d',
    'pointcloud': 'd73c9fb0-365d-458f-9fb5-f4141399311f',
    'geometrybase': 'c37956f4-d39c-49c7-af71-1e87f8031b26',
}
_IPY_HINTS = dict(_RH8_HINTS)
_IPY_HINTS.update({
    'none': '35915213-5534-4277-81b8-1bdc9e7383d2',
    'ghdoc': '87f87f55-5b71-41f4-8aea-21d494016f81',
    'float': '39fbc626-7a01-46ab-a18e-ec1c0c41685b',
    'str': '37261734-eec7-4f50-b6a8-b8d1f3c4396b',
})
HINTS = {'ironpython': _IPY_HINTS, 'rhino8': _RH8_HINTS}
_HINT_NAMES = {}
for _map in (_RH8_HINTS, _IPY_HINTS):
    for _name, _guid in _map.items():
        _HINT_NAMES[_guid] = _name

VARIANTS = ('ironpython', 'rhino8')
VARIANT_FOLDERS = {'ironpython': '', 'rhino8': 'rhino8'}  # below userobjects/

EXPOSURES = (-1, 2, 4, 8, 16, 32, 64, 128)
ACCESS = {'item': 0, 'list': 1, 'tree': 2}
WIRE_DISPLAY = {'default': 0, 'faint': 1, 'hidden': 2}
ICON_DISPLAY = (0, 1, 2)  # application default, icon, nickname

_TOP_KEYS = ('name', 'nickname', 'category', 'subcategory', 'description', 'exposure',
             'instanceGuid', 'ghpython')
_GHPYTHON_KEYS = ('isAdvancedMode', 'iconDisplay', 'marshalGuids', 'marshalOutGuids',
                  'hideInput', 'hideOutput', 'inputParameters', 'outputParameters')
_INPUT_KEYS = ('name', 'nickname', 'description', 'optional', 'allowTreeAccess',
               'showTypeHints', 'scriptParamAccess', 'sourceCount', 'typeHintID', 'wireDisplay',
               'reverse', 'simplify', 'flatten', 'graft')
_OUTPUT_KEYS = ('name', 'nickname', 'description', 'optional', 'sourceCount', 'reverse',
                'simplify', 'flatten', 'graft')

_IDENTIFIER = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
_PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'
ICON_SIZE = (24, 24)


# ---------------------------------------------------------------------------------------------
# Version and paths
# ---------------------------------------------------------------------------------------------
def repo_root():
    """The folder that holds ``bpcore/``, ``gh_components/`` and ``userobjects/``."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_version(init_path=None):
    """``__version__`` read by regex from ``bpcore/version.py`` ('0.0.0' if absent)."""
    if init_path is None:
        init_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'version.py')
    try:
        with io.open(init_path, encoding='utf-8') as handle:
            text = handle.read()
    except (IOError, OSError):
        return '0.0.0'
    found = re.search(r'''^__version__\s*=\s*['"]([^'"]+)['"]''', text, re.MULTILINE)
    return found.group(1) if found else '0.0.0'


# ---------------------------------------------------------------------------------------------
# Bundles: reading and validation
# ---------------------------------------------------------------------------------------------
def _fail(component, message):
    raise GHIOError('component %r: %s' % (component, message))


def png_size(data, component='?'):
    """``(width, height)`` of PNG bytes; refuses anything that is not a PNG."""
    data = bytearray(data)
    if data[:8] != bytearray(_PNG_SIGNATURE) or len(data) < 24 or data[12:16] != b'IHDR':
        _fail(component, 'icon.png is not a PNG file')
    return struct.unpack('>II', bytes(data[16:24]))


def read_bundle(folder):
    """Read and validate ``code.py``, ``metadata.json`` and ``icon.png`` of a bundle.

    Parameters
    ----------
    folder : str
        ``gh_components/<Name>``; ``<Name>`` is the component's file name and GUID seed.

    Returns
    -------
    dict
        ``{'name': folder name, 'code': text (LF line endings), 'icon': PNG bytes,
        'metadata': normalized metadata}`` (see :func:`normalize_metadata`).

    Raises
    ------
    GHIOError
        A missing file, non-UTF-8 code, invalid JSON, a non-24x24 icon or bad metadata; the
        message names the component and the key.
    """
    name = os.path.basename(os.path.normpath(folder))
    paths = {}
    for filename in ('code.py', 'metadata.json', 'icon.png'):
        path = os.path.join(folder, filename)
        if not os.path.isfile(path):
            _fail(name, 'missing %s in %s' % (filename, folder))
        paths[filename] = path
    with open(paths['icon.png'], 'rb') as handle:
        icon = handle.read()
    size = png_size(icon, name)
    if tuple(size) != ICON_SIZE:
        _fail(name, 'icon.png is %dx%d, Grasshopper icons are 24x24' % tuple(size))
    with open(paths['code.py'], 'rb') as handle:
        raw = handle.read()
    try:
        code = raw.decode('utf-8')
    except UnicodeDecodeError as exc:
        _fail(name, 'code.py is not UTF-8 (%s)' % exc)
    if code.startswith(u'\ufeff'):
        code = code[1:]
    code = code.replace(u'\r\n', u'\n')
    with open(paths['metadata.json'], 'rb') as handle:
        raw = handle.read()
    try:
        metadata = json.loads(raw.decode('utf-8'))
    except ValueError as exc:
        _fail(name, 'metadata.json is not valid JSON (%s)' % exc)
    return {'name': name, 'code': code, 'icon': icon,
            'metadata': normalize_metadata(metadata, name)}


def _text(value, component, key, required=False):
    if value is None and not required:
        return u''
    if not isinstance(value, TEXT_TYPES) or (required and not value.strip()):
        _fail(component, 'metadata key %r must be a %sstring, got %r'
              % (key, 'non-empty ' if required else '', value))
    return value


def _flag(value, default, component, key):
    if value is None:
        return default
    if not isinstance(value, bool):
        _fail(component, 'metadata key %r must be true or false, got %r' % (key, value))
    return value


def _choice(value, default, names, valid, component, key):
    if value is None:
        return default
    if isinstance(value, TEXT_TYPES) and value in names:
        return names[value]
    if isinstance(value, bool) or value not in valid:
        _fail(component, 'metadata key %r must be one of %s, got %r'
              % (key, sorted(names) + sorted(valid), value))
    return value


def _unknown_keys(data, allowed, component, where):
    if not isinstance(data, dict):
        _fail(component, '%s must be a JSON object, got %r' % (where, data))
    extra = sorted(key for key in data if key not in allowed)
    if extra:
        _fail(component, 'unknown metadata key %r in %s (allowed: %s)'
              % (extra[0], where, ', '.join(allowed)))


def _hint_name(value, component, key):
    if value is None or value == '':
        return 'ghdoc'
    if not isinstance(value, TEXT_TYPES):
        _fail(component, 'metadata key %r must be a type hint name or GUID, got %r'
              % (key, value))
    if value in _IPY_HINTS:
        return value
    if value.lower() in _HINT_NAMES:
        return _HINT_NAMES[value.lower()]
    _fail(component, 'metadata key %r: unknown type hint %r (use one of %s)'
          % (key, value, ', '.join(sorted(_IPY_HINTS))))


def _param(data, index, inputs, component):
    kind = 'inputParameters' if inputs else 'outputParameters'
    where = 'ghpython.%s[%d]' % (kind, index)
    _unknown_keys(data, _INPUT_KEYS if inputs else _OUTPUT_KEYS, component, where)
    name = _text(data.get('name'), component, where + '.name', required=True)
    nickname = data.get('nickname') or name
    nickname = _text(nickname, component, where + '.nickname', required=True)
    if not _IDENTIFIER.match(nickname):
        _fail(component, 'metadata key %r: %r is not a Python identifier (GhPython binds '
              'parameters to variables by nickname)' % (where + '.nickname', nickname))
    param = {
        'name': name,
        'nickname': nickname,
        'description': _text(data.get('description'), component, where + '.description'),
        'optional': _flag(data.get('optional'), inputs, component, where + '.optional'),
        'reverse': _flag(data.get('reverse'), False, component, where + '.reverse'),
        'simplify': _flag(data.get('simplify'), False, component, where + '.simplify'),
        'flatten': _flag(data.get('flatten'), False, component, where + '.flatten'),
        'graft': _flag(data.get('graft'), False, component, where + '.graft'),
    }
    if param['flatten'] and param['graft']:
        _fail(component, 'metadata keys %s.flatten and .graft are both true' % where)
    count = data.get('sourceCount', 0)
    if count != 0 or isinstance(count, bool):
        _fail(component, 'metadata key %r must be 0 (a user object has no wires), got %r'
              % (where + '.sourceCount', count))
    if inputs:
        param.update({
            'allowTreeAccess': _flag(data.get('allowTreeAccess'), True, component,
                                     where + '.allowTreeAccess'),
            'showTypeHints': _flag(data.get('showTypeHints'), True, component,
                                   where + '.showTypeHints'),
            'scriptParamAccess': _choice(data.get('scriptParamAccess'), 0, ACCESS, (0, 1, 2),
                                         component, where + '.scriptParamAccess'),
            'typeHintID': _hint_name(data.get('typeHintID'), component, where + '.typeHintID'),
            'wireDisplay': _choice(data.get('wireDisplay'), 0, WIRE_DISPLAY, (0, 1, 2),
                                   component, where + '.wireDisplay'),
        })
    return param


def normalize_metadata(metadata, component='?'):
    """Validate COMPAS-componentizer metadata and fill in every default.

    The result is fully explicit (hints as names, access/wire display as ints), so that
    ``normalize_metadata(json) == read_userobject(built)['metadata']`` (except
    ``instanceGuid``, which a built file always has).

    Raises
    ------
    GHIOError
        Unknown or missing keys, wrong types, bad values; the message names the key.
    """
    _unknown_keys(metadata, _TOP_KEYS, component, 'metadata.json')
    result = {}
    for key in ('name', 'nickname', 'category', 'subcategory'):
        result[key] = _text(metadata.get(key), component, key, required=True)
    result['description'] = _text(metadata.get('description'), component, 'description')
    result['exposure'] = _choice(metadata.get('exposure'), 2, {}, EXPOSURES, component,
                                 'exposure')
    if metadata.get('instanceGuid') is not None:
        try:
            result['instanceGuid'] = str(uuid.UUID(str(metadata['instanceGuid'])))
        except ValueError:
            _fail(component, 'metadata key %r is not a GUID: %r'
                  % ('instanceGuid', metadata['instanceGuid']))
    gh = metadata.get('ghpython')
    if gh is None:
        _fail(component, "missing metadata key 'ghpython'")
    _unknown_keys(gh, _GHPYTHON_KEYS, component, 'ghpython')
    for key in ('hideInput', 'hideOutput'):
        if _flag(gh.get(key), True, component, 'ghpython.' + key) is not True:
            _fail(component, 'metadata key %r: only true is supported (code lives in the '
                  'component; no standard "out" output)' % ('ghpython.' + key))
    marshal = _flag(gh.get('marshalOutGuids'), None, component, 'ghpython.marshalOutGuids')
    alias = _flag(gh.get('marshalGuids'), None, component, 'ghpython.marshalGuids')
    if marshal is not None and alias is not None and marshal != alias:
        _fail(component, 'metadata keys ghpython.marshalGuids and ghpython.marshalOutGuids '
              'disagree')
    icon_display = gh.get('iconDisplay')
    if icon_display is not None:
        icon_display = _choice(icon_display, None, {}, ICON_DISPLAY, component,
                               'ghpython.iconDisplay')
    result['ghpython'] = {
        'isAdvancedMode': _flag(gh.get('isAdvancedMode'), False, component,
                                'ghpython.isAdvancedMode'),
        'iconDisplay': icon_display,
        'marshalOutGuids': True if marshal is None and alias is None else bool(
            marshal if marshal is not None else alias),
    }
    for key, inputs in (('inputParameters', True), ('outputParameters', False)):
        params = gh.get(key, [])
        if not isinstance(params, list):
            _fail(component, 'metadata key %r must be a list' % ('ghpython.' + key))
        params = [_param(p, i, inputs, component) for i, p in enumerate(params)]
        result['ghpython'][key] = params
    seen = set()
    for param in result['ghpython']['inputParameters'] + result['ghpython']['outputParameters']:
        if param['nickname'] in seen:
            _fail(component, 'parameter nickname %r is used twice' % param['nickname'])
        seen.add(param['nickname'])
    return result


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------
def derived_guid(*parts):
    """Deterministic GUID: ``uuid5(NAMESPACE, '/'.join(parts))``."""
    return uuid.uuid5(NAMESPACE, str('/'.join(parts)))


def render(text, version, name, ghuser_name):
    """Replace COMPAS' template variables ``{{version}}``, ``{{name}}``, ``{{ghuser_name}}``."""
    if version:
        text = text.replace(u'{{version}}', version)
    return text.replace(u'{{name}}', name).replace(u'{{ghuser_name}}', ghuser_name)


def _set_mapping(chunk, param):
    if param['flatten']:
        chunk.set_int32('Mapping', 1)
    elif param['graft']:
        chunk.set_int32('Mapping', 2)


def _ironpython_component(meta, code, icon, seed):
    gh = meta['ghpython']
    comp = ghio.Chunk('UserObject')
    comp.set_string('CodeInput', code)
    comp.set_string('Description', meta['description'])
    comp.set_bool('HideInput', True)
    comp.set_bool('HideOutput', True)
    comp.set_bool('IsAdvancedMode', gh['isAdvancedMode'])
    comp.set_bool('MarshalOutGuids', gh['marshalOutGuids'])
    comp.set_string('Name', meta['name'])
    comp.set_string('NickName', meta['nickname'])
    if gh['iconDisplay'] is not None:
        comp.set_int32('IconDisplay', gh['iconDisplay'])
    if gh['iconDisplay'] == 1:
        comp.set_bitmap('IconOverride', icon)  # show our icon on the canvas, as ladybug does
    data = comp.add_chunk('ParameterData')
    inputs, outputs = gh['inputParameters'], gh['outputParameters']
    data.set_int32('InputCount', len(inputs))
    for i in range(len(inputs)):
        data.set_guid('InputId', GHPYTHON_INPUT, i)
    data.set_int32('OutputCount', len(outputs))
    for i in range(len(outputs)):
        data.set_guid('OutputId', GHPYTHON_OUTPUT, i)
    for i, param in enumerate(inputs):
        chunk = data.add_chunk('InputParam', i)
        chunk.set_string('Name', param['name'])
        chunk.set_string('NickName', param['nickname'])
        chunk.set_string('Description', param['description'])
        chunk.set_bool('Optional', param['optional'])
        chunk.set_bool('AllowTreeAccess', param['allowTreeAccess'])
        chunk.set_bool('ShowTypeHints', param['showTypeHints'])
        chunk.set_int32('ScriptParamAccess', param['scriptParamAccess'])
        chunk.set_int32('SourceCount', 0)
        chunk.set_guid('InstanceGuid', derived_guid(seed, 'input', param['nickname']))
        chunk.set_guid('TypeHintID', _IPY_HINTS[param['typeHintID']])
        chunk.set_int32('WireDisplay', param['wireDisplay'])
        chunk.set_bool('ReverseData', param['reverse'])
        chunk.set_bool('SimplifyData', param['simplify'])
        _set_mapping(chunk, param)
    for i, param in enumerate(outputs):
        chunk = data.add_chunk('OutputParam', i)
        chunk.set_string('Name', param['name'])
        chunk.set_string('NickName', param['nickname'])
        chunk.set_string('Description', param['description'])
        chunk.set_bool('Optional', param['optional'])
        chunk.set_int32('SourceCount', 0)
        chunk.set_guid('InstanceGuid', derived_guid(seed, 'output', param['nickname']))
        chunk.set_bool('ReverseData', param['reverse'])
        chunk.set_bool('SimplifyData', param['simplify'])
        _set_mapping(chunk, param)
    return comp


# Rhino 8 script component (RhinoCodePluginGH), laid out as Rhino 8 itself saves it: checked
# item for item (names, type codes, order) against a Rhino-8-saved user object and two
# Rhino-8-saved .ghx files (see docs/userobjects.md and tests/ghio/fixtures/rhino8_structure.json).
RH8_TAXON = 'mcneel.pythonnet.python'  # LanguageSpec Rhino 8 writes for its Python 3
RH8_VERSION = '3.9.10'
_RH8_PARAM_ROW = 20       # canvas layout (Grasshopper lays it out again when it places the object)
_RH8_BODY_WIDTH = 30


def _rh8_param_width(params):
    longest = max([len(p['nickname']) for p in params] or [0])
    return max(12, 6 * longest + 8)


def _rh8_attributes(comp, data, inputs, outputs):
    """``Attributes`` chunks (Bounds, Pivot) for the component and its parameters."""
    rows = max(len(inputs), len(outputs), 1)
    height = _RH8_PARAM_ROW * rows + 4
    in_w, out_w = _rh8_param_width(inputs), _rh8_param_width(outputs)
    width = in_w + _RH8_BODY_WIDTH + out_w + 4
    attrs = ghio.Chunk('Attributes')
    attrs.set('Bounds', ghio.GH_RECTANGLEF, (0.0, 0.0, float(width), float(height)))
    attrs.set('Pivot', ghio.GH_POINTF, (2.0 + in_w + _RH8_BODY_WIDTH / 2.0, height / 2.0))
    comp.chunks.insert(0, attrs)
    for kind, params, x, w, grip in (('InputParam', inputs, 2.0, in_w, 1.5),
                                     ('OutputParam', outputs, width - 2.0 - out_w, out_w, 0.0)):
        row = (height - 4.0) / max(len(params), 1)
        for i in range(len(params)):
            y = 2.0 + i * row
            chunk = data.chunk(kind, i).add_chunk('Attributes')
            chunk.set('Bounds', ghio.GH_RECTANGLEF, (x, y, float(w), row))
            chunk.set('Pivot', ghio.GH_POINTF, (x + w / 2.0 + grip, y + row / 2.0))


def _rh8_param(data, kind, i, param, hint, optional, tree, access, seed):
    chunk = data.add_chunk(kind, i)
    chunk.set_bool('AllowTreeAccess', tree)
    chunk.set_string('Description', param['description'])
    chunk.set_guid('InstanceGuid', derived_guid(seed, 'input' if kind == 'InputParam'
                                                else 'output', param['nickname']))
    chunk.set_string('Name', param['name'])
    chunk.set_string('NickName', param['nickname'])
    chunk.set_bool('Optional', optional)
    chunk.set_int32('ScriptParamAccess', access)
    chunk.set_bool('ShowTypeHints', param.get('showTypeHints', True))
    chunk.set_int32('SourceCount', 0)
    chunk.set_guid('TypeHintID', _RH8_HINTS[hint])
    # What GH_Param writes only when not at its default (as in GhPython files saved by
    # Grasshopper); none of them occurs in the Rhino 8 references, which use defaults only.
    if access:
        chunk.set_int32('Access', access)
    if param.get('wireDisplay'):
        chunk.set_int32('WireDisplay', param['wireDisplay'])
    if param['reverse']:
        chunk.set_bool('ReverseData', True)
    if param['simplify']:
        chunk.set_bool('SimplifyData', True)
    _set_mapping(chunk, param)
    return chunk


def _rhino8_component(meta, code, icon, seed):
    gh = meta['ghpython']
    comp = ghio.Chunk('UserObject')
    comp.set_string('Description', meta['description'])
    comp.set_bitmap('IconOverride', icon)
    comp.set_guid('InstanceGuid', derived_guid(seed, 'component'))
    comp.set_bool('MarshalGuids', gh['marshalOutGuids'])
    comp.set_string('Name', meta['name'])
    comp.set_string('NickName', meta['nickname'])
    comp.set_string('Tooltip', u'')
    comp.set_bool('UsingLibraryInputParam', False)
    comp.set_bool('UsingScriptInputParam', False)
    comp.set_bool('UsingStandardOutputParam', False)  # no "out" param: OutputParam 0 is ours
    if gh['iconDisplay']:
        comp.set_int32('IconDisplay', gh['iconDisplay'])  # Grasshopper omits the default (0)
    data = comp.add_chunk('ParameterData')
    inputs, outputs = gh['inputParameters'], gh['outputParameters']
    data.set_int32('InputCount', len(inputs))
    for i in range(len(inputs)):
        data.set_guid('InputId', RH8_PARAM, i)
    data.set_int32('OutputCount', len(outputs))
    for i in range(len(outputs)):
        data.set_guid('OutputId', RH8_PARAM, i)
    for i, param in enumerate(inputs):
        _rh8_param(data, 'InputParam', i, param, param['typeHintID'], param['optional'],
                   param['allowTreeAccess'], param['scriptParamAccess'], seed)
    for i, param in enumerate(outputs):
        # Rhino 8 saves outputs with the same items as inputs: no hint ("none"), item access,
        # AllowTreeAccess false.
        _rh8_param(data, 'OutputParam', i, param, 'none', param['optional'], False, 0, seed)
    _rh8_attributes(comp, data, inputs, outputs)
    script = comp.add_chunk('Script')
    # Text: base64 of the UTF-8 source with CRLF line ends, as Rhino 8 saves it.
    text = code.replace(u'\r\n', u'\n').replace(u'\n', u'\r\n')
    script.set_string('Text', base64.b64encode(text.encode('utf-8')).decode('ascii'))
    script.set_string('Title', meta['nickname'])
    spec = script.add_chunk('LanguageSpec')
    spec.set_string('Taxon', RH8_TAXON)
    spec.set_string('Version', RH8_VERSION)
    return comp


def build_chunk(bundle, variant='ironpython', version=None):
    """The root ``UserObject`` chunk of a bundle (see :func:`build_userobject`)."""
    if variant not in VARIANTS:
        raise GHIOError('unknown user object variant %r (use one of %s)'
                        % (variant, ', '.join(VARIANTS)))
    meta = bundle['metadata']
    name = bundle['name']
    ghuser_name = name + '.ghuser'
    code = render(bundle['code'], version, meta['name'], ghuser_name)
    meta = dict(meta)
    meta['description'] = render(meta['description'], version, meta['name'], ghuser_name)
    seed = name if variant == 'ironpython' else variant + ':' + name
    if variant == 'ironpython':
        comp = _ironpython_component(meta, code, bundle['icon'], seed)
    else:
        comp = _rhino8_component(meta, code, bundle['icon'], seed)
    tooltip = meta['description']
    if version:
        tooltip = (tooltip + u'\n\n' if tooltip else u'') + u'bpcore ' + version
    root = ghio.Chunk('UserObject')
    root.set_guid('BaseID', GHPYTHON_COMPONENT if variant == 'ironpython' else RH8_COMPONENT)
    root.set_string('Name', meta['name'])
    root.set_string('NickName', meta['nickname'])
    root.set_string('Description', tooltip)
    root.set_int32('Exposure', meta['exposure'])
    root.set_string('Category', meta['category'])
    root.set_string('SubCategory', meta['subcategory'])
    root.set_guid('InstanceGuid', meta.get('instanceGuid') or derived_guid(seed, 'userobject'))
    root.set_bytes('Icon', bundle['icon'])
    root.set_bytes('Object', ghio.dumps(comp))
    return root


def build_userobject(bundle, variant='ironpython', version=None):
    """The bytes of a ``.ghuser`` file for a bundle.

    Parameters
    ----------
    bundle : dict
        As returned by :func:`read_bundle` (``name``, ``code``, ``icon``, ``metadata``).
    variant : {'ironpython', 'rhino8'}
    version : str, optional
        Replaces ``{{version}}`` in code and description, and is appended to the tooltip.

    Returns
    -------
    bytes
        Deterministic: the same bundle and version always give the same bytes.
    """
    return ghio.dumps(build_chunk(bundle, variant, version))


# ---------------------------------------------------------------------------------------------
# Reading a .ghuser back into a bundle
# ---------------------------------------------------------------------------------------------
def _read_param(chunk, inputs, variant):
    mapping = chunk.get('Mapping', 0)
    param = {
        'name': chunk.get('Name', u''),
        'nickname': chunk.get('NickName', u''),
        'description': chunk.get('Description', u''),
        'optional': chunk.get('Optional', inputs),
        'reverse': chunk.get('ReverseData', False),
        'simplify': chunk.get('SimplifyData', False),
        'flatten': mapping == 1,
        'graft': mapping == 2,
    }
    if inputs:
        hint = chunk.get('TypeHintID')
        hint = None if hint is None else str(hint)
        param.update({
            'allowTreeAccess': chunk.get('AllowTreeAccess', True),
            'showTypeHints': chunk.get('ShowTypeHints', True),
            'scriptParamAccess': chunk.get('ScriptParamAccess', chunk.get('Access', 0)),
            'typeHintID': _HINT_NAMES.get(hint, hint) if hint else 'ghdoc',
            'wireDisplay': chunk.get('WireDisplay', 0),
        })
    return param


_CLASS_LINE = re.compile(r'^class\s+\w+\s*\(', re.MULTILINE)
_RUNSCRIPT_LINE = re.compile(r'^[ \t]+def\s+RunScript\s*\(', re.MULTILINE)


def is_advanced_code(code):
    """True when ``code`` is SDK-mode: a top-level class with a ``RunScript`` method."""
    return bool(_CLASS_LINE.search(code) and _RUNSCRIPT_LINE.search(code))


def read_userobject(data):
    """Read a GhPython or Rhino 8 Python user object back into a bundle.

    Parameters
    ----------
    data : bytes
        The content of a ``.ghuser`` file.

    Returns
    -------
    dict
        ``{'variant', 'code', 'icon', 'metadata', 'root', 'component'}`` where ``metadata`` has
        the shape of :func:`normalize_metadata` plus ``instanceGuid``, and ``root`` /
        ``component`` are the decoded :class:`~bpcore.ghio.Chunk` trees.
    """
    root = ghio.loads(data)
    if root.name != 'UserObject':
        raise GHIOError('not a user object: root chunk is %r' % root.name)
    base = root.get('BaseID')
    if base == GHPYTHON_COMPONENT:
        variant = 'ironpython'
    elif base == RH8_COMPONENT:
        variant = 'rhino8'
    else:
        raise GHIOError('user object of component %s is not a Python script component' % base)
    obj = root.get('Object')
    if not isinstance(obj, bytes):
        raise GHIOError("user object has no 'Object' byte array")
    comp = ghio.loads(obj)
    if variant == 'ironpython':
        code = comp.get('CodeInput', u'')
        marshal = comp.get('MarshalOutGuids', True)
    else:
        script = comp.chunk('Script')
        text = script.get('Text', u'') if script is not None else u''
        code = base64.b64decode(text.encode('ascii')).decode('utf-8').replace(u'\r\n', u'\n')
        marshal = comp.get('MarshalGuids', True)
    params = comp.chunk('ParameterData') or ghio.Chunk('ParameterData')
    inputs = [_read_param(params.chunk('InputParam', i), True, variant)
              for i in range(params.get('InputCount', 0))]
    outputs = [_read_param(params.chunk('OutputParam', i), False, variant)
               for i in range(params.get('OutputCount', 0))]
    metadata = {
        'name': comp.get('Name', root.get('Name', u'')),
        'nickname': comp.get('NickName', root.get('NickName', u'')),
        'category': root.get('Category', u''),
        'subcategory': root.get('SubCategory', u''),
        'description': comp.get('Description', u''),
        'exposure': root.get('Exposure', 2),
        'instanceGuid': str(root.get('InstanceGuid')),
        'ghpython': {
            # The Rhino 8 component stores no mode: it tells from the code itself, as we do.
            'isAdvancedMode': (comp.get('IsAdvancedMode', False) if variant == 'ironpython'
                               else is_advanced_code(code)),
            # Grasshopper omits IconDisplay when it is 0 (application default); the GhPython
            # variant keeps "absent" (None) apart from 0, as COMPAS' files do.
            'iconDisplay': comp.get('IconDisplay', None if variant == 'ironpython' else 0),
            'marshalOutGuids': marshal,
            'inputParameters': inputs,
            'outputParameters': outputs,
        },
    }
    return {'variant': variant, 'code': code, 'icon': root.get('Icon'), 'metadata': metadata,
            'root': root, 'component': comp}


# ---------------------------------------------------------------------------------------------
# gh_components/ -> userobjects/
# ---------------------------------------------------------------------------------------------
def discover_bundles(source):
    """Sorted folder names under ``source`` holding any bundle file (others are ignored)."""
    if not os.path.isdir(source):
        return []
    names = []
    for name in sorted(os.listdir(source)):
        path = os.path.join(source, name)
        if name.startswith('.') or name == '__pycache__' or not os.path.isdir(path):
            continue
        if any(os.path.exists(os.path.join(path, f))
               for f in ('code.py', 'metadata.json', 'icon.png')):
            names.append(name)
    return names


def expected_files(source, version=None):
    """``{relative path under userobjects/: bytes}`` for every bundle and variant."""
    files = {}
    for name in discover_bundles(source):
        bundle = read_bundle(os.path.join(source, name))
        for variant in VARIANTS:
            rel = os.path.join(VARIANT_FOLDERS[variant], name + '.ghuser')
            files[rel] = build_userobject(bundle, variant, version)
    return files


def existing_files(target):
    """Relative paths of the ``.ghuser`` files in ``target`` and its variant folders."""
    found = []
    for variant in VARIANTS:
        folder = os.path.join(target, VARIANT_FOLDERS[variant])
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith('.ghuser') and os.path.isfile(os.path.join(folder, name)):
                    found.append(os.path.join(VARIANT_FOLDERS[variant], name))
    return found


def _write_atomic(path, data):
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as handle:
        handle.write(data)
    if os.path.exists(path):
        os.remove(path)  # os.rename does not overwrite on Windows (and os.replace is py3)
    os.rename(tmp, path)


def check_all(source, target, version=None):
    """Out-of-date files: ``(missing, changed, stale)`` lists of relative paths."""
    expected = expected_files(source, version)
    present = existing_files(target)
    missing, changed = [], []
    for rel in sorted(expected):
        path = os.path.join(target, rel)
        if not os.path.isfile(path):
            missing.append(rel)
            continue
        with open(path, 'rb') as handle:
            if handle.read() != expected[rel]:
                changed.append(rel)
    stale = [rel for rel in present if rel not in expected]
    return missing, changed, stale


def build_all(source, target, version=None):
    """Write every user object, remove stale ``.ghuser`` files; return ``(written, removed)``.

    Every bundle is read and built before anything is written, so a bad bundle leaves
    ``target`` untouched.
    """
    expected = expected_files(source, version)
    written = []
    for rel in sorted(expected):
        path = os.path.join(target, rel)
        if os.path.isfile(path):
            with open(path, 'rb') as handle:
                if handle.read() == expected[rel]:
                    continue
        _write_atomic(path, expected[rel])
        written.append(rel)
    removed = []
    for rel in existing_files(target):
        if rel not in expected:
            os.remove(os.path.join(target, rel))
            removed.append(rel)
    return written, removed


def main(argv=None):
    """``python -m bpcore.ghuser [--check] [--source DIR] [--target DIR] [--version V]``."""
    root = repo_root()
    parser = argparse.ArgumentParser(
        prog='python -m bpcore.ghuser',
        description='Build Grasshopper user objects (.ghuser) from gh_components/ bundles.')
    parser.add_argument('--source', default=os.path.join(root, 'gh_components'))
    parser.add_argument('--target', default=os.path.join(root, 'userobjects'))
    parser.add_argument('--version', default=None,
                        help='version to stamp (default: __version__ of bpcore/version.py)')
    parser.add_argument('--check', action='store_true',
                        help='write nothing; exit 1 listing out-of-date files')
    args = parser.parse_args(argv)
    version = args.version or read_version()
    try:
        if args.check:
            missing, changed, stale = check_all(args.source, args.target, version)
            for label, paths in (('missing', missing), ('out of date', changed),
                                 ('stale (no bundle)', stale)):
                for rel in paths:
                    print('%s: %s' % (label, os.path.join(args.target, rel)))
            if missing or changed or stale:
                print('userobjects/ is out of date: run python -m bpcore.ghuser')
                return 1
            print('userobjects/ is up to date (%d bundles, version %s)'
                  % (len(discover_bundles(args.source)), version))
            return 0
        written, removed = build_all(args.source, args.target, version)
    except GHIOError as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 2
    for rel in written:
        print('wrote %s' % os.path.join(args.target, rel))
    for rel in removed:
        print('removed %s' % os.path.join(args.target, rel))
    print('%d written, %d removed, version %s' % (len(written), len(removed), version))
    return 0


if __name__ == '__main__':
    sys.exit(main())
