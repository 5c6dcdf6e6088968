"""Collects (inputs, outputs) pairs solution after solution: X and Y ready for BP Train.

    Wire BP Sampler's sample into inputs and the slow model's results into outputs: every
    solution adds one sample. Samples whose inputs are recorded already are skipped (the first
    result is kept), so are incomplete ones (a missing or non-numeric value, or other widths
    than the first sample); at capacity the recorder stops adding. With a file, the samples
    are loaded from it when the recorder starts and the file is rewritten after every new
    sample, so a long sampling run survives a restart of Rhino.

    Args:
        inputs: (list, float) The sample's parameter values (BP Sampler's sample).
        outputs: (list, float) The model's results for that sample (one or more numbers).
        x_names: (list, str) Optional. Names of the inputs (BP Sampler's names), for the file.
        y_names: (list, str) Optional. Names of the outputs, for the file.
        file: (item, str) Optional. CSV file to load from and save to (header x:name,...,
            y:name,...); a relative path is beside the saved definition.
        capacity: (item, int) Optional. At most this many samples (default 10000).
        record: (item, bool) Optional. False: ignore new solutions (default True).
        reset: (item, bool) Optional. True: forget the samples; the file is rewritten from the
            next sample on (a Button).
    Returns:
        X: Recorded inputs, one branch per sample (to BP Scale / BP Train).
        Y: Recorded outputs, one branch per sample (BP Train's targets).
        count: Number of samples recorded.
        status: What happened to this solution's sample (added, duplicate, incomplete, full).
"""
from __future__ import absolute_import, division, print_function

from ghpythonlib.componentbase import executingcomponent as component

from bpcore.errors import BPError
from bpcore.rhino import component as ghc
from bpcore.rhino import recorder as recording
from bpcore.rhino import trees


class BPRecorder(component):
    def RunScript(self, inputs, outputs, x_names, y_names, file, capacity, record, reset):
        ghc.set_message(ghenv, 'Recorder')
        try:
            state = ghc.sticky_state(ghenv, 'recorder')
            session = state.setdefault('session', recording.RecordingSession())
            document = ghenv.Component.OnPingDocument()
            path = recording.resolve_path((file or '').strip() or None,
                                          getattr(document, 'FilePath', None))
            what = session.update(
                inputs, outputs, x_names, y_names, path,
                ghc.to_int(capacity, 'capacity', default=recording.DEFAULT_CAPACITY, minimum=1),
                ghc.to_bool(record, default=True), ghc.to_bool(reset))
        except BPError as e:
            ghc.report_error(ghenv, e)
            return None, None, None, None
        rec = session.recorder
        if what.endswith('full'):
            ghc.warn(ghenv, 'capacity %d reached: new samples are not recorded' % rec.capacity)
        elif what.endswith('incomplete') and (inputs or outputs):
            ghc.remark(ghenv, 'incomplete sample skipped (a value is missing or not a number)')
        ghc.set_message(ghenv, '%d samples' % len(rec))
        return trees.rows_to_tree(rec.X), trees.rows_to_tree(rec.Y), len(rec), what
