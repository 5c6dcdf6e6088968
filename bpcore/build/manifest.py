"""The install manifest and journal: what install wrote, checked before anything is removed.

The manifest (``bpcore-install.json``, format 2) lists every file install wrote with its size
and SHA-256, and every folder it created::

    {"format": 2, "bpcore": "0.1.0", "variant": "ironpython", "txn": "<id of the install>",
     "files": [{"path": "/abs/.../bpcore/network.py", "size": 1234, "sha256": "ab12..."}],
     "dirs": ["/abs/.../scripts/bpcore", ...]}

Release 0.1.0 wrote format 1: ``files`` as plain path strings, no sizes or hashes (its files are
removed without the changed-file check, but with every location check).

A manifest is a plain JSON file in the user's AppData, so it is checked as a whole before it is
used (:func:`read_manifest`): ``files`` and ``dirs`` must be lists; every path a string,
absolute, normalised (no ``.``/``..`` parts), strictly inside one of the folders install
writes to (:func:`owned_folders`: ``UserObjects/bpcore`` and ``scripts/bpcore`` of every Rhino
version), also once symbolic links are resolved; a folder may also be one of their parent
folders below the home (install creates those when missing, and removes them only when empty).
One bad entry refuses the whole manifest with an :class:`~bpcore.errors.BPError` naming it,
before anything is touched.

The journal (``bpcore-install-journal.json``) is written before an install changes anything and
removed when it is finished: if it is still there, an install was interrupted, and the next
install or uninstall first finishes it (the new manifest is in place) or rolls it back.
"""
from __future__ import absolute_import, division, print_function

import hashlib
import io
import json
import os

from bpcore.errors import TEXT_TYPES, BPError, quote

__all__ = ['InstallError', 'ManifestError', 'MANIFEST_FORMAT', 'file_record', 'check_path', 'owned_folders',
           'read_manifest', 'read_journal', 'manifest_bytes', 'write_file', 'replace']

MANIFEST_FORMAT = 2
_HEX = frozenset('0123456789abcdef')


class InstallError(BPError):
    """The installer cannot go on (unknown OS, missing user objects, foreign files...)."""


class ManifestError(InstallError):
    """An install manifest or journal that is not what install writes: nothing is removed."""


def file_record(path):
    """``(size, sha256 hex)`` of the file at ``path``."""
    digest = hashlib.sha256()
    size = 0
    with io.open(path, 'rb') as handle:
        while True:
            block = handle.read(1 << 16)
            if not block:
                break
            size += len(block)
            digest.update(block)
    return size, digest.hexdigest()


def _inside(path, folder, equal_ok=False):
    """True when ``path`` lies inside ``folder`` (or is it, with ``equal_ok``); both normalised
    absolute paths, compared case-insensitively where the OS is."""
    path = os.path.normcase(path)
    folder = os.path.normcase(folder)
    if path == folder:
        return equal_ok
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def owned_folders(base, userobjects_root, versions, package='bpcore'):
    """The folders install writes files into: ``UserObjects/bpcore`` and ``scripts/bpcore``."""
    folders = []
    for version in versions:
        for folder in (os.path.join(userobjects_root(version), package),
                       os.path.join(base, version + '.0', 'scripts', package)):
            if folder not in folders:
                folders.append(folder)
    return folders


def check_path(path, where, folders, root=None):
    """Raise :class:`ManifestError` (naming ``where``) unless ``path`` is a normalised absolute
    path strictly inside one of ``folders`` (a file), or, with ``root``, one of those folders
    or a parent of one strictly inside ``root`` (a folder install created) -- lexically and
    with symbolic links resolved. Returns ``path``."""
    if not isinstance(path, TEXT_TYPES):
        raise ManifestError('%s is %s, not a path (text)' % (where, quote(path, 400)))
    if not path or '\0' in path:
        raise ManifestError('%s is %s, not a path' % (where, quote(path, 400)))
    if not os.path.isabs(path):
        raise ManifestError('%s: %s is not an absolute path' % (where, quote(path, 400)))
    if os.path.normpath(path) != path:
        raise ManifestError('%s: %s is not a normalised path (no ., .. or doubled separators)'
                            % (where, quote(path, 400)))
    real = os.path.realpath(path)
    for folder in folders:
        real_folder = os.path.realpath(folder)
        if _inside(path, folder) and _inside(real, real_folder):
            return path
        if root is not None:
            if _inside(path, folder, equal_ok=True) and _inside(real, real_folder, equal_ok=True):
                return path
            if _inside(folder, path) and _inside(path, root) and \
                    _inside(real_folder, real) and _inside(real, os.path.realpath(root)):
                return path
    raise ManifestError("%s: %s is outside bpcore's install folders (%s)"
                        % (where, quote(path, 400), ', '.join(folders)))


def _load_json(path, what):
    try:
        with io.open(path, 'rb') as handle:
            raw = handle.read()
        data = json.loads(raw.decode('utf-8'))
    except (IOError, OSError) as exc:
        raise ManifestError('cannot read the %s %s (%s)' % (what, path, exc))
    except (ValueError, RuntimeError) as exc:    # not UTF-8, not JSON, nested too deeply
        raise ManifestError('the %s %s is not valid JSON (%s); nothing was changed'
                            % (what, path, exc))
    if not isinstance(data, dict):
        raise ManifestError('the %s %s is not a JSON object' % (what, path))
    return data


