"""The training benchmark runs and its three implementations agree (2.7 and 3.x)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_bench_train_short_run_agrees():
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, 'benchmarks', 'bench_train.py'),
                             '--epochs', '3', '--repeat', '1'],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 0, out
    assert 'speed-up bpcore / naive' in out and 'WARNING' not in out
