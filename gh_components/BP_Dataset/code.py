"""Reads a table of samples (a CSV file or text, or trees) into features X and targets Y.

    Give one source: a CSV file path, CSV text (a Panel), or features (and targets) directly.
    A CSV has one row per sample and one label column (the last by default); a header row is
    detected. Classification labels become sorted classes and one-hot target rows.

    Classification or regression is decided from the targets unless regression is set:
    names or whole numbers are classes; numbers with decimals are regression targets (a
    remark says which was chosen and how to override it).

    Args:
        path: (item, str) Optional. A CSV file path (used when given).
        text: (list, str) Optional. CSV text: one item per line (a Panel) or one multi-line
            text. Used when no path is given.
        label: (item, str) Optional. The label column: a column name (needs a header), a
            column index (0 = first, -1 = last; default -1) or 'none' (features only).
        regression: (item, bool) Optional. True: the labels are numeric targets (Y = one
            column of numbers); False: they are classes. Default: decided from the labels
            (decimals -> regression; names, whole numbers -> classes).
        features: (tree, none) Optional. Features directly, one branch per sample (points
            count as their coordinates; a list of numbers with one target each is one
            feature per sample), used when there is no path and no text.
        targets: (tree, ghdoc) Optional. With features: one label per branch (classes, or
            numbers with regression), or target rows (several numbers per branch, e.g.
            one-hot) used as they are.
    Returns:
        X: Features, one branch {i} per sample.
        Y: Targets, one branch {i} per sample: one-hot rows for classes, [target] for
            regression.
        classes: Class index per sample (into class_names); empty for regression.
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


def feature_rows(features, target_rows):
    """Feature rows (points count as their coordinates); a list of numbers with one target
    each is one feature per sample. Remarks on any such reading."""
    samples = trees.read_samples(features, 'features')
    if (target_rows is not None and len(samples.rows) == 1 and len(target_rows) == 1
            and 1 < len(samples.rows[0]) == len(target_rows[0])):
        samples = trees.read_samples(features, 'features', 1)
    if samples.note:
        ghc.remark(ghenv, samples.note)
    return samples.rows


def infer(ds, chosen):
    """The dataset as regression when its labels are decimals and regression is not set
    (a remark says so; whole numbers read as many classes get a remark too)."""
    if chosen is not None or ds.labels is None:
        return ds
    task, reason = data.infer_task(ds.labels)
    if reason:
        ghc.remark(ghenv, reason)
    if task == 'regression' and ds.task != 'regression':
        return data.Dataset(ds.X, ds.labels, ds.feature_names, ds.label_name, task='regression')
    return ds


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
            chosen = None if regression is None else ghc.to_bool(regression)
            task = 'regression' if chosen else 'classification'
            if has_path or has_text:
                if has_path and has_text:
                    ghc.remark(ghenv, 'path and text are both connected: reading path')
                if has_path:
                    source = str(path).strip().strip('"')   # Windows "Copy as path" quotes
                else:
                    source = '\n'.join(str(line) for line in text)
                    if '\n' not in source:
                        source += '\n'          # one line of text is text, not a file name
                ds = infer(data.read_csv(source, label=label_column(label), task=task), chosen)
            elif ghc.is_missing(targets):
                ds = data.Dataset(feature_rows(features, None), None, task=task)
            else:
                rows = [trees.split_text_row(r) for r in trees.to_rows(targets, 'targets')]
                X = feature_rows(features, rows)
                if len(rows) == 1 and len(X) > 1 and len(rows[0]) == len(X):
                    rows = [[v] for v in rows[0]]          # a flat list: one per sample
                ds = infer(data.Dataset.from_targets(X, rows, task), chosen)
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
