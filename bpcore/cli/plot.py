"""``bpcore plot MODEL.json --network|--history|--surface --out FILE.svg|.png|.3dm``."""
from __future__ import absolute_import, division, print_function

__all__ = ['add_plot_arguments', 'run_plot']


def add_plot_arguments(p):
    p.add_argument('model', metavar='MODEL.json')
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument('--network', action='store_true', help='neurons and weights')
    what.add_argument('--history', action='store_true', help='loss and accuracy per epoch')
    what.add_argument('--surface', action='store_true',
                      help='decision surface (a model with 2 inputs)')
    p.add_argument('--out', required=True, metavar='FILE', help='.svg, .png or .3dm')


def run_plot(args, stdout=None):
    from bpcore.errors import BPError
    raise BPError('plot is not available yet')
