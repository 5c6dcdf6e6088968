"""The bpcore locator: the snippet every component's code starts with, so that it finds the
bpcore package by itself (Yak package folders, UserObjects, scripts) when ``import bpcore``
fails.

One source of truth: ``bpcore/build/locate_snippet.txt``. It runs before bpcore can be
imported, so it is plain, self-contained Python 2.7/3 text, not a module of the package. The
user object builder inserts it into every component's code right after the ``__future__``
line (:func:`inject`), and so every ``.ghuser`` and every example definition carries the same
snippet; ``tests/core/test_locate.py`` runs it against simulated folder layouts and checks
that every built file carries the current text.
"""
from __future__ import absolute_import, division, print_function

import io
import os

__all__ = ['SNIPPET_PATH', 'snippet', 'inject', 'strip', 'BEGIN', 'END']

SNIPPET_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'locate_snippet.txt')
BEGIN = u'# -- bpcore locator'
END = u'# -- end of bpcore locator --'
FUTURE = u'from __future__ import absolute_import, division, print_function'


def snippet():
    """The snippet's text (ends with a newline)."""
    with io.open(SNIPPET_PATH, encoding='utf-8') as f:
        text = f.read()
    return text if text.endswith(u'\n') else text + u'\n'


def strip(code):
    """``code`` without the snippet (and the blank line :func:`inject` put before it)."""
    lines = code.split(u'\n')
    starts = [i for i, l in enumerate(lines) if l.startswith(BEGIN)]
    stops = [i for i, l in enumerate(lines) if l.startswith(END)]
    if not starts or not stops:
        return code
    start, stop = starts[0], stops[0]
    if start > 0 and not lines[start - 1].strip():
        start -= 1
    return u'\n'.join(lines[:start] + lines[stop + 1:])


def inject(code):
    """``code`` with the current snippet after its ``__future__`` line (an older copy of the
    snippet is replaced). Code without that line is returned unchanged."""
    lines = strip(code).split(u'\n')
    for i, line in enumerate(lines):
        if line.strip() == FUTURE:
            block = snippet().rstrip(u'\n').split(u'\n')
            return u'\n'.join(lines[:i + 1] + [u''] + block + lines[i + 1:])
    return u'\n'.join(lines)
