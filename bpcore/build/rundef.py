"""Run a Grasshopper definition without Rhino: ``python -m bpcore run-definition FILE.gh``.

Reads a ``.gh`` or ``.ghx`` (:mod:`bpcore.build.ghio`, :mod:`bpcore.build.ghx`), orders its objects
by their wires, gives Number Sliders, Boolean Toggles, Buttons (not pressed), Panels and
Value Lists their stored values (``--set NAME=VALUE`` overrides one, by nickname), and runs
every GhPython component (bpcore's and plain scripts; IronPython ``410755b1`` and the Rhino 8
Python 3 script ``c9b2d725``) from the code stored in the file, through the same fake
Grasshopper the component tests use (:mod:`bpcore.build.headless`; geometry is rhino3dm's
when installed). Scheduled solutions (BP Train's live mode, BP Sampler's step mode) are run
one after another, re-solving the expired components and everything downstream, until none
is pending (or ``--max-solutions``).

Groups and Scribbles are notes. Any other object (a native Grasshopper component) cannot run
here: it is reported by name and what it feeds gets no data.

Prints each component's message, runtime messages and outputs (shortened); exit status 0
when every object ran without an error, 1 otherwise, 2 for a bad command line or file.
"""
from __future__ import absolute_import, division, print_function

import argparse
import base64
import io
import sys
import traceback

from bpcore.build import ghio
from bpcore.build.layouts import GHPYTHON_COMPONENT
from bpcore.errors import BPError, GHIOError, quote

__all__ = ['Definition', 'load_definition', 'run_definition', 'main', 'Report']

GHPYTHON = str(GHPYTHON_COMPONENT)
RH8_SCRIPT = 'c9b2d725-6f87-4b07-af90-bd9aefef68eb'
SLIDER = '57da07bd-ecab-415d-9d86-af36d7073abc'
PANEL = '59e0b89a-e487-49f8-bab8-b5bab16be14c'
TOGGLE = '2e78987b-9dfb-42a2-8b76-3923ac8bd91a'
BUTTON = 'a8b97322-2d53-47cd-905e-b932c3ccd74e'
VALUE_LIST = '00027467-0d24-4fa7-b178-8dc0ac5f42ec'
NOTES = ('c552a431-af5b-46a9-a8a4-0fcbc27ef596',   # Group
         '7f5c6c55-f846-4a08-9c9a-cfdc285cc6fe')   # Scribble
STANDARD_OUT = '3ede854e-c753-40eb-84cb-b48008f14fd4'   # GhPython's 'out' (Param_String)
_ACCESS = {0: 'item', 1: 'list', 2: 'tree'}


class Node(object):
    """One object of the definition: a script, a value source, a note or something else."""

    def __init__(self, index, kind, name, nickname, instance):
        self.index = index
        self.kind = kind              # 'script', 'source', 'panel', 'note', 'native'
        self.name = name
        self.nickname = nickname
        self.instance = instance
        self.inputs = []              # [(nickname, spec, [source guids])]
        self.outputs = []             # [(nickname, guid)]
        self.value = None             # sources: the value they give
        self.container = None
        self.component = None         # scripts: a headless.ScriptComponent
        self.result = None            # the last headless.Result
        self.error = None             # text of an exception that escaped the script
        self.solutions = 0

    @property
    def label(self):
        if self.nickname and self.nickname != self.name:
            return '%s (%s)' % (self.name, self.nickname)
        return self.name

    def __repr__(self):
        return 'Node(%s, %s)' % (self.kind, self.label)


def _hint_name(guid):
    from bpcore.build.metadata import HINTS
    for variant in ('ironpython', 'rhino8'):
        for name, g in HINTS[variant].items():
            if str(g) == str(guid):
                return name
    return 'ghdoc'


