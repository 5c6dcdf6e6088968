"""Pictures as files through real packages: PNG with cairosvg (its header read back), .3dm
with rhino3dm (read back: objects per layer, layer names, object colours, names, geometry)."""
import struct
import subprocess
import sys

import pytest
import rhino3dm

from bpcore import Network, drawing, fit
from bpcore.data import MinMaxScaler, read_csv
from bpcore.drawing import svg
from bpcore.model_io import save
from bpcore.rhino.file3dm import write_3dm

from _helpers import EXAMPLES, ROOT


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    assert head[:8] == b'\x89PNG\r\n\x1a\n'
    return struct.unpack('>II', head[16:24])


@pytest.fixture(scope='module')
def iris_model(tmpdir_factory):
    ds = read_csv(EXAMPLES + '/iris.csv', label='species')
    net = Network([4, 5, 3], ['sigmoid', 'softmax'], seed=0)
    net.scaler = MinMaxScaler().fit(ds.X)
    net.class_names = ds.class_names
    h = fit(net, net.scaler.transform(ds.X), ds.Y, epochs=10, batch_size=16, optimizer='adam',
            lr=0.05, loss='cce', validation_split=0.2, seed=0)
    net.training['history'] = h.to_data()
    path = str(tmpdir_factory.mktemp('files').join('iris.json'))
    save(net, path)
    return net, h, path


def test_png_through_cairosvg(tmpdir, iris_model):
    net, h, _ = iris_model
    path = svg.save_picture(svg.history_figure(h), str(tmpdir.join('h.png')))
    width, height = png_size(path)
    assert width == 760 and 300 < height < 700
    assert not tmpdir.join('h.png.svg.tmp').exists()


def read_3dm(path):
    model = rhino3dm.File3dm.Read(path)
    layers = dict((l.Index, l) for l in model.Layers)
    objects = [(layers[o.Attributes.LayerIndex].FullPath, o) for o in model.Objects]
    return model, layers, objects


def test_network_3dm_objects_layers_and_colours(tmpdir, iris_model):
    net = iris_model[0]
    d = drawing.network_drawing(net)
    path = str(tmpdir.join('n.3dm'))
    counts = write_3dm(('network', d), path)
    model, layers, objects = read_3dm(path)
    assert sorted(l.FullPath for l in layers.values()) == [
        'network', 'network::labels', 'network::neurons', 'network::weights']
    by_layer = {}
    for full, o in objects:
        by_layer.setdefault(full, []).append(o)
    assert len(by_layer['network::neurons']) == len(d.circles) == 4 + 5 + 3
    assert len(by_layer['network::weights']) == len(d.lines) == 4 * 5 + 5 * 3
    assert len(by_layer['network::labels']) == len(d.labels)
    assert counts['network::weights'] == len(d.lines)
    colours = [o.Attributes.ObjectColor[:3] for o in by_layer['network::weights']]
    assert colours == [tuple(l['color']) for l in d.lines]
    assert all(o.Attributes.ColorSource == rhino3dm.ObjectColorSource.ColorFromObject
               for _, o in objects)
    first = by_layer['network::weights'][0]
    line = d.lines[0]
    assert first.Attributes.Name == 'w[0][%d][%d] = %.6g' % (line['i'], line['k'],
                                                           net.weights[0][line['i']][line['k']])
    start = first.Geometry.PointAtStart
    assert (start.X, start.Y) == pytest.approx(line['start'][:2])
    dots = [o.Geometry.Text for o in by_layer['network::labels']]
    assert dots == [t['text'] for t in d.labels]


def test_cli_plot_3dm_surface_and_history(tmpdir):
    xor = tmpdir.join('xor.csv')
    xor.write('x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n')
    model = str(tmpdir.join('xor.json'))

    def run(*args):
        proc = subprocess.run([sys.executable, '-m', 'bpcore'] + list(args), cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    run('train', str(xor), '--layers', '2,4,1', '--activations', 'tanh,sigmoid', '--epochs',
        '30', '--batch-size', '4', '--scale', 'none', '--out', model)
    out = run('plot', model, '--surface', '--cells', '12', '--out', str(tmpdir.join('s.3dm')))
    assert 'surface::mesh 1' in out
    _, layers, objects = read_3dm(str(tmpdir.join('s.3dm')))
    meshes = [o.Geometry for full, o in objects if full == 'surface::mesh']
    assert len(meshes) == 1
    mesh = meshes[0]
    assert len(mesh.Faces) == 12 * 12 and len(mesh.Vertices) == 13 * 13
    assert len(mesh.VertexColors) == 13 * 13
    legend = [o for full, o in objects if full == 'surface::labels']
    assert sorted(o.Geometry.Text for o in legend) == ['0', '1']
    assert [o.Attributes.ObjectColor[:3] for o in legend] == \
        [drawing.class_color(0), drawing.class_color(1)]
    run('plot', model, '--history', '--out', str(tmpdir.join('h.3dm')))
    _, layers, objects = read_3dm(str(tmpdir.join('h.3dm')))
    curves = [o for full, o in objects if full == 'history::curves']
    assert sorted(set(o.Attributes.Name for o in curves)) == ['accuracy', 'loss']
    run('plot', model, '--surface', '--out', str(tmpdir.join('s.png')))
    assert png_size(str(tmpdir.join('s.png')))[0] == 640
