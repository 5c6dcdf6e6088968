"""Helpers every bpcore Grasshopper component uses.

A component's ``RunScript`` is: set the message, guard missing inputs, then
``try: convert -> call bpcore -> convert back; except BPError as e: report_error(ghenv, e)``.
See ``docs/components.md``.

Every function takes GhPython's ``ghenv`` (the script's global) and imports Grasshopper or
``scriptcontext`` only when called.

IronPython notes
----------------
* a Python ``dict``, ``list`` or ``tuple`` returned on an output is *iterated* by GhPython (a
  dict gives its keys); wrap structured values that must travel as one item in
  :class:`Holder`. A bpcore Network, Trace, Gradients or History is a plain non-iterable
  object and travels as it is (panels show its ``ToString``).
* ``ScheduleSolution`` wants a ``GH_Document.GH_ScheduleDelegate``; we wrap the Python
  callback explicitly rather than rely on IronPython's implicit delegate conversion.
"""
from __future__ import absolute_import, division, print_function

from bpcore.errors import BPError, quote

__all__ = ['message_level', 'add_message', 'warn', 'remark', 'report_error', 'set_message',
           'is_missing', 'missing_inputs', 'sticky_state', 'clear_state', 'schedule_next',
           'Holder', 'unwrap', 'require_network', 'to_int', 'to_float', 'to_bool', 'choice',
           'STICKY_PREFIX', 'fingerprint', 'digest', 'document_value', 'set_document_value',
           'delete_document_value', 'samples', 'follow']

STICKY_PREFIX = 'bpcore'


# -- runtime messages ---------------------------------------------------------------------
def message_level(name):
    """``GH_RuntimeMessageLevel.<name>`` ('Warning', 'Error', 'Remark')."""
    from Grasshopper.Kernel import GH_RuntimeMessageLevel
    return getattr(GH_RuntimeMessageLevel, name)


def add_message(ghenv, level, text):
    """Show ``text`` on the component at ``level`` ('Warning', 'Error' or 'Remark')."""
    ghenv.Component.AddRuntimeMessage(message_level(level), str(text))


def warn(ghenv, text):
    """Orange balloon."""
    add_message(ghenv, 'Warning', text)


def remark(ghenv, text):
    """Grey balloon (information, component stays green)."""
    add_message(ghenv, 'Remark', text)


def error_text(exc):
    """The text shown for an exception: its message, or its class name when empty."""
    text = str(exc)
    if not text:
        return type(exc).__name__
    if not isinstance(exc, BPError):
        return '%s: %s' % (type(exc).__name__, text)
    return text


def report_error(ghenv, exc):
    """Red balloon with the text of ``exc`` (a BPError's message as it is)."""
    add_message(ghenv, 'Error', error_text(exc))


def set_message(ghenv, text):
    """The small text under the component (``ghenv.Component.Message``)."""
    ghenv.Component.Message = text


# -- missing inputs -----------------------------------------------------------------------
def is_missing(value):
    """None, an empty string, an empty list or an empty DataTree."""
    if value is None:
        return True
    if isinstance(value, (str, type(u''))):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    if hasattr(value, 'DataCount') and hasattr(value, 'BranchCount'):
        return value.DataCount == 0
    return False


def missing_inputs(ghenv, *pairs, **named):
    """Names of the required inputs that have no data; warns once naming all of them.

    Pass ``(name, value)`` pairs in parameter order (keyword arguments are also accepted and
    listed after the pairs, sorted by name)::

        if missing_inputs(ghenv, ('net', net), ('X', X)):
            return None, None

    Like Ladybug's ``all_required_inputs``: a half-wired component shows one orange
    balloon instead of a red error. Returns ``[]`` when everything is connected.
    """
    items = list(pairs) + sorted(named.items())
    missing = [name for name, value in items if is_missing(value)]
    if missing and ghenv is not None:
        if len(missing) == 1:
            warn(ghenv, 'Input parameter %s failed to collect data' % missing[0])
        else:
            warn(ghenv, 'Input parameters %s failed to collect data' % ', '.join(missing))
    return missing


# -- per-instance state and live solutions ------------------------------------------------
def _sticky():
    import scriptcontext
    return scriptcontext.sticky


def _state_key(ghenv, key):
    return '%s:%s:%s' % (STICKY_PREFIX, key, ghenv.Component.InstanceGuid)


def sticky_state(ghenv, key):
    """A dict kept in ``scriptcontext.sticky`` for this component instance and ``key``.

    Keyed by the component's InstanceGuid, so two copies of a component on the canvas do not
    share state; a copy-pasted component starts fresh. The dict lives until Rhino closes or
    :func:`clear_state`.
    """
    sticky = _sticky()
    k = _state_key(ghenv, key)
    state = sticky.get(k)
    if state is None:
        state = {}
        sticky[k] = state
    return state


