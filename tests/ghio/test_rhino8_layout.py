"""The Rhino 8 (Python 3) user objects against the layout Rhino 8 itself writes.

``fixtures/rhino8_structure.json`` holds facts (chunk path, item name, type code, in stored
order) taken from a Rhino-8-saved user object (compas-dev/compas-actions.ghpython_components,
``assets/deserialized_exo/deserialized_TestUserObjectCpy.xml`` at dd0d630; see its ``source``).
"""
from __future__ import absolute_import, division, print_function

import base64
import collections
import glob
import io
import json
import os
import sys

import pytest

from bpcore.build import ghio, locate
from bpcore.build.bundle import discover_bundles, read_bundle
from bpcore.build.metadata import HINTS, normalize_metadata
from bpcore.build.paths import repo_root
from bpcore.build.userobject import build_userobject, read_userobject, render

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'core'))
from _ghio_testkit import CODE, make_bundle, metadata  # noqa: E402

with io.open(os.path.join(HERE, 'fixtures', 'rhino8_structure.json'), encoding='utf-8') as _f:
    FIXTURE = json.load(_f)

SHIPPED = sorted(glob.glob(os.path.join(repo_root(), 'userobjects', 'rhino8', '*.ghuser')))
COMPONENT = 'UserObject/Object'
STANDARD_OUT = 'OutputParam(standard out)'


def pairs(section):
    return dict((path, [tuple(p) for p in value]) for path, value in FIXTURE[section].items()
                if path != 'note')


OPTIONAL = pairs('written_only_when_set')
OMITTED = pairs('not_written_by_bpcore')


def expected_items():
    """``{chunk path: [(item name, type code), ...]}`` that bpcore must write, in order."""
    result = collections.OrderedDict()
    for path, name, code in FIXTURE['facts']:
        if (name, code) not in OMITTED.get(path, []):
            result.setdefault(path, []).append((name, code))
    return result


def layout(chunk, path, items, order):
    """Collect our archive the way the fixture is written (indices dropped)."""
    found = []
    items.setdefault(path, []).append(found)  # one list per chunk (InputParam:0, :1, ...)
    for it in chunk.items:  # stored order, as decoded
        key = (it.name + ('[]' if it.index >= 0 else ''), it.type)
        if not found or found[-1] != key:
            found.append(key)
    order.setdefault(path, []).append([child.name for child in chunk.chunks])
    for child in chunk.chunks:
        layout(child, path + '/' + child.name, items, order)


def decode(data):
    root = ghio.loads(data)
    items, order = collections.OrderedDict(), collections.OrderedDict()
    layout(root, 'UserObject', items, order)
    comp = ghio.loads(root.get('Object'))
    layout(comp, COMPONENT, items, order)
    return root, comp, items, order


def check_layout(data):
    root, comp, items, order = decode(data)
    want = expected_items()
    for path, chunks in items.items():
        assert path in want, 'chunk %s is not in the Rhino 8 layout' % path
        optional = dict(OPTIONAL.get(path, []))
        for got in chunks:
            for name, code in got:
                if name in optional:
                    assert code == optional[name], (path, name)
            core = [(name, code) for name, code in got if name not in optional]
            assert core == want[path], path
    for path in want:
        if STANDARD_OUT in path:
            continue
        if '/InputParam' in path and not comp.chunk('ParameterData').get('InputCount'):
            continue
        if '/OutputParam' in path and not comp.chunk('ParameterData').get('OutputCount'):
            continue
        assert path in items, 'missing chunk %s' % path
    ref_order = FIXTURE['chunk_order']
    assert order[COMPONENT] == [ref_order[COMPONENT]]
    assert order[COMPONENT + '/Script'] == [ref_order[COMPONENT + '/Script']]
    kinds = [name for name in ref_order[COMPONENT + '/ParameterData'] if name != STANDARD_OUT]
    params = order[COMPONENT + '/ParameterData'][0]
    assert params == sorted(params, key=kinds.index)  # inputs, then outputs
    for kind in ('InputParam', 'OutputParam'):
        for children in order.get(COMPONENT + '/ParameterData/' + kind, []):
            assert children == ref_order[COMPONENT + '/ParameterData/' + kind]  # Attributes
    return root, comp


