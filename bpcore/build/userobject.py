"""One ``.ghuser`` file: built from a bundle (:func:`build_userobject`) and read back.

A ``.ghuser`` is a GH_IO archive (:mod:`bpcore.build.ghio`) whose root ``UserObject`` chunk
holds the ribbon entry (name, category, tooltip, icon, the component's ``BaseID``) and, in its
``Object`` item, the deflated component chunk (:mod:`bpcore.build.layouts`).
:func:`read_userobject` goes the other way (code, icon and normalized metadata out of a file).

The version replaces ``{{version}}`` in the code and the description (as COMPAS does) and is
appended to the ribbon tooltip (root ``Description``).
"""
from __future__ import absolute_import, division, print_function

import base64
import re

from bpcore.build import ghio, locate
from bpcore.build.layouts import (COMPONENT_IDS, GHPYTHON_COMPONENT, RH8_COMPONENT,
                                  component_chunk, derived_guid)
from bpcore.build.metadata import HINT_NAMES
from bpcore.build.paths import VARIANTS
from bpcore.errors import GHIOError

__all__ = ['render', 'build_chunk', 'build_userobject', 'read_userobject', 'is_advanced_code']


def render(text, version, name, ghuser_name):
    """Replace COMPAS' template variables ``{{version}}``, ``{{name}}``, ``{{ghuser_name}}``."""
    if version:
        text = text.replace(u'{{version}}', version)
    return text.replace(u'{{name}}', name).replace(u'{{ghuser_name}}', ghuser_name)


