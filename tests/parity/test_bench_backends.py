"""The backends benchmark runs end to end with tiny sizes: every runner in its own process,
one table, every runner's accuracy reported, bpcore's backends agreeing with each other."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, 'benchmarks', 'bench_backends.py')


def rows(out):
    table = [line.split('|')[1:-1] for line in out.splitlines() if line.startswith('| ')]
    return [[cell.strip() for cell in row] for row in table[1:]]


def test_quick_run_of_every_runner():
    proc = subprocess.Popen([sys.executable, SCRIPT, '--quick', '--workloads', 'xor,mnist'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    out = out.decode('utf-8')
    assert proc.returncode == 0, out + err.decode('utf-8')
    table = rows(out)
    runners = set(row[1] for row in table)
    assert runners == {'bpcore-pure', 'bpcore-compiled', 'bpcore-numpy', 'numpy-loop', 'torch',
                       'sklearn'}
    assert len(table) == 11 and 'failed' not in out       # MNIST is too big to compile
    for workload in ('XOR', 'MNIST'):
        acc = dict((row[1], row[4]) for row in table if row[0].startswith(workload))
        # the same weights, order and arithmetic: bpcore's backends agree with each other
        assert acc['bpcore-pure'] == acc.get('bpcore-compiled', acc['bpcore-pure']) \
            == acc['bpcore-numpy']
        assert acc['bpcore-pure'] == acc['torch'] == acc['numpy-loop']
    reference = [row for row in table if row[0].startswith('XOR') and row[1] == 'numpy-loop']
    assert reference[0][5] in ('1.00x', '-')      # '-': too fast for a 10 ms CPU clock


def test_quick_wine_on_the_pure_runners():
    proc = subprocess.Popen([sys.executable, SCRIPT, '--quick', '--workloads', 'wine',
                             '--runners', 'naive,bpcore-pure,bpcore-compiled'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 0, out
    table = rows(out)
    assert [row[1] for row in table] == ['naive', 'bpcore-pure', 'bpcore-compiled']
    assert len(set(row[4] for row in table)) == 1          # identical weights, same accuracy