def check_values(root, comp, code):
    values = FIXTURE['values']
    assert str(root.get('BaseID')) == values['UserObject/BaseID']
    data = comp.chunk('ParameterData')
    for i in range(data.get('InputCount')):
        assert str(data.get('InputId', index=i)) == values[COMPONENT + '/ParameterData/InputId[]']
        param = data.chunk('InputParam', i)
        if param.has('Access'):
            assert param.get('Access') == param.get('ScriptParamAccess') != 0
    for i in range(data.get('OutputCount')):
        want = values[COMPONENT + '/ParameterData/OutputId[]']
        assert str(data.get('OutputId', index=i)) == want
        param = data.chunk('OutputParam', i)
        assert param.get('AllowTreeAccess') is False and param.get('ScriptParamAccess') == 0
        assert str(param.get('TypeHintID')) == FIXTURE['type_hints']['none']
    assert comp.get('UsingStandardOutputParam') is False
    assert comp.get('Tooltip') == values[COMPONENT + '/Tooltip']
    script = comp.chunk('Script')
    assert script.get('Title') == comp.get('NickName')
    spec = script.chunk('LanguageSpec')
    assert spec.get('Taxon') == values[COMPONENT + '/Script/LanguageSpec/Taxon']
    assert spec.get('Version') == values[COMPONENT + '/Script/LanguageSpec/Version']
    text = base64.b64decode(script.get('Text').encode('ascii')).decode('utf-8')
    # UTF-8, CRLF, as Rhino 8 saves it; the builder puts the bpcore locator after __future__
    assert text == locate.inject(code).replace(u'\n', u'\r\n')


def test_fixture_names_its_source():
    source = FIXTURE['source']
    assert source['repo'] == 'compas-dev/compas-actions.ghpython_components'
    assert source['commit'] == 'dd0d6300ab944095ab058e41f439ef2b668d0a63'
    assert len(FIXTURE['facts']) > 50


def test_type_hints_match_rhino8():
    for name, guid in FIXTURE['type_hints'].items():
        assert HINTS['rhino8'][name] == guid


def test_testkit_bundle_has_the_rhino8_layout(tmpdir):
    bundle = read_bundle(make_bundle(tmpdir))
    data = build_userobject(bundle, 'rhino8', '1.2.3')
    root, comp = check_layout(data)
    code = render(bundle['code'], '1.2.3', bundle['metadata']['name'], 'AddNumbers.ghuser')
    check_values(root, comp, code)
    second = comp.chunk('ParameterData').chunk('InputParam', 1)  # list access, flatten
    assert second.get('ScriptParamAccess') == 1 and second.get('Mapping') == 1
    assert comp.get('IconDisplay') == 1  # non-default, so written


def test_tree_access_and_flags_round_trip(tmpdir):
    meta = metadata()
    meta['ghpython']['iconDisplay'] = 2
    meta['ghpython']['inputParameters'][0].update(
        {'scriptParamAccess': 'tree', 'graft': True, 'reverse': True, 'simplify': True,
         'wireDisplay': 'faint', 'typeHintID': 'none', 'optional': False})
    meta['ghpython']['outputParameters'][0].update({'reverse': True, 'flatten': True})
    bundle = read_bundle(make_bundle(tmpdir, meta=meta))
    data = build_userobject(bundle, 'rhino8')
    root, comp = check_layout(data)
    check_values(root, comp, CODE)
    first = comp.chunk('ParameterData').chunk('InputParam', 0)
    assert first.get('Access') == first.get('ScriptParamAccess') == 2
    back = read_userobject(data)
    got = back['metadata']
    want = normalize_metadata(meta)
    assert got['ghpython']['isAdvancedMode'] is True  # read from the code, as Rhino 8 does
    del got['instanceGuid']
    assert got == want
    assert back['code'] == CODE


def test_plain_script_reads_back_as_script_mode(tmpdir):
    meta = metadata()
    meta['ghpython']['isAdvancedMode'] = False
    code = u'"""Adds."""\nresult = a + b\n'
    bundle = read_bundle(make_bundle(tmpdir, meta=meta, code=code))
    back = read_userobject(build_userobject(bundle, 'rhino8'))
    assert back['metadata']['ghpython']['isAdvancedMode'] is False
    assert back['code'] == code


def test_shipped_userobjects_are_there():
    assert len(SHIPPED) == len(discover_bundles(os.path.join(repo_root(),
                                                                    'gh_components')))


@pytest.mark.parametrize('path', SHIPPED, ids=os.path.basename)
def test_shipped_rhino8_userobjects_have_the_rhino8_layout(path):
    with open(path, 'rb') as handle:
        data = handle.read()
    root, comp = check_layout(data)
    back = read_userobject(data)
    check_values(root, comp, back['code'])
    name = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.join(repo_root(), 'gh_components', name)
    bundle = read_bundle(folder)
    meta = bundle['metadata']
    got = back['metadata']['ghpython']
    assert got['isAdvancedMode'] == meta['ghpython']['isAdvancedMode']
    for side in ('inputParameters', 'outputParameters'):
        assert [(p['name'], p['nickname']) for p in got[side]] == \
            [(p['name'], p['nickname']) for p in meta['ghpython'][side]]
    assert [p['scriptParamAccess'] for p in got['inputParameters']] == \
        [p['scriptParamAccess'] for p in meta['ghpython']['inputParameters']]
    assert [p['typeHintID'] for p in got['inputParameters']] == \
        [p['typeHintID'] for p in meta['ghpython']['inputParameters']]
