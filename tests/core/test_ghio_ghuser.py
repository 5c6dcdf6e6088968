"""Bundles -> .ghuser user objects -> bundles (stdlib only)."""
from __future__ import absolute_import, division, print_function

import json
import os

import pytest

from _ghio_testkit import CODE, make_bundle, metadata, png
from bpcore.build import ghio, ghuser
from bpcore.build.bundle import read_bundle
from bpcore.build.layouts import GHPYTHON_COMPONENT, RH8_COMPONENT
from bpcore.build.metadata import normalize_metadata
from bpcore.build.paths import VARIANTS, read_version
from bpcore.build.userobject import build_userobject, read_userobject
from bpcore.errors import GHIOError


def test_build_reads_back_to_the_bundle(tmpdir):
    bundle = read_bundle(make_bundle(tmpdir))
    for variant in VARIANTS:
        data = build_userobject(bundle, variant)
        back = read_userobject(data)
        assert back['variant'] == variant
        assert back['code'] == CODE
        assert back['icon'] == png()
        meta = dict(back['metadata'])
        del meta['instanceGuid']
        expected = normalize_metadata(metadata())
        assert meta == expected  # Rhino 8 stores no mode: read_userobject reads it from the code


def test_ironpython_layout_matches_compas(tmpdir):
    bundle = read_bundle(make_bundle(tmpdir))
    root = ghio.loads(build_userobject(bundle, 'ironpython'))
    assert [it.name for it in root.items] == [
        'BaseID', 'Category', 'Description', 'Exposure', 'Icon', 'InstanceGuid', 'Name',
        'NickName', 'Object', 'SubCategory']
    assert root.get('BaseID') == GHPYTHON_COMPONENT
    comp = ghio.loads(root.get('Object'))
    assert comp.get('IsAdvancedMode') is True and comp.get('HideInput') is True
    assert comp.get('IconOverride') == png()  # iconDisplay 1: the icon on the canvas
    params = comp.chunk('ParameterData')
    assert params.get('InputCount') == 2 and params.get('OutputCount') == 1
    second = params.chunk('InputParam', 1)
    assert second.get('ScriptParamAccess') == 1 and second.get('Mapping') == 1
    assert str(second.get('TypeHintID')) == '39fbc626-7a01-46ab-a18e-ec1c0c41685b'


def test_rhino8_layout_matches_rhino8(tmpdir):  # in full: tests/ghio/test_rhino8_layout.py
    bundle = read_bundle(make_bundle(tmpdir))
    root = ghio.loads(build_userobject(bundle, 'rhino8'))
    assert root.get('BaseID') == RH8_COMPONENT and not root.has('ToolTip')
    comp = ghio.loads(root.get('Object'))
    spec = comp.chunk('Script').chunk('LanguageSpec')
    assert spec.get('Taxon') == 'mcneel.pythonnet.python' and spec.get('Version') == '3.9.10'
    assert comp.get('Tooltip') == '' and comp.has('InstanceGuid')
    assert [c.name for c in comp.chunks] == ['Attributes', 'ParameterData', 'Script']
    hint = comp.chunk('ParameterData').chunk('InputParam', 0).get('TypeHintID')
    assert str(hint) == '9d51e32e-c038-4352-9554-f4137ca91b9a'


def test_rebuild_is_byte_identical_and_guids_are_derived(tmpdir):
    first = build_userobject(read_bundle(make_bundle(tmpdir)), 'ironpython', '1.2.3')
    again = build_userobject(read_bundle(make_bundle(tmpdir)), 'ironpython', '1.2.3')
    assert first == again
    other = read_bundle(make_bundle(tmpdir, name='Other'))
    a = read_userobject(first)['metadata']['instanceGuid']
    b = read_userobject(build_userobject(other))['metadata']['instanceGuid']
    c = read_userobject(build_userobject(other, 'rhino8'))['metadata']['instanceGuid']
    assert len(set([a, b, c])) == 3


def test_version_is_stamped(tmpdir):
    bundle = read_bundle(make_bundle(tmpdir))
    back = read_userobject(build_userobject(bundle, 'ironpython', '1.2.3'))
    assert back['code'] == CODE.replace('{{version}}', '1.2.3')
    assert back['root'].get('Description').endswith('bpcore 1.2.3')
    assert back['metadata']['description'] == 'Adds a and b.'


def test_crlf_code_is_normalized(tmpdir):
    bundle = read_bundle(make_bundle(tmpdir, code=CODE.replace('\n', '\r\n')))
    assert bundle['code'] == CODE