def _check_record(entry, where, folders):
    """A format-2 file entry: ``{"path", "size", "sha256"}`` -> ``(path, size, sha256)``."""
    if not isinstance(entry, dict):
        raise ManifestError('%s is %s, not a file record {path, size, sha256}'
                            % (where, quote(entry)))
    path = check_path(entry.get('path'), where + ' path', folders)
    size = entry.get('size')
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ManifestError('%s (%s): size %s is not a byte count' % (where, path, quote(size)))
    digest = entry.get('sha256')
    if not isinstance(digest, TEXT_TYPES) or len(digest) != 64 or not set(digest) <= _HEX:
        raise ManifestError('%s (%s): sha256 %s is not a SHA-256 hex digest'
                            % (where, path, quote(digest)))
    return path, size, str(digest)


def read_manifest(path, folders, root):
    """The checked manifest at ``path``, or None when there is none.

    Returns
    -------
    dict
        ``files``: list of ``(path, size, sha256)`` (size and sha256 None for a format-1
        manifest), ``dirs``: list of folder paths, ``txn``: the install's id (or None).

    Raises
    ------
    ManifestError
        Naming the first entry that fails a check; nothing has been touched.
    """
    if not os.path.lexists(path):
        return None
    if not os.path.isfile(path):
        raise ManifestError('the install manifest %s is not a file' % path)
    data = _load_json(path, 'install manifest')
    fmt = data.get('format', 1)
    files = data.get('files')
    dirs = data.get('dirs')
    where = 'install manifest %s' % path
    if not isinstance(files, list):
        raise ManifestError("%s: 'files' is %s, expected a list" % (where, quote(files)))
    if not isinstance(dirs, list):
        raise ManifestError("%s: 'dirs' is %s, expected a list" % (where, quote(dirs)))
    records = []
    for i, entry in enumerate(files):
        name = '%s: files[%d]' % (where, i)
        if fmt == 1:
            records.append((check_path(entry, name, folders), None, None))
        elif fmt == MANIFEST_FORMAT:
            records.append(_check_record(entry, name, folders))
        else:
            raise ManifestError('%s: unknown format %s (this bpcore reads 1 and 2)'
                                % (where, quote(fmt)))
    folders_out = [check_path(d, '%s: dirs[%d]' % (where, i), folders, root)
                   for i, d in enumerate(dirs)]
    txn = data.get('txn')
    return {'files': records, 'dirs': folders_out,
            'txn': txn if isinstance(txn, TEXT_TYPES) else None}


def manifest_bytes(version, variant, txn, records, dirs):
    """The manifest document for ``records`` ``[(path, size, sha256)]`` as UTF-8 bytes."""
    data = {'format': MANIFEST_FORMAT, 'bpcore': version, 'variant': variant, 'txn': txn,
            'files': [{'path': p, 'size': s, 'sha256': h} for p, s, h in records],
            'dirs': list(dirs)}
    return json.dumps(data, indent=1, sort_keys=True, separators=(',', ': ')).encode('utf-8')


def read_journal(path, folders, root, manifest_path):
    """The checked journal of an interrupted install, or None when there is none.

    Every path in it gets the checks of :func:`check_path`; the staged and set-aside copies
    must be their file's path plus the fixed suffixes. Raises :class:`ManifestError`.
    """
    if not os.path.lexists(path):
        return None
    data = _load_json(path, 'install journal')
    where = 'install journal %s' % path
    entries = data.get('entries')
    dirs = data.get('dirs')
    if not isinstance(entries, list) or not isinstance(dirs, list):
        raise ManifestError("%s: 'entries' and 'dirs' must be lists" % where)
    checked = []
    for i, e in enumerate(entries):
        name = '%s: entries[%d]' % (where, i)
        if not isinstance(e, dict):
            raise ManifestError('%s is not an object' % name)
        target = e.get('path')
        if target != manifest_path:
            check_path(target, name + ' path', folders)
        new = e.get('new_sha256')
        if new is not None and (not isinstance(new, TEXT_TYPES) or len(new) != 64):
            raise ManifestError('%s: new_sha256 is not a SHA-256 hex digest' % name)
        checked.append({'path': target, 'new_sha256': new, 'existed': bool(e.get('existed'))})
    manifest_sha = data.get('manifest_sha256')
    if not isinstance(manifest_sha, TEXT_TYPES) or len(manifest_sha) != 64:
        raise ManifestError('%s: manifest_sha256 is not a SHA-256 hex digest' % where)
    return {'entries': checked, 'manifest_sha256': manifest_sha,
            'dirs': [check_path(d, '%s: dirs[%d]' % (where, i), folders, root)
                     for i, d in enumerate(dirs)]}


def replace(src, dst):
    """Rename ``src`` over ``dst`` atomically (POSIX rename; os.replace on Windows Python 3)."""
    if os.name == 'nt' and os.path.exists(dst):
        getattr(os, 'replace')(src, dst)      # os.replace: Python 3 only (build tools run there)
    else:
        os.rename(src, dst)


def write_file(path, data):
    """Write ``data`` (bytes) to ``path`` atomically: a temporary file beside it, flushed to disk,
    renamed over it; the temporary file is removed on every failure."""
    tmp = path + '.bpcore-tmp'
    done = False
    try:
        with io.open(tmp, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace(tmp, path)
        done = True
    finally:
        if not done and os.path.lexists(tmp):
            os.remove(tmp)
