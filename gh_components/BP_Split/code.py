"""Splits samples into a training and a test part: seeded shuffle, optionally stratified.

    The same seed gives the same split on every machine and Rhino version.

    Args:
        X: (tree, ghdoc) Features, one branch per sample.
        Y: (tree, ghdoc) Targets, one branch per sample (one-hot rows, a target or a label).
        test_size: (item, float) Optional. The test part: a fraction between 0 and 1
            (default 0.33; the test part gets ceil(test_size * n) samples) or a whole number
            of samples.
        seed: (item, int) Optional. Seed of the shuffle (default 0).
        stratify: (item, bool) Optional. True: keep each class's share of Y in both parts
            (default False).
    Returns:
        X_train: Training features, one branch {i} per sample.
        Y_train: Training targets, one branch {i} per sample.
        X_test: Test features, one branch {i} per sample.
        Y_test: Test targets, one branch {i} per sample.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import data
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees


def split_size(value):
    """A fraction stays a float; a whole number >= 1 is a count of samples."""
    v = ghc.to_float(value, 'test_size', default=0.33)
    if v >= 1.0 and v == int(v):
        return int(v)
    return v


def target_rows(Y):
    """Y as float rows when it is numeric, else its items as they are (text labels)."""
    try:
        return trees.to_matrix(Y, 'Y')
    except BPError:
        return [trees.split_text_row(r) for r in trees.to_rows(Y, 'Y')]


class BPSplit(component):
    def RunScript(self, X, Y, test_size, seed, stratify):
        ghc.set_message(ghenv, 'Split')
        if ghc.missing_inputs(ghenv, ('X', X), ('Y', Y)):
            return None, None, None, None
        try:
            rows = trees.to_matrix(X, 'X')
            targets = target_rows(Y)
            if len(targets) != len(rows):
                raise BPError('X has %d samples (branches) but Y has %d'
                              % (len(rows), len(targets)))
            strata = None
            if ghc.to_bool(stratify):
                # one-hot rows stratify by their argmax; one-item rows by the item (a label)
                strata = [r[0] if len(r) == 1 else r for r in targets]
            Xtr, Xte, Ytr, Yte = data.train_test_split(
                rows, targets, split_size(test_size), ghc.to_int(seed, 'seed', default=0),
                strata)
            ghc.set_message(ghenv, '%d train / %d test' % (len(Xtr), len(Xte)))
            return (trees.rows_to_tree(Xtr), trees.rows_to_tree(Ytr),
                    trees.rows_to_tree(Xte), trees.rows_to_tree(Yte))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None, None
