"""bpcore.drawing.svg: the SVG writer and the three model pictures, and `bpcore plot` to SVG
(stdlib only: the files are parsed back with xml.etree)."""
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from bpcore import drawing
from bpcore.drawing import svg
from bpcore.errors import BPError
from bpcore.network import Network
from bpcore.train import fit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tags(path_or_text):
    if os.path.isfile(path_or_text):
        root = ET.parse(path_or_text).getroot()
    else:
        root = ET.fromstring(path_or_text.encode('utf-8'))
    assert root.tag.endswith('svg')
    counts = {}
    for e in root.iter():
        t = e.tag.split('}')[-1]
        counts[t] = counts.get(t, 0) + 1
    return root, counts


def xor_net(epochs=50):
    net = Network([2, 3, 1], ['tanh', 'sigmoid'], seed=0)
    fit(net, [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], epochs=epochs,
        batch_size=4, optimizer='adam', lr=0.05, loss='bce', seed=0)
    return net


def test_network_figure_has_one_circle_per_neuron_and_line_per_weight():
    net = Network([3, 4, 2], ['relu', 'softmax'], seed=1)
    d = drawing.network_drawing(net, spacing=(4.0, 1.5), radius=0.45)
    root, counts = tags(svg.network_figure(net).to_text())
    assert counts['circle'] == 3 + 4 + 2
    assert counts['line'] == len(d.lines) == 3 * 4 + 4 * 2
    assert 'network 3-4-2' in ET.tostring(root).decode('utf-8')


def test_feature_and_class_names_end_half_a_radius_clear_of_their_neuron():
    net = Network([2, 3, 2], ['tanh', 'softmax'], seed=1)
    net.feature_names = ['a_very_long_feature_name', 'x']
    net.class_names = ['a_very_long_class_name', 'y']
    d = drawing.network_drawing(net, spacing=(4.0, 1.5), radius=0.4)
    names = [t for t in d.labels if 'justify' in t]
    assert [(t['text'], t['justify']) for t in names] == [
        ('a_very_long_feature_name', 'end'), ('x', 'end'),
        ('a_very_long_class_name', 'start'), ('y', 'start')]
    assert [t['position'][0] + t['edge'] for t in names] == [-0.6, -0.6, 8.6, 8.6]
    root = ET.fromstring(svg.network_figure(net).to_text().encode('utf-8'))
    cxs = [float(c.get('cx')) for c in root.iter() if c.tag.endswith('circle')]
    radius_px = [float(c.get('r')) for c in root.iter() if c.tag.endswith('circle')][0]
    texts = [t for t in root.iter() if t.tag.endswith('text')]
    seen = []
    for t in texts:
        span = [s for s in t if s.tag.endswith('tspan')][0]
        seen.append(span.text)
        if span.text in ('a_very_long_feature_name', 'x'):
            x = float(span.get('x'))
            assert t.get('text-anchor') == 'end'
            # the text ends left of the input column's circles, 0.5 radius clear
            assert abs(min(cxs) - radius_px * 1.5 - x) < 0.05
        if span.text in ('a_very_long_class_name', 'y'):
            assert t.get('text-anchor') == 'start'
            assert abs(float(span.get('x')) - max(cxs) - radius_px * 1.5) < 0.05
    assert set(['a_very_long_feature_name', 'x', 'a_very_long_class_name', 'y']) <= set(seen)


def test_history_figure_legend_and_curves():
    net = Network([2, 3, 1], ['tanh', 'sigmoid'], seed=0)
    h = fit(net, [[0, 0], [0, 1], [1, 0], [1, 1]] * 3, [[0], [1], [1], [0]] * 3, epochs=12,
            batch_size=4, optimizer='adam', lr=0.05, loss='bce', validation_split=0.25, seed=0)
    root, counts = tags(svg.history_figure(h, 'my title').to_text())
    text = ET.tostring(root).decode('utf-8')
    for name in ('loss', 'val_loss', 'accuracy', 'val_accuracy', 'my title', 'epoch'):
        assert '>%s<' % name in text
    assert counts['polyline'] >= 4


def test_surface_figure_cells_and_samples():
    net = xor_net()
    root, counts = tags(svg.surface_figure(net, ((0, 1), (0, 1)), 10,
                                           [(0, 0, 0), (1, 1, 0)]).to_text())
    assert counts['polygon'] == 100
    assert counts['circle'] == 2


def test_svg_escapes_text_and_refuses_empty(tmpdir):
    s = svg.Svg(200)
    s.text((0, 0), 'a < b & "c"')
    s.line((0, 0), (1, 1), (0, 0, 0))
    path = s.save(str(tmpdir.join('t.svg')))
    with io.open(path, encoding='utf-8') as f:
        assert 'a &lt; b &amp; &quot;c&quot;' in f.read()
    with pytest.raises(BPError):
        svg.Svg().to_text()
    with pytest.raises(BPError) as info:
        svg.save_picture(s, str(tmpdir.join('t.gif')))
    assert '.svg or .png' in str(info.value)


def run(*args):
    proc = subprocess.Popen([sys.executable, '-m', 'bpcore'] + list(args), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    return proc.returncode, out.decode('utf-8'), err.decode('utf-8')


@pytest.fixture(scope='module')
def xor_model(tmpdir_factory):
    folder = tmpdir_factory.mktemp('plot')
    data = folder.join('xor.csv')
    data.write('x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n')
    model = str(folder.join('xor.json'))
    code, out, err = run('train', str(data), '--layers', '2,4,1', '--activations',
                         'tanh,sigmoid', '--epochs', '40', '--batch-size', '4', '--lr', '0.05',
                         '--out', model)
    assert code == 0, err
    return model, folder


@pytest.mark.parametrize('what, tag, least', [('--network', 'circle', 7),
                                              ('--history', 'polyline', 2),
                                              ('--surface', 'polygon', 40 * 40)])
def test_plot_command_writes_svg(xor_model, what, tag, least):
    model, folder = xor_model
    out = str(folder.join(what.strip('-') + '.svg'))
    code, stdout, err = run('plot', model, what, '--out', out)
    assert code == 0, err
    _, counts = tags(out)
    assert counts.get(tag, 0) >= least


def test_plot_command_errors(xor_model, tmpdir):
    model, folder = xor_model
    code, _, err = run('plot', model, '--network', '--out', str(tmpdir.join('a.pdf')))
    assert code == 1 and "must end in .svg, .png, .3dm" in err
    iris = str(tmpdir.join('iris.json'))
    code, _, err = run('train', os.path.join(ROOT, 'examples', 'iris.csv'), '--epochs', '2',
                       '--out', iris)
    assert code == 0, err
    # a 4-input network is sliced: inputs 0 and 1 vary, the others sit mid-range
    code, _, err = run('plot', iris, '--surface', '--out', str(tmpdir.join('s.svg')))
    assert code == 0 and os.path.isfile(str(tmpdir.join('s.svg'))), err
    code, _, err = run('plot', model, '--network', '--history', '--out', 'x.svg')
    assert code == 2