def clear_state(ghenv, key):
    """Forget the state of :func:`sticky_state`; returns a new empty dict."""
    sticky = _sticky()
    k = _state_key(ghenv, key)
    if k in sticky:
        del sticky[k]
    return sticky_state(ghenv, key)


def schedule_next(ghenv, delay_ms=1):
    """Ask Grasshopper for another solution of this component in ``delay_ms`` ms.

    Calls ``GH_Document.ScheduleSolution(delay, callback)``; the callback expires the component
    (``ExpireSolution(False)``) just before the new solution starts. Call it during
    ``RunScript``; returns False when the component has no document (nothing scheduled).
    """
    comp = ghenv.Component
    doc = comp.OnPingDocument()
    if doc is None:
        return False

    def callback(document):
        comp.ExpireSolution(False)

    try:
        from Grasshopper.Kernel import GH_Document
        delegate = GH_Document.GH_ScheduleDelegate(callback)
    except (ImportError, AttributeError):
        delegate = callback
    doc.ScheduleSolution(max(1, int(delay_ms)), delegate)
    return True



def follow(ghenv, tick, delay_ms=1):
    """Act on a session's tick (:class:`bpcore.rhino.live.Tick` and alike): show its remark
    (``tick.note``) and schedule the next solution when it asks (``tick.schedule``)."""
    if tick.note:
        remark(ghenv, tick.note)
    if tick.schedule:
        schedule_next(ghenv, delay_ms)

def _freeze(value):
    """A hashable, content-based stand-in for ``value`` (see :func:`fingerprint`)."""
    value = unwrap(value)
    if value is None or isinstance(value, (bool, int, float, str, type(u''))):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return ('dict',) + tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if hasattr(value, 'BranchCount') and hasattr(value, 'Paths') and hasattr(value, 'Branch'):
        return ('tree',) + tuple((tuple(int(i) for i in path.Indices),
                                  _freeze(list(value.Branch(path)))) for path in value.Paths)
    if hasattr(value, 'to_data'):           # Network, scalers, History: their content
        return (type(value).__name__, _freeze(value.to_data()))
    return (type(value).__name__, id(value))   # anything else: the object itself


def fingerprint(*values):
    """A cheap digest of input values, to notice that the inputs of a live component changed.

    Equal content gives an equal fingerprint (numbers, text, lists, dicts, DataTrees, and
    objects with ``to_data()`` such as a Network, compared by content, so a network rebuilt
    upstream with the same weights counts as unchanged); any changed weight, sample or setting
    gives another one (a hash: a collision is possible but very unlikely). Other objects count
    by identity. Costs one pass over the values, far less than a training epoch.
    """
    return hash(_freeze(values))


def digest(*values):
    """Like :func:`fingerprint`, but the same in every session and on every interpreter (a
    SHA-1 of the content), so it can be saved in a file and compared after reopening.

    A rectangular matrix of floats (what :func:`bpcore.matrix.check_matrix` returns) is
    hashed as its 8-byte doubles, which is fast (a live component digests its data every
    solution); anything else by the text of :func:`fingerprint`'s content rules (networks,
    options, trees).
    """
    import array
    import hashlib
    h = hashlib.sha1()
    for v in values:
        if (isinstance(v, list) and v and isinstance(v[0], list) and v[0]
                and type(v[0][0]) is float and len(set(map(len, v))) == 1):
            a = array.array('d')
            for row in v:
                a.extend(row)
            h.update(('matrix %d x %d|' % (len(v), len(v[0]))).encode('ascii'))
            h.update((getattr(a, 'tobytes', None) or getattr(a, 'tostring'))())  # 3 / 2.7
        else:
            h.update(repr(_freeze(v)).encode('utf-8'))
        h.update(b'|')
    return h.hexdigest()


# -- values kept in the Grasshopper file ---------------------------------------------------
# Grasshopper saves its document's value table (GH_Document.ValueTable, a GH_SettingsServer)
# in the .gh file (chunk Definition/ValueTable; plugins such as Karamba3D keep their settings
# there). A GhPython script cannot override its component's Write/Read, so this is where a
# component keeps data that must survive closing the file: one text entry per component
# instance, keyed by its InstanceGuid (stable across save and reopen).
DOCUMENT_PREFIX = 'bpcore.'


def _document_key(ghenv, key):
    return '%s%s.%s' % (DOCUMENT_PREFIX, key, ghenv.Component.InstanceGuid)


def _value_table(ghenv):
    doc = ghenv.Component.OnPingDocument()
    return getattr(doc, 'ValueTable', None) if doc is not None else None


