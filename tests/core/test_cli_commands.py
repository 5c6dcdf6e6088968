"""The command line as a user runs it: subprocesses on the example CSVs and on bad files,
checking exit codes (0 ok, 1 failure, 2 usage), one-line errors and the files written."""
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EX = os.path.join(ROOT, 'examples')
IRIS = os.path.join(EX, 'iris.csv')
WHEAT = os.path.join(EX, 'wheat-seeds.csv')
WINE = os.path.join(EX, 'wine.csv')


def run(*args):
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore'] + list(args), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8'), err.decode('utf-8')


def write(tmpdir, name, text):
    path = str(tmpdir.join(name))
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


def one_line_error(err, *parts):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert 'Traceback' not in err
    for p in parts:
        assert p in lines[0], (p, lines[0])
    return lines[0]


@pytest.fixture(scope='module')
def iris_model(tmpdir_factory):
    path = str(tmpdir_factory.mktemp('cli').join('iris.json'))
    code, out, err = run('train', IRIS, '--label', 'species', '--layers', '4,6,3',
                         '--activations', 'tanh,softmax', '--epochs', '60', '--lr', '0.05',
                         '--batch-size', '16', '--val-split', '0.2', '--seed', '1',
                         '--out', path)
    assert code == 0, err
    return path, out


def test_train_logs_plain_progress_lines_and_saves_model_with_history(iris_model):
    path, out = iris_model
    assert '\r' not in out
    lines = [l for l in out.splitlines() if l.startswith('epoch ')]
    assert len(lines) == 20 and lines[-1].startswith('epoch 60/60')
    assert 'val loss' in lines[0] and 'ETA' in lines[0]
    with io.open(path, encoding='utf-8') as f:
        doc = json.load(f)
    net = doc['network']
    assert net['sizes'] == [4, 6, 3] and net['activations'] == ['tanh', 'softmax']
    assert net['class_names'] == ['setosa', 'versicolor', 'virginica']
    assert net['feature_names'][0] == 'sepal_length'
    assert net['scaler']['type'] == 'MinMaxScaler'
    assert net['training']['loss'] == 'cce' and net['training']['optimizer'] == 'adam'
    assert len(net['training']['history']['loss']) == 60
    assert net['training']['samples'] == 120        # 20% held out


def test_train_is_deterministic(iris_model, tmpdir):
    path, _ = iris_model
    again = str(tmpdir.join('again.json'))
    code, _, err = run('train', IRIS, '--label', 'species', '--layers', '4,6,3',
                       '--activations', 'tanh,softmax', '--epochs', '60', '--lr', '0.05',
                       '--batch-size', '16', '--val-split', '0.2', '--seed', '1', '--out', again)
    assert code == 0, err
    with io.open(path, encoding='utf-8') as f:
        a = json.load(f)['network']
    with io.open(again, encoding='utf-8') as f:
        b = json.load(f)['network']
    assert a['weights'] == b['weights'] and a['biases'] == b['biases']


def test_predict_matches_library_and_keeps_row_order(iris_model, tmpdir):
    path, _ = iris_model
    out_csv = str(tmpdir.join('pred.csv'))
    code, out, err = run('predict', path, IRIS, '--proba', '--out', out_csv)
    assert code == 0, err
    assert '150 predictions written' in out
    with io.open(out_csv, encoding='utf-8') as f:
        rows = [l.split(',') for l in f.read().strip().splitlines()]
    assert rows[0] == ['label', 'p_setosa', 'p_versicolor', 'p_virginica']
    from bpcore.data import read_csv
    from bpcore.model_io import load
    net = load(path)
    ds = read_csv(IRIS, label='species')
    expected = net.predict(ds.X)
    labels = net.predict_labels(ds.X)
    assert [r[0] for r in rows[1:]] == labels
    for r, e in zip(rows[1:], expected):
        assert [float(v) for v in r[1:]] == e        # repr round-trips floats exactly


def test_predict_matches_columns_by_name_in_any_order(iris_model, tmpdir):
    path, _ = iris_model
    with io.open(IRIS, encoding='utf-8') as f:
        lines = f.read().strip().splitlines()
    shuffled = []
    for line in lines:                   # columns: species, petal_width, sepal_length, ...
        c = line.split(',')
        shuffled.append(','.join([c[4], c[3], c[0], c[2], c[1]]))
    other = write(tmpdir, 'shuffled.csv', u'\n'.join(shuffled) + u'\n')
    code_a, out_a, _ = run('predict', path, IRIS)
    code_b, out_b, err = run('predict', path, other)
    assert code_a == 0 and code_b == 0, err
    assert out_a == out_b and out_a.splitlines()[1] == 'setosa'


