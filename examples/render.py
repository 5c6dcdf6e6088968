"""Render the pictures of examples/*.md from bpcore's pure drawing data.

    python3 examples/render.py                  # -> examples/images/*.svg, and *.png when
                                                #    cairosvg or rsvg-convert is installed
    python3 examples/render.py --out DIR --no-png

Every picture is made from the same data the Grasshopper components turn into geometry
(:mod:`bpcore.drawing`: ``network_drawing``, ``history_plot``, ``network_surface``,
``graph_drawing``), written by :mod:`bpcore.drawing.svg` (no dependencies; ``bpcore plot``
draws the network, history and surface pictures the same way). The canvas
schematics read the parameter names from ``gh_components/*/metadata.json``, so they show the
components as they are.
"""
from __future__ import absolute_import, division, print_function

import argparse
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from bpcore import autograd_graph, drawing  # noqa: E402
from bpcore.data import MinMaxScaler, read_csv  # noqa: E402
from bpcore.network import Network  # noqa: E402
from bpcore.train import fit  # noqa: E402
from bpcore.drawing.svg import (Svg, add_drawing, history_figure, network_figure,  # noqa: E402
                                surface_figure, to_png)

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


# =========================================================================================
# the pictures
# =========================================================================================
def iris_run(epochs=60):
    """The iris network and history of examples/iris_live_training.md."""
    ds = read_csv(os.path.join(HERE, 'iris.csv'), header=True)
    net = Network([4, 5, 3], ['sigmoid', 'softmax'], init='xavier', seed=0)
    net.scaler = MinMaxScaler().fit(ds.X)
    net.class_names = ds.class_names
    net.feature_names = ds.feature_names
    history = fit(net, net.scaler.transform(ds.X), ds.Y, epochs=epochs, batch_size=16,
                  optimizer='adam', lr=0.05, loss='cce', validation_split=0.2, seed=0)
    return ds, net, history


def xor_net():
    net = Network([2, 4, 1], ['tanh', 'sigmoid'], init='xavier', seed=0)
    fit(net, XOR_X, XOR_Y, epochs=500, batch_size=4, optimizer='adam', lr=0.05, loss='bce',
        seed=0)
    return net


def render_network(net, x, path):
    row = drawing.activations_of(net.forward(net.scaler.transform([x])), 0)
    svg = network_figure(net, row, 'iris 4-5-3 after training; fills: activations of one %s '
                         'flower' % net.predict_labels([x])[0])
    return svg.save(path)


def render_history(history, path):
    return history_figure(history, 'iris: loss and accuracy per epoch (adam, lr 0.05, batches '
                                   'of 16, 20% validation)').save(path)


def render_surface(net, path, cells=40):
    samples = [(x, y, t) for (x, y), (t,) in zip(XOR_X, XOR_Y)]
    return surface_figure(net, ((-0.25, 1.25), (-0.25, 1.25)), cells, samples,
                          'XOR decision surface of a 2-4-1 tanh/sigmoid network',
                          'x1 and x2 from -0.25 to 1.25; circles: the four training '
                          'samples').save(path)


def render_neuron(path):
    o, graph = autograd_graph.neuron_graph(dx=6.0, dy=2.5)
    d = drawing.graph_drawing(graph)
    svg = Svg(1000)
    for l in d.lines:
        svg.line(l['start'], l['end'], l['color'], 1.4)
    for p in d.polylines:
        if p.get('name') == 'arrow':
            svg.polyline(p['points'], p['color'], 1.0, closed=True, fill=p['color'])
        else:
            (a, b) = p['points'][0], p['points'][2]
            fill = drawing.lerp_color(p['color'], (255, 255, 255), 0.8)
            svg.rect(a[0], a[1], b[0], b[1], fill, p['color'], 1.6, 4.0)
    for c in d.circles:
        svg.circle(c['center'], c['radius'], drawing.lerp_color(c['color'], (255, 255, 255),
                                                                 0.6), c['color'], 1.6)
    for t in d.labels:
        svg.text(t['position'], t['text'], 12, t['color'])
    svg.text((12.0, 5.2), 'o = tanh(x1*w1 + x2*w2 + b) = %.4f: values, operations and '
             'gradients' % o.data, 15, bold=True)
    return svg.save(path)


# -- canvas schematics -------------------------------------------------------------------
def component_params(folder):
    """(inputs, outputs) nicknames from gh_components/<folder>/metadata.json."""
    path = os.path.join(REPO, 'gh_components', folder, 'metadata.json')
    with io.open(path, encoding='utf-8') as f:
        gh = json.load(f)['ghpython']
    names = [[p.get('nickname') or p['name'] for p in gh[k]]
             for k in ('inputParameters', 'outputParameters')]
    return names[0], names[1]