def document_value(ghenv, key):
    """The text this component stored under ``key`` in the .gh file, or None."""
    table = _value_table(ghenv)
    if table is None:
        return None
    k = _document_key(ghenv, key)
    if not table.ConstainsEntry(k):      # (sic: Grasshopper's spelling)
        return None
    return table.GetValue(k, u'') or None


def set_document_value(ghenv, key, text):
    """Keep ``text`` under ``key`` in the .gh file (saved with the document); marks the
    document modified so Grasshopper offers to save it. Returns False without a document."""
    table = _value_table(ghenv)
    if table is None:
        return False
    table.SetValue(_document_key(ghenv, key), text)
    doc = ghenv.Component.OnPingDocument()
    if hasattr(doc, 'IsModified'):
        doc.IsModified = True      # GH_Document.IsModified: Grasshopper asks to save
    return True


def delete_document_value(ghenv, key):
    """Forget what :func:`set_document_value` stored (reset)."""
    table = _value_table(ghenv)
    if table is not None and table.ConstainsEntry(_document_key(ghenv, key)):
        table.DeleteValue(_document_key(ghenv, key))


# -- values on wires ----------------------------------------------------------------------
class Holder(object):
    """One opaque item on a wire: keeps Grasshopper from iterating a dict or list.

    ``Holder(value, 'dataset 150 x 4')``; read it back with :func:`unwrap`.
    """

    def __init__(self, value, summary=None):
        self.value = value
        self.summary = summary

    def __repr__(self):
        if self.summary:
            return 'bpcore %s' % self.summary
        return 'bpcore %s' % type(self.value).__name__

    __str__ = __repr__

    def ToString(self):
        return self.__repr__()


def unwrap(value):
    """The value inside a :class:`Holder` (anything else unchanged)."""
    while isinstance(value, Holder):
        value = value.value
    return value


def samples(ghenv, value, name='X', width=None):
    """:func:`bpcore.rhino.trees.read_samples` of a matrix input, with a remark on the
    component whenever the input was read in a way that is not one branch per sample
    (points, a list into a 1-input network, columns). Returns the
    :class:`~bpcore.rhino.trees.Samples` (``.rows``; ``.tree(values)`` keeps the paths)."""
    from bpcore.rhino.trees import read_samples
    found = read_samples(value, name, width)
    if found.note and ghenv is not None:
        remark(ghenv, found.note)
    return found


def require_network(value, name='net'):
    """The Network on an input (unwrapped), or BPError naming the input."""
    value = unwrap(value)
    if value is None:
        raise BPError('input %r is empty: connect a bpcore network' % name)
    for attr in ('sizes', 'weights', 'biases', 'forward', 'copy'):
        if not hasattr(value, attr):
            raise BPError('input %r is not a bpcore network (got %s)'
                          % (name, type(value).__name__))
    return value


def _number(value, name, kind):
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            raise BPError('input %r needs one number, got %d values' % (name, len(value)))
        value = value[0]
    try:
        return kind(float(value)) if kind is int else float(value)
    except (TypeError, ValueError, OverflowError):
        raise BPError('input %r is not a number: %s' % (name, quote(value)))


def to_int(value, name, default=None, minimum=None):
    """An int from an input (None -> default); BPError when not a number or below minimum."""
    if is_missing(value):
        return default
    f = _number(value, name, float)
    if f - f != 0.0 or f != int(f):                  # NaN, infinite or fractional
        raise BPError('input %r must be a whole number, got %s' % (name, quote(value)))
    v = int(f)
    if minimum is not None and v < minimum:
        raise BPError('input %r must be >= %d, got %d' % (name, minimum, v))
    return v


def to_float(value, name, default=None, minimum=None):
    """A float from an input (None -> default); BPError when not a finite number."""
    if is_missing(value):
        return default
    v = _number(value, name, float)
    if v - v != 0.0:
        raise BPError('input %r must be a finite number, got %r' % (name, value))
    if minimum is not None and v < minimum:
        raise BPError('input %r must be >= %r, got %r' % (name, minimum, v))
    return v


def to_bool(value, default=False):
    """A bool from an input: None -> default; 'false', '0', 'no', 'off' -> False."""
    if value is None:
        return default
    if isinstance(value, (str, type(u''))):
        v = value.strip().lower()
        if not v:
            return default
        return v not in ('false', '0', 'no', 'off')
    return bool(value)


def choice(value, name, options, default):
    """A lower-case option of ``options`` from a text input (missing -> ``default``).

    Raises BPError naming the input and listing the options.
    """
    if is_missing(value):
        return default
    text = str(value).strip().lower()
    if text not in options:
        raise BPError('input %s is %s; choose one of %s'
                      % (quote(name), quote(str(value)), ', '.join(options)))
    return text
