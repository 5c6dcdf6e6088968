"""Models on disk: one JSON document per network, written atomically.

The document::

    {"schema": "bpcore.model", "version": 1, "bpcore": "<library version>",
     "network": {sizes, activations, init, seed, weights, biases, class_names,
                 feature_names, scaler, training[, target_scaler]}}

Version 2 adds ``target_scaler`` (a regression network trained on scaled targets). A network
without one is still written as version 1, so older bpcore reads it; one with a target scaler
is written as version 2, which older bpcore refuses ("newer than this bpcore reads") rather
than predicting in scaled units. Both versions load.

:func:`save` writes to a temporary file beside the target, flushes it to disk and only then
renames it over the target, so a failed save (full disk, unserialisable value, crash) never
destroys the previous file. Windows cannot rename over an existing file, so there the old
file is first moved aside and put back if the final rename fails.

:func:`load` / :func:`loads` refuse with a :class:`~bpcore.errors.ModelFileError` naming the
problem: not JSON, another schema, a newer version, a missing key, a shape that does not fit.
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os
import tempfile

from bpcore.errors import BPError, ModelFileError, quote
from bpcore.network import Network
from bpcore.version import __version__

__all__ = ['SCHEMA', 'VERSION', 'dumps', 'loads', 'save', 'load']

SCHEMA = 'bpcore.model'
VERSION = 2


def dumps(network, indent=None):
    """The model document of ``network`` as a JSON string."""
    if not isinstance(network, Network):
        raise BPError('can only save a bpcore Network, got %s' % type(network).__name__)
    data = network.to_data()
    # the checks of loading, before writing: never save what load would refuse (a NaN weight
    # is named by layer and index, a wrong class-name count by its key)
    Network.from_data(data)
    version = 2 if 'target_scaler' in data else 1
    doc = {'schema': SCHEMA, 'version': version, 'bpcore': __version__,
           'network': data}
    return json.dumps(doc, indent=indent, sort_keys=True, allow_nan=False)


def loads(text, source='model string'):
    """Read a network from a model JSON string (``source`` names it in error messages)."""
    if not hasattr(text, 'lower'):
        raise ModelFileError('%s: expected JSON text, got %s' % (source, type(text).__name__))
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ModelFileError('%s is not valid JSON (%s)' % (source, exc))
    if not isinstance(doc, dict):
        raise ModelFileError('%s: the JSON is not a bpcore model (expected an object)' % source)
    if doc.get('schema') != SCHEMA:
        raise ModelFileError("%s: schema is %s, expected '%s'"
                             % (source, quote(doc.get('schema')), SCHEMA))
    version = doc.get('version')
    if not isinstance(version, int) or isinstance(version, bool):
        raise ModelFileError("%s: missing or bad 'version'" % source)
    if version > VERSION:
        raise ModelFileError('%s: model format version %d is newer than this bpcore reads (%d); '
                             'update bpcore' % (source, version, VERSION))
    if 'network' not in doc:
        raise ModelFileError("%s: missing key 'network'" % source)
    try:
        return Network.from_data(doc['network'])
    except ModelFileError:
        raise
    except BPError as exc:
        raise ModelFileError('%s: %s' % (source, exc))


def load(path):
    """Read a network from a model file."""
    if not os.path.isfile(path):
        raise ModelFileError('model file not found: %s' % path)
    with io.open(path, 'r', encoding='utf-8') as f:
        text = f.read()
    return loads(text, source=path)


def save(network, path, indent=1):
    """Write ``network`` to ``path`` atomically; returns the absolute path."""
    text = dumps(network, indent=indent)      # fails before anything touches the disk
    data = text.encode('utf-8')                # ASCII JSON (ensure_ascii): fine on 2.7 and 3
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise ModelFileError('cannot save: the folder %s does not exist' % folder)
    fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.', suffix='.tmp',
                               dir=folder)
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            if hasattr(os, 'fsync'):
                os.fsync(f.fileno())
        _rename_over(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


def _rename_over(src, dst):
    """Rename ``src`` to ``dst``, replacing ``dst``, on POSIX and on Windows."""
    if os.name != 'nt' or not os.path.exists(dst):
        os.rename(src, dst)               # atomic replace on POSIX
        return
    backup = dst + '.bak-bpcore'
    if os.path.exists(backup):
        os.remove(backup)
    os.rename(dst, backup)
    try:
        os.rename(src, dst)
    except Exception:
        os.rename(backup, dst)            # put the previous model back
        raise
    os.remove(backup)