def test_evaluate_prints_accuracy_report_and_confusion(iris_model):
    path, _ = iris_model
    code, out, err = run('evaluate', path, IRIS)
    assert code == 0, err
    from bpcore import metrics
    from bpcore.data import read_csv
    from bpcore.model_io import load
    net = load(path)
    ds = read_csv(IRIS, label='species')
    acc = metrics.accuracy(ds.y, net.predict_classes(ds.X))
    assert '150 rows' in out and 'accuracy %.4f' % acc in out
    assert 'precision' in out and 'recall' in out and 'true \\ predicted' in out
    assert acc > 0.9


def test_info_summarises_the_model(iris_model):
    path, _ = iris_model
    code, out, err = run('info', path)
    assert code == 0, err
    assert 'Network 4-6-3, 51 parameters' in out
    assert 'classes: setosa, versicolor, virginica' in out
    assert 'scaler MinMaxScaler' in out and 'history: 60 epochs' in out


def test_cv_on_wheat_reports_folds_and_mean():
    code, out, err = run('cv', WHEAT, '--folds', '3', '--epochs', '15', '--seed', '2')
    assert code == 0, err
    scores = [l for l in out.splitlines() if l.startswith('fold accuracy:')][0]
    assert scores.count('%') == 3
    mean = float([l for l in out.splitlines() if l.startswith('mean accuracy:')][0]
                 .split()[2].rstrip('%'))
    assert 70.0 < mean <= 100.0
    assert 'accuracy 0.' in out


def test_regression_train_and_evaluate(tmpdir):
    path = str(tmpdir.join('reg.json'))
    code, out, err = run('train', WINE, '--regression', '--label', 'alcohol', '--epochs', '5',
                         '--out', path)
    assert code == 0, err
    code, out, err = run('evaluate', path, WINE)
    assert code == 0, err
    assert out.splitlines()[1].startswith('mse') and 'r2' in out
    code, out, err = run('predict', path, WINE)
    assert code == 0 and out.splitlines()[0] == 'prediction' and len(out.splitlines()) == 179


def test_missing_column_is_one_line_naming_file_and_column(iris_model, tmpdir):
    path, _ = iris_model
    bad = write(tmpdir, 'missing.csv', u'sepal_length,sepal_width,petal_width,species\n'
                                       u'5.1,3.5,0.2,setosa\n')
    code, out, err = run('predict', path, bad)
    assert code == 1
    one_line_error(err, 'bpcore predict: error:', 'missing.csv', "no column 'petal_length'")


def test_ragged_row_is_one_line_naming_file_and_line(tmpdir):
    bad = write(tmpdir, 'ragged.csv', u'1,2,a\n3,4,b\n5,6\n7,8,a\n')
    code, out, err = run('train', bad, '--epochs', '2', '--out', str(tmpdir.join('m.json')))
    assert code == 1
    one_line_error(err, 'ragged.csv', 'line 3 has 2 values, expected 3')
    assert not os.path.exists(str(tmpdir.join('m.json')))


def test_bad_cell_names_line_and_column(tmpdir):
    bad = write(tmpdir, 'cell.csv', u'a,b,label\n1,2,x\n3,oops,y\n')
    code, out, err = run('train', bad, '--epochs', '2', '--out', str(tmpdir.join('m.json')))
    assert code == 1
    one_line_error(err, 'cell.csv', "line 3, column 1 ('b'): cannot read 'oops'")


def test_model_for_another_width_is_refused(iris_model):
    path, _ = iris_model
    code, out, err = run('predict', path, WHEAT)       # wheat: no header, 8 columns
    assert code == 1
    one_line_error(err, 'wheat-seeds.csv', 'has 8 columns', 'takes 4 inputs')


def test_layers_that_do_not_fit_the_data(tmpdir):
    code, out, err = run('train', WHEAT, '--layers', '6,5,3', '--out', str(tmpdir.join('m')))
    assert code == 1
    one_line_error(err, '--layers starts with 6', '7 feature columns')
    code, out, err = run('train', WHEAT, '--layers', '7,5,4', '--out', str(tmpdir.join('m')))
    assert code == 1
    one_line_error(err, '--layers ends with 4', '3 classes')


def test_usage_errors_exit_2():
    code, out, err = run('train', WHEAT, '--layers', '7,x,3')
    assert code == 2 and "item 1 of '7,x,3' is not a whole number" in err
    code, out, err = run('train', WHEAT, '--loss', 'hinge')
    assert code == 2 and 'invalid choice' in err
    code, out, err = run('predict')
    assert code == 2 and 'usage: bpcore predict' in err
    code, out, err = run('plot', 'model.json')
    assert code == 2
    code, out, err = run('frobnicate')
    assert code == 2 and 'unknown command' in err


