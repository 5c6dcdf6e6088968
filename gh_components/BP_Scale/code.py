"""Scales features column by column: fits a new scaler on X, or applies a fitted one.

    How the scaler travels with the model: connect this component's scaler output to the
    scaler input of BP Initialize. The new network keeps it, BP Predict and saved model files
    then apply it to raw inputs automatically. BP Forward, BP Backward and BP Train expect X
    already scaled (this component's scaled output).

    To scale new data (test samples) exactly like the training data, connect the fitted
    scaler, or a network that carries one, to the fitted input: it is applied, not refitted.

    Args:
        X: (tree, none) Features, one branch per sample (a flat list is one sample).
        kind: (item, str) Optional. 'minmax' (each column to 0..1, default) or 'standard'
            (each column to mean 0, standard deviation 1). Ignored when fitted is connected.
        fitted: (item, ghdoc) Optional. A fitted scaler (this component's output) or a
            network carrying one: apply it instead of fitting a new one.
    Returns:
        scaled: Scaled features, one branch {i} per sample.
        scaler: The fitted scaler (one item): connect it to BP Initialize's scaler input.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import data
from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import trees
from bpcore.rhino import valuelists


def fitted_scaler(value):
    """The scaler on the fitted input: a scaler (maybe in a Holder) or a network's scaler."""
    value = ghc.unwrap(value)
    if hasattr(value, 'sizes') and hasattr(value, 'weights'):
        if getattr(value, 'scaler', None) is None:
            raise BPError("input 'fitted': the connected network has no scaler (create it "
                          "with BP Initialize's scaler input)")
        return value.scaler
    if not (hasattr(value, 'transform') and hasattr(value, 'n_features_in_')):
        raise BPError("input 'fitted' is not a bpcore scaler (got %s); connect BP Scale's "
                      "scaler output or a network" % type(value).__name__)
    return value


def describe(scaler):
    return '%s, %d features' % (type(scaler).__name__, scaler.n_features_in_)


class BPScale(component):
    def RunScript(self, X, kind, fitted):
        ghc.set_message(ghenv, 'Scale')
        valuelists.offer(ghenv, {'kind': ['minmax', 'standard']})
        if ghc.missing_inputs(ghenv, ('X', X)):
            return None, None
        try:
            samples = ghc.samples(ghenv, X, 'X')
            rows = samples.rows
            if ghc.is_missing(fitted):
                scaler = data.make_scaler('minmax' if ghc.is_missing(kind) else str(kind).strip())
                if scaler is None:
                    raise BPError("input 'kind': choose minmax or standard")
                scaler.fit(rows)
            else:
                scaler = fitted_scaler(fitted).copy()
            scaled = scaler.transform(rows)
            ghc.set_message(ghenv, type(scaler).__name__.replace('Scaler', '').lower())
            return samples.tree(scaled), ghc.Holder(scaler, describe(scaler))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None
