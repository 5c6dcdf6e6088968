"""Every component bundle: files, 24x24 icon, metadata schema, docstring <-> metadata <->
RunScript consistency, the __future__ line (see harness.check_bundle)."""
import os

import pytest

import harness

BUNDLES = harness.bundle_paths()


def _complete(path):
    """Skip the follow-up tests of a bundle missing a file (test_bundle_is_consistent
    already reports it)."""
    for name in ('code.py', 'metadata.json', 'icon.png'):
        if not os.path.isfile(os.path.join(path, name)):
            pytest.skip('%s has no %s (reported by test_bundle_is_consistent)'
                        % (os.path.basename(path), name))


def test_fixtures_are_found():
    names = [os.path.basename(p) for p in BUNDLES]
    assert 'Example_Add' in names


@pytest.mark.parametrize('path', BUNDLES, ids=[os.path.basename(p) for p in BUNDLES])
def test_bundle_is_consistent(path):
    assert harness.check_bundle(path) == []


@pytest.mark.parametrize('path', BUNDLES, ids=[os.path.basename(p) for p in BUNDLES])
def test_bundle_loads_in_harness(path):
    _complete(path)
    comp = harness.load_component(path)
    assert comp.inputs == harness.param_names(comp.meta, 'inputParameters')


COMPONENTS = [p for p in BUNDLES if p.startswith(harness.COMPONENTS_DIR)]


@pytest.mark.parametrize('path', COMPONENTS, ids=[os.path.basename(p) for p in COMPONENTS])
def test_component_category(path):
    _complete(path)
    meta = harness.read_metadata(path)
    assert meta['category'] == harness.CATEGORY
    assert meta['subcategory'] in harness.SUBCATEGORIES, meta['subcategory']
    assert meta['name'].startswith('BP ')


@pytest.mark.parametrize('path', COMPONENTS, ids=[os.path.basename(p) for p in COMPONENTS])
def test_component_runs_unconnected(path):
    """A component with nothing wired warns (missing inputs) instead of raising."""
    _complete(path)
    r = harness.run_component(path)
    assert not r.errors, r.errors


@pytest.mark.parametrize('doc,expected', [
    ('x\n\n    Args:\n        a: (item, float) one\n            more\n        b: two\n'
     '    Returns:\n        c: three\n', {'Args': [('a', '(item, float) one more'),
                                                 ('b', 'two')], 'Returns': [('c', 'three')]}),
    ('no sections', {}),
])
def test_parse_docstring_sections(doc, expected):
    assert harness.parse_docstring_sections(doc) == expected


def test_checker_finds_problems(tmp_path):
    import shutil
    dst = tmp_path / 'Broken'
    shutil.copytree(os.path.join(harness.FIXTURES_DIR, 'Example_Add'), str(dst))
    code = (dst / 'code.py').read_text()
    code = code.replace('def RunScript(self, a, b, rows)', 'def RunScript(self, b, a, rows)')
    code = code.replace('a: (item, float)', 'a: (list, float)')
    code = code.replace('from __future__ import absolute_import, division, print_function\n',
                        '')
    (dst / 'code.py').write_text(code)
    problems = harness.check_bundle(str(dst))
    text = '\n'.join(problems)
    assert 'RunScript arguments' in text
    assert '"(item, float)"' in text
    assert '__future__' in text
    (dst / 'icon.png').write_bytes(b'not a png')
    assert 'PNG' in harness.check_bundle(str(dst))[0]
