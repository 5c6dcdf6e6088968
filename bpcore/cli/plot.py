"""``bpcore plot MODEL.json --network|--history|--surface --out FILE.svg|.png|.3dm``.

The pictures of ``examples/render.py``, from :mod:`bpcore.drawing`: SVG through
:mod:`bpcore.drawing.svg` (PNG through cairosvg or rsvg-convert when installed), ``.3dm``
through :mod:`bpcore.rhino.file3dm` (rhino3dm). ``--history`` needs the per-epoch history
that ``bpcore train`` stores in the model file.
"""
from __future__ import absolute_import, division, print_function

import os
import sys

from bpcore import drawing
from bpcore.errors import BPError
from bpcore.model_io import load
from bpcore.train import History

__all__ = ['add_plot_arguments', 'run_plot', 'model_history']

EXTENSIONS = ('.svg', '.png', '.3dm')


def add_plot_arguments(p):
    p.add_argument('model', metavar='MODEL.json')
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument('--network', action='store_true', help='neurons and weights')
    what.add_argument('--history', action='store_true',
                      help='loss and accuracy per epoch (recorded by bpcore train)')
    what.add_argument('--surface', action='store_true',
                      help='decision surface over inputs 0 and 1, over the range of its '
                           'MinMax scaler (more inputs: held at the middle of their range)')
    p.add_argument('--out', required=True, metavar='FILE', help='.svg, .png or .3dm')
    p.add_argument('--cells', type=int, default=40, help='surface cells per side (default 40)')


def model_history(net, source):
    """The :class:`History` stored in ``net.training['history']``."""
    data = (net.training or {}).get('history')
    if not data or not data.get('loss'):
        raise BPError('%s has no training history to plot (models trained with bpcore train '
                      'store it)' % source)
    return History.from_data(data)


def _drawing(args, net):
    if args.network:
        return 'network', drawing.network_drawing(net, spacing=(4.0, 1.5), radius=0.45)
    if args.history:
        return 'history', drawing.history_plot(model_history(net, args.model),
                                               rect=(0.0, 0.0, 10.0, 5.0))
    return 'surface', drawing.network_surface(net, None, (args.cells, args.cells))


def _figure(args, net):
    from bpcore.drawing import svg
    if args.network:
        return svg.network_figure(net)
    if args.history:
        return svg.history_figure(model_history(net, args.model))
    return svg.surface_figure(net, cells=args.cells)


def run_plot(args, stdout=None):
    out = stdout or sys.stdout
    ext = os.path.splitext(args.out)[1].lower()
    if ext not in EXTENSIONS:
        raise BPError("--out '%s': the file must end in %s" % (args.out, ', '.join(EXTENSIONS)))
    if args.cells < 1 or args.cells > 500:
        raise BPError('--cells must be between 1 and 500, got %d' % args.cells)
    net = load(args.model)
    if ext == '.3dm':
        from bpcore.rhino.file3dm import write_3dm
        counts = write_3dm(_drawing(args, net), args.out)
        out.write('%s: %s\n' % (args.out, ', '.join('%s %d' % (k, counts[k])
                                                   for k in sorted(counts))))
        return 0
    from bpcore.drawing.svg import save_picture
    save_picture(_figure(args, net), args.out)
    out.write('%s written\n' % args.out)
    return 0
