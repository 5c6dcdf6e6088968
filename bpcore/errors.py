"""The one error family of bpcore.

Every bad input raises :class:`BPError` (a ``ValueError``) or one of its subclasses, with a
message that names the row, column, layer, key or shape at fault. Grasshopper components turn
it into a red runtime message; plain Python code can catch ``ValueError``.
"""
from __future__ import absolute_import, division, print_function

__all__ = ['BPError', 'DataError', 'ModelFileError', 'TrainingError', 'GHIOError', 'quote',
           'TEXT_TYPES']

try:
    TEXT_TYPES = (str, unicode)  # noqa: F821 (Python 2: unicode text from JSON and io.open)
except NameError:
    TEXT_TYPES = (str,)         # the basestring of both worlds; IronPython's str is unicode


def quote(value):
    """A value for a message: text as 'abc' (no u'' prefix on Python 2), anything else repr."""
    if isinstance(value, TEXT_TYPES):
        return "'%s'" % value
    return repr(value)


class BPError(ValueError):
    """Base class of every error bpcore raises on bad input."""


class DataError(BPError):
    """A table, matrix or label list is malformed (ragged row, NaN/inf, wrong width...)."""


class ModelFileError(BPError):
    """A model file or string cannot be read: not JSON, wrong schema, missing key, bad shape."""


class TrainingError(BPError):
    """Training cannot go on, e.g. the loss became NaN or infinite."""


class GHIOError(BPError):
    """A GH_IO archive (.ghuser/.gh) or a component bundle cannot be read or written."""
