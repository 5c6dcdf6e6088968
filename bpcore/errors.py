"""The one error family of bpcore.

Every bad input raises :class:`BPError` (a ``ValueError``) or one of its subclasses, with a
message that names the row, column, layer, key or shape at fault. Grasshopper components turn
it into a red runtime message; plain Python code can catch ``ValueError``.
"""
from __future__ import absolute_import, division, print_function

__all__ = ['BPError', 'DataError', 'ModelFileError', 'TrainingError', 'GHIOError', 'BPWarning',
           'quote', 'TEXT_TYPES']

try:
    TEXT_TYPES = (str, unicode)  # noqa: F821 (Python 2: unicode text from JSON and io.open)
except NameError:
    TEXT_TYPES = (str,)         # the basestring of both worlds; IronPython's str is unicode


_ESCAPE = bytes is str             # CPython 2: a message must stay ASCII str (IronPython: unicode)


def quote(value, limit=60, _depth=0):
    """A value for a message, never long and never failing: text as 'abc' (no u'' prefix on
    Python 2; cut after ``limit`` characters), lists, tuples and dicts to 3 levels and 6 items
    (``[[[...]]]``), a huge integer by its number of digits, anything else its repr, cut."""
    if isinstance(value, TEXT_TYPES):
        text = value if len(value) <= limit else value[:limit] + '...'
        if _ESCAPE and not isinstance(text, str):
            text = text.encode('ascii', 'backslashreplace')
        return "'%s'" % text
    if isinstance(value, (list, tuple, dict)):
        ends = '[]' if isinstance(value, list) else '()' if isinstance(value, tuple) else '{}'
        if _depth >= 3:
            return ends[0] + '...' + ends[1]
        if isinstance(value, dict):
            keys = sorted(value, key=lambda k: quote(k, limit, _depth + 1))
            items = ['%s: %s' % (quote(k, limit, _depth + 1), quote(value[k], limit, _depth + 1))
                     for k in keys[:6]]
        else:
            items = [quote(v, limit, _depth + 1) for v in value[:6]]
        if len(value) > 6:
            items.append('...')
        comma = ',' if isinstance(value, tuple) and len(value) == 1 else ''
        return ends[0] + ', '.join(items) + comma + ends[1]
    if isinstance(value, (int, type(2 ** 64))) and not isinstance(value, bool) and \
            value.bit_length() > 128:
        return 'an integer of about %d digits' % int(value.bit_length() * 0.30103 + 1)
    try:
        text = repr(value)
    except Exception:              # a broken __repr__: name the type
        return '<%s object>' % type(value).__name__
    return text if len(text) <= limit else text[:limit] + '...'


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


class BPWarning(UserWarning):
    """Something worked, but not as asked (e.g. a model was loaded from its backup file)."""