class Canvas(object):
    """Grasshopper-like boxes with input ports left and output ports right, and wires."""

    ROW = 0.42

    def __init__(self):
        self.boxes = {}
        self.order = []
        self.wires = []
        self.notes = []

    def add(self, key, title, x, y, inputs=None, outputs=None, folder=None, color=None):
        if folder is not None:
            fin, fout = component_params(folder)
            inputs = fin if inputs is None else inputs
            outputs = fout if outputs is None else outputs
            for n in list(inputs) + list(outputs):
                if n not in fin + fout:
                    raise ValueError('%s has no parameter %r' % (folder, n))
        inputs, outputs = list(inputs or []), list(outputs or [])
        rows = max(len(inputs), len(outputs), 1)
        self.boxes[key] = {'title': title, 'x': x, 'y': y, 'in': inputs, 'out': outputs,
                           'h': rows * self.ROW + 0.25, 'w': 3.3,
                           'color': color or (225, 225, 225)}
        self.order.append(key)

    def port(self, key, name, side):
        b = self.boxes[key]
        names = b['in'] if side == 'in' else b['out']
        i = names.index(name)
        top = b['y'] + b['h'] / 2.0 - 0.125 - self.ROW / 2.0
        x = b['x'] - b['w'] / 2.0 if side == 'in' else b['x'] + b['w'] / 2.0
        return (x, top - i * self.ROW)

    def wire(self, a, out, b, inp, color=(60, 60, 60), dash=False):
        self.wires.append((self.port(a, out, 'out'), self.port(b, inp, 'in'), color, dash))

    def note(self, position, text):
        self.notes.append((position, text))

    def save(self, path, title, width=1000):
        svg = Svg(width)
        for p0, p1, color, dash in self.wires:
            dx = max(1.0, abs(p1[0] - p0[0]) * 0.5)
            svg.path([p0, (p0[0] + dx, p0[1]), (p1[0] - dx, p1[1]), p1], color, 1.6, dash)
        for key in self.order:
            b = self.boxes[key]
            x0, x1 = b['x'] - b['w'] / 2.0, b['x'] + b['w'] / 2.0
            y0, y1 = b['y'] - b['h'] / 2.0, b['y'] + b['h'] / 2.0
            svg.rect(x0, y0, x1, y1, b['color'], (70, 70, 70), 1.4, 5.0)
            svg.text((b['x'], y1 + 0.25), b['title'], 12, (20, 20, 20), bold=True)
            for side, names in (('in', b['in']), ('out', b['out'])):
                for n in names:
                    px, py = self.port(key, n, side)
                    svg.circle((px, py), 0.06, (255, 255, 255), (70, 70, 70), 1.0)
                    dx = 0.15 if side == 'in' else -0.15
                    svg.text((px + dx, py), n, 10.5, (30, 30, 30),
                             'start' if side == 'in' else 'end')
        for pos, text in self.notes:
            svg.text(pos, text, 11, (110, 60, 0), 'start')
        xs = [b['x'] for b in self.boxes.values()]
        ys = [b['y'] + b['h'] / 2.0 for b in self.boxes.values()]
        svg.text(((min(xs) + max(xs)) / 2.0, max(ys) + 1.0), title, 15, bold=True)
        return svg.save(path)


BLUE, GREEN, ORANGE, PURPLE, GREY = ((200, 222, 240), (205, 235, 205), (255, 225, 195),
                                     (225, 215, 238), (232, 232, 232))


