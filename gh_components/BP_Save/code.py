"""Saves a network as a model JSON file (atomic), and gives its JSON text.

    The file is written to a temporary file beside the target and renamed over it only when
    complete, so a failed save never destroys the previous file. The JSON text is always
    output (a Panel or BP Load can read it), whether or not the file is saved.

    Args:
        net: (item, ghdoc) The network to save (weights, scaler, class names, training).
        path: (item, str) Optional. The model file path, e.g. C:/models/seeds.json.
        save: (item, bool) Optional. True: write the file (a Button or Boolean Toggle).
    Returns:
        saved: The absolute path written, when save is True and the save worked.
        json: The model document as JSON text.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore import model_io
from bpcore.errors import BPError
from bpcore.rhino import component as ghc


class BPSave(component):
    def RunScript(self, net, path, save):
        ghc.set_message(ghenv, 'Save')
        if ghc.missing_inputs(ghenv, ('net', net)):
            return None, None
        try:
            net = ghc.require_network(net)
            text = model_io.dumps(net, indent=1)
        except BPError as e:          # not a network, a NaN weight (named by layer and index)
            ghc.report_error(ghenv, e)
            return None, None
        if not ghc.to_bool(save):
            return None, text
        if ghc.missing_inputs(ghenv, ('path', path)):
            return None, text
        try:
            saved = model_io.save(net, str(path).strip())
        except BPError as e:          # ModelFileError: bad path, no folder, no permission, full
            ghc.report_error(ghenv, e)
            return None, text
        ghc.set_message(ghenv, 'saved')
        return saved, text
