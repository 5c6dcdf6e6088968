"""Install the user objects and the ``bpcore`` package into Rhino's folders (and uninstall).

``python -m bpcore.install [install|uninstall] [--dry-run] [--home DIR] [--os windows|macos]
[--variant ironpython|rhino8] [--rhino 7,8]``

What goes where (``<APPDATA>`` = ``%APPDATA%``, or ``<home>/AppData/Roaming`` with ``--home``;
``<MAC>`` = ``<home>/Library/Application Support/McNeel/Rhinoceros``):

================  ===========================================================================
user objects      Windows: ``<APPDATA>/Grasshopper/UserObjects/bpcore/`` (one folder shared by
                  Rhino 6, 7 and 8). macOS: ``<MAC>/<v>.0/Plug-ins/Grasshopper
                  (b45a29b1-4343-4035-989e-044e8580d9cf)/UserObjects/bpcore/`` per Rhino version
bpcore package    ``<APPDATA>/McNeel/Rhinoceros/<v>.0/scripts/bpcore/`` (Windows) or
                  ``<MAC>/<v>.0/scripts/bpcore/`` (macOS). Rhino 7 IronPython searches this
                  folder; Rhino 8 adds it to ``sys.path`` of both Python 3 and IronPython 2
                  (developer.rhino3d.com/guides/scripting/editor-configs/, "Scripts Path").
manifest          ``<APPDATA>/McNeel/Rhinoceros/bpcore-install.json`` or ``<MAC>/bpcore-install.json``:
                  every file and folder install created; uninstall removes exactly those.
================  ===========================================================================

Only the runtime package is copied: never ``bpcore/build/`` (these tools) nor the alias modules
that keep the tools' old import paths (:data:`NOT_INSTALLED`).

Only one user object variant is installed: ``ironpython`` (default, the GhPython component,
works in Rhino 6, 7 and 8) or ``rhino8`` (Rhino 8 Python 3 component). Both at once would show
every component twice in Rhino 8.
"""
from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import shutil
import sys

from bpcore.build.paths import (PACKAGE_NAME, VARIANTS, package_dir, read_version, repo_root,
                                userobject_folder, userobject_names)
from bpcore.errors import BPError

__all__ = ['plan', 'install', 'uninstall', 'package_files', 'main', 'GRASSHOPPER_GUID',
           'NOT_INSTALLED']

GRASSHOPPER_GUID = 'b45a29b1-4343-4035-989e-044e8580d9cf'
RHINO_VERSIONS = ('7', '8')
MANIFEST_NAME = 'bpcore-install.json'
# Build-time only, never copied into Rhino: the build tools and the alias modules that keep
# their old import paths (bpcore.ghio, ...) for command lines; no component imports them.
NOT_INSTALLED = ('build', 'ghio.py', 'ghuser.py', 'install.py', 'yak.py',
                 os.path.join('rhino', 'icons.py'))


class InstallError(BPError):
    """The installer cannot go on (unknown OS, missing user objects, foreign files...)."""


def detect_os():
    """'windows' or 'macos' from ``sys.platform``; anything else must pass ``--os``."""
    if sys.platform.startswith('win') or sys.platform == 'cli':
        return 'windows'
    if sys.platform == 'darwin':
        return 'macos'
    raise InstallError('Rhino runs on Windows and macOS only; pass --os windows|macos and '
                       '--home DIR to install into a folder tree anyway')


def rhino_folders(system, home=None):
    """``(appdata_rhino, userobjects_root_for(version))`` for an OS and a home directory.

    Returns
    -------
    tuple
        ``(base, grasshopper_userobjects)`` where ``base`` is McNeel's Rhinoceros folder and
        ``grasshopper_userobjects(version)`` gives the UserObjects folder of a Rhino version.
    """
    if system == 'windows':
        if home is not None:
            appdata = os.path.join(home, 'AppData', 'Roaming')
        else:
            appdata = os.environ.get('APPDATA') or os.path.join(
                os.path.expanduser('~'), 'AppData', 'Roaming')
        base = os.path.join(appdata, 'McNeel', 'Rhinoceros')
        shared = os.path.join(appdata, 'Grasshopper', 'UserObjects')
        return base, lambda version: shared
    if system == 'macos':
        home = home if home is not None else os.path.expanduser('~')
        base = os.path.join(home, 'Library', 'Application Support', 'McNeel', 'Rhinoceros')

        def userobjects(version):
            return os.path.join(base, version + '.0', 'Plug-ins',
                                'Grasshopper (%s)' % GRASSHOPPER_GUID, 'UserObjects')
        return base, userobjects
    raise InstallError('unknown OS %r (use windows or macos)' % system)


def package_files(package=None):
    """Relative paths of the runtime ``.py`` files of the ``bpcore`` package, sorted.

    What runs in Rhino: everything but :data:`NOT_INSTALLED` (the build tools).
    """
    package = package or package_dir()
    found = []
    for folder, dirs, files in os.walk(package):
        rel_folder = os.path.relpath(folder, package)
        dirs[:] = sorted(d for d in dirs if d != '__pycache__' and not d.startswith('.')
                         and os.path.normpath(os.path.join(rel_folder, d)) not in NOT_INSTALLED)
        for name in sorted(files):
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if name.endswith('.py') and rel not in NOT_INSTALLED:
                found.append(rel)
    return found


