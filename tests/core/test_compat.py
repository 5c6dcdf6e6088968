"""The IronPython 2.7 / CPython 3.9 contract, checked on the source text (2.7 and 3.x)."""
import io
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADER = 'from __future__ import absolute_import, division, print_function'
# the per-sample path of training: exceptions are very slow on IronPython, none in here
HOT = ['activations.py', 'losses.py', 'network.py', 'optim.py', 'train.py']


def sources():
    found = []
    for folder, _, files in os.walk(os.path.join(ROOT, 'bpcore')):
        found += [os.path.join(folder, f) for f in files if f.endswith('.py')]
    components = os.path.join(ROOT, 'gh_components')
    for name in os.listdir(components):
        path = os.path.join(components, name, 'code.py')
        if os.path.isfile(path):
            found.append(path)
    return sorted(found)


def read(path):
    with io.open(path, encoding='utf-8') as f:
        return f.read()


def first_statement(text):
    """The first line of code after the module docstring and comments."""
    text = re.sub(r'^\s*(#[^\n]*\n|\s)*', '', text)
    text = re.sub(r'^[rub]*("""|\'\'\')(.|\n)*?\1\s*', '', text)
    for line in text.splitlines():
        if line.strip() and not line.strip().startswith('#'):
            return line.strip()
    return ''


def test_there_are_sources():
    names = [os.path.basename(p) for p in sources()]
    assert 'network.py' in names and names.count('code.py') >= 19


def test_every_module_starts_with_the_future_imports():
    bad = [p for p in sources() if first_statement(read(p)) != HEADER]
    assert bad == []


def test_no_stdlib_random_and_no_abc_metaclasses():
    pattern = re.compile(r'^\s*(import random\b|from random import|import numbers\b|'
                         r'from abc import|import abc\b)', re.M)
    bad = [p for p in sources() if pattern.search(read(p))]
    assert bad == []


def test_no_try_except_in_the_training_path():
    bad = [name for name in HOT
           if re.search(r'^\s*try:', read(os.path.join(ROOT, 'bpcore', name)), re.M)]
    assert bad == []


def test_every_module_has_its_docstring_at_run_time():
    # The docstring must come first (above the __future__ import) or __doc__ is None.
    import importlib
    missing = []
    for path in sources():
        rel = os.path.relpath(path, ROOT)
        if not rel.startswith('bpcore' + os.sep):
            continue
        name = rel[:-len('.py')].replace(os.sep, '.')
        if name.endswith('.__init__'):
            name = name[:-len('.__init__')]
        module = importlib.import_module(name)
        if not (module.__doc__ or '').strip():
            missing.append(name)
    assert missing == []