def render_canvas_loop(path):
    c = Canvas()
    c.add('xor', 'Panel: XOR table', 0, 6.0, [], [''], color=GREY)
    c.add('file', 'Panel: model path', 0, 1.2, [], [''], color=GREY)
    c.add('reset', 'Button: reset', 6, -0.6, [], [''], color=GREY)
    c.add('data', 'BP Dataset', 6, 6.0, ['text', 'regression'], ['X', 'Y'], 'BP_Dataset',
          GREEN)
    c.add('init', 'BP Initialize', 6, 2.8, ['sizes', 'activations', 'seed'], ['network'],
          'BP_Initialize', BLUE)
    c.add('save0', 'BP Save (start)', 12, 1.0, ['net', 'path', 'save'], ['saved'], 'BP_Save',
          BLUE)
    c.add('timer', 'Timer (200 ms)', 12, 8.2, [], [''], color=GREY)
    c.add('load', 'BP Load', 12, 5.0, ['source'], ['net'], 'BP_Load', BLUE)
    c.add('train', 'Boolean Toggle: train', 24, -2.4, [], [''], color=GREY)
    c.add('fwd', 'BP Forward', 18, 8.0, ['net', 'X'], ['outputs', 'A'], 'BP_Forward', BLUE)
    c.add('bwd', 'BP Backward', 18, 4.4, ['net', 'X', 'Y', 'loss'], ['L', 'dW', 'db'],
          'BP_Backward', BLUE)
    c.add('upd', 'BP Update', 24, 4.4, ['net', 'dW', 'db', 'lr'], ['updated'], 'BP_Update',
          BLUE)
    c.add('rec', 'Data Recorder', 24, 0.4, [''], [''], color=GREY)
    c.add('draw', 'BP Draw Network', 30, 8.0, ['net', 'X'], ['circles', 'lines', 'colors'],
          'BP_Draw_Network', PURPLE)
    c.add('save1', 'BP Save (step)', 30, 4.2, ['net', 'path', 'save'], ['saved'], 'BP_Save',
          BLUE)
    c.add('plot', 'BP Plot History', 30, 0.4, ['history'], ['loss', 'axes', 'labels'],
          'BP_Plot_History', PURPLE)
    red = (200, 80, 20)
    c.wire('xor', '', 'data', 'text')
    c.wire('init', 'network', 'save0', 'net')
    c.wire('file', '', 'save0', 'path')
    c.wire('reset', '', 'save0', 'save')
    c.wire('file', '', 'load', 'source', red)
    c.wire('timer', '', 'load', 'source', (150, 150, 150), dash=True)
    for k in ('fwd', 'bwd', 'upd'):
        c.wire('load', 'net', k, 'net', red)
    c.wire('data', 'X', 'fwd', 'X')
    c.wire('data', 'X', 'bwd', 'X')
    c.wire('data', 'Y', 'bwd', 'Y')
    c.wire('bwd', 'dW', 'upd', 'dW')
    c.wire('bwd', 'db', 'upd', 'db')
    c.wire('bwd', 'L', 'rec', '')
    c.wire('rec', '', 'plot', 'history')
    c.wire('upd', 'updated', 'save1', 'net', red)
    c.wire('file', '', 'save1', 'path', red)
    c.wire('train', '', 'save1', 'save')
    c.wire('upd', 'updated', 'draw', 'net')
    c.note((-1.6, -3.8), 'red: the loop through the model file. Every Timer tick recomputes '
                         'BP Load (dashed: the Timer is attached to it), which reads the '
                         'network BP Save (step) wrote on the previous tick.')
    c.note((-1.6, -4.4), 'Grasshopper refuses wires that go back upstream, so the network '
                         'travels through the file; press reset once first to write the '
                         'starting network.')
    return c.save(path, 'One gradient step per Timer tick: Load -> Forward -> Backward -> '
                        'Update -> Save', width=1200)


def render_canvas_iris(path):
    c = Canvas()
    c.add('file', 'File Path: iris.csv', 0, 2.2, [], [''], color=GREY)
    c.add('data', 'BP Dataset', 6, 2.2, ['path'], ['X', 'Y', 'class_names', 'feature_names'],
          'BP_Dataset', GREEN)
    c.add('scale', 'BP Scale', 12, 5.2, ['X'], ['scaled', 'scaler'], 'BP_Scale', GREEN)
    c.add('init', 'BP Initialize', 12, 0.6, ['sizes', 'activations', 'class_names',
                                             'feature_names', 'scaler'], ['network'],
          'BP_Initialize', BLUE)
    c.add('toggle', 'Boolean Toggles (live, run), Button (reset)', 12, -3.6, [], ['live', 'run',
                                                                        'reset'], color=GREY)
    c.add('opts', 'BP Train Options', 5.5, -2.6, ['batch_size', 'lr', 'optimizer', 'loss',
                                                  'val_split'], ['options'],
          'BP_Train_Options', ORANGE)
    c.add('train', 'BP Train', 18.5, 1.6, ['net', 'X', 'Y', 'epochs', 'options', 'live', 'run',
                                           'reset'],
          ['trained', 'history', 'message'], 'BP_Train', ORANGE)
    c.add('plot', 'BP Plot History', 25, 4.4, ['history', 'rect'], ['curves', 'colors',
                                                                     'labels'],
          'BP_Plot_History', PURPLE)
    c.add('draw', 'BP Draw Network', 25, 0.2, ['net', 'X'], ['discs', 'lines', 'colors'],
          'BP_Draw_Network', PURPLE)
    c.add('item', 'List Item (one sample)', 18.5, -4.2, ['L', 'i'], ['E'], color=GREY)
    c.wire('file', '', 'data', 'path')
    c.wire('data', 'X', 'scale', 'X')
    c.wire('data', 'class_names', 'init', 'class_names')
    c.wire('data', 'feature_names', 'init', 'feature_names')
    c.wire('scale', 'scaler', 'init', 'scaler')
    c.wire('scale', 'scaled', 'train', 'X')
    c.wire('data', 'Y', 'train', 'Y')
    c.wire('init', 'network', 'train', 'net')
    c.wire('opts', 'options', 'train', 'options')
    c.wire('toggle', 'live', 'train', 'live')
    c.wire('toggle', 'run', 'train', 'run')
    c.wire('toggle', 'reset', 'train', 'reset')
    c.wire('train', 'history', 'plot', 'history')
    c.wire('train', 'trained', 'draw', 'net')
    c.wire('data', 'X', 'item', 'L')
    c.wire('item', 'E', 'draw', 'X')
    c.note((-1.6, -6.2), 'sizes 4, 5, 3; activations sigmoid, softmax; epochs 60; batch_size '
                         '16; lr 0.05; optimizer adam; loss cce; val_split 0.2')
    return c.save(path, 'Live training on iris: BP Train schedules its own next solution',
                  width=1200)


