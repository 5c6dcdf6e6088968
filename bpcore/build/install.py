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
import binascii
import hashlib
import io
import json
import os
import shutil
import sys
import time

from bpcore.build.paths import (PACKAGE_NAME, VARIANTS, package_dir, read_version, repo_root,
                                userobject_folder, userobject_names)
from bpcore.build.manifest import (InstallError, file_record, manifest_bytes, owned_folders,
                                   read_journal, read_manifest, write_file)
from bpcore.errors import BPError, quote

__all__ = ['plan', 'install', 'uninstall', 'package_files', 'main', 'GRASSHOPPER_GUID',
           'NOT_INSTALLED', 'InstallError', 'recover']

GRASSHOPPER_GUID = 'b45a29b1-4343-4035-989e-044e8580d9cf'
RHINO_VERSIONS = ('7', '8')
MANIFEST_NAME = 'bpcore-install.json'
JOURNAL_NAME = 'bpcore-install-journal.json'
STAGED = '.bpcore-new'     # a new file, copied beside its destination (same folder and volume)
ASIDE = '.bpcore-old'      # the previous file, set aside until the new manifest is in place
# Build-time only, never copied into Rhino: the build tools and the alias modules that keep
# their old import paths (bpcore.ghio, ...) for command lines; no component imports them.
NOT_INSTALLED = ('build', 'ghio.py', 'ghuser.py', 'install.py', 'yak.py',
                 os.path.join('rhino', 'icons.py'))


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
    if home is not None and (not isinstance(home, (str, type(u''))) or not home.strip()
                             or '\0' in home):
        raise InstallError('home must be a folder path (text), got %s' % quote(home))
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
    raise InstallError('unknown OS %s (use windows or macos)' % quote(system))


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
        raise InstallError('unknown variant %s (use one of %s)'
                           % (quote(variant), ', '.join(VARIANTS)))
    if not isinstance(versions, (list, tuple)) or not versions:
        raise InstallError('versions must list Rhino versions (7 and/or 8), got %s'
                           % quote(versions))
    for version in versions:
        if version not in RHINO_VERSIONS:
            raise InstallError('unsupported Rhino version %s (use 7 and/or 8)' % quote(version))
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


def _root(system, home):
    """The folder below which install may create (and uninstall remove) parent folders."""
    if home is not None:
        return os.path.abspath(home)
    if system == 'windows':
        return os.path.abspath(rhino_folders(system)[0]).rsplit(os.sep, 2)[0]   # %APPDATA%
    return os.path.abspath(os.path.expanduser('~'))


def _places(system, home):
    """``(manifest path, journal path, owned folders, root)`` of an OS and home."""
    base, userobjects_root = rhino_folders(system, home)
    folders = owned_folders(base, userobjects_root, RHINO_VERSIONS, PACKAGE_NAME)
    return (os.path.join(base, MANIFEST_NAME), os.path.join(base, JOURNAL_NAME), folders,
            _root(system, home))


def uninstall(system, home=None, dry_run=False, log=print):
    """Remove exactly the files and folders a previous install recorded in its manifest.

    The manifest is checked as a whole first (see :mod:`bpcore.build.manifest`): one entry
    outside bpcore's folders refuses it, naming the entry, and nothing is removed. A file whose
    size or SHA-256 differs from what install wrote was changed by the user: it is kept and
    reported. Folders install created are removed when empty.

    Returns
    -------
    list of str
        The paths removed (or that would be, with ``dry_run``).
    """
    manifest_path, journal_path, folders, root = _places(system, home)
    journal = read_journal(journal_path, folders, root, manifest_path)
    if journal is not None:
        if dry_run:
            log('an interrupted install would be finished or rolled back first (%s)'
                % journal_path)
        else:
            _recover(journal, manifest_path, journal_path, log)
    manifest = read_manifest(manifest_path, folders, root)
    if manifest is None:
        log('nothing to uninstall: no %s' % manifest_path)
        return []
    touched = []
    kept = []
    for path, size, digest in manifest['files']:
        if not os.path.lexists(path):
            continue
        if os.path.islink(path) or not os.path.isfile(path) or \
                (size is not None and file_record(path) != (size, digest)):
            kept.append(path)
            continue
        log('remove %s' % path)
        touched.append(path)
        if not dry_run:
            os.remove(path)
    for path in kept:
        log('kept %s: it was changed after bpcore installed it' % path)
    log('remove %s' % manifest_path)
    touched.append(manifest_path)
    if not dry_run:
        os.remove(manifest_path)
    # Deepest folders first; a folder is removed only if install created it and it is empty.
    for path in sorted(manifest['dirs'], key=len, reverse=True):
        if os.path.isdir(path) and not os.path.islink(path) and \
                (dry_run or not os.listdir(path)):
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


