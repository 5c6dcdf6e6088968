"""The metadata schema of a component bundle (``metadata.json``), validated and normalized.

``metadata.json`` follows the COMPAS componentizer schema::

    {"name", "nickname", "category", "subcategory", "description", "exposure", "instanceGuid",
     "ghpython": {"isAdvancedMode", "iconDisplay", "marshalOutGuids", "hideInput", "hideOutput",
                  "inputParameters": [...], "outputParameters": [...]}}

:func:`normalize_metadata` checks it and fills in every default, so the result is fully
explicit (type hints as names, access and wire display as ints). :data:`HINTS` maps a type hint
name to its GUID in each script component (GhPython and Rhino 8 use different GUIDs for a few).
"""
from __future__ import absolute_import, division, print_function

import re
import uuid

from bpcore.errors import TEXT_TYPES, GHIOError

__all__ = ['normalize_metadata', 'HINTS', 'HINT_NAMES', 'EXPOSURES', 'ACCESS', 'WIRE_DISPLAY',
           'ICON_DISPLAY']

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
HINT_NAMES = {}  # GUID -> hint name, for both components
for _map in (_RH8_HINTS, _IPY_HINTS):
    for _name, _guid in _map.items():
        HINT_NAMES[_guid] = _name


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


def fail(component, message):
    """Raise the GHIOError every bundle and metadata check raises: names the component."""
    raise GHIOError('component %r: %s' % (component, message))


def _text(value, component, key, required=False):
    if value is None and not required:
        return u''
    if not isinstance(value, TEXT_TYPES) or (required and not value.strip()):
        fail(component, 'metadata key %r must be a %sstring, got %r'
              % (key, 'non-empty ' if required else '', value))
    return value


def _flag(value, default, component, key):
    if value is None:
        return default
    if not isinstance(value, bool):
        fail(component, 'metadata key %r must be true or false, got %r' % (key, value))
    return value


def _choice(value, default, names, valid, component, key):
    if value is None:
        return default
    if isinstance(value, TEXT_TYPES) and value in names:
        return names[value]
    if isinstance(value, bool) or value not in valid:
        fail(component, 'metadata key %r must be one of %s, got %r'
              % (key, sorted(names) + sorted(valid), value))
    return value


def _unknown_keys(data, allowed, component, where):
    if not isinstance(data, dict):
        fail(component, '%s must be a JSON object, got %r' % (where, data))
    extra = sorted(key for key in data if key not in allowed)
    if extra:
        fail(component, 'unknown metadata key %r in %s (allowed: %s)'
              % (extra[0], where, ', '.join(allowed)))


def _hint_name(value, component, key):
    if value is None or value == '':
        return 'ghdoc'
    if not isinstance(value, TEXT_TYPES):
        fail(component, 'metadata key %r must be a type hint name or GUID, got %r'
              % (key, value))
    if value in _IPY_HINTS:
        return value
    if value.lower() in HINT_NAMES:
        return HINT_NAMES[value.lower()]
    fail(component, 'metadata key %r: unknown type hint %r (use one of %s)'
          % (key, value, ', '.join(sorted(_IPY_HINTS))))


def _param(data, index, inputs, component):
    kind = 'inputParameters' if inputs else 'outputParameters'
    where = 'ghpython.%s[%d]' % (kind, index)
    _unknown_keys(data, _INPUT_KEYS if inputs else _OUTPUT_KEYS, component, where)
    name = _text(data.get('name'), component, where + '.name', required=True)
    nickname = data.get('nickname') or name
    nickname = _text(nickname, component, where + '.nickname', required=True)
    if not _IDENTIFIER.match(nickname):
        fail(component, 'metadata key %r: %r is not a Python identifier (GhPython binds '
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
        fail(component, 'metadata keys %s.flatten and .graft are both true' % where)
    count = data.get('sourceCount', 0)
    if count != 0 or isinstance(count, bool):
        fail(component, 'metadata key %r must be 0 (a user object has no wires), got %r'
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
            fail(component, 'metadata key %r is not a GUID: %r'
                  % ('instanceGuid', metadata['instanceGuid']))
    gh = metadata.get('ghpython')
    if gh is None:
        fail(component, "missing metadata key 'ghpython'")
    _unknown_keys(gh, _GHPYTHON_KEYS, component, 'ghpython')
    for key in ('hideInput', 'hideOutput'):
        if _flag(gh.get(key), True, component, 'ghpython.' + key) is not True:
            fail(component, 'metadata key %r: only true is supported (code lives in the '
                  'component; no standard "out" output)' % ('ghpython.' + key))
    marshal = _flag(gh.get('marshalOutGuids'), None, component, 'ghpython.marshalOutGuids')
    alias = _flag(gh.get('marshalGuids'), None, component, 'ghpython.marshalGuids')
    if marshal is not None and alias is not None and marshal != alias:
        fail(component, 'metadata keys ghpython.marshalGuids and ghpython.marshalOutGuids '
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
            fail(component, 'metadata key %r must be a list' % ('ghpython.' + key))
        params = [_param(p, i, inputs, component) for i, p in enumerate(params)]
        result['ghpython'][key] = params
    seen = set()
    for param in result['ghpython']['inputParameters'] + result['ghpython']['outputParameters']:
        if param['nickname'] in seen:
            fail(component, 'parameter nickname %r is used twice' % param['nickname'])
        seen.add(param['nickname'])
    return result
