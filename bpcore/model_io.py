"""Models on disk: one JSON document per network, written atomically.

The document::

    {"schema": "bpcore.model", "version": 1, "bpcore": "<library version>",
     "network": {sizes, activations, init, seed, weights, biases, class_names,
                 feature_names, scaler, training[, target_scaler]}}

Version 2 adds ``target_scaler`` (a regression network trained on scaled targets). A network
without one is still written as version 1, so older bpcore reads it; one with a target scaler
is written as version 2, which older bpcore refuses ("newer than this bpcore reads") rather
than predicting in scaled units. Both versions load.

The bytes are the same from every interpreter: ASCII JSON (non-ASCII text such as a class name
``'W\u00fcrfel'`` is written as ``\\u00fc`` escapes, so the file is UTF-8 and reads back as the
same text on IronPython 2.7 and CPython 3), sorted keys, ``,``/``: `` separators. JSON has no
NaN or Infinity: a non-finite weight, bias or scaler value is refused (the model would be
broken), a non-finite number in the free-form ``training`` summary (a ``val_loss`` that
overflowed) is written as ``null``.

:func:`save` writes to a temporary file beside the target, flushes it to disk and only then
renames it over the target, so a failed or interrupted save (full disk, read-only folder,
Ctrl-C) never destroys the previous file and leaves no temporary file. Where the rename cannot
replace a file atomically (IronPython on Windows), the old file is first moved to
``<path>.bak-bpcore`` and put back if the final rename fails; should the process die in between,
:func:`load` finds the backup and loads it with a :class:`~bpcore.errors.BPWarning`.

:func:`load` / :func:`loads` refuse with a :class:`~bpcore.errors.ModelFileError` naming the file
and the problem: not a path, a folder, unreadable, not UTF-8, not JSON, nested too deeply,
another schema, a newer version, a missing key, a shape that does not fit, a bad value.
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os
import re
import tempfile
import warnings

from bpcore.errors import TEXT_TYPES, BPError, BPWarning, ModelFileError, quote
from bpcore.matrix import INT_TYPES, is_number
from bpcore.network import Network
from bpcore.version import __version__

__all__ = ['SCHEMA', 'VERSION', 'BACKUP_SUFFIX', 'MAX_DEPTH', 'dumps', 'loads', 'save', 'load']

SCHEMA = 'bpcore.model'
VERSION = 2
BACKUP_SUFFIX = '.bak-bpcore'
MAX_DEPTH = 64                      # nesting of a model document (a model needs about 5)

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r'[\[\]{}]')
_native_replace = getattr(os, 'replace', None)     # Python 3 (atomic on Windows too)
_WINDOWS = os.name == 'nt'                         # rename does not replace a file there


def _json_safe(value, where, depth=0):
    """A copy of the free-form ``value`` that JSON can hold: non-finite floats become None;
    anything JSON cannot hold raises a BPError naming ``where``."""
    if depth > 32:
        raise BPError('%s is nested too deeply to save' % where)
    if value is None or isinstance(value, (bool,) + TEXT_TYPES):
        return value
    if is_number(value):
        if isinstance(value, INT_TYPES):
            return int(value)
        v = float(value)
        return v if v - v == 0.0 else None        # NaN and +-inf: null (JSON has neither)
    if isinstance(value, (list, tuple)):
        return [_json_safe(v, '%s[%d]' % (where, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, TEXT_TYPES):
                raise BPError('%s: key %s is not text; JSON keys are text' % (where, quote(k)))
            out[k] = _json_safe(v, '%s[%s]' % (where, quote(k)), depth + 1)
        return out
    raise BPError('%s is a %s, which a model file cannot hold (numbers, text, lists, dicts)'
                  % (where, type(value).__name__))


def dumps(network, indent=None):
    """The model document of ``network`` as a JSON string (ASCII)."""
    if not isinstance(network, Network):
        raise BPError('can only save a bpcore Network, got %s' % type(network).__name__)
    if indent is not None and (not isinstance(indent, int) or isinstance(indent, bool)
                               or not 0 <= indent <= 16):
        raise BPError('indent must be None or a whole number 0..16, got %s' % quote(indent))
    data = network.to_data()
    data['training'] = _json_safe(data['training'], "'training'")
    # the checks of loading, before writing: never save what load would refuse (a NaN weight
    # is named by layer and index, a wrong class-name count by its key)
    Network.from_data(data)
    version = 2 if 'target_scaler' in data else 1
    doc = {'schema': SCHEMA, 'version': version, 'bpcore': __version__, 'network': data}
    separators = (',', ': ') if indent is not None else None   # 2.7 would end lines with ', '
    return json.dumps(doc, indent=indent, sort_keys=True, allow_nan=False,
                      separators=separators)


def _depth(text):
    """How deeply ``text`` nests JSON arrays and objects (strings skipped); stops past
    :data:`MAX_DEPTH` (json's recursive parser would overflow the stack on 100,000 '[')."""
    depth = 0
    for bracket in _BRACKETS.findall(_STRING.sub('""', text)):
        if bracket in '[{':
            depth += 1
            if depth > MAX_DEPTH:
                return depth
        else:
            depth -= 1
    return depth


def loads(text, source='model string'):
    """Read a network from a model JSON string (``source`` names it in error messages)."""
    source = source if isinstance(source, TEXT_TYPES) else quote(source)
    if isinstance(text, bytes) and not isinstance(text, str):
        text = _decode(text, source)
    if not isinstance(text, TEXT_TYPES):
        raise ModelFileError('%s: expected JSON text, got %s' % (source, type(text).__name__))
    if _depth(text) > MAX_DEPTH:
        raise ModelFileError('%s is not a bpcore model: its JSON nests deeper than %d levels'
                             % (source, MAX_DEPTH))
    try:
        doc = json.loads(text)
    except (ValueError, RuntimeError) as exc:      # RuntimeError: recursion (see _depth)
        raise ModelFileError('%s is not valid JSON (%s)' % (source, exc))
    if not isinstance(doc, dict):
        raise ModelFileError('%s: the JSON is not a bpcore model (expected an object)' % source)
    if doc.get('schema') != SCHEMA:
        raise ModelFileError("%s: schema is %s, expected '%s'"
                             % (source, quote(doc.get('schema')), SCHEMA))
    version = doc.get('version')
    if not isinstance(version, INT_TYPES) or isinstance(version, bool):
        raise ModelFileError("%s: missing or bad 'version'" % source)
    if version > VERSION:
        raise ModelFileError('%s: model format version %s is newer than this bpcore reads (%d); '
                             'update bpcore' % (source, quote(version), VERSION))
    if 'network' not in doc:
        raise ModelFileError("%s: missing key 'network'" % source)
    try:
        return Network.from_data(doc['network'])
    except ModelFileError:
        raise
    except BPError as exc:
        raise ModelFileError('%s: %s' % (source, exc))


def _decode(raw, source):
    """UTF-8 bytes (a UTF-8 byte-order mark is allowed) -> text."""
    if raw.startswith(b'\xef\xbb\xbf'):
        raw = raw[3:]
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError as exc:
        raise ModelFileError('%s is not a bpcore model: cannot decode it as UTF-8 text (byte '
                             '0x%02x at position %d)'
                             % (source, bytearray(raw[exc.start:exc.start + 1])[0], exc.start))


def _check_path(path, action):
    """A file path as text (``os.PathLike`` accepted), or a ModelFileError naming ``path``."""
    if hasattr(path, '__fspath__'):
        path = path.__fspath__()
    if not isinstance(path, TEXT_TYPES):
        raise ModelFileError('cannot %s: path must be a file path (text), got %s'
                             % (action, quote(path)))
    if not path.strip() or '\0' in path:
        raise ModelFileError('cannot %s: %s is not a file path' % (action, quote(path)))
    return path


def _read(path):
    try:
        with io.open(path, 'rb') as f:
            raw = f.read()
    except (IOError, OSError) as exc:
        raise ModelFileError('cannot read %s: %s' % (path, exc.strerror or exc))
    return loads(_decode(raw, path), source=path)


def load(path):
    """Read a network from a model file.

    When the file is missing or damaged but the backup a Windows save keeps for a moment
    (``<path>.bak-bpcore``) is there, the backup is loaded, with a
    :class:`~bpcore.errors.BPWarning` saying so.
    """
    path = _check_path(path, 'load a model')
    backup = path + BACKUP_SUFFIX
    if os.path.isdir(path):
        raise ModelFileError('%s is a folder, not a model file' % path)
    if not os.path.isfile(path):
        if os.path.isfile(backup):
            net = _read(backup)
            warnings.warn('model file %s is missing; loaded its backup %s (an interrupted '
                          'save); save again to restore the file' % (path, backup), BPWarning)
            return net
        raise ModelFileError('model file not found: %s' % path)
    try:
        return _read(path)
    except ModelFileError as exc:
        if not os.path.isfile(backup):
            raise
        damaged = exc
    try:
        net = _read(backup)
    except ModelFileError:
        raise damaged                     # the backup is no better: report the file itself
    warnings.warn('%s; loaded the backup %s instead' % (damaged, backup), BPWarning)
    return net


def save(network, path, indent=1):
    """Write ``network`` to ``path`` atomically; returns the absolute path.

    Raises a :class:`~bpcore.errors.ModelFileError` naming the path when the folder is missing
    or not writable, or the disk is full; the previous file is then unchanged and no temporary
    file is left behind (also on Ctrl-C).
    """
    text = dumps(network, indent=indent)      # fails before anything touches the disk
    data = text.encode('utf-8')                # ASCII JSON (ensure_ascii): fine on 2.7 and 3
    path = os.path.abspath(_check_path(path, 'save'))
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise ModelFileError('cannot save: the folder %s does not exist' % folder)
    if os.path.isdir(path):
        raise ModelFileError('cannot save: %s is a folder' % path)
    tmp = None
    done = False
    try:
        fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.', suffix='.tmp',
                                   dir=folder)
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            if hasattr(os, 'fsync'):
                os.fsync(f.fileno())
        _rename_over(tmp, path)
        done = True
    except (IOError, OSError) as exc:
        raise ModelFileError('cannot save %s: %s' % (path, getattr(exc, 'strerror', None) or exc))
    finally:
        if not done and tmp is not None and os.path.exists(tmp):
            os.remove(tmp)                     # also on Ctrl-C
    return path


def _rename_over(src, dst):
    """Rename ``src`` to ``dst``, replacing ``dst``, on POSIX and on Windows."""
    if not _WINDOWS or not os.path.exists(dst):
        os.rename(src, dst)               # atomic replace on POSIX
        return
    if _native_replace is not None:
        _native_replace(src, dst)         # atomic on Windows (Python 3)
        return
    backup = dst + BACKUP_SUFFIX          # IronPython on Windows: move the old file aside
    if os.path.exists(backup):
        os.remove(backup)
    os.rename(dst, backup)
    moved = False
    try:
        os.rename(src, dst)
        moved = True
    finally:
        if not moved:
            os.rename(backup, dst)        # put the previous model back (also on Ctrl-C)
    os.remove(backup)
