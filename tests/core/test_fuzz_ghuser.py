"""Fuzzing .ghuser reading: mutated user objects give a GHIOError, nothing else (issue 10).

Mutations at three levels, all seeded: the compressed file's bytes, the inflated archive's
bytes (structure survives decompression, so items and chunks change), and the inner component
archive (the 'Object' byte array). Standard library and pytest only; 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import io
import os

import _fuzz
from bpcore.build import ghio
from bpcore.build.userobject import read_userobject

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = [os.path.join(ROOT, 'userobjects', name) for name in
           ('BP_Load.ghuser', 'BP_Train.ghuser', os.path.join('rhino8', 'BP_Load.ghuser'),
            os.path.join('rhino8', 'BP_Predict.ghuser'))]


def _read(path):
    with io.open(path, 'rb') as f:
        return f.read()


def mutants(n, seed=10):
    m = _fuzz.Mutator(seed)
    originals = [_read(p) for p in SAMPLES]
    inflated = [ghio.inflate(data) for data in originals]
    for i in range(n):
        k = i % len(originals)
        level = m.rng.randint(0, 2)
        if level == 0:
            yield m.bytes(originals[k])
        elif level == 1:
            yield ghio.deflate(m.bytes(inflated[k]))
        else:
            root = ghio.loads(originals[k])
            inner = ghio.inflate(root.get('Object'))
            root.set_bytes('Object', ghio.deflate(m.bytes(inner)))
            yield ghio.dumps(root)


def test_mutated_user_objects_raise_only_ghio_errors(request):
    n = _fuzz.count(request, 1500)
    stats = _fuzz.run('.ghuser reading', mutants(n), read_userobject, request.config)
    assert stats['tried'] == n and stats['other'] == 0
    assert stats['refused'] > n // 4          # the mutations do reach the checks
