"""Component bundles: the folders ``gh_components/<Name>/`` user objects are built from.

A bundle holds ``code.py`` (the component's script), ``metadata.json`` (see
:mod:`bpcore.build.metadata`) and ``icon.png`` (24x24 PNG). The folder name is the ``.ghuser``
file name and the seed of every GUID of the built file.
"""
from __future__ import absolute_import, division, print_function

import json
import os

from bpcore.build.icons import SIZE, png_size
from bpcore.build.metadata import fail, normalize_metadata
from bpcore.errors import GHIOError

__all__ = ['BUNDLE_FILES', 'discover_bundles', 'read_bundle']

BUNDLE_FILES = ('code.py', 'metadata.json', 'icon.png')


def discover_bundles(source):
    """Sorted folder names under ``source`` holding any bundle file (others are ignored)."""
    if not os.path.isdir(source):
        return []
    names = []
    for name in sorted(os.listdir(source)):
        path = os.path.join(source, name)
        if name.startswith('.') or name == '__pycache__' or not os.path.isdir(path):
            continue
        if any(os.path.exists(os.path.join(path, f)) for f in BUNDLE_FILES):
            names.append(name)
    return names


def read_bundle(folder):
    """Read and validate ``code.py``, ``metadata.json`` and ``icon.png`` of a bundle.

    Parameters
    ----------
    folder : str
        ``gh_components/<Name>``; ``<Name>`` is the component's file name and GUID seed.

    Returns
    -------
    dict
        ``{'name': folder name, 'code': text (LF line endings), 'icon': PNG bytes,
        'metadata': normalized metadata}`` (see :func:`~bpcore.build.metadata.normalize_metadata`).

    Raises
    ------
    GHIOError
        A missing file, non-UTF-8 code, invalid JSON, a non-24x24 icon or bad metadata; the
        message names the component and the key.
    """
    name = os.path.basename(os.path.normpath(folder))
    paths = {}
    for filename in BUNDLE_FILES:
        path = os.path.join(folder, filename)
        if not os.path.isfile(path):
            fail(name, 'missing %s in %s' % (filename, folder))
        paths[filename] = path
    with open(paths['icon.png'], 'rb') as handle:
        icon = handle.read()
    try:
        size = png_size(icon)
    except GHIOError:
        fail(name, 'icon.png is not a PNG file')
    if tuple(size) != (SIZE, SIZE):
        fail(name, 'icon.png is %dx%d, Grasshopper icons are 24x24' % tuple(size))
    with open(paths['code.py'], 'rb') as handle:
        raw = handle.read()
    try:
        code = raw.decode('utf-8')
    except UnicodeDecodeError as exc:
        fail(name, 'code.py is not UTF-8 (%s)' % exc)
    if code.startswith(u'\ufeff'):
        code = code[1:]
    code = code.replace(u'\r\n', u'\n')
    with open(paths['metadata.json'], 'rb') as handle:
        raw = handle.read()
    try:
        metadata = json.loads(raw.decode('utf-8'))
    except ValueError as exc:
        fail(name, 'metadata.json is not valid JSON (%s)' % exc)
    return {'name': name, 'code': code, 'icon': icon,
            'metadata': normalize_metadata(metadata, name)}