def _script_node(node, c, rh8):
    data = c.chunk('ParameterData')
    if rh8:
        script = c.chunk('Script')
        code = base64.b64decode(script.get('Text', '')).decode('utf-8').replace('\r\n', '\n')
        from bpcore.build.userobject import is_advanced_code
        advanced = is_advanced_code(code)
    else:
        code = c.get('CodeInput', '')
        advanced = bool(c.get('IsAdvancedMode', False))
    specs_in, specs_out = [], []
    for i in range(data.get('InputCount', 0)):
        p = data.chunk('InputParam', i)
        spec = {'name': p.get('Name'), 'nickname': p.get('NickName'),
                'scriptParamAccess': _ACCESS.get(p.get('ScriptParamAccess', 0), 'item'),
                'typeHintID': _hint_name(p.get('TypeHintID'))}
        sources = [p.get('Source', index=k) for k in range(p.get('SourceCount', 0))]
        node.inputs.append((spec['nickname'], spec, sources))
        specs_in.append(spec)
    node.printed = None
    for i in range(data.get('OutputCount', 0)):
        p = data.chunk('OutputParam', i)
        if i == 0 and str(data.get('OutputId', index=0)) == STANDARD_OUT and (
                rh8 and c.get('UsingStandardOutputParam') or not rh8 and not c.get('HideOutput')):
            node.printed = p.get('InstanceGuid')   # the standard 'out': what the script prints
            continue
        specs_out.append({'name': p.get('Name'), 'nickname': p.get('NickName')})
        node.outputs.append((p.get('NickName'), p.get('InstanceGuid')))
    node.meta = {'name': node.name, 'nickname': node.nickname,
                 'ghpython': {'inputParameters': specs_in, 'outputParameters': specs_out}}
    node.code = code
    node.advanced = advanced


def _parse_expression(text):
    text = (text or '').strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    if text in ('True', 'False', 'true', 'false'):
        return text.lower() == 'true'
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number == int(number) and '.' not in text else number


def _source_value(node, guid, c):
    if guid == SLIDER:
        s = c.chunk('Slider')
        v = s.get('Value', 0.0)
        node.slider = (s.get('Min', 0.0), s.get('Max', 1.0))
        if s.get('Interval', 0) == 1:
            return int(round(v))
        return round(v, s.get('Digits', 3))
    if guid == TOGGLE:
        return bool(c.get('ToggleValue', False))
    if guid == BUTTON:
        return _parse_expression(c.get('ExpressionNormal', 'False'))
    if guid == VALUE_LIST:
        items = [c.chunk('ListItem', i) for i in range(c.get('ListCount', 0))]
        chosen = [it for it in items if it is not None and it.get('Selected')]
        node.choices = [(it.get('Name'), it.get('Expression')) for it in items if it]
        return _parse_expression(chosen[0].get('Expression')) if chosen else None
    return None