def build_chunk(bundle, variant='ironpython', version=None):
    """The root ``UserObject`` chunk of a bundle (see :func:`build_userobject`)."""
    if variant not in VARIANTS:
        raise GHIOError('unknown user object variant %r (use one of %s)'
                        % (variant, ', '.join(VARIANTS)))
    meta = bundle['metadata']
    name = bundle['name']
    ghuser_name = name + '.ghuser'
    # every component's code starts by finding bpcore itself (bpcore/build/locate_snippet.txt)
    code = locate.inject(render(bundle['code'], version, meta['name'], ghuser_name))
    meta = dict(meta)
    meta['description'] = render(meta['description'], version, meta['name'], ghuser_name)
    seed = name if variant == 'ironpython' else variant + ':' + name
    comp = component_chunk(variant, meta, code, bundle['icon'], seed)
    tooltip = meta['description']
    if version:
        tooltip = (tooltip + u'\n\n' if tooltip else u'') + u'bpcore ' + version
    root = ghio.Chunk('UserObject')
    root.set_guid('BaseID', COMPONENT_IDS[variant])
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
        As returned by :func:`~bpcore.build.bundle.read_bundle` (``name``, ``code``,
        ``icon``, ``metadata``).
    variant : {'ironpython', 'rhino8'}
    version : str, optional
        Replaces ``{{version}}`` in code and description, and is appended to the tooltip.

    Returns
    -------
    bytes
        Deterministic: the same bundle and version always give the same bytes.
    """
    return ghio.dumps(build_chunk(bundle, variant, version))


_TEXT = type(u'')
_INTS = (int, type(2 ** 64))


def _typed(chunk, name, kinds, default, where):
    """Item ``name`` of ``chunk`` (``default`` when absent); a GHIOError naming ``where`` and
    the item when it has another type than ``kinds`` (a damaged or foreign file)."""
    value = chunk.get(name, default)
    if value is not default and (not isinstance(value, kinds) or
                                 (bool not in kinds and isinstance(value, bool))):
        raise GHIOError('%s: item %s is a %s, expected %s'
                        % (where, name, type(value).__name__,
                           ' or '.join(k.__name__ for k in kinds)))
    return value


def _read_param(chunk, inputs, variant, where='ParameterData'):
    if chunk is None:
        raise GHIOError('%s is missing' % where)
    for name in ('Name', 'NickName', 'Description'):
        _typed(chunk, name, (_TEXT,), u'', where)
    for name in ('Optional', 'ReverseData', 'SimplifyData', 'AllowTreeAccess', 'ShowTypeHints'):
        _typed(chunk, name, (bool,), False, where)
    for name in ('Mapping', 'ScriptParamAccess', 'Access', 'WireDisplay'):
        _typed(chunk, name, _INTS, 0, where)
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
            'typeHintID': HINT_NAMES.get(hint, hint) if hint else 'ghdoc',
            'wireDisplay': chunk.get('WireDisplay', 0),
        })
    return param


_CLASS_LINE = re.compile(r'^class\s+\w+\s*\(', re.MULTILINE)
_RUNSCRIPT_LINE = re.compile(r'^[ \t]+def\s+RunScript\s*\(', re.MULTILINE)


def is_advanced_code(code):
    """True when ``code`` is SDK-mode: a top-level class with a ``RunScript`` method."""
    return bool(_CLASS_LINE.search(code) and _RUNSCRIPT_LINE.search(code))


def read_userobject(data):
    """Read a GhPython or Rhino 8 Python user object back into a bundle (see
    :func:`_read_userobject`); a damaged file raises :class:`~bpcore.errors.GHIOError` naming
    what is wrong and where, never another exception."""
    if not isinstance(data, (bytes, bytearray)):
        raise GHIOError('read_userobject needs the bytes of a .ghuser file, got %s'
                        % type(data).__name__)
    where = ['the archive']
    try:
        return _read_userobject(bytes(data), where)
    except GHIOError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, UnicodeError,
            OverflowError, RuntimeError) as exc:   # binascii.Error is a ValueError
        raise GHIOError('not a readable user object: %s: %s: %s'
                        % (where[0], type(exc).__name__, exc))


def _read_userobject(data, where):
    """Read a GhPython or Rhino 8 Python user object back into a bundle.

    Parameters
    ----------
    data : bytes
        The content of a ``.ghuser`` file.

    Returns
    -------
    dict
        ``{'variant', 'code', 'icon', 'metadata', 'root', 'component'}`` where ``metadata`` has
        the shape of :func:`~bpcore.build.metadata.normalize_metadata` plus ``instanceGuid``,
        and ``root`` / ``component`` are the decoded :class:`~bpcore.build.ghio.Chunk` trees.
    """
    root = ghio.loads(data)
    where[0] = 'the UserObject chunk'
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
    where[0] = "the component archive ('Object')"
    comp = ghio.loads(obj)
    if variant == 'ironpython':
        code = _typed(comp, 'CodeInput', (_TEXT,), u'', 'the component')
        marshal = _typed(comp, 'MarshalOutGuids', (bool,), True, 'the component')
    else:
        where[0] = 'the Script chunk'
        script = comp.chunk('Script')
        text = _typed(script, 'Text', (_TEXT,), u'', 'Script') if script is not None else u''
        code = base64.b64decode(text.encode('ascii')).decode('utf-8').replace(u'\r\n', u'\n')
        marshal = _typed(comp, 'MarshalGuids', (bool,), True, 'the component')
    code = locate.strip(code)    # the locator the builder put in is not the bundle's code
    where[0] = 'ParameterData'
    params = comp.chunk('ParameterData') or ghio.Chunk('ParameterData')
    counts = [_typed(params, key, _INTS, 0, 'ParameterData')
              for key in ('InputCount', 'OutputCount')]
    if not all(0 <= c <= 1000 for c in counts):
        raise GHIOError('ParameterData: %d inputs and %d outputs is not a component' % tuple(counts))
    inputs = [_read_param(params.chunk('InputParam', i), True, variant, 'InputParam %d' % i)
              for i in range(counts[0])]
    outputs = [_read_param(params.chunk('OutputParam', i), False, variant, 'OutputParam %d' % i)
               for i in range(counts[1])]
    where[0] = 'the component metadata'
    for chunk, names in ((comp, ('Name', 'NickName', 'Description')),
                         (root, ('Name', 'NickName', 'Category', 'SubCategory'))):
        for name in names:
            _typed(chunk, name, (_TEXT,), u'', chunk.name)
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
