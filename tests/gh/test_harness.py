"""The harness itself: it runs components the way GhPython does and catches what
Grasshopper would show as failures."""
import os
import sys

import pytest
import rhino3dm

import harness
from harness import DataTree, GH_Path, HarnessError, load_component, run_component

from bpcore import drawing
from bpcore.rhino import draw


# -- running a component ------------------------------------------------------------------
def test_outputs_by_name_and_message():
    r = run_component('Example_Add', a=1, b=2.5)
    assert r['total'] == 3.5
    assert r['row_sums'] is None
    assert r.message == 'example'
    assert r.messages == [] and r.ok


def test_item_inputs_are_converted_by_type_hint():
    r = run_component('Example_Add', a='1.5', b=2)
    assert r['total'] == 3.5 and isinstance(r['total'], float)
    with pytest.raises(HarnessError, match='conversion failed'):
        run_component('Example_Add', a='one', b=2)


def test_item_input_refuses_a_list():
    with pytest.raises(HarnessError, match='one solution per item'):
        run_component('Example_Add', a=[1, 2], b=2)


def test_unknown_input_name():
    with pytest.raises(HarnessError, match='no input'):
        run_component('Example_Add', A=1)


def test_missing_inputs_warn_and_name_them():
    r = run_component('Example_Add', b=1)
    assert r.warnings == ['Input parameter a failed to collect data']
    assert r['total'] is None and not r.errors
    r = run_component('Example_Add')
    assert r.warnings == ['Input parameters a, b failed to collect data']


def test_remark_recorded():
    r = run_component('Example_Add', a=-3, b=1)
    assert r.remarks == ['the total is negative']


def test_tree_input_from_list_of_lists_and_tree_output():
    r = run_component('Example_Add', a=0, b=0, rows=[[1, 2], [3, 4]])
    assert r.branches('row_sums') == [((0,), [3.0]), ((1,), [7.0])]
    assert r.rows('row_sums') == [[3.0], [7.0]]


def test_tree_input_flat_list_is_one_sample():
    r = run_component('Example_Add', a=0, b=0, rows=[1, 2, 3])
    assert r.rows('row_sums') == [[6.0]]


def test_tree_input_as_datatree_with_deep_paths():
    t = DataTree[object]()
    t.AddRange([1.0, 1.0], GH_Path(0, 1))
    t.AddRange([2.0, 0.0], GH_Path(0, 0))
    t.EnsurePath(GH_Path(0, 2))            # empty branch: skipped
    r = run_component('Example_Add', a=0, b=0, rows=t)
    assert r.rows('row_sums') == [[2.0], [2.0]]


def test_bperror_becomes_red_message():
    r = run_component('Example_Add', a=0, b=0, rows=[[1, None]])
    assert r.errors == ['rows row 0, column 1 is empty (None); fill it in or remove the '
                        'sample']
    assert r['total'] is None
    r = run_component('Example_Crash', kind='bp')
    assert r.errors == ['X: row 3, column 2 is not a number']


def test_exception_escaping_runscript_is_reraised():
    with pytest.raises(ZeroDivisionError):
        run_component('Example_Crash', kind='other')


def test_messages_cleared_each_solution():
    comp = load_component('Example_Add')
    assert comp.run(b=1).warnings
    assert comp.run(a=1, b=1).messages == []


def test_printed_output_captured(tmp_path):
    src = os.path.join(harness.FIXTURES_DIR, 'Example_Add')
    dst = tmp_path / 'Example_Print'
    import shutil
    shutil.copytree(src, str(dst))
    code = (dst / 'code.py').read_text().replace("ghc.set_message(ghenv, 'example')",
                                                 "print('hello')")
    (dst / 'code.py').write_text(code)
    r = run_component(str(dst), a=1, b=1)
    assert r.out == 'hello\n' and r.message is None


# -- output checks ------------------------------------------------------------------------
@pytest.mark.parametrize('value,match', [
    ({'a': 1}, 'iterates it'),
    ([[1, 2]], 'IronPython.Runtime.List'),
    ([(1, 2)], 'IronPython.Runtime.List'),
    (rhino3dm.Polyline([rhino3dm.Point3d(0, 0, 0), rhino3dm.Point3d(1, 0, 0)]), 'PolylineCurve'),
])
def test_outputs_grasshopper_would_mangle(value, match):
    with pytest.raises(HarnessError, match=match):
        harness.check_output('x', value)


def test_holder_and_tree_outputs_pass():
    from bpcore.rhino.component import Holder
    harness.check_output('x', Holder({'a': 1}))
    harness.check_output('x', [1, 2.0, 'a', None])
    harness.check_output('x', DataTree[object]())


# -- live mode: sticky state and scheduled solutions --------------------------------------
def test_live_ticks_until_done():
    harness.reset_sticky()
    comp = load_component('Example_Live')
    r = comp.run(steps=3, live=True)
    assert r['count'] == 1 and r.message == 'step 1/3'
    assert [d for d, _ in comp.pending_schedules] == [10]
    r = comp.tick()
    assert r['count'] == 2
    r = comp.tick()
    assert r['count'] == 3 and r['values'] == [1, 2, 3]
    assert comp.pending_schedules == []        # done: nothing scheduled
    assert comp.tick() is None
    assert comp.component.expire_calls == [False, False]
    assert comp.solutions == 3


