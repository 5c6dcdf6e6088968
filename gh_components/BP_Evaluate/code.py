"""Scores a network on samples: accuracy, confusion matrix, precision, recall, mse, mae, r2.

    Classification scores (accuracy, confusion, precision, recall) are given when the targets
    are classes (one-hot rows, a 0/1 column, or one class per sample); the regression scores
    (mse, mae, r2, scikit-learn's definitions, outputs against target rows) always.

    Args:
        net: (item, ghdoc) The network to score (BP Train, BP Load...).
        X: (tree, none) Inputs, one branch per sample: scaled like the training X, or raw
            with raw = True.
        Y: (tree, ghdoc) Targets, one branch per sample (one-hot rows, regression targets),
            or one class index (or class name) per sample.
        raw: (item, bool) Optional. True: X is raw; the network's scaler is applied first,
            as BP Predict does (default False: X is already scaled).
    Returns:
        accuracy: Fraction of samples whose predicted class is the true class.
        confusion: Confusion matrix, one branch {t} per true class t holding the counts per
            predicted class.
        precision: Per class: correct predictions of the class / all predictions of it.
        recall: Per class: correct predictions of the class / all samples of it.
        mse: Mean squared error of the outputs against the targets.
        mae: Mean absolute error of the outputs against the targets.
        r2: Coefficient of determination of the outputs (needs 2 or more samples).
        report: Text: the confusion matrix with recall and precision, and the scores.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import metrics
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees

NOTHING = (None,) * 8


class BPEvaluate(component):
    def RunScript(self, net, X, Y, raw):
        ghc.set_message(ghenv, 'Evaluate')
        if ghc.missing_inputs(ghenv, ('net', net), ('X', X), ('Y', Y)):
            return NOTHING
        try:
            net = ghc.require_network(net)
            Xs = ghc.samples(ghenv, X, 'X', net.n_inputs).rows
            targets = trees.to_targets(Y, net.n_outputs, len(Xs), net.class_names, 'Y')
            if len(targets) != len(Xs):
                raise BPError('X has %d samples (branches) but Y has %d'
                              % (len(Xs), len(targets)))
            if ghc.to_bool(raw):
                outputs = net.predict(Xs)
            else:                   # in target units (a regression network's target scaler)
                outputs = net.unscale_outputs(net.forward(Xs).output)
                if net.scaler is not None:
                    ghc.remark(ghenv, 'X is taken as scaled; set raw to True for raw inputs')
            scores = metrics.evaluate(targets, outputs, net.class_names)
            mse, mae, r2 = scores['mse'], scores['mae'], scores['r2']
            if scores['task'] == 'regression':
                ghc.set_message(ghenv, 'r2 %.3f' % r2 if r2 is not None else 'mse %.4g' % mse)
                return None, None, None, None, mse, mae, r2, scores['report']
            ghc.set_message(ghenv, 'acc %.3f' % scores['accuracy'])
            return (scores['accuracy'], trees.rows_to_tree(scores['confusion']),
                    scores['precision'], scores['recall'], mse, mae, r2, scores['report'])
        except BPError as e:
            ghc.report_error(ghenv, e)
            return NOTHING