class Definition(object):
    """The objects of a definition and their wires, ready to run."""

    def __init__(self, root, source='definition'):
        self.source = source
        definition = root.chunk('Definition')
        objects = definition.chunk('DefinitionObjects') if definition is not None else None
        if objects is None:
            raise GHIOError('%s: no Definition/DefinitionObjects chunk: not a Grasshopper '
                            'definition' % source)
        self.nodes = []
        self.outputs = {}             # param guid -> (node, output index)
        for index, obj in enumerate(objects.chunks):
            guid = str(obj.get('GUID'))
            c = obj.chunk('Container')
            name = obj.get('Name', '?')
            nick = c.get('NickName', '') if c is not None else ''
            instance = c.get('InstanceGuid') if c is not None else None
            if guid in (GHPYTHON, RH8_SCRIPT) and c is not None:
                node = Node(index, 'script', name, nick, instance)
                _script_node(node, c, guid == RH8_SCRIPT)
            elif guid in (SLIDER, TOGGLE, BUTTON, VALUE_LIST):
                node = Node(index, 'source', name, nick, instance)
                node.value = _source_value(node, guid, c)
                node.outputs.append((None, instance))
            elif guid == PANEL:
                node = Node(index, 'panel', name, nick, instance)
                text = c.get('UserText', '')
                props = c.chunk('PanelProperties')
                multiline = props.get('Multiline', True) if props is not None else True
                node.value = [text] if multiline else text.splitlines()
                sources = [c.get('Source', index=k) for k in range(c.get('SourceCount', 0))]
                node.inputs.append((None, {'nickname': 'panel', 'scriptParamAccess': 'tree'},
                                    sources))
                node.outputs.append((None, instance))
            elif guid in NOTES:
                node = Node(index, 'note', name, nick, instance)
            else:
                node = Node(index, 'native', name, nick, instance)
                node.guid = guid
                for p in (c.chunks if c is not None else []):
                    if p.name.startswith('param_output') and p.has('InstanceGuid'):
                        node.outputs.append((p.get('NickName'), p.get('InstanceGuid')))
                if c is not None and c.has('InstanceGuid') and not node.outputs:
                    node.outputs.append((None, instance))     # a parameter object
            node.container = c
            self.nodes.append(node)
            for k, (_, g) in enumerate(node.outputs):
                if g is not None:
                    self.outputs[g] = (node, k)
            if getattr(node, 'printed', None) is not None:
                self.outputs[node.printed] = (node, None)
        self.order = self._order()

    def wires(self):
        """``[(source node, output index, target node, input nickname)]``; a source that is no
        output in the file raises GHIOError."""
        out = []
        for node in self.nodes:
            for nick, _, sources in node.inputs:
                for g in sources:
                    if g not in self.outputs:
                        raise GHIOError('%s: input %s of %s is wired to %s, which is no output '
                                        'in this file' % (self.source, quote(str(nick)),
                                                          node.label, g))
                    src, k = self.outputs[g]
                    out.append((src, k, node, nick))
        return out

    def _order(self):
        """Objects sorted so that every wire goes forward (Kahn; ties by file order)."""
        upstream = dict((id(n), set()) for n in self.nodes)
        for src, _, dst, _ in self.wires():
            upstream[id(dst)].add(id(src))
        done, order = set(), []
        while len(order) < len(self.nodes):
            ready = [n for n in self.nodes if id(n) not in done and upstream[id(n)] <= done]
            if not ready:
                stuck = [n.label for n in self.nodes if id(n) not in done]
                raise GHIOError('%s: the wires make a loop through %s'
                                % (self.source, ', '.join(stuck)))
            order.append(ready[0])
            done.add(id(ready[0]))
        return order

    def downstream(self, nodes):
        """The nodes fed (directly or not) by ``nodes``, with them, in run order."""
        ids = set(id(n) for n in nodes)
        wires = self.wires()
        grew = True
        while grew:
            grew = False
            for src, _, dst, _ in wires:
                if id(src) in ids and id(dst) not in ids:
                    ids.add(id(dst))
                    grew = True
        return [n for n in self.order if id(n) in ids]

    def find(self, name):
        """The one node whose nickname (else name) is ``name``."""
        found = [n for n in self.nodes if n.nickname == name]
        if not found:
            found = [n for n in self.nodes if n.name == name]
        if len(found) != 1:
            raise BPError('%s: %d objects are called %s' % (self.source, len(found), quote(name)))
        return found[0]

    def set_value(self, name, text):
        """``--set NAME=VALUE``: a slider/toggle/button/panel/value list by nickname."""
        node = self.find(name)
        if node.kind == 'panel':
            node.value = [text]
        elif node.kind != 'source':
            raise BPError('%s is a %s, not a slider, toggle, button, panel or value list'
                          % (quote(name), node.name))
        elif node.name == 'Value List':
            match = [e for n, e in node.choices if n == text]
            if not match:
                raise BPError('value list %s has no item %s (items: %s)'
                              % (quote(name), quote(text), ', '.join(n for n, _ in node.choices)))
            node.value = _parse_expression(match[0])
        elif isinstance(node.value, bool):
            node.value = text.strip().lower() in ('true', '1', 'yes', 'on')
        else:
            try:
                number = float(text)
            except ValueError:
                raise BPError('%s needs a number, got %s' % (quote(name), quote(text)))
            node.value = int(round(number)) if isinstance(node.value, int) else number


def load_definition(path):
    """A :class:`Definition` from a ``.gh`` or ``.ghx`` file."""
    with io.open(path, 'rb') as f:
        data = f.read()
    if data.lstrip(b'\xef\xbb\xbf').lstrip().startswith(b'<'):
        from bpcore.build import ghx
        root = ghx.loads(data)
    else:
        root = ghio.loads(data)
    return Definition(root, path)


