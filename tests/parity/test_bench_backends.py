"""The backends benchmark runs end to end with tiny sizes: every runner in its own process,
one table, every runner's accuracy reported, bpcore's backends agreeing with each other."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, 'benchmarks', 'bench_backends.py')


def rows(out, which=0):
    """The cells of the ``which``-th table (0: the runs, 1: the targets), header left out."""
    tables = [[]]
    for line in out.splitlines():
        if line.startswith('|'):
            if not line.startswith('|---'):
                tables[-1].append([cell.strip() for cell in line.split('|')[1:-1]])
        elif tables[-1]:
            tables.append([])
    return tables[which][1:]


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
    assert reference[0][5] in ('1.00x', '-')      # '-': too fast for the CPU clock
    targets = dict((row[0], row[1:]) for row in rows(out, 1))
    assert targets['xor: accuracy, bpcore vs peers'] == ['0.000', '0.01', 'yes']
    assert targets['mnist: accuracy, bpcore vs peers'] == ['0.000', '0.01', 'yes']
    assert targets['mnist: numpy backend vs torch'][1:] in (['1.5x', 'yes'], ['1.5x', 'NO'],
                                                            ['1.5x', '-'])
    assert not any('today' in name for name in targets)   # no --today: no such rows


def test_quick_wine_on_the_pure_runners():
    proc = subprocess.Popen([sys.executable, SCRIPT, '--quick', '--workloads', 'wine',
                             '--runners', 'naive,bpcore-pure,bpcore-compiled'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 0, out
    table = rows(out)
    assert [row[1] for row in table] == ['naive', 'bpcore-pure', 'bpcore-compiled']
    assert len(set(row[4] for row in table)) == 1          # identical weights, same accuracy


def load_script():
    sys.path.insert(0, os.path.dirname(SCRIPT))
    try:
        import bench_backends
    finally:
        sys.path.pop(0)
    return bench_backends


def test_targets_are_ratios_of_the_same_run():
    bench = load_script()
    here = '3.11.7'
    found = {('wine', here, 'naive'): {'seconds': 0.9, 'accuracy': 0.98},
             ('wine', here, 'bpcore-compiled'): {'seconds': 0.3, 'accuracy': 0.98},
             ('wine', '2.7.18', 'naive'): {'seconds': 1.0, 'accuracy': 0.98},
             ('wine', '2.7.18', 'bpcore-compiled'): {'seconds': 0.5, 'accuracy': 0.98},
             ('xor', here, 'numpy-loop'): {'seconds': 0.5, 'accuracy': 1.0},
             ('xor', here, 'bpcore-compiled'): {'seconds': 0.1, 'accuracy': 1.0},
             ('digits', here, 'torch'): {'seconds': 0.3, 'accuracy': 0.961},
             ('digits', here, 'bpcore-numpy'): {'seconds': 0.1, 'accuracy': 0.961},
             ('digits', here, 'bpcore-compiled'): {'seconds': 4.0, 'accuracy': 0.961},
             ('digits', here, 'bpcore-pure'): {'seconds': 8.0, 'accuracy': 0.961},
             ('digits', here, 'today'): {'seconds': 10.0, 'accuracy': 0.961},
             ('mnist', here, 'torch'): {'seconds': 0.8, 'accuracy': 0.911},
             ('mnist', here, 'bpcore-numpy'): {'error': 'no numpy'},
             ('mnist', here, 'bpcore-pure'): {'seconds': 60.0, 'accuracy': 0.93},
             ('mnist', here, 'today'): {'seconds': 170.0, 'accuracy': 0.911}}
    rows = dict((name, (measured, goal, met)) for name, measured, goal, met
                in bench.targets(found, here))
    assert rows['wine: compiled vs naive, Python 3.11.7'] == ('3.00x', '3.0x', True)
    assert rows['wine: compiled vs naive, Python 2.7.18'] == ('2.00x', '2.5x', False)
    assert rows['xor: compiled (Python 3.11.7) vs numpy loop'] == ('5.00x', '2.0x', True)
    assert rows['digits: numpy backend vs torch'] == ('3.00x', '1.5x', True)
    # the compiled kernel is digits' pure path; MNIST is too big for it
    assert rows['digits: pure path (compiled) vs --today'] == ('2.50x', '2.0x', True)
    assert rows['mnist: pure path (pure) vs --today'] == ('2.83x', '2.0x', True)
    assert rows['mnist: numpy backend vs torch'] == (None, '1.5x', None)   # failed: no ratio
    assert rows['digits: accuracy, bpcore vs peers'] == ('0.000', '0.01', True)
    assert rows['mnist: accuracy, bpcore vs peers'] == ('0.019', '0.01', False)
    table = bench.targets_table(bench.targets(found, here))
    assert '| wine: compiled vs naive, Python 2.7.18 | 2.00x | 2.5x | NO |' in table
    assert '| mnist: numpy backend vs torch | - | 1.5x | - |' in table
    found[('xor', here, 'bpcore-compiled')] = {'seconds': 0.0, 'accuracy': 1.0}   # too fast
    rows = dict((row[0], row[1:]) for row in bench.targets(found, here))
    assert rows['xor: compiled (Python 3.11.7) vs numpy loop'] == (None, '2.0x', None)
