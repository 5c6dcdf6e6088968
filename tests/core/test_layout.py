"""The package layout: the import rule of docs/architecture.md, and old import paths kept.

* Every ``import`` in ``bpcore/`` (also the ones inside functions) points to a lower layer of
  the table in ``docs/architecture.md`` or into the module's own subpackage; nothing imports
  the package ``__init__``; optional packages and Rhino types are never imported at module
  level (Rhino types only inside ``bpcore.rhino`` and the build tools).
* Every module and name that a released component ``code.py`` uses still imports (saved
  ``.gh`` files embed that code), and so does every name today's components use.
"""
from __future__ import absolute_import, division, print_function

import ast
import glob
import importlib
import io
import json
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE = os.path.join(ROOT, 'bpcore')

OPTIONAL = ('numpy', 'torch', 'onnx', 'onnxruntime', 'compas', 'rhino3dm', 'ghhops_server',
            'mlxtend', 'sklearn', 'scipy', 'PIL', 'cairosvg', 'matplotlib', 'flask')
RHINO = ('Rhino', 'Grasshopper', 'System', 'scriptcontext', 'ghpythonlib', 'clr',
         'rhinoscriptsyntax')


def read(path):
    with io.open(path, encoding='utf-8') as f:
        return f.read()


def layer_table():
    """{module name relative to bpcore: layer} from the import-rule table of the docs."""
    text = read(os.path.join(ROOT, 'docs', 'architecture.md'))
    section = text.split('## The import rule', 1)[1].split('\n## ', 1)[0]
    table = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) == 2 and cells[0].isdigit():
            for name in re.findall(r'`([^`]+)`', cells[1]):
                table[name] = int(cells[0])
    return table


def module_files():
    """[(dotted name relative to bpcore, path)] of every module of the package."""
    found = []
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if not d.startswith(('.', '__')))
        for name in sorted(files):
            if name.endswith('.py'):
                rel = os.path.relpath(os.path.join(folder, name), PACKAGE)[:-3]
                parts = rel.replace(os.sep, '/').split('/')
                if parts[-1] == '__init__':
                    parts = parts[:-1]
                found.append(('.'.join(parts), os.path.join(folder, name)))
    return found


def is_module(dotted):
    """True when ``bpcore.<dotted>`` is a module or package file in the tree."""
    base = os.path.join(PACKAGE, *dotted.split('.'))
    return os.path.isfile(base + '.py') or os.path.isfile(os.path.join(base, '__init__.py'))


def imports(path, own):
    """[(target, line, top_level)]: targets are 'bpcore.x.y', 'bpcore' or another package."""
    tree = ast.parse(read(path))
    top = set(id(n) for n in tree.body)
    for n in tree.body:                     # try/if blocks at module level run at import too
        if isinstance(n, (ast.If, ast.TryExcept if hasattr(ast, 'TryExcept') else ast.Try)):
            top.update(id(c) for c in ast.walk(n))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                out.append((a.name, node.lineno, id(node) in top))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ''
            if node.level:                   # relative import: resolve against own package
                base = ('bpcore.' + own).split('.')[:-node.level]
                module = '.'.join(base + ([module] if module else []))
            if module == 'bpcore' or module.startswith('bpcore.'):
                for a in node.names:
                    sub = (module + '.' + a.name)[len('bpcore.'):]
                    target = 'bpcore.' + sub if is_module(sub) else module
                    out.append((target, node.lineno, id(node) in top))
            else:
                out.append((module, node.lineno, id(node) in top))
    return out


def layer_of(name, table):
    """The layer of ``name`` (relative to bpcore): its longest matching table entry."""
    parts = name.split('.')
    for i in range(len(parts), 0, -1):
        key = '.'.join(parts[:i])
        if key in table:
            return key, table[key]
    return None, None


def test_layer_table_is_read():
    table = layer_table()
    assert table['errors'] == 0 and table['rhino'] > table['network'] > table['matrix']
    # the build tools are above every runtime module; only the command line (__main__,
    # which dispatches run-definition to bpcore.build.rundef) sits on top of them
    assert table['build'] == max(v for k, v in table.items() if k != '__main__')
    assert table['__main__'] >= table['build']


