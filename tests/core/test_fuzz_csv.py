"""Fuzzing read_csv: mutated tables give a DataError, nothing else (issue 10).

Seeded text mutations of a real table (the first rows of the wheat-seeds file with a header)
with CSV-hostile tokens, read with several option sets. Standard library and pytest only.
"""
from __future__ import absolute_import, division, print_function

import io
import os

import _fuzz
from bpcore.data import read_csv

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPTIONS = [dict(), dict(label=u'kind'), dict(label=None), dict(header=True),
           dict(header=False), dict(delimiter=u';'), dict(task=u'regression'), dict(label=0)]


def _table():
    with io.open(os.path.join(ROOT, 'examples', 'wheat-seeds.csv'), encoding='utf-8') as f:
        rows = [line for line in f.read().splitlines() if line.strip()][:12]
    names = u'area,perimeter,compactness,length,width,asymmetry,groove,kind'
    return names + u'\n' + u'\n'.join(rows) + u'\n'


def mutants(n, seed=6):
    m = _fuzz.Mutator(seed)
    text = _table()
    for i in range(n):
        yield m.text(text), OPTIONS[i % len(OPTIONS)]


class Case(tuple):
    def __getitem__(self, item):            # _fuzz shows case[:300] in a failure
        if isinstance(item, slice):
            return repr(tuple(self))[item]
        return tuple.__getitem__(self, item)


def test_mutated_tables_raise_only_data_errors(request):
    n = _fuzz.count(request, 2000)
    cases = (Case(c) for c in mutants(n))
    stats = _fuzz.run('CSV tables', cases, lambda c: read_csv(c[0], **c[1]), request.config)
    assert stats['tried'] == n and stats['other'] == 0
    assert stats['refused'] > n // 10 and stats['accepted'] > 0
