"""A Rhino package manager (Yak) package of the user objects and the ``bpcore`` package.

``python -m bpcore.build.yak [--variant ironpython|rhino8] [--dist DIR]`` writes
``dist/bpcore-<version>-<distribution tag>.yak``: a ZIP archive laid out as Yak expects
(developer.rhino3d.com/guides/yak/the-anatomy-of-a-package/ and /the-package-manifest/)::

    manifest.yml        name, version, authors, description, url, keywords, icon
    icon.png            the package icon (--icon, else the first component's icon)
    <Name>.ghuser       user objects at the top level, where Grasshopper looks for them
    bpcore/...          the pure-Python runtime package (what install copies: no build tools)
    misc/README.md      (and LICENSE) when present in the repository

Distribution tags: ``any-any`` for the GhPython (IronPython) user objects, which run in
Rhino 6, 7 and 8 on both platforms (``yak build`` gives ``any-any`` to packages without .rhp or
.gha files); ``rh8-any`` for the Rhino 8 Python 3 ones (as COMPAS tags its Rhino 8 packages).

The archive is deterministic: sorted entries, fixed timestamps.
"""
from __future__ import absolute_import, division, print_function

import argparse
import io
import json
import os
import re
import sys
import zipfile

from bpcore.build.bundle import discover_bundles
from bpcore.build.install import package_files
from bpcore.build.paths import (PACKAGE_NAME, VARIANTS, read_version, repo_root,
                                userobject_folder, userobject_names)
from bpcore.errors import BPError

__all__ = ['manifest_text', 'build_yak', 'main', 'DISTRIBUTION_TAGS']

DISTRIBUTION_TAGS = {'ironpython': 'any-any', 'rhino8': 'rh8-any'}
NAME = 'bpcore'
AUTHORS = ['bpcore contributors']
DESCRIPTION = ('Backpropagation neural networks for Rhino and Grasshopper, in plain Python: '
               'build, train, evaluate and save multilayer perceptrons, and watch them learn.')
KEYWORDS = ['neural-network', 'backpropagation', 'machine-learning', 'mlp', 'python',
            'grasshopper', 'education']
# The project's home page: the lead sets it (or setup.py's url= is used when present).
DEFAULT_URL = 'https://github.com/bpcore/bpcore'

_SEMVER = re.compile(r'^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$|^\d+\.\d+\.\d+\.\d+$')
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class YakError(BPError):
    """The package cannot be built (bad version, no user objects...)."""


def project_url(root=None):
    """``url=`` of setup.py when it has one, else :data:`DEFAULT_URL`."""
    path = os.path.join(root or repo_root(), 'setup.py')
    if os.path.isfile(path):
        with io.open(path, encoding='utf-8') as handle:
            found = re.search(r'''\burl\s*=\s*['"]([^'"]+)['"]''', handle.read())
        if found:
            return found.group(1)
    return DEFAULT_URL


def _quote(text):
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text)


def manifest_text(version, url, icon='icon.png'):
    """The ``manifest.yml`` text (Yak's required and recommended attributes)."""
    if not _SEMVER.match(version):
        raise YakError('version %r is neither SemVer 2.0.0 (1.2.3, 1.2.3-beta) nor four '
                       'digits (1.2.3.4), as Yak requires' % version)
    lines = ['name: ' + NAME, 'version: ' + _quote(version), 'authors:']
    lines += ['  - ' + _quote(author) for author in AUTHORS]
    lines += ['description: ' + _quote(DESCRIPTION), 'url: ' + _quote(url), 'keywords:']
    lines += ['  - ' + _quote(keyword) for keyword in KEYWORDS]
    if icon:
        lines.append('icon: ' + _quote(icon))
    return '\n'.join(lines) + '\n'


def _default_icon(root):
    for name in discover_bundles(os.path.join(root, 'gh_components')):
        path = os.path.join(root, 'gh_components', name, 'icon.png')
        if os.path.isfile(path):
            return path
    return None


def package_entries(variant='ironpython', root=None, version=None, icon=None, url=None):
    """``[(archive name, bytes)]`` of the package, sorted by archive name."""
    if variant not in VARIANTS:
        raise YakError('unknown variant %r (use one of %s)' % (variant, ', '.join(VARIANTS)))
    root = root or repo_root()
    version = version or read_version(os.path.join(root, PACKAGE_NAME, 'version.py'))
    folder = userobject_folder(os.path.join(root, 'userobjects'), variant)
    ghusers = userobject_names(folder)
    if not ghusers:
        raise YakError('no .ghuser files in %s: run python -m bpcore.build.ghuser first'
                       % folder)
    entries = {}

    def add(name, path):
        with open(path, 'rb') as handle:
            entries[name] = handle.read()

    for name in ghusers:
        add(name, os.path.join(folder, name))
    package = os.path.join(root, PACKAGE_NAME)
    for rel in package_files(package):  # the runtime only, as install copies it
        add(PACKAGE_NAME + '/' + rel.replace(os.sep, '/'), os.path.join(package, rel))
    for name in ('README.md', 'LICENSE', 'LICENSE.txt', 'LICENSE.md'):
        if os.path.isfile(os.path.join(root, name)):
            add('misc/' + name, os.path.join(root, name))
    icon = icon or _default_icon(root)
    if icon:
        add('icon.png', icon)
    text = manifest_text(version, url or project_url(root), 'icon.png' if icon else None)
    entries['manifest.yml'] = text.encode('utf-8')
    return sorted(entries.items())


def build_yak(variant='ironpython', dist=None, root=None, version=None, icon=None, url=None):
    """Write ``<dist>/bpcore-<version>-<tag>.yak`` and return its path."""
    root = root or repo_root()
    version = version or read_version(os.path.join(root, PACKAGE_NAME, 'version.py'))
    entries = package_entries(variant, root, version, icon, url)
    dist = dist or os.path.join(root, 'dist')
    if not os.path.isdir(dist):
        os.makedirs(dist)
    path = os.path.join(dist, '%s-%s-%s.yak' % (NAME, version, DISTRIBUTION_TAGS[variant]))
    tmp = path + '.tmp'
    archive = zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED)
    try:
        for name, data in entries:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    finally:
        archive.close()
    if os.path.exists(path):
        os.remove(path)
    os.rename(tmp, path)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog='python -m bpcore.build.yak',
        description='Write dist/bpcore-<version>-<tag>.yak for the Rhino package manager.')
    parser.add_argument('--variant', default='ironpython', choices=VARIANTS)
    parser.add_argument('--dist', default=None, help='output folder (default: dist/)')
    parser.add_argument('--icon', default=None, help='package icon PNG')
    parser.add_argument('--url', default=None, help='project URL for manifest.yml')
    args = parser.parse_args(argv)
    try:
        path = build_yak(args.variant, args.dist, icon=args.icon, url=args.url)
    except (BPError, OSError, IOError) as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 1
    print('wrote %s' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