def _staged(path):
    return path + STAGED


def _aside(path):
    return path + ASIDE


def _undo(entries):
    """Put every file of a transaction back as it was before it (idempotent, by what exists).

    ``entries``: dicts ``path``, ``existed`` (the file was there before), ``new_sha256`` (what
    the transaction writes there; None to remove it). Raises the first OSError after trying
    every step."""
    failed = []
    for e in reversed(entries):
        path = e['path']
        try:
            if os.path.lexists(_aside(path)):
                if os.path.lexists(path):
                    os.remove(path)
                os.rename(_aside(path), path)
            elif not e['existed'] and e['new_sha256'] and os.path.isfile(path) and \
                    file_record(path)[1] == e['new_sha256']:
                os.remove(path)
            if os.path.lexists(_staged(path)):
                os.remove(_staged(path))
        except (OSError, IOError) as exc:
            failed.append(exc)
    if failed:
        raise failed[0]


def _remove_empty(dirs):
    """Remove the folders of ``dirs`` that are empty, deepest first (best effort)."""
    for folder in sorted(dirs, key=len, reverse=True):
        if os.path.isdir(folder) and not os.path.islink(folder) and not os.listdir(folder):
            try:
                os.rmdir(folder)
            except OSError:
                pass


def _finish(entries):
    """After the commit (the new manifest is in place): drop the set-aside old files."""
    for e in entries:
        for leftover in (_aside(e['path']), _staged(e['path'])):
            if os.path.lexists(leftover):
                os.remove(leftover)


def _recover(journal, manifest_path, journal_path, log):
    """Finish (the new manifest is in place) or roll back an interrupted install."""
    committed = os.path.isfile(manifest_path) and \
        file_record(manifest_path)[1] == journal['manifest_sha256']
    if committed:
        log('finishing an interrupted install (its manifest was written)')
        _finish(journal['entries'])
    else:
        log('rolling back an interrupted install: the previous install is put back')
        _undo(journal['entries'])
    os.remove(journal_path)
    if not committed:
        _remove_empty(journal['dirs'])
    return 'finished' if committed else 'rolled back'


def recover(system, home=None, log=print):
    """Finish or roll back an install that was interrupted (the process was killed).

    Install and uninstall do this first by themselves. Returns ``'finished'`` (the new install
    had been committed), ``'rolled back'`` (the previous install is back) or ``None``.
    """
    manifest_path, journal_path, folders, root = _places(system, home)
    journal = read_journal(journal_path, folders, root, manifest_path)
    if journal is None:
        return None
    return _recover(journal, manifest_path, journal_path, log)


def _transaction_id():
    return '%d-%s' % (int(time.time()), binascii.hexlify(os.urandom(8)).decode('ascii'))


