"""Training progress for the command line: one updating line on a terminal, plain lines in a
log (a file or a pipe), so a log has no carriage returns and a terminal is not flooded."""
from __future__ import absolute_import, division, print_function

import sys
import time

__all__ = ['Progress', 'format_seconds']


def format_seconds(s):
    """``'42s'``, ``'3m05s'``, ``'1h02m'``."""
    s = int(round(max(0.0, s)))
    if s < 60:
        return '%ds' % s
    if s < 3600:
        return '%dm%02ds' % (s // 60, s % 60)
    return '%dh%02dm' % (s // 3600, (s % 3600) // 60)


class Progress(object):
    """Reports epochs of a run of ``total`` epochs to ``stream`` (default stdout).

    On a terminal the line is rewritten at most every ``interval`` seconds; in a log one line
    is written every ``total // lines`` epochs (and for the last epoch).
    """

    def __init__(self, total, stream=None, prefix='', lines=20, interval=0.1):
        self.stream = stream or sys.stdout
        self.live = bool(getattr(self.stream, 'isatty', None) and self.stream.isatty())
        self.total = total
        self.prefix = prefix
        self.every = max(1, total // max(1, lines))
        self.interval = interval
        self.started = time.time()
        self._shown = 0.0
        self._width = 0

    def text(self, epoch, history):
        parts = ['%sepoch %d/%d' % (self.prefix, epoch, self.total),
                 'loss %.4f' % history.loss[-1]]
        if history.val_loss:
            parts.append('val loss %.4f' % history.val_loss[-1])
        if history.accuracy:
            parts.append('accuracy %.3f' % history.accuracy[-1])
        if history.val_accuracy:
            parts.append('val accuracy %.3f' % history.val_accuracy[-1])
        elapsed = time.time() - self.started
        if epoch < self.total:
            parts.append('ETA %s' % format_seconds(elapsed / epoch * (self.total - epoch)))
        else:
            parts.append('%s' % format_seconds(elapsed))
        return '  '.join(parts)

    def update(self, epoch, history):
        now = time.time()
        if self.live:
            if now - self._shown < self.interval and epoch < self.total:
                return
            line = self.text(epoch, history)
            pad = max(0, self._width - len(line))
            self.stream.write('\r' + line + ' ' * pad)
            self._width = len(line)
        elif epoch % self.every == 0 or epoch == self.total:
            self.stream.write(self.text(epoch, history) + '\n')
        else:
            return
        self._shown = now
        self.stream.flush()

    def close(self):
        """End the updating line (a terminal); nothing in a log."""
        if self.live and self._width:
            self.stream.write('\n')
            self.stream.flush()
            self._width = 0
