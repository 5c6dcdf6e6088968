"""vermin: nothing in bpcore or the components needs more than Python 2.7 / 3.9."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_vermin_targets_27_and_39():
    vermin = os.path.join(os.path.dirname(sys.executable), 'vermin')   # the venv's script
    proc = subprocess.run([vermin, '-t=2.7-', '-t=3.9-', '--violations',
                           '--no-tips', 'bpcore', 'gh_components'], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.returncode == 0, proc.stdout.decode('utf-8')