def install(system, home=None, variant='ironpython', versions=RHINO_VERSIONS, dry_run=False,
            userobjects=None, log=print):
    """Copy the user objects and ``bpcore`` into Rhino's folders; record them in a manifest.

    A transaction: an interrupted install is first finished or rolled back; the new files are
    staged beside their destinations (``<file>.bpcore-new``, same folder, same volume), then
    each old file is set aside (``<file>.bpcore-old``) and the new one renamed into place, the
    new manifest last (the commit). Any failure before the commit, Ctrl-C included, puts the
    previous install and its manifest back byte for byte and raises an :class:`InstallError`
    saying what failed. A journal records the transaction, so even a killed process is finished
    or rolled back by the next install or uninstall.

    A ``bpcore`` file that some other tool put there, or that the user changed after bpcore
    installed it, is never overwritten: install refuses, naming it, before touching anything.

    Returns
    -------
    list of str
        Destination paths written (or that would be, with ``dry_run``).
    """
    manifest_path, copies = plan(system, home, variant, versions, userobjects)
    _, journal_path, folders, root = _places(system, home)
    journal = read_journal(journal_path, folders, root, manifest_path)
    if journal is not None and not dry_run:
        _recover(journal, manifest_path, journal_path, log)
    previous = read_manifest(manifest_path, folders, root)
    owned = {}
    for path, size, digest in (previous['files'] if previous else ()):
        owned[os.path.normcase(path)] = (path, size, digest)
    destinations = set(os.path.normcase(d) for _, d in copies)
    for _, destination in copies:
        key = os.path.normcase(destination)
        if os.path.lexists(destination):
            if key not in owned:
                raise InstallError('%s exists and was not installed by bpcore; move it away '
                                   'first' % destination)
            _check_unchanged(owned[key])
        for leftover in (_staged(destination), _aside(destination)):
            if os.path.lexists(leftover):
                raise InstallError('%s is in the way (left by another tool?); move it away first'
                                   % leftover)
    if dry_run:
        for _, destination in copies:
            log('copy -> %s' % destination)
        log('write %s' % manifest_path)
        return [d for _, d in copies]
    records = []
    for source, destination in copies:
        size, digest = file_record(source)
        records.append((destination, size, digest))
    entries = [{'path': d, 'existed': os.path.lexists(d), 'new_sha256': h}
               for d, _, h in records]
    removed = []           # previous files the new install does not have: set aside, dropped
    for key, (path, size, digest) in sorted(owned.items()):
        if key not in destinations and os.path.lexists(path):
            if size is not None and file_record(path) != (size, digest):
                log('kept %s: it was changed after bpcore installed it' % path)
                continue
            removed.append(path)
            entries.append({'path': path, 'existed': True, 'new_sha256': None})
    created = []
    for folder in [os.path.dirname(manifest_path)] + [os.path.dirname(d) for _, d in copies]:
        for missing in _missing_dirs(folder):
            if missing not in created:
                created.append(missing)
    created.sort(key=len)
    for folder in created[:1]:
        if not os.path.normcase(folder).startswith(os.path.normcase(root) + os.sep):
            raise InstallError('%s does not exist: install creates folders only inside %s'
                               % (folder, root))
    dirs = list(previous['dirs']) if previous else []
    dirs.extend(d for d in created if d not in dirs)
    manifest = manifest_bytes(read_version(), variant, _transaction_id(), records, dirs)
    entries.append({'path': manifest_path, 'existed': os.path.lexists(manifest_path),
                    'new_sha256': hashlib.sha256(manifest).hexdigest()})
    step = ['start']
    try:
        for folder in _missing_dirs(os.path.dirname(manifest_path)):
            step[0] = 'creating folder %s' % folder
            os.mkdir(folder)
        step[0] = 'writing the install journal %s' % journal_path
        write_file(journal_path, json.dumps(
            {'entries': entries, 'dirs': created, 'manifest_sha256': entries[-1]['new_sha256']},
            indent=1, sort_keys=True, separators=(',', ': ')).encode('utf-8'))
        _apply(copies, records, entries, created, manifest_path, manifest, step, log)
    except BaseException as exc:
        try:
            _undo(entries)
            if os.path.lexists(journal_path):
                os.remove(journal_path)
            _remove_empty(created)
        except (OSError, IOError) as undo_exc:
            raise InstallError(
                'install failed while %s (%s: %s), and putting the previous install back '
                'failed too (%s); run install again to finish the rollback'
                % (step[0], type(exc).__name__, exc, undo_exc))
        if not isinstance(exc, Exception):
            raise                                   # Ctrl-C: stop, after the rollback
        raise InstallError('install failed while %s (%s: %s); the previous install was put '
                           'back unchanged' % (step[0], type(exc).__name__, exc))
    log('wrote %s' % manifest_path)
    try:
        _finish(entries)
        os.remove(journal_path)
    except (OSError, IOError) as exc:
        log('installed; cleaning up old files failed (%s): the next install finishes it' % exc)
    for path in removed:
        log('removed %s (not part of this install)' % path)
    return [d for d, _, _ in records]


def _check_unchanged(record):
    path, size, digest = record
    if size is not None and (not os.path.isfile(path) or file_record(path) != (size, digest)):
        raise InstallError('%s was changed after bpcore installed it; move it away (or put the '
                           'original back) first, so your changes are not overwritten' % path)


def _apply(copies, records, entries, created, manifest_path, manifest, step, log):
    """The transaction's changes: make folders, stage every file, swap them in, manifest last."""
    for folder in created:
        if not os.path.isdir(folder):
            step[0] = 'creating folder %s' % folder
            log('create folder %s' % folder)
            os.mkdir(folder)
    for (source, destination), (_, size, digest) in zip(copies, records):
        step[0] = 'copying %s -> %s' % (source, _staged(destination))
        log('copy %s -> %s' % (source, destination))
        shutil.copyfile(source, _staged(destination))
        if file_record(_staged(destination)) != (size, digest):
            raise InstallError('the copy of %s differs from its source' % source)
    step[0] = 'writing the new manifest %s' % _staged(manifest_path)
    with io.open(_staged(manifest_path), 'wb') as handle:
        handle.write(manifest)
        handle.flush()
        os.fsync(handle.fileno())
    for e in entries:                                # the manifest is the last entry
        path = e['path']
        if os.path.lexists(path):
            step[0] = 'setting %s aside' % path
            os.rename(path, _aside(path))
        if e['new_sha256'] is not None:
            step[0] = 'moving %s into place' % _staged(path)
            os.rename(_staged(path), path)


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
