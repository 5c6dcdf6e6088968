"""Run the whole test suite: ``python tests/run.py [pytest arguments]``.

Creates ``.venv`` beside the repository (once; again when setup.py changes), installs
bpcore's test dependencies into it (``pip install -e .[test]``: pytest, numpy, scikit-learn,
torch 2.13.0 CPU, compas, rhino3dm, onnx, onnxruntime, ghhops-server, mlxtend, cairosvg,
vermin, hypothesis, micrograd), then runs pytest on
``tests/`` with that environment. Needs Python 3.9+ with pip and venv; Python 3.11 is what
CI uses (PyTorch's CPU wheel is found there without a large download).
"""
import hashlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, '.venv')
BIN = os.path.join(VENV, 'Scripts' if os.name == 'nt' else 'bin')
PYTHON = os.path.join(BIN, 'python.exe' if os.name == 'nt' else 'python')
STAMP = os.path.join(VENV, '.bpcore-test-deps')


def _fingerprint():
    with open(os.path.join(ROOT, 'setup.py'), 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def ensure_environment():
    if not os.path.exists(PYTHON):
        print('tests/run.py: creating %s' % VENV)
        subprocess.check_call([sys.executable, '-m', 'venv', VENV])
    wanted = _fingerprint()
    if os.path.exists(STAMP):
        with open(STAMP) as f:
            if f.read().strip() == wanted:
                return
    print('tests/run.py: installing the test dependencies (pip install -e .[test])')
    subprocess.check_call([PYTHON, '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
                           '-e', ROOT + '[test]'])
    with open(STAMP, 'w') as f:
        f.write(wanted)


def main(args):
    if sys.version_info < (3, 9):
        sys.exit('tests/run.py needs Python 3.9 or newer (the core alone also runs on 2.7: '
                 'python2.7 -m pytest tests/core)')
    ensure_environment()
    command = [PYTHON, '-m', 'pytest', os.path.join(ROOT, 'tests')] + list(args)
    return subprocess.call(command, cwd=ROOT)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
