"""The committed userobjects/ is exactly what gh_components/ builds (stdlib only)."""
from __future__ import absolute_import, division, print_function

import json
import os

from bpcore.build import ghuser
from bpcore.build.bundle import discover_bundles, read_bundle
from bpcore.build.metadata import normalize_metadata
from bpcore.build.paths import VARIANTS, VARIANT_FOLDERS, read_version, repo_root
from bpcore.build.userobject import read_userobject, render

ROOT = repo_root()
SOURCE = os.path.join(ROOT, 'gh_components')
TARGET = os.path.join(ROOT, 'userobjects')


def test_userobjects_are_up_to_date():
    missing, changed, stale = ghuser.check_all(SOURCE, TARGET, read_version())
    message = 'run python -m bpcore.build.ghuser: missing %s, out of date %s, stale %s' % (
        missing, changed, stale)
    assert (missing, changed, stale) == ([], [], []), message
    expected = set(ghuser.expected_files(SOURCE, read_version()))
    assert set(ghuser.existing_files(TARGET)) == expected


def test_built_userobjects_decode_back_to_their_bundles():
    for name in discover_bundles(SOURCE):
        folder = os.path.join(SOURCE, name)
        bundle = read_bundle(folder)
        with open(os.path.join(folder, 'metadata.json'), 'rb') as handle:
            meta = normalize_metadata(json.loads(handle.read().decode('utf-8')), name)
        version = read_version()
        code = render(bundle['code'], version, meta['name'], name + '.ghuser')
        for variant in VARIANTS:
            path = os.path.join(TARGET, VARIANT_FOLDERS[variant], name + '.ghuser')
            with open(path, 'rb') as handle:
                back = read_userobject(handle.read())
            assert back['code'] == code, path
            assert back['icon'] == bundle['icon'], path
            got = dict(back['metadata'])
            got.pop('instanceGuid')
            meta.pop('instanceGuid', None)
            meta['description'] = render(meta['description'], version, meta['name'],
                                                name + '.ghuser')
            assert got == meta, path  # Rhino 8 stores no mode: it is read from the code