def test_help_per_command():
    code, out, err = run('--help')
    assert code == 0
    for name in ('train', 'predict', 'evaluate', 'cv', 'info', 'plot', 'demo', 'selftest'):
        assert name in out
    for name, option in (('train', '--early-stopping'), ('predict', '--proba'),
                         ('cv', '--folds'), ('plot', '--surface'), ('evaluate', '--label')):
        code, out, err = run(name, '--help')
        assert code == 0 and option in out, (name, err)


def test_bad_model_file_is_one_line(tmpdir):
    code, out, err = run('info', IRIS)
    assert code == 1
    one_line_error(err, 'iris.csv is not valid JSON')
    code, out, err = run('info', str(tmpdir.join('nope.json')))
    assert code == 1
    one_line_error(err, 'model file not found', 'nope.json')


def test_ctrl_c_stops_training_and_saves_the_best_weights(tmpdir):
    path = str(tmpdir.join('interrupted.json'))
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore', 'train', WHEAT, '--epochs',
                             '1000000', '--val-split', '0.2', '--out', path], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().decode('utf-8').startswith('training ')
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate()
    out = out.decode('utf-8')
    assert proc.returncode == 0, err
    assert 'interrupted at epoch' in out and 'saved the best weights' in out
    with io.open(path, encoding='utf-8') as f:
        net = json.load(f)['network']
    t = net['training']
    assert 'interrupted' in t['stopped']
    best = int(t['stopped'].split('(epoch ')[1].rstrip(')'))
    val = t['history']['val_loss']
    assert best == val.index(min(val)) + 1           # the lowest validation loss's epoch
    assert t['final_val_loss'] == min(val)
    from bpcore.data import read_csv
    from bpcore.model_io import load
    from bpcore.train import Trainer
    model = load(path)
    ds = read_csv(WHEAT)
    trainer = Trainer(model, model.scaler.transform(ds.X), ds.Y, loss='cce',
                      validation_split=0.2, seed=0)
    assert abs(trainer.evaluate(*trainer.validation_data)[0] - min(val)) < 1e-12


def test_progress_is_one_updating_line_on_a_terminal(tmpdir):
    import pty
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore', 'train', IRIS, '--epochs', '300',
                             '--out', str(tmpdir.join('tty.json'))], cwd=ROOT, stdout=slave,
                            stderr=subprocess.PIPE)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(master)
    text = b''.join(chunks).decode('utf-8')
    assert proc.returncode == 0
    lines = text.replace('\r\n', '\n').split('\n')
    progress = [l for l in lines if 'epoch 300/300' in l]
    assert len(progress) == 1 and progress[0].startswith('\r')  # one line, rewritten
    assert progress[0].count('\r') >= 1
    assert not any(l.startswith('epoch ') for l in lines)


def test_one_sigmoid_output_classifier_predicts_names_and_two_probabilities(tmpdir):
    data = write(tmpdir, 'xor.csv', u'x1,x2,y\n' + u'0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n' * 3)
    model = str(tmpdir.join('xor.json'))
    code, out, err = run('train', data, '--layers', '2,4,1', '--activations', 'tanh,sigmoid',
                         '--epochs', '300', '--batch-size', '4', '--lr', '0.05', '--out', model)
    assert code == 0, err
    with io.open(model, encoding='utf-8') as f:
        net = json.load(f)['network']
    assert net['class_names'] == ['no', 'yes'] and net['training']['loss'] == 'bce'
    code, out, err = run('predict', model, data, '--proba')
    assert code == 0, err
    rows = [l.split(',') for l in out.strip().splitlines()]
    assert rows[0] == ['label', 'p_no', 'p_yes']
    for r in rows[1:]:
        assert abs(float(r[1]) + float(r[2]) - 1.0) < 1e-12
        assert r[0] == ('yes' if float(r[2]) >= 0.5 else 'no')
    assert [r[0] for r in rows[1:5]] == ['no', 'yes', 'yes', 'no']   # it learned XOR
    code, out, err = run('evaluate', model, data)
    assert code == 0 and 'accuracy 1.0000' in out, out + err


def test_plot_history_needs_a_recorded_history(tmpdir):
    from bpcore.model_io import save
    from bpcore.network import Network
    path = save(Network([2, 2, 1], seed=0), str(tmpdir.join('fresh.json')))
    code, out, err = run('plot', path, '--history', '--out', str(tmpdir.join('h.svg')))
    assert code == 1
    one_line_error(err, 'fresh.json has no training history')
