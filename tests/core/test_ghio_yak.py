"""python -m bpcore.build.yak: a valid Yak package (stdlib only)."""
from __future__ import absolute_import, division, print_function

import json
import os
import shutil
import zipfile

import pytest

from _ghio_testkit import make_bundle
from bpcore.build import ghuser, yak
from bpcore.build.paths import repo_root
from bpcore.build.userobject import read_userobject


def fake_repo(tmpdir):
    root = tmpdir.mkdir('repo')
    source = root.mkdir('gh_components')
    make_bundle(source, 'AddNumbers')
    ghuser.build_all(str(source), str(root.join('userobjects')), '0.3.0')
    shutil.copytree(os.path.join(repo_root(), 'bpcore'), str(root.join('bpcore')))
    root.join('bpcore', 'version.py').write("__version__ = '0.3.0'\n")
    root.join('README.md').write('# bpcore\n')
    return root


@pytest.mark.parametrize('variant, tag', [('ironpython', 'any-any'), ('rhino8', 'rh8-any')])
def test_yak_package_layout(tmpdir, variant, tag):
    root = fake_repo(tmpdir)
    path = yak.build_yak(variant, str(tmpdir.join('dist')), root=str(root))
    assert os.path.basename(path) == 'bpcore-0.3.0-%s.yak' % tag
    archive = zipfile.ZipFile(path)
    names = archive.namelist()
    assert names == sorted(names)
    assert 'manifest.yml' in names and 'icon.png' in names and 'AddNumbers.ghuser' in names
    assert 'bpcore/__init__.py' in names and 'bpcore/network.py' in names
    assert 'misc/README.md' in names
    assert not any('__pycache__' in n or n.endswith('.pyc') for n in names)
    back = read_userobject(archive.read('AddNumbers.ghuser'))
    assert back['variant'] == variant
    manifest = archive.read('manifest.yml').decode('utf-8')
    for key in ('name: bpcore', 'version: "0.3.0"', 'authors:', 'description:', 'url:',
                'keywords:', 'icon: "icon.png"'):
        assert key in manifest
    archive.close()
    again = yak.build_yak(variant, str(tmpdir.join('dist2')), root=str(root))
    with open(path, 'rb') as a:
        with open(again, 'rb') as b:
            assert a.read() == b.read()  # deterministic


def test_manifest_values_are_json_quoted_yaml_scalars():
    text = yak.manifest_text('1.2.3-beta', 'https://example.org/a "b"')
    values = {}
    for line in text.splitlines():
        if line.startswith('  - '):
            assert json.loads(line[4:])
        elif not line.endswith(':'):
            key, value = line.split(': ', 1)
            values[key] = value if key == 'name' else json.loads(value)
    assert values['version'] == '1.2.3-beta' and values['url'] == 'https://example.org/a "b"'
    assert values['icon'] == 'icon.png' and values['name'] == 'bpcore'


def test_bad_version_and_missing_userobjects(tmpdir):
    with pytest.raises(yak.YakError):
        yak.manifest_text('v1', 'https://example.org')
    root = tmpdir.mkdir('empty')
    with pytest.raises(yak.YakError) as info:
        yak.build_yak('ironpython', str(tmpdir.join('dist')), root=str(root), version='1.0.0')
    assert 'python -m bpcore.build.ghuser' in str(info.value)
