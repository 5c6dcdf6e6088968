"""Old import path and command line of the ``.ghuser`` builder, now in :mod:`bpcore.build`.

``python -m bpcore.ghuser [--check]`` still runs :func:`bpcore.build.ghuser.main`. A build
tool, not installed into Rhino (no component imports it); new code imports the names from
their homes: :mod:`bpcore.build.ghuser`, ``.bundle``, ``.metadata``, ``.userobject``, ``.paths``.
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.build.bundle import discover_bundles, read_bundle
from bpcore.build.ghuser import build_all, check_all, existing_files, expected_files, main
from bpcore.build.metadata import HINTS, normalize_metadata
from bpcore.build.paths import VARIANT_FOLDERS, VARIANTS, read_version, repo_root
from bpcore.build.userobject import (build_chunk, build_userobject, is_advanced_code,
                                     read_userobject, render)

__all__ = [
    'VARIANTS', 'VARIANT_FOLDERS', 'HINTS', 'read_bundle', 'normalize_metadata', 'build_chunk',
    'build_userobject', 'read_userobject', 'is_advanced_code', 'render', 'discover_bundles',
    'expected_files', 'existing_files', 'build_all', 'check_all', 'read_version', 'repo_root',
    'main',
]

if __name__ == '__main__':
    sys.exit(main())