# -- running --------------------------------------------------------------------------------
def _merge(values):
    """The data of several wires into one input: branches appended in wire order."""
    from bpcore.build.headless import DataTree, GH_Path
    values = [v for v in values if v is not None]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if any(isinstance(v, DataTree) for v in values):
        tree = DataTree()
        for v in values:
            if isinstance(v, DataTree):
                for p in v.Paths:
                    tree.AddRange(list(v.Branch(p)), p)
            else:
                tree.AddRange(v if isinstance(v, (list, tuple)) else [v], GH_Path(0))
        return tree
    out = []
    for v in values:
        out.extend(v if isinstance(v, (list, tuple)) else [v])
    return out


def _for_item(value, label):
    """What an item input gets: one item (Grasshopper would run once per item otherwise)."""
    from bpcore.build.headless import DataTree, HeadlessError
    if isinstance(value, DataTree):
        items = value.AllData()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return value
    if len(items) == 0:
        return None
    if len(items) == 1:
        return items[0]
    raise HeadlessError('%s gets %d items on an item input: Grasshopper would run the '
                        'component once per item, which this runner does not do'
                        % (label, len(items)))


class _FakeSlider(object):
    def __init__(self, lo, hi):
        self.Minimum, self.Maximum = lo, hi


class _FakeSource(object):
    """What ``param.Sources`` holds for a component reading the objects wired into it."""

    def __init__(self, node):
        self.NickName = node.nickname
        self.Name = node.name
        if getattr(node, 'slider', None) is not None:
            self.Slider = _FakeSlider(*node.slider)


class Report(object):
    """What a run gives: the definition, the solutions run, the objects that could not run."""

    def __init__(self, definition, solutions, unrunnable, values=None):
        self.definition = definition
        self.solutions = solutions
        self.unrunnable = unrunnable
        self.values = values or {}    # output guid -> the data on it after the last solution

    def shown(self, name):
        """What the Panel called ``name`` shows (its input's data, or its own text)."""
        node = self.definition.find(name)
        return self.values.get(node.outputs[0][1])

    def result(self, name):
        """The last :class:`~bpcore.build.headless.Result` of the script called ``name``."""
        return self.definition.find(name).result

    @property
    def failed(self):
        return [n for n in self.definition.nodes if n.kind == 'script'
                and (n.error or (n.result is not None and n.result.errors))]

    @property
    def ok(self):
        return not self.failed and not self.unrunnable


def _prepare(definition):
    from bpcore.build.headless import ScriptComponent
    for node in definition.nodes:
        if node.kind != 'script':
            continue
        node.component = ScriptComponent(node.code, node.meta, '<%s>' % node.label,
                                         advanced=node.advanced)
        params = node.component.ghenv.Component.Params.Input
        for param, (_, _, sources) in zip(params, node.inputs):
            param.Sources = [_FakeSource(definition.outputs[g][0]) for g in sources
                             if g in definition.outputs]


def _solve(definition, nodes, values):
    """One solution of ``nodes`` (in run order); ``values``: output guid -> data."""
    for node in nodes:
        inputs = {}
        for nick, spec, sources in node.inputs:
            data = _merge([values.get(g) for g in sources])
            if spec.get('scriptParamAccess') == 'item' and node.kind == 'script':
                data = _for_item(data, '%s input %s' % (node.label, quote(nick)))
            inputs[nick] = data
        if node.kind == 'source':
            values[node.outputs[0][1]] = node.value
        elif node.kind == 'panel':
            fed = inputs.get(None)
            values[node.outputs[0][1]] = fed if node.inputs[0][2] else node.value
        elif node.kind == 'script':
            node.solutions += 1
            node.error = None
            try:
                node.result = node.component.run(**dict((k, v) for k, v in inputs.items()
                                                        if v is not None))
            except Exception as e:        # what GhPython shows as a red balloon
                node.error = '%s: %s' % (type(e).__name__, e)
                node.trace = traceback.format_exc()
                node.result = None
            for k, (nick, guid) in enumerate(node.outputs):
                values[guid] = node.result.outputs.get(nick) if node.result else None
            if node.printed is not None:
                values[node.printed] = [node.result.out] if node.result else None


