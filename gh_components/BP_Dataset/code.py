"""Reads a table of samples (a CSV file or text, or trees) into features X and targets Y.

    Give one source: a CSV file path, CSV text (a Panel), or features (and targets) directly.
    A CSV has one row per sample and one label column (the last by default); a header row is
    detected. Classification labels become sorted classes and one-hot target rows.

    Args:
        path: (item, str) Optional. A CSV file path (used when given).
        text: (list, str) Optional. CSV text: one item per line (a Panel) or one multi-line
            text. Used when no path is given.
        label: (item, str) Optional. The label column: a column name (needs a header), a
            column index (0 = first, -1 = last; default -1) or 'none' (features only).
        regression: (item, bool) Optional. True: the labels are numeric targets (Y = one
            column of numbers) instead of classes. Default False.
        features: (tree, ghdoc) Optional. Features directly, one branch per sample (used when
            there is no path and no text).
        targets: (tree, ghdoc) Optional. With features: one label per branch (classes, or
            numbers with regression), or target rows (several numbers per branch, e.g.
            one-hot) used as they are.
    Returns:
        X: Features, one branch {i} per sample.
        Y: Targets, one branch {i} per sample: one-hot rows for classes, [target] for
            regression.
        y: Class index per sample (into class_names); empty for regression.
        class_names: The classes in output order (sorted labels as text).
        feature_names: The feature column names (header names, or x0, x1, ...).
        summary: Samples, features, classes and samples per class.
"""
from __future__ import absolute_import, division, print_function

import re

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import data
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees

_WHOLE = re.compile(r'[+-]?[0-9]+$')


def label_column(value):
    """'3' / '-1' -> an index, 'none' -> None, a name stays a name; missing -> -1."""
    if ghc.is_missing(value):
        return -1
    text = str(value).strip()
    if _WHOLE.match(text):
        return int(text)
    if text.lower() == 'none':
        return None
    return text


def summarize(ds):
    lines = [repr(ds)]
    counts = ds.class_counts()
    if counts is not None and ds.class_names:
        lines.append('samples per class: %s' % ', '.join(
            '%s: %d' % (name, c) for name, c in zip(ds.class_names, counts)))
    return '\n'.join(lines)


class BPDataset(component):
    def RunScript(self, path, text, label, regression, features, targets):
        ghc.set_message(ghenv, 'Dataset')
        has_path = not ghc.is_missing(path)
        has_text = not ghc.is_missing(text)
        if not (has_path or has_text or not ghc.is_missing(features)):
            ghc.warn(ghenv, 'Input parameters path, text or features failed to collect data: '
                            'connect one source')
            return None, None, None, None, None, None
        try:
            task = 'regression' if ghc.to_bool(regression) else 'classification'
            if has_path or has_text:
                if has_path and has_text:
                    ghc.remark(ghenv, 'path and text are both connected: reading path')
                if has_path:
                    source = str(path).strip().strip('"')   # Windows "Copy as path" quotes
                else:
                    source = '\n'.join(str(line) for line in text)
                    if '\n' not in source:
                        source += '\n'          # one line of text is text, not a file name
                ds = data.read_csv(source, label=label_column(label), task=task)
            elif ghc.is_missing(targets):
                ds = data.Dataset(trees.to_matrix(features, 'features'), None, task=task)
            else:
                ds = data.Dataset.from_targets(
                    trees.to_matrix(features, 'features'),
                    [trees.split_text_row(r) for r in trees.to_rows(targets, 'targets')], task)
            n_classes = len(ds.class_names) if ds.class_names else 0
            ghc.set_message(ghenv, '%d x %d%s' % (ds.n_samples, ds.n_features,
                                                   ', %d classes' % n_classes if n_classes
                                                   else ''))
            return (trees.rows_to_tree(ds.X),
                    trees.rows_to_tree(ds.Y) if ds.Y is not None else None,
                    list(ds.y) if ds.y is not None else [],
                    list(ds.class_names) if ds.class_names else [],
                    list(ds.feature_names),
                    summarize(ds))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None, None, None, None
