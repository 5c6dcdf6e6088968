"""Every component against the convention table of docs/components.md: panel, exposure row,
inputs and outputs in order, the input shapes table, icons on the canvas, BP Train's inputs."""
import os

import pytest

import harness

DOC = os.path.join(harness.REPO, 'docs', 'components.md')
ROWS = {'primary': 2, 'secondary': 4, 'tertiary': 8}
SHAPES = ('samples', 'rows', 'targets', 'layers', 'points', 'history', 'object', 'mode',
          'names', 'numbers', 'lines', 'text', 'number', 'bool', 'geometry', 'sliders',
          'ranges')


def _table(heading_cells):
    """Rows (lists of cells) of the markdown table whose header is ``heading_cells``."""
    with open(DOC) as f:
        lines = f.read().splitlines()
    header = '| ' + ' | '.join(heading_cells) + ' |'
    start = lines.index(header)
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith('|'):
            break
        rows.append([c.strip() for c in line.strip().strip('|').split('|')])
    return rows


def _metadata():
    out = {}
    for path in harness.bundle_paths(include_fixtures=False):
        meta = harness.read_metadata(path)
        out[meta['name']] = meta
    return out


COMPONENTS = _table(['component', 'panel', 'row', 'inputs', 'outputs'])
INPUTS = _table(['component', 'input', 'access', 'accepts', 'what comes out'])
META = _metadata()


def test_the_table_lists_every_component_once():
    names = [r[0] for r in COMPONENTS]
    assert sorted(names) == sorted(META) and len(set(names)) == len(names)


@pytest.mark.parametrize('row', COMPONENTS, ids=[r[0] for r in COMPONENTS])
def test_component_matches_the_convention_table(row):
    name, panel, exposure, inputs, outputs = row
    meta = META[name]
    gh = meta['ghpython']
    assert meta['subcategory'] == panel
    assert meta['exposure'] == ROWS[exposure]
    assert [p['name'] for p in gh['inputParameters']] == [s.strip() for s in inputs.split(',')
                                                          if s.strip()]
    out_names = [p['name'] for p in gh['outputParameters']]
    assert out_names == [s.strip() for s in outputs.split(',')]
    assert gh.get('iconDisplay') == 1, 'the icon must show on the canvas'
    lower = [n.lower() for n in out_names]
    assert len(set(lower)) == len(lower), 'outputs differing only in case: %s' % out_names


def test_primary_row_is_the_everyday_path():
    primary = sorted(n for n, m in META.items() if m['exposure'] == 2)
    assert primary == ['BP Dataset', 'BP Initialize', 'BP Predict', 'BP Scale', 'BP Train']
    loop = [META['BP %s' % n]['exposure'] for n in ('Forward', 'Backward', 'Update')]
    assert loop == [4, 4, 4]


def test_train_has_at_most_8_inputs():
    assert len(META['BP Train']['ghpython']['inputParameters']) <= 8


def test_the_shapes_table_covers_every_input_with_its_access():
    current = None
    seen = {}
    for name, inp, access, accepts, _ in INPUTS:
        current = name or current
        assert accepts in SHAPES, (current, inp, accepts)
        seen[(current, inp)] = access
    want = dict(((n, p['name']), p.get('scriptParamAccess', 'item'))
                for n, m in META.items() for p in m['ghpython']['inputParameters'])
    assert seen == want
