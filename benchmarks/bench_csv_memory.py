"""Peak memory of read_csv on a large generated file (issue 10: stream rows, never hold the
file's bytes, text, lines and cells at once).

    python benchmarks/bench_csv_memory.py [--mib 240] [--columns 8] [--keep]

Writes a CSV of about ``--mib`` MiB (``--columns`` numeric features and a text label, written
with bpcore.rng) to a temporary folder, reads it with ``bpcore.data.read_csv`` in a child
process and prints the child's peak resident memory (``resource.getrusage``'s ``ru_maxrss``)
next to what the result itself takes (the ``Dataset``'s lists, measured with ``tracemalloc``
in another child) and the file size. CPython 3 on Linux or macOS.
"""
from __future__ import absolute_import, division, print_function

import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bpcore.rng import Random  # noqa: E402

CHILD = r'''
import resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from bpcore.data import read_csv
mode = sys.argv[3]
if mode == 'traced':
    tracemalloc.start()
t = time.time()
ds = read_csv(sys.argv[2])
seconds = time.time() - t
if mode == 'traced':
    current, peak = tracemalloc.get_traced_memory()
    print('traced %d %d' % (current, peak))
else:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss *= 1 if sys.platform == 'darwin' else 1024
    print('rss %d %.1f %d %d' % (rss, seconds, len(ds.X), len(ds.X[0])))
'''


def write_table(path, mib, columns, seed=0):
    rng = Random(seed)
    target = mib * (1 << 20)
    names = ['f%d' % j for j in range(columns)] + ['label']
    labels = ['Kama', 'Rosa', 'Canadian']
    size = 0
    rows = 0
    with open(path, 'w') as f:
        f.write(','.join(names) + '\n')
        while size < target:
            chunk = []
            for _ in range(1000):
                cells = ['%.6f' % rng.uniform(-100.0, 100.0) for _ in range(columns)]
                chunk.append(','.join(cells) + ',' + labels[rows % 3] + '\n')
                rows += 1
            text = ''.join(chunk)
            f.write(text)
            size += len(text)
    return rows


def child(path, mode):
    out = subprocess.check_output([sys.executable, '-c', CHILD, ROOT, path, mode])
    return out.decode('ascii').split()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--mib', type=float, default=240.0)
    parser.add_argument('--columns', type=int, default=8)
    parser.add_argument('--keep', action='store_true', help='keep the generated file')
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix='bpcore-csv-')
    path = os.path.join(folder, 'big.csv')
    t = time.time()
    rows = write_table(path, args.mib, args.columns)
    size = os.path.getsize(path)
    print('file: %s, %.1f MiB, %d rows x %d features + label (written in %.0f s)'
          % (path, size / 2.0 ** 20, rows, args.columns, time.time() - t))
    _, rss, seconds, n, k = child(path, 'rss')
    print('read_csv: %.1f s, %s rows x %s features' % (float(seconds), n, k))
    print('peak resident memory of the reading process: %.2f GB (%.2f x the file)'
          % (int(rss) / 1e9, int(rss) / float(size)))
    _, current, peak = child(path, 'traced')
    print('tracemalloc: result %.2f GB, peak %.2f GB (peak / result %.2f)'
          % (int(current) / 1e9, int(peak) / 1e9, int(peak) / float(current)))
    if not args.keep:
        os.remove(path)
        os.rmdir(folder)


if __name__ == '__main__':
    main()