def test_live_state_is_per_instance_and_resets():
    harness.reset_sticky()
    one = load_component('Example_Live')
    two = load_component('Example_Live')
    one.run(steps=5, live=True)
    one.tick()
    assert two.run(steps=5, live=False)['count'] == 0
    assert one.run(steps=5, live=False)['count'] == 2
    assert one.run(steps=5, live=False, reset=True)['count'] == 0
    keys = [k for k in harness._ScriptContext.sticky if k.startswith('bpcore:live:')]
    assert len(keys) == 2


def test_live_stopped_schedules_nothing():
    harness.reset_sticky()
    comp = load_component('Example_Live')
    comp.run(steps=3, live=False)
    assert comp.pending_schedules == []


def test_bool_hint_refuses_garbage():
    with pytest.raises(HarnessError):
        run_component('Example_Live', live='maybe')


# -- fakes stay inside the harness --------------------------------------------------------
def test_fake_modules_are_removed_after_use():
    run_component('Example_Add', a=1, b=1)
    from bpcore.build import headless   # the fakes live in the package
    for name, fake in headless._FAKES.items():
        assert sys.modules.get(name) is not fake, name


def test_treehelpers_semantics():
    with harness.fake_modules():
        from ghpythonlib import treehelpers as th
        t = th.list_to_tree([[1, 2], 3, [], [4, [5]]])
        assert t.to_branches() == [((0,), [3]), ((0, 0), [1, 2]), ((0, 3), [4]),
                                   ((0, 3, 1), [5])]
        assert th.tree_to_list(th.list_to_tree([[1, 2], [3]])) == [[1, 2], [3]]
        t = th.list_to_tree([[1, None], []], True, [7])
        assert t.to_branches() == [((7, 0), [1, None]), ((7, 1), [])]


# -- geometry: bpcore.drawing -> bpcore.rhino.draw -> .3dm --------------------------------
class _Net(object):
    sizes = [2, 3, 1]
    activations = ['sigmoid', 'sigmoid']
    weights = [[[0.5, -1.0], [0.0, 2.0], [1.5, -0.5]], [[1.0, -2.0, 0.25]]]
    biases = [[0.1, 0.2, 0.3], [0.0]]
    feature_names = ['x', 'y']
    class_names = ['out']


def _all_geometry(g):
    return (g['circles'] + g['lines'] + g['polylines'] + g['labels'] + g['meshes']
            + g['label_points'])


@pytest.mark.parametrize('inside_fakes', [False, True])
def test_drawings_round_trip_through_3dm(tmp_path, inside_fakes):
    net = _Net()
    d = drawing.network_drawing(net, activations_row=[[0, 1], [0.2, 0.5, 0.9], [0.7]])
    d.extend(drawing.history_plot({'loss': [1.0, 0.5, 0.25], 'accuracy': [0.3, 0.6, 0.9]}))
    d.extend(drawing.decision_surface(lambda P: [[p[0] - p[1]] for p in P], mode='value',
                                      resolution=(5, 4), z_scale=1.0))
    if inside_fakes:
        with harness.fake_modules():
            g = draw.drawing_geometry(d)
            assert isinstance(g['circle_colors'][0], harness.Color)
    else:
        g = draw.drawing_geometry(d)
        assert g['circle_colors'][0] == d.circles[0]['color']
    assert len(g['circles']) == 6 and len(g['lines']) == 9 + 3  # weights + plot axes
    assert isinstance(g['polylines'][0], rhino3dm.PolylineCurve)
    m = g['meshes'][0]
    assert len(m.Vertices) == 20 and m.Faces.Count == 12 and m.VertexColors.Count == 20
    objs = _all_geometry(g)
    colors = [None] * len(objs)
    colors[0] = d.circles[0]['color']
    types = harness.write_3dm(objs, str(tmp_path / 'drawing.3dm'), colors)
    assert types.count('Mesh') == 1 and types.count('TextDot') == len(d.labels)
    assert types.count('Curve') == len(d.circles) + len(d.lines) + len(d.polylines)
    assert types.count('Point') == len(d.labels)


def test_write_3dm_refuses_non_geometry(tmp_path):
    with pytest.raises(HarnessError, match='not Rhino geometry'):
        harness.write_3dm([object()], str(tmp_path / 'x.3dm'))


def test_rectangle_shim():
    with harness.fake_modules():
        import Rhino.Geometry as rg
        rect = rg.Rectangle3d(rg.Plane.WorldXY(), 4, 2)
        assert rect.Width == 4 and rect.Height == 2
        c = rect.Corner(2)
        assert (c.X, c.Y, c.Z) == (4, 2, 0)
        assert isinstance(rect.ToNurbsCurve(), rhino3dm.PolylineCurve)
