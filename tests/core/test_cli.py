"""The command line: demo and self-test (2.7 and 3.x)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args):
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore'] + list(args), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    return proc.returncode, out


def test_demo_short_run_prints_folds_confusion_and_saves(tmpdir):
    path = str(tmpdir.join('model.json'))
    code, out = run('demo', '--epochs', '30', '--out', path)
    assert code == 0, out
    assert out.count('fold ') >= 5 and 'mean accuracy:' in out
    assert 'true \\ predicted' in out and os.path.isfile(path)
    from bpcore.model_io import load
    net = load(path)
    assert net.sizes == [7, 5, 3] and net.class_names == ['1', '2', '3']
    assert net.scaler is not None


def test_selftest_reports_all_passed():
    code, out = run('selftest')
    assert code == 0, out
    assert out.strip().splitlines()[-1] == '7 passed, 0 failed'


def test_unknown_command_is_refused():
    code, out = run('train-everything')
    assert code == 2 and 'unknown command' in out


def test_demo_options_are_read_one_way():
    from bpcore.demo_options import read_options
    opts = read_options(['--epochs', '7', '--out', 'm.json'], {'epochs': 1, 'out': 'x'},
                        ('epochs',), 'demo')
    assert opts == {'epochs': 7, 'out': 'm.json'}
    for argv, message in ((['--epochs', 'x'], "demo mnist: --epochs needs a whole number, got 'x'"),
                          (['--nope', '1'], "demo mnist: unknown or incomplete option '--nope' "
                                            "(options: --epochs, --out)"),
                          (['--epochs'], "demo mnist: unknown or incomplete option '--epochs' "
                                         "(options: --epochs, --out)")):
        with pytest.raises(SystemExit) as e:
            read_options(argv, {'epochs': 1, 'out': 'x'}, ('epochs',), 'demo mnist')
        assert str(e.value) == message
