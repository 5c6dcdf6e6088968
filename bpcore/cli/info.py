"""``bpcore info MODEL.json``: what a model file holds, in a few lines."""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.model_io import load

__all__ = ['add_info_arguments', 'run_info', 'describe']


def add_info_arguments(p):
    p.add_argument('model', metavar='MODEL.json')


def _value(v):
    if isinstance(v, float):
        return '%.6g' % v
    return '%s' % (v,)


def describe(net):
    """Summary lines: layers, parameters, classes, features, scaler and training summary."""
    lines = [net.summary()]
    if net.scaler is not None:
        d = net.scaler.to_data()
        keys = sorted(k for k in d if k != 'type')
        lines.append('  scaler %s: %s' % (d.get('type'), ', '.join(
            '%s [%s]' % (k, ', '.join(_value(v) for v in d[k]))
            if isinstance(d[k], list) else '%s %s' % (k, _value(d[k])) for k in keys)))
    training = dict(net.training or {})
    history = training.pop('history', None)
    if training:
        lines.append('  training: ' + ', '.join('%s %s' % (k, _value(training[k]))
                                                 for k in sorted(training)))
    if history and history.get('loss'):
        lines.append('  history: %d epochs recorded (bpcore plot MODEL --history)'
                     % len(history['loss']))
    return '\n'.join(lines)


def run_info(args, stdout=None):
    out = stdout or sys.stdout
    net = load(args.model)
    out.write('%s\n%s\n' % (args.model, describe(net)))
    return 0
