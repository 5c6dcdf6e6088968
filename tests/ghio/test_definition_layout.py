"""The example definitions against facts of definitions Grasshopper saved itself.

``fixtures/definition_structure.json`` holds the item names and GH_IO type codes (no content)
of every Group, Panel, Scribble, Boolean Toggle, Number Slider, Value List and GhPython
object in 26 Grasshopper 1.0.7 definitions from three public repositories (see its
``source``), and of their document header chunks. Every item our writer puts in those objects
and chunks must be one Grasshopper itself writes there, with the same type code. (The Button
is not in the references: no saved file with one was found; docs/userobjects.md.)
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os

import pytest

from bpcore.build import ghio

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
with io.open(os.path.join(HERE, 'fixtures', 'definition_structure.json'), encoding='utf-8') as f:
    FACTS = json.load(f)
KINDS = {'57da07bd-ecab-415d-9d86-af36d7073abc': 'Number Slider',
         '59e0b89a-e487-49f8-bab8-b5bab16be14c': 'Panel',
         '2e78987b-9dfb-42a2-8b76-3923ac8bd91a': 'Boolean Toggle',
         '00027467-0d24-4fa7-b178-8dc0ac5f42ec': 'Value List',
         'c552a431-af5b-46a9-a8a4-0fcbc27ef596': 'Group',
         '7f5c6c55-f846-4a08-9c9a-cfdc285cc6fe': 'Scribble',
         '410755b1-224a-4c1e-a407-bf32fb45ea7e': 'GhPython'}
NAMES = ['deconstructed_loop', 'iris_live_training', 'surrogate_model', 'xor_decision_surface']


def load(name):
    with open(os.path.join(ROOT, 'examples', name + '.gh'), 'rb') as f:
        return ghio.loads(f.read())


def walk(chunk, prefix, out):
    for child in chunk.chunks:
        path = prefix + '/' + child.name
        out.setdefault(path, set()).update((i.name, i.type) for i in child.items)
        walk(child, path, out)
    return out


def as_set(pairs):
    return set(tuple(p) for p in pairs)


@pytest.mark.parametrize('name', NAMES)
def test_header_chunks_hold_only_what_grasshopper_writes(name):
    d = load(name).chunk('Definition')
    for chunk in d.chunks:
        if chunk.name == 'DefinitionObjects':
            continue
        paths = walk(chunk, chunk.name, {chunk.name: set((i.name, i.type)
                                                         for i in chunk.items)})
        for path, items in paths.items():
            assert path in FACTS['header'], path
            extra = items - as_set(FACTS['header'][path])
            assert not extra, (path, extra)


@pytest.mark.parametrize('name', NAMES)
def test_objects_hold_only_what_grasshopper_writes_in_them(name):
    counted = set()
    for obj in load(name).chunk('Definition').chunk('DefinitionObjects').chunks:
        kind = KINDS.get(str(obj.get('GUID')))
        if kind is None:
            assert obj.get('Name') == 'Button'      # the one object without a reference
            continue
        counted.add(kind)
        facts = FACTS['objects'][kind]
        extra = set((i.name, i.type) for i in obj.items) - as_set(facts['object_items'])
        assert not extra, (kind, extra)
        for path, items in walk(obj, '', {}).items():
            if path.count('/') > 4:
                continue
            assert path in facts['chunks'], (kind, path)
            extra = items - as_set(facts['chunks'][path])
            assert not extra, (kind, path, extra)
    assert {'GhPython', 'Panel', 'Group', 'Scribble', 'Number Slider', 'Value List'} <= counted
