"""Loads a network from a model JSON file, or from model JSON text (BP Save's json output).

    A file that is not a bpcore model (not JSON, another schema, a newer format version, a
    missing key, a weight matrix of the wrong shape, not UTF-8, a folder) gives one red message
    naming the problem. When the file is missing or damaged but the backup an interrupted save
    left (<file>.bak-bpcore) is readable, the backup is loaded with an orange warning.
    The file is read when the path changes or the component is recomputed.

    Args:
        source: (item, str) A model file path, or the model JSON text itself.
    Returns:
        net: The network, with its scaler, class names and training summary.
        summary: Layers, shapes, activations, parameters and classes, as text.
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

import warnings

from bpcore import model_io
from bpcore.errors import BPError, BPWarning
from bpcore.rhino import component as ghc


class BPLoad(component):
    def RunScript(self, source):
        ghc.set_message(ghenv, 'Load')
        if ghc.missing_inputs(ghenv, ('source', source)):
            return None, None
        text = str(source).strip()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter('always')
                if text.startswith('{'):
                    net = model_io.loads(text, 'JSON text')
                else:
                    net = model_io.load(text)
        except BPError as e:            # ModelFileError: every bad path, file or text
            ghc.report_error(ghenv, e)
            return None, None
        for w in caught:                # loaded from the backup of an interrupted save
            if issubclass(w.category, BPWarning):
                ghc.warn(ghenv, w.message)
        ghc.set_message(ghenv, '-'.join(str(s) for s in net.sizes))
        return net, net.summary()