def run_definition(definition, max_solutions=10000, log=None):
    """Run every object, then every scheduled solution; returns a :class:`Report`."""
    _prepare(definition)
    unrunnable = [n for n in definition.nodes if n.kind == 'native']
    values = {}
    expired = list(definition.order)
    solutions = 0
    while expired and solutions < max_solutions:
        _solve(definition, expired, values)
        solutions += 1
        scripts = [n for n in definition.nodes if n.kind == 'script' and n.component]
        pending = [n for n in scripts if n.component.pending_schedules]
        if not pending:
            break
        touched = []
        for n in pending:
            before = len(n.component.component.expire_calls)
            from bpcore.build.headless import fake_modules
            with fake_modules():
                n.component.component.document.run_schedules()
            if len(n.component.component.expire_calls) > before:
                touched.append(n)
        expired = definition.downstream(touched)
    return Report(definition, solutions, unrunnable, values)


# -- printing -------------------------------------------------------------------------------
def _short(value, width=100):
    from bpcore.build.headless import DataTree
    if isinstance(value, DataTree):
        branches = value.to_branches()
        if not branches:
            return 'empty tree'
        path, items = branches[0]
        text = 'tree of %d branches, %d items; {%s}: %s' % (
            len(branches), value.DataCount, ';'.join(str(i) for i in path), _short(items, 60))
    elif isinstance(value, float):
        text = '%.6g' % value
    elif isinstance(value, (list, tuple)):
        text = '[%s]' % ', '.join(_short(v, 30) for v in value[:8])
        if len(value) > 8:
            text = text[:-1] + ', ... (%d items)]' % len(value)
    else:
        text = str(value).replace('\n', ' | ')
        if text.startswith('<') and ' object at ' in text:    # geometry: its type is enough
            text = type(value).__name__
    return text if len(text) <= width else text[:width - 3] + '...'


def print_report(report, out=None):
    out = out or sys.stdout
    d = report.definition
    out.write('%s: %d objects, %d solutions\n' % (d.source, len(d.nodes), report.solutions))
    for node in d.order:
        if node.kind != 'script':
            continue
        r = node.result
        head = '%s [%d solution%s]' % (node.label, node.solutions,
                                       '' if node.solutions == 1 else 's')
        if r is not None and r.message:
            head += ': %s' % str(r.message).replace('\n', ' | ')
        out.write(head + '\n')
        if node.error:
            out.write('  ERROR (exception) %s\n' % node.error)
            continue
        for level, text in (r.messages if r else []):
            out.write('  %s: %s\n' % (level.upper() if level == 'Error' else level, text))
        for name in (r.names if r else []):
            out.write('  %s = %s\n' % (name, _short(r.outputs[name])))
    for node in report.unrunnable:
        out.write('NOT RUN: %s (a native Grasshopper component this runner cannot run)\n'
                  % node.label)
    failed = report.failed
    out.write('%s\n' % ('ok: every component ran without an error' if report.ok else
                        '%d component(s) with errors, %d object(s) not run'
                        % (len(failed), len(report.unrunnable))))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog='python -m bpcore run-definition',
        description='Run a Grasshopper definition (.gh/.ghx) without Rhino: sliders, toggles, '
                    'panels and value lists give their stored values; every GhPython '
                    'component runs its own code.')
    parser.add_argument('file', help='the .gh or .ghx file')
    parser.add_argument('--set', action='append', default=[], metavar='NAME=VALUE',
                        help='give the slider/toggle/button/panel/value list called NAME '
                             'this value (repeatable)')
    parser.add_argument('--max-solutions', type=int, default=10000,
                        help='stop after this many solutions (default 10000)')
    args = parser.parse_args(argv)
    try:
        definition = load_definition(args.file)
        for item in args.set:
            if '=' not in item:
                raise BPError('--set needs NAME=VALUE, got %s' % quote(item))
            name, value = item.split('=', 1)
            definition.set_value(name.strip(), value)
    except (BPError, IOError, OSError) as e:
        sys.stderr.write('error: %s\n' % e)
        return 2
    report = run_definition(definition, args.max_solutions)
    print_report(report)
    return 0 if report.ok else 1


if __name__ == '__main__':
    sys.exit(main())