def plan(system, home=None, variant='ironpython', versions=RHINO_VERSIONS, userobjects=None):
    """Every copy install would make: ``(manifest_path, [(source, destination), ...])``."""
    if variant not in VARIANTS:
        raise InstallError('unknown variant %r (use one of %s)' % (variant, ', '.join(VARIANTS)))
    for version in versions:
        if version not in RHINO_VERSIONS:
            raise InstallError('unsupported Rhino version %r (use 7 and/or 8)' % version)
    base, userobjects_root = rhino_folders(system, home)
    source = userobject_folder(userobjects or os.path.join(repo_root(), 'userobjects'), variant)
    ghusers = userobject_names(source)
    if not ghusers:
        raise InstallError('no .ghuser files in %s: run python -m bpcore.build.ghuser first'
                           % source)
    package = package_dir()
    copies = []
    targets = []
    for version in versions:
        folder = os.path.join(userobjects_root(version), PACKAGE_NAME)
        if folder not in targets:
            targets.append(folder)
            copies.extend((os.path.join(source, n), os.path.join(folder, n)) for n in ghusers)
        scripts = os.path.join(base, version + '.0', 'scripts', PACKAGE_NAME)
        copies.extend((os.path.join(package, rel), os.path.join(scripts, rel))
                      for rel in package_files(package))
    return os.path.join(base, MANIFEST_NAME), copies


def _read_manifest(path):
    if not os.path.isfile(path):
        return None
    try:
        with open(path, 'rb') as handle:
            data = json.loads(handle.read().decode('utf-8'))
        return {'files': list(data['files']), 'dirs': list(data['dirs'])}
    except (ValueError, KeyError, TypeError) as exc:
        raise InstallError('cannot read install manifest %s (%s); remove it by hand' % (path, exc))


def uninstall(system, home=None, dry_run=False, log=print):
    """Remove exactly the files and folders a previous install recorded in its manifest.

    Returns
    -------
    list of str
        The paths removed (or that would be, with ``dry_run``).
    """
    manifest_path = rhino_folders(system, home)[0]
    manifest_path = os.path.join(manifest_path, MANIFEST_NAME)
    manifest = _read_manifest(manifest_path)
    if manifest is None:
        log('nothing to uninstall: no %s' % manifest_path)
        return []
    touched = []
    for path in manifest['files']:
        if os.path.isfile(path):
            log('remove %s' % path)
            touched.append(path)
            if not dry_run:
                os.remove(path)
    log('remove %s' % manifest_path)
    touched.append(manifest_path)
    if not dry_run:
        os.remove(manifest_path)
    # Deepest folders first; a folder is removed only if install created it and it is empty.
    for path in sorted(manifest['dirs'], key=len, reverse=True):
        if os.path.isdir(path) and (dry_run or not os.listdir(path)):
            log('remove folder (if empty) %s' % path)
            touched.append(path)
            if not dry_run:
                os.rmdir(path)
    return touched


def _missing_dirs(path):
    """Folders above ``path`` (inclusive) that do not exist yet, outermost first."""
    missing = []
    while path and not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return list(reversed(missing))


def install(system, home=None, variant='ironpython', versions=RHINO_VERSIONS, dry_run=False,
            userobjects=None, log=print):
    """Copy the user objects and ``bpcore`` into Rhino's folders; record them in a manifest.

    A previous bpcore install (found by its manifest) is uninstalled first. A ``bpcore``
    folder that some other tool put there is never overwritten.

    Returns
    -------
    list of str
        Destination paths written (or that would be, with ``dry_run``).
    """
    manifest_path, copies = plan(system, home, variant, versions, userobjects)
    previous = _read_manifest(manifest_path)
    owned = set(previous['files']) if previous else set()
    for _, destination in copies:
        if os.path.exists(destination) and destination not in owned:
            raise InstallError('%s exists and was not installed by bpcore; move it away first'
                               % destination)
    if previous is not None:
        uninstall(system, home, dry_run, log)
    created_dirs = []
    written = []
    for source, destination in copies:
        for folder in _missing_dirs(os.path.dirname(destination)):
            if folder not in created_dirs:
                created_dirs.append(folder)
                log('create folder %s' % folder)
                if not dry_run:
                    os.makedirs(folder)
        log('copy %s -> %s' % (source, destination))
        written.append(destination)
        if not dry_run:
            shutil.copyfile(source, destination)
    for folder in _missing_dirs(os.path.dirname(manifest_path)):
        if folder not in created_dirs:
            created_dirs.append(folder)
            log('create folder %s' % folder)
            if not dry_run:
                os.makedirs(folder)
    log('write %s' % manifest_path)
    if not dry_run:
        data = {'bpcore': read_version(), 'variant': variant, 'files': written,
                'dirs': created_dirs}
        with open(manifest_path, 'wb') as handle:
            handle.write(json.dumps(data, indent=1, sort_keys=True).encode('utf-8'))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog='python -m bpcore.install',
        description='Install (or uninstall) the bpcore Grasshopper user objects and the bpcore '
                    'package for Rhino 7 (IronPython) and Rhino 8 (Python 3 and IronPython).')
    parser.add_argument('action', nargs='?', default='install', choices=('install', 'uninstall'))
    parser.add_argument('--dry-run', action='store_true', help='print every path, touch nothing')
    parser.add_argument('--home', default=None, help='home folder to install into')
    parser.add_argument('--os', dest='system', default=None, choices=('windows', 'macos'))
    parser.add_argument('--variant', default='ironpython', choices=VARIANTS)
    parser.add_argument('--rhino', default='7,8', help='Rhino versions, e.g. 7,8 (default)')
    parser.add_argument('--userobjects', default=None, help='folder of built .ghuser files')
    args = parser.parse_args(argv)
    try:
        system = args.system or detect_os()
        if args.action == 'uninstall':
            uninstall(system, args.home, args.dry_run)
        else:
            versions = tuple(v.strip() for v in args.rhino.split(',') if v.strip())
            install(system, args.home, args.variant, versions, args.dry_run, args.userobjects)
    except (BPError, OSError, IOError) as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 1
    if args.dry_run:
        print('(dry run: nothing was changed)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