@pytest.mark.parametrize('change, words', [
    ({'colour': 'red'}, ["'colour'"]),
    ({'name': ''}, ["'name'"]),
    ({'exposure': 3}, ["'exposure'"]),
    ({'ghpython': {'inputParameters': [{'name': 'two words'}]}}, ['nickname', 'identifier']),
    ({'ghpython': {'inputParameters': [{'name': 'a', 'typeHintID': 'banana'}]}}, ['banana']),
    ({'ghpython': {'inputParameters': [{'name': 'a', 'scriptParamAccess': 5}]}},
     ['scriptParamAccess']),
    ({'ghpython': {'inputParameters': [{'name': 'a'}, {'name': 'a'}]}}, ['twice']),
    ({'ghpython': {'outputParameters': [{'name': 'x', 'typo': 1}]}}, ["'typo'"]),
    ({'ghpython': {'hideOutput': False}}, ['hideOutput']),
    ({'ghpython': {'isAdvancedMode': 'yes'}}, ['isAdvancedMode']),
])
def test_bad_metadata_is_refused_naming_key_and_component(tmpdir, change, words):
    meta = metadata(**change)
    with pytest.raises(GHIOError) as info:
        read_bundle(make_bundle(tmpdir, name='Broken', meta=meta))
    message = str(info.value)
    assert "'Broken'" in message
    for word in words:
        assert word in message


def test_missing_ghpython_and_files_are_refused(tmpdir):
    meta = metadata()
    del meta['ghpython']
    with pytest.raises(GHIOError):
        read_bundle(make_bundle(tmpdir, name='A', meta=meta))
    path = make_bundle(tmpdir, name='B')
    os.remove(os.path.join(path, 'icon.png'))
    with pytest.raises(GHIOError) as info:
        read_bundle(path)
    assert 'icon.png' in str(info.value)


def test_bad_icons_are_refused(tmpdir):
    with pytest.raises(GHIOError) as info:
        read_bundle(make_bundle(tmpdir, name='Big', icon=png(48, 48)))
    assert '48x48' in str(info.value)
    with pytest.raises(GHIOError):
        read_bundle(make_bundle(tmpdir, name='Gif', icon=b'GIF89a....'))


def test_bad_json_is_refused(tmpdir):
    path = make_bundle(tmpdir, name='Json')
    with open(os.path.join(path, 'metadata.json'), 'wb') as handle:
        handle.write(b'{"name": ')
    with pytest.raises(GHIOError) as info:
        read_bundle(path)
    assert 'JSON' in str(info.value)


def test_corrupt_userobjects_are_refused(tmpdir):
    data = build_userobject(read_bundle(make_bundle(tmpdir)))
    for bad in (data[:len(data) // 2], b'PK\x03\x04' + data, b''):
        with pytest.raises(GHIOError):
            read_userobject(bad)


def test_build_all_and_check(tmpdir):
    source = tmpdir.mkdir('gh_components')
    target = str(tmpdir.join('userobjects'))
    make_bundle(source, 'AddNumbers')
    make_bundle(source, 'Second')
    source.mkdir('not_a_bundle')
    written, removed = ghuser.build_all(str(source), target, '0.1.0')
    assert sorted(written) == sorted(['AddNumbers.ghuser', 'Second.ghuser',
                                      os.path.join('rhino8', 'AddNumbers.ghuser'),
                                      os.path.join('rhino8', 'Second.ghuser')])
    assert ghuser.check_all(str(source), target, '0.1.0') == ([], [], [])
    assert ghuser.build_all(str(source), target, '0.1.0') == ([], [])
    assert ghuser.check_all(str(source), target, '0.2.0')[1]  # the version is in the files
    # A stale file without a bundle, a changed bundle, a missing file.
    with open(os.path.join(target, 'Ghost.ghuser'), 'wb') as handle:
        handle.write(b'x')
    make_bundle(source, 'Second', meta=metadata(description='changed'))
    os.remove(os.path.join(target, 'rhino8', 'AddNumbers.ghuser'))
    missing, changed, stale = ghuser.check_all(str(source), target, '0.1.0')
    assert missing == [os.path.join('rhino8', 'AddNumbers.ghuser')]
    assert changed == ['Second.ghuser', os.path.join('rhino8', 'Second.ghuser')]
    assert stale == ['Ghost.ghuser']
    assert ghuser.main(['--source', str(source), '--target', target, '--check',
                        '--version', '0.1.0']) == 1
    assert ghuser.main(['--source', str(source), '--target', target, '--version', '0.1.0']) == 0
    assert not os.path.exists(os.path.join(target, 'Ghost.ghuser'))
    assert ghuser.main(['--source', str(source), '--target', target, '--check',
                        '--version', '0.1.0']) == 0


def test_a_bad_bundle_writes_nothing(tmpdir):
    source = tmpdir.mkdir('gh_components')
    target = str(tmpdir.join('userobjects'))
    make_bundle(source, 'Good')
    make_bundle(source, 'Bad', meta=metadata(exposure='often'))
    assert ghuser.main(['--source', str(source), '--target', target]) == 2
    assert not os.path.exists(target)


def test_read_version(tmpdir):
    init = tmpdir.join('__init__.py')
    init.write("from __future__ import print_function\n__version__ = '3.4.5'\n")
    assert read_version(str(init)) == '3.4.5'
    init.write('"""no version"""\n')
    assert read_version(str(init)) == '0.0.0'
    assert read_version(str(tmpdir.join('missing.py'))) == '0.0.0'