def render_canvas_xor(path):
    c = Canvas()
    c.add('panel', 'Panel: XOR table', 0, 2.0, [], [''], color=GREY)
    c.add('bool', 'Boolean Toggle: True', 0, -0.8, [], [''], color=GREY)
    c.add('data', 'BP Dataset', 6, 1.4, ['text', 'regression'], ['X', 'Y'], 'BP_Dataset',
          GREEN)
    c.add('init', 'BP Initialize', 6, -2.0, ['sizes', 'activations', 'seed'], ['network'],
          'BP_Initialize', BLUE)
    c.add('opts', 'BP Train Options', 6, -4.6, ['batch_size', 'lr', 'optimizer', 'loss'],
          ['options'], 'BP_Train_Options', ORANGE)
    c.add('train', 'BP Train', 12, 0.6, ['net', 'X', 'Y', 'epochs', 'options', 'run'],
          ['trained'], 'BP_Train', ORANGE)
    c.add('surf', 'BP Decision Surface', 18, 0.6, ['net', 'x_domain', 'y_domain',
                                                   'resolution'],
          ['mesh', 'legend', 'legend_pts'], 'BP_Decision_Surface', PURPLE)
    c.add('tag', 'Text Tag', 24, 0.2, ['L', 'T'], [], color=GREY)
    c.wire('panel', '', 'data', 'text')
    c.wire('bool', '', 'data', 'regression')
    c.wire('data', 'X', 'train', 'X')
    c.wire('data', 'Y', 'train', 'Y')
    c.wire('init', 'network', 'train', 'net')
    c.wire('opts', 'options', 'train', 'options')
    c.wire('train', 'trained', 'surf', 'net')
    c.wire('surf', 'legend', 'tag', 'T')
    c.wire('surf', 'legend_pts', 'tag', 'L')
    c.note((-1.6, -7.8), 'sizes 2, 4, 1; activations tanh, sigmoid; epochs 500; batch_size 4; '
                         'lr 0.05; optimizer adam; loss bce; run True')
    return c.save(path, "XOR's decision surface", width=1100)


# =========================================================================================
def png_of(svg_path):
    """PNG beside the SVG (bpcore.drawing.svg.to_png: cairosvg or rsvg-convert), or None
    with a note when neither is installed."""
    from bpcore.errors import BPError
    try:
        return to_png(svg_path)
    except BPError as exc:
        print('no PNG: %s' % exc)
        return None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', default=os.path.join(HERE, 'images'), help='output folder')
    p.add_argument('--no-png', action='store_true', help='SVG only')
    args = p.parse_args(argv)
    if not os.path.isdir(args.out):
        os.makedirs(args.out)
    out = args.out
    ds, net, history = iris_run()
    sample = ds.X[ds.y.index(1)]                   # the first versicolor
    made = [
        render_network(net, sample, os.path.join(out, 'network.svg')),
        render_history(history, os.path.join(out, 'history.svg')),
        render_surface(xor_net(), os.path.join(out, 'xor_surface.svg')),
        render_neuron(os.path.join(out, 'neuron_graph.svg')),
        render_canvas_loop(os.path.join(out, 'canvas_loop.svg')),
        render_canvas_iris(os.path.join(out, 'canvas_iris.svg')),
        render_canvas_xor(os.path.join(out, 'canvas_xor.svg')),
    ]
    for path in made:
        png = None if args.no_png else png_of(path)
        print(path + ('  +  ' + os.path.basename(png) if png else ''))
    print('iris after %d epochs: loss %.4f, accuracy %.3f, validation accuracy %.3f'
          % (history.epochs, history.loss[-1], history.accuracy[-1], history.val_accuracy[-1]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
