"""The example definitions: ``examples/*.gh`` and ``*.ghx`` from ``examples/canvases/*.json``.

::

    python -m bpcore.build.examples            # (re)write every example definition
    python -m bpcore.build.examples --check    # write nothing; exit 1 when one is stale

Each canvas description (:mod:`bpcore.build.definition`) becomes ``examples/<name>.gh``
(binary, raw DEFLATE at level 6, as the user objects) and ``examples/<name>.ghx`` (the same
chunks as XML, for review). The bpcore components in them are built from ``gh_components/``
exactly as the user objects are, for the same version, so a change to a component or the
version makes the examples stale: the suite (``tests/gh/test_examples.py``) checks they are
up to date, decode and re-encode identically, and run with the figures their pages state.
"""
from __future__ import absolute_import, division, print_function

import argparse
import glob
import os
import sys

from bpcore.build import definition, ghio, ghx
from bpcore.build.bundle import discover_bundles, read_bundle
from bpcore.build.paths import read_version, repo_root

__all__ = ['canvas_paths', 'build_example', 'expected_files', 'build_all', 'check_all', 'main']


def examples_dir(root=None):
    return os.path.join(root or repo_root(), 'examples')


def canvas_paths(root=None):
    """The canvas descriptions, sorted."""
    return sorted(glob.glob(os.path.join(examples_dir(root), 'canvases', '*.json')))


def _bundles(root):
    source = os.path.join(root, 'gh_components')
    return dict((name, read_bundle(os.path.join(source, name)))
                for name in discover_bundles(source))


def build_example(path, bundles=None, version=None, root=None):
    """``(name, .gh bytes, .ghx bytes)`` of one canvas description."""
    root = root or repo_root()
    canvas = definition.read_canvas(path)
    if bundles is None:
        bundles = _bundles(root)
    if version is None:
        version = read_version()
    chunk = definition.build_definition(canvas, bundles, version, examples_dir(root))
    return canvas['name'], ghio.dumps(chunk), ghx.dumps(chunk)


def expected_files(root=None):
    """``{file name: bytes}`` of every example definition."""
    root = root or repo_root()
    bundles, version = _bundles(root), read_version()
    files = {}
    for path in canvas_paths(root):
        name, gh, xml = build_example(path, bundles, version, root)
        files[name + '.gh'] = gh
        files[name + '.ghx'] = xml
    return files


def check_all(root=None):
    """Names of the example files that are missing or differ from what would be written."""
    folder = examples_dir(root)
    stale = []
    for name, data in sorted(expected_files(root).items()):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            stale.append(name)
            continue
        with open(path, 'rb') as f:
            if f.read() != data:
                stale.append(name)
    return stale


def build_all(root=None, log=print):
    folder = examples_dir(root)
    written = 0
    for name, data in sorted(expected_files(root).items()):
        path = os.path.join(folder, name)
        old = None
        if os.path.exists(path):
            with open(path, 'rb') as f:
                old = f.read()
        if old != data:
            with open(path, 'wb') as f:
                f.write(data)
            log('wrote %s' % path)
            written += 1
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m bpcore.build.examples',
                                     description=__doc__.split('\n\n')[0])
    parser.add_argument('--check', action='store_true',
                        help='write nothing; exit 1 listing stale example files')
    args = parser.parse_args(argv)
    if args.check:
        stale = check_all()
        if stale:
            print('stale example definitions (run python -m bpcore.build.examples): %s'
                  % ', '.join(stale))
            return 1
        print('example definitions are up to date')
        return 0
    n = build_all()
    print('%d written' % n)
    return 0


if __name__ == '__main__':
    sys.exit(main())
