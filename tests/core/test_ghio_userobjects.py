"""The committed userobjects/ is exactly what gh_components/ builds (stdlib only)."""
from __future__ import absolute_import, division, print_function

import json
import os

from bpcore import ghuser

ROOT = ghuser.repo_root()
SOURCE = os.path.join(ROOT, 'gh_components')
TARGET = os.path.join(ROOT, 'userobjects')


def test_userobjects_are_up_to_date():
    missing, changed, stale = ghuser.check_all(SOURCE, TARGET, ghuser.read_version())
    message = 'run python -m bpcore.ghuser: missing %s, out of date %s, stale %s' % (
        missing, changed, stale)
    assert (missing, changed, stale) == ([], [], []), message
    expected = set(ghuser.expected_files(SOURCE, ghuser.read_version()))
    assert set(ghuser.existing_files(TARGET)) == expected


def test_built_userobjects_decode_back_to_their_bundles():
    for name in ghuser.discover_bundles(SOURCE):
        folder = os.path.join(SOURCE, name)
        bundle = ghuser.read_bundle(folder)
        with open(os.path.join(folder, 'metadata.json'), 'rb') as handle:
            meta = ghuser.normalize_metadata(json.loads(handle.read().decode('utf-8')), name)
        version = ghuser.read_version()
        code = ghuser.render(bundle['code'], version, meta['name'], name + '.ghuser')
        for variant in ghuser.VARIANTS:
            path = os.path.join(TARGET, ghuser.VARIANT_FOLDERS[variant], name + '.ghuser')
            with open(path, 'rb') as handle:
                back = ghuser.read_userobject(handle.read())
            assert back['code'] == code, path
            assert back['icon'] == bundle['icon'], path
            got = dict(back['metadata'])
            got.pop('instanceGuid')
            meta.pop('instanceGuid', None)
            meta['description'] = ghuser.render(meta['description'], version, meta['name'],
                                                name + '.ghuser')
            assert got == meta, path  # Rhino 8 stores no mode: it is read from the code