@pytest.mark.parametrize('name,path', module_files())
def test_every_module_has_a_layer(name, path):
    if not name:
        return                               # bpcore/__init__.py: the public face, on top
    key, layer = layer_of(name, layer_table())
    assert layer is not None, ('bpcore.%s has no row in the import-rule table of '
                               'docs/architecture.md: add it' % name)


@pytest.mark.parametrize('name,path', module_files())
def test_import_rule(name, path):
    table = layer_table()
    own_key, own_layer = layer_of(name, table) if name else (None, 99)
    problems = []
    for target, line, top_level in sorted(set(imports(path, name or '__init__'))):
        where = '%s:%d' % (os.path.relpath(path, ROOT), line)
        head = target.split('.')[0]
        if target == 'bpcore':
            if name not in ('__main__',):
                problems.append('%s imports the package bpcore (its __init__)' % where)
            continue
        if head == 'bpcore':
            rel = target[len('bpcore.'):]
            key, layer = layer_of(rel, table)
            if layer is None:
                problems.append('%s imports %s, which has no layer' % (where, target))
            elif own_key is not None and key.split('.')[0] == own_key.split('.')[0] \
                    and key.split('.')[0] in ('data', 'drawing', 'rhino', 'build', 'backends',
                                              'interop', 'cli', 'demos', 'hops'):
                continue                     # inside its own subpackage
            elif layer == own_layer == table['build']:
                continue                     # build tools use each other
            elif not layer < own_layer:
                problems.append('%s (layer %s) imports %s (layer %d): only lower layers'
                                % (where, own_layer, target, layer))
        elif head in OPTIONAL and top_level:
            problems.append('%s imports the optional package %s at module level' % (where, head))
        elif head in RHINO and (top_level or own_layer not in (table['rhino'], table['build'])):
            problems.append('%s imports %s outside bpcore.rhino or at module level'
                            % (where, head))
    assert not problems, '\n'.join(problems)


# -- names used by component code.py -------------------------------------------------------
def names_used(source):
    """{(module, name)} that a code.py imports from bpcore or reads as module.attribute."""
    tree = ast.parse(source)
    aliases = {}
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or '').split('.')[0] == 'bpcore':
            for a in node.names:
                used.add((node.module, a.name))
                aliases[a.asname or a.name] = node.module + '.' + a.name
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split('.')[0] == 'bpcore':
                    used.add((a.name, None))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in aliases:
            used.add((aliases[node.value.id], node.attr))
    return used


def check_names(pairs):
    missing = []
    for module, name in sorted(pairs, key=lambda p: (p[0], p[1] or '')):
        try:
            mod = importlib.import_module(module)
        except ImportError as e:
            missing.append('%s: %s' % (module, e))
            continue
        if name is not None and not hasattr(mod, name):
            try:
                importlib.import_module(module + '.' + name)
            except ImportError:
                missing.append('%s.%s' % (module, name))
    return missing


def test_released_component_names_still_import():
    with io.open(os.path.join(ROOT, 'tests', 'core', 'released_component_names.json'),
                 encoding='utf-8') as f:
        released = json.load(f)
    pairs = [tuple(p) for p in released['names']]
    assert len(pairs) > 80
    assert check_names(pairs) == []


def test_current_component_names_import():
    pairs = set()
    for path in glob.glob(os.path.join(ROOT, 'gh_components', '*', 'code.py')):
        pairs |= names_used(read(path))
    assert len(pairs) > 50
    assert check_names(pairs) == []


def test_names_used_reads_aliases():
    src = ('from bpcore import data\nfrom bpcore.rhino import component as ghc\n'
           'x = data.read_csv(p)\nghc.warn(e, "t")\n')
    assert names_used(src) == set([('bpcore', 'data'), ('bpcore.rhino', 'component'),
                                   ('bpcore.data', 'read_csv'),
                                   ('bpcore.rhino.component', 'warn')])
    assert check_names([('bpcore.data', 'no_such_name')]) == ['bpcore.data.no_such_name']
