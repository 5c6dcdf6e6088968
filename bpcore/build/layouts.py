"""The two GH_IO layouts of a Python script component inside a ``.ghuser`` file.

* ``'ironpython'``: the GhPython "Python Script" component (IronPython 2.7; Rhino 6, 7 and 8),
  laid out exactly like the user objects COMPAS ships (``compas_ghpython/components/ghuser``).
* ``'rhino8'``: the Rhino 8 script component running Python 3, laid out item for item as
  Rhino 8 itself saves it (checked against Rhino-8-saved files, see docs/userobjects.md).

:func:`component_chunk` gives the component's chunk (what a ``.ghuser`` stores, deflated, in
its root's ``Object`` item) from normalized metadata (:mod:`bpcore.build.metadata`), the
script and the icon. Every GUID is a ``uuid5`` of a seed (:func:`derived_guid`), so rebuilds
are byte-identical.
"""
from __future__ import absolute_import, division, print_function

import base64
import uuid

from bpcore.build import ghio
from bpcore.build.metadata import HINTS
from bpcore.errors import GHIOError

__all__ = ['component_chunk', 'derived_guid', 'ghpython_parameter_data', 'COMPONENT_IDS', 'NAMESPACE',
           'GHPYTHON_COMPONENT', 'GHPYTHON_INPUT', 'GHPYTHON_OUTPUT', 'RH8_COMPONENT',
           'RH8_PARAM', 'RH8_TAXON', 'RH8_VERSION']

# -- GUIDs -----------------------------------------------------------------------------------
GHPYTHON_COMPONENT = uuid.UUID('410755b1-224a-4c1e-a407-bf32fb45ea7e')  # GhPython (IronPython)
GHPYTHON_INPUT = uuid.UUID('84fa917c-1ed8-4db3-8be1-7bdc4a6495a2')      # Param_ScriptVariable
GHPYTHON_OUTPUT = uuid.UUID('8ec86459-bf01-4409-baee-174d0d2b13d0')     # Param_GenericObject
RH8_COMPONENT = uuid.UUID('c9b2d725-6f87-4b07-af90-bd9aefef68eb')       # Rhino 8 Python 3
RH8_PARAM = uuid.UUID('08908df5-fa14-4982-9ab2-1aa0927566aa')           # Rhino 8 script param

# Fixed namespace of every GUID bpcore derives (never change it: it would churn all files).
NAMESPACE = uuid.UUID('6f1f3a52-8a8e-5c1e-9d4b-62706f726521')

COMPONENT_IDS = {'ironpython': GHPYTHON_COMPONENT, 'rhino8': RH8_COMPONENT}  # root BaseID


def derived_guid(*parts):
    """Deterministic GUID: ``uuid5(NAMESPACE, '/'.join(parts))``."""
    return uuid.uuid5(NAMESPACE, str('/'.join(parts)))



def ghpython_parameter_data(comp, n_inputs, n_outputs):
    """The GhPython component's ``ParameterData`` chunk with its input and output type ids
    (every input a Param_ScriptVariable, every output a Param_GenericObject); returns it, for
    the ``InputParam``/``OutputParam`` chunks to go into."""
    data = comp.add_chunk('ParameterData')
    data.set_int32('InputCount', n_inputs)
    for i in range(n_inputs):
        data.set_guid('InputId', GHPYTHON_INPUT, i)
    data.set_int32('OutputCount', n_outputs)
    for i in range(n_outputs):
        data.set_guid('OutputId', GHPYTHON_OUTPUT, i)
    return data


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
    inputs, outputs = gh['inputParameters'], gh['outputParameters']
    data = ghpython_parameter_data(comp, len(inputs), len(outputs))
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
        chunk.set_guid('TypeHintID', HINTS['ironpython'][param['typeHintID']])
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
    chunk.set_guid('TypeHintID', HINTS['rhino8'][hint])
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


def component_chunk(variant, meta, code, icon, seed):
    """The component chunk of a variant: ``meta`` normalized, ``code`` rendered, PNG ``icon``."""
    if variant == 'ironpython':
        return _ironpython_component(meta, code, icon, seed)
    if variant == 'rhino8':
        return _rhino8_component(meta, code, icon, seed)
    raise GHIOError('unknown user object variant %r (use one of %s)'
                    % (variant, ', '.join(sorted(COMPONENT_IDS))))
