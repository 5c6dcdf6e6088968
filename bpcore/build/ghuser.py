"""Grasshopper user objects (``.ghuser``) for every component bundle: build and check.

``gh_components/<Name>/`` (a bundle, :mod:`bpcore.build.bundle`) becomes one file per variant
(:mod:`bpcore.build.layouts`)::

    userobjects/<Name>.ghuser           'ironpython': GhPython component (Rhino 6, 7 and 8)
    userobjects/rhino8/<Name>.ghuser    'rhino8': Rhino 8 Python 3 script component

Rebuilds are byte-identical: every GUID is a ``uuid5`` of the component (folder) name (and the
parameter name), items are sorted as GH_IO sorts them and DEFLATE is deterministic. The version
(``__version__`` of ``bpcore``) is stamped into each file (:mod:`bpcore.build.userobject`).

Command line::

    python -m bpcore.build.ghuser            # rebuild userobjects/ from gh_components/
    python -m bpcore.build.ghuser --check    # exit 1 and list files that are out of date
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import sys

from bpcore.build.bundle import discover_bundles, read_bundle
from bpcore.build.paths import VARIANT_FOLDERS, VARIANTS, read_version, repo_root
from bpcore.build.userobject import build_userobject
from bpcore.errors import GHIOError

__all__ = ['expected_files', 'existing_files', 'build_all', 'check_all', 'main']


def expected_files(source, version=None):
    """``{relative path under userobjects/: bytes}`` for every bundle and variant."""
    files = {}
    for name in discover_bundles(source):
        bundle = read_bundle(os.path.join(source, name))
        for variant in VARIANTS:
            rel = os.path.join(VARIANT_FOLDERS[variant], name + '.ghuser')
            files[rel] = build_userobject(bundle, variant, version)
    return files


def existing_files(target):
    """Relative paths of the ``.ghuser`` files in ``target`` and its variant folders."""
    found = []
    for variant in VARIANTS:
        folder = os.path.join(target, VARIANT_FOLDERS[variant])
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith('.ghuser') and os.path.isfile(os.path.join(folder, name)):
                    found.append(os.path.join(VARIANT_FOLDERS[variant], name))
    return found


def _write_atomic(path, data):
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as handle:
        handle.write(data)
    if os.path.exists(path):
        os.remove(path)  # os.rename does not overwrite on Windows (and os.replace is py3)
    os.rename(tmp, path)


def check_all(source, target, version=None):
    """Out-of-date files: ``(missing, changed, stale)`` lists of relative paths."""
    expected = expected_files(source, version)
    present = existing_files(target)
    missing, changed = [], []
    for rel in sorted(expected):
        path = os.path.join(target, rel)
        if not os.path.isfile(path):
            missing.append(rel)
            continue
        with open(path, 'rb') as handle:
            if handle.read() != expected[rel]:
                changed.append(rel)
    stale = [rel for rel in present if rel not in expected]
    return missing, changed, stale


def build_all(source, target, version=None):
    """Write every user object, remove stale ``.ghuser`` files; return ``(written, removed)``.

    Every bundle is read and built before anything is written, so a bad bundle leaves
    ``target`` untouched.
    """
    expected = expected_files(source, version)
    written = []
    for rel in sorted(expected):
        path = os.path.join(target, rel)
        if os.path.isfile(path):
            with open(path, 'rb') as handle:
                if handle.read() == expected[rel]:
                    continue
        _write_atomic(path, expected[rel])
        written.append(rel)
    removed = []
    for rel in existing_files(target):
        if rel not in expected:
            os.remove(os.path.join(target, rel))
            removed.append(rel)
    return written, removed


def main(argv=None):
    """``python -m bpcore.build.ghuser [--check] [--source DIR] [--target DIR] [--version V]``."""
    root = repo_root()
    parser = argparse.ArgumentParser(
        prog='python -m bpcore.build.ghuser',
        description='Build Grasshopper user objects (.ghuser) from gh_components/ bundles.')
    parser.add_argument('--source', default=os.path.join(root, 'gh_components'))
    parser.add_argument('--target', default=os.path.join(root, 'userobjects'))
    parser.add_argument('--version', default=None,
                        help='version to stamp (default: __version__ of bpcore/version.py)')
    parser.add_argument('--check', action='store_true',
                        help='write nothing; exit 1 listing out-of-date files')
    args = parser.parse_args(argv)
    version = args.version or read_version()
    try:
        if args.check:
            missing, changed, stale = check_all(args.source, args.target, version)
            for label, paths in (('missing', missing), ('out of date', changed),
                                 ('stale (no bundle)', stale)):
                for rel in paths:
                    print('%s: %s' % (label, os.path.join(args.target, rel)))
            if missing or changed or stale:
                print('userobjects/ is out of date: run python -m bpcore.build.ghuser')
                return 1
            print('userobjects/ is up to date (%d bundles, version %s)'
                  % (len(discover_bundles(args.source)), version))
            return 0
        written, removed = build_all(args.source, args.target, version)
    except GHIOError as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 2
    for rel in written:
        print('wrote %s' % os.path.join(args.target, rel))
    for rel in removed:
        print('removed %s' % os.path.join(args.target, rel))
    print('%d written, %d removed, version %s' % (len(written), len(removed), version))
    return 0


if __name__ == '__main__':
    sys.exit(main())
