"""Plots a training history: loss and accuracy curves per epoch in a rectangle.

    Losses share the left axis (from 0, or the lowest loss if negative, to the highest);
    accuracies use a right axis from 0 to 1. Epochs run along the bottom. A NaN or missing
    value breaks a curve. Live training: connect BP Train's history and the plot follows
    every solution.

    Args:
        history: (tree, ghdoc) BP Train's history tree ({0} loss, {1} validation loss, {2}
            accuracy, {3} validation accuracy, one value per epoch), a flat list of losses,
            or one History object (bpcore.train.History or a dict of lists).
        names: (list, str) Optional. One name per branch of a tree of numbers, in path
            order (names containing 'loss' use the loss axis; others the 0..1 axis).
        rect: (item, rectangle) Optional. Where to plot (default 10 x 5 at the origin).
    Returns:
        loss: Training loss curve(s) (a NaN splits a curve into pieces).
        val_loss: Validation loss curve(s).
        accuracy: Training accuracy curve(s).
        val_accuracy: Validation accuracy curve(s).
        curves: Every curve, series by series.
        colors: Colour per curve.
        axes: Axis lines: epochs, loss (left) and accuracy (right).
        labels: Text dots: tick values and series names.
        label_pts: The label positions.
        label_text: The label texts.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import drawing
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import draw
from bpcore.rhino import trees

NOTHING = (None,) * 10
SERIES = drawing.HISTORY_KEYS


def read_history(history, names):
    """(history for drawing.history_plot, keys) from the input tree."""
    items = trees.to_flat(history)
    found = drawing.history_from_object(items[0], ghc.unwrap) if len(items) == 1 else None
    if found is not None:
        return found
    if trees.is_tree(history):
        branches = trees.tree_branches(history)
    else:
        branches = [((0,), items)]
    names = [str(n).strip() for n in trees.to_flat(names) if not ghc.is_missing(n)]
    return drawing.history_from_branches(branches, names or None)


class BPPlotHistory(component):
    def RunScript(self, history, names, rect):
        ghc.set_message(ghenv, 'Plot')
        if ghc.missing_inputs(ghenv, ('history', history)):
            return NOTHING
        try:
            data, keys = read_history(history, names)
            box, frame = draw.rectangle_frame(rect)
            d = drawing.to_frame(drawing.history_plot(data, box, keys=keys), *frame)
            g = draw.drawing_geometry(d)
            by_name = dict((k, []) for k in SERIES)
            for curve, name in zip(g['polylines'], g['polyline_names']):
                if name in by_name:
                    by_name[name].append(curve)
            n = max(len(data[k] if isinstance(data, dict) else getattr(data, k))
                    for k in keys)
            ghc.set_message(ghenv, 'Plot %d epochs' % n)
            return (by_name['loss'], by_name['val_loss'], by_name['accuracy'],
                    by_name['val_accuracy'], g['polylines'], g['polyline_colors'],
                    g['lines'], g['labels'], g['label_points'], g['label_texts'])
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
