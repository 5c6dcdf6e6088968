"""Where the build tools find things: the repository, the version, the user object folders.

The repository holds ``bpcore/`` (the package), ``gh_components/<Name>/`` (one bundle per
component) and ``userobjects/`` (the built ``.ghuser`` files, one folder per variant)::

    userobjects/<Name>.ghuser           'ironpython': GhPython component (Rhino 6, 7, 8)
    userobjects/rhino8/<Name>.ghuser    'rhino8': Rhino 8 Python 3 script component
"""
from __future__ import absolute_import, division, print_function

import io
import os
import re

__all__ = ['VARIANTS', 'VARIANT_FOLDERS', 'PACKAGE_NAME', 'repo_root', 'package_dir',
           'read_version', 'userobject_folder', 'userobject_names']

VARIANTS = ('ironpython', 'rhino8')
VARIANT_FOLDERS = {'ironpython': '', 'rhino8': 'rhino8'}  # below userobjects/
PACKAGE_NAME = 'bpcore'

_VERSION = re.compile(r'''^__version__\s*=\s*['"]([^'"]+)['"]''', re.MULTILINE)


def package_dir():
    """The ``bpcore/`` folder these tools belong to."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def repo_root():
    """The folder that holds ``bpcore/``, ``gh_components/`` and ``userobjects/``."""
    return os.path.dirname(package_dir())


def read_version(path=None):
    """``__version__`` read by regex (never imported) from ``bpcore/version.py`` or ``path``.

    '0.0.0' when the file is missing or states no version.
    """
    if path is None:
        path = os.path.join(package_dir(), 'version.py')
    try:
        with io.open(path, encoding='utf-8') as handle:
            found = _VERSION.search(handle.read())
    except (IOError, OSError):
        return '0.0.0'
    return found.group(1) if found else '0.0.0'


def userobject_folder(userobjects, variant):
    """The folder of one variant's ``.ghuser`` files below a ``userobjects/`` folder."""
    return os.path.join(userobjects, VARIANT_FOLDERS[variant])


def userobject_names(folder):
    """Sorted ``.ghuser`` file names in ``folder`` ([] when it does not exist)."""
    if not os.path.isdir(folder):
        return []
    return sorted(n for n in os.listdir(folder) if n.endswith('.ghuser'))
