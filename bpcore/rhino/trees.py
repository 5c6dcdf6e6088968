"""Grasshopper DataTrees <-> lists of rows.

Data conventions of the bpcore components:

* a **matrix input** (X, Y, weights) is a tree with **one branch per sample** (``{0}``, ``{1}``
  ... or any paths: branches are read in path order, empty branches are skipped), or a flat
  list = **one sample**. A row that is one text such as ``"5.1, 3.5, 1.4"`` (a Panel line) is
  split at commas, semicolons, tabs or spaces.
* a **label input** is a flat list with one label per sample, or a tree with one item per
  branch.
* a matrix output is a tree with branch ``{i}`` per row; per-layer matrices (activations,
  deltas, weights) are trees with branch ``{l; i}``.
* **samples** (X of BP Predict, BP Train...: :func:`read_samples`) remember where they came
  from: points, vectors and planes count as their coordinates, a list of numbers into a
  1-input network is one sample per number, columns (one branch per input) are read as
  rows, and :meth:`Samples.branches` puts results back **on the input's paths**, an empty
  branch giving an empty branch.

Only :func:`make_path`, :func:`tree_branches`, :func:`branches_to_tree` and the ``*_tree``
functions touch Grasshopper (imported when called); everything else is pure Python and works
on plain nested lists, so it is tested without Rhino.
"""
from __future__ import absolute_import, division, print_function

import re

from bpcore.matrix import check_matrix
from bpcore.errors import TEXT_TYPES, BPError, DataError

__all__ = ['is_tree', 'tree_branches', 'to_rows', 'to_matrix', 'to_labels', 'to_flat',
           'to_network_rows', 'rows_to_branches', 'layers_to_branches', 'make_path', 'branches_to_tree',
           'rows_to_tree', 'layers_to_tree', 'nested_to_tree', 'tree_to_nested',
           'split_text_row', 'to_layers', 'to_vectors', 'to_targets', 'Samples',
           'read_samples', 'input_branches', 'coordinates']

_SPLIT = re.compile(r'[,;\t ]+')
_WHOLE = re.compile(r'[+-]?[0-9]+(\.0*)?$')   # a class index written as text


def is_tree(value):
    """True for a Grasshopper DataTree (or anything with its BranchCount / Paths / Branch)."""
    return (value is not None and hasattr(value, 'BranchCount') and hasattr(value, 'Paths')
            and hasattr(value, 'Branch'))


def tree_branches(tree):
    """``[(path tuple, list of items), ...]`` of a DataTree, in the tree's path order.

    ``Paths`` and ``Branches`` (two calls, both in path order) rather than one ``Branch``
    lookup per path: a live component walks its input trees every solution."""
    paths = list(tree.Paths)
    branches = getattr(tree, 'Branches', None)
    if branches is None:
        branches = [tree.Branch(path) for path in paths]
    return [(tuple(map(int, path.Indices)), list(items)) for path, items in zip(paths, branches)]


def _is_seq(v):
    return isinstance(v, (list, tuple))


def _empty_message(name):
    return ('input %r is empty: connect a list (one sample) or a tree with one branch per '
            'sample' % name)


def to_rows(value, name='X'):
    """Rows of raw items from a DataTree, a list of lists, a flat list (one row) or an item.

    Empty branches of a tree are skipped. Raises :class:`BPError` when nothing is left, or
    when a list mixes nested lists and plain items.
    """
    if value is None:
        raise BPError(_empty_message(name))
    if is_tree(value):
        rows = [items for _, items in tree_branches(value) if len(items)]
    elif _is_seq(value):
        value = list(value)
        nested = [_is_seq(v) for v in value]
        if value and all(nested):
            rows = [list(v) for v in value if len(v)]
        elif any(nested):
            i = nested.index(True) if not nested[0] else nested.index(False)
            raise BPError('input %r mixes lists and single values (item %d): give one list per '
                          'sample or one flat list' % (name, i))
        else:
            rows = [value] if value else []
    else:
        rows = [[value]]
    if not rows:
        raise BPError(_empty_message(name))
    return rows


def split_text_row(row):
    """A row holding one text ``"1, 2, 3"`` -> ``['1', '2', '3']``; any other row unchanged."""
    if len(row) == 1 and isinstance(row[0], TEXT_TYPES) and _SPLIT.search(row[0].strip()):
        return [s for s in _SPLIT.split(row[0].strip()) if s]
    return row


def to_matrix(value, name='X', width=None):
    """Like :func:`to_rows`, validated by :func:`bpcore.matrix.check_matrix`: a rectangular list
    of float rows. Raises :class:`DataError` naming the row and column of an empty (None),
    non-numeric or non-finite item, or a row of the wrong width. Rows and columns count from 0.
    """
    return check_matrix([split_text_row(r) for r in to_rows(value, name)], name, width)


def to_network_rows(value, net, name='X', side='inputs'):
    """:func:`to_matrix` for a network's ``'inputs'`` or ``'outputs'``: a wrong width is
    named against the network ("X has 5 values per sample but the network has 7 inputs")."""
    rows = to_matrix(value, name)
    want = net.n_inputs if side == 'inputs' else net.n_outputs
    if len(rows[0]) != want:
        raise DataError('%s has %d values per sample but the network has %d %s'
                        % (name, len(rows[0]), want, side))
    return rows


def to_labels(value, name='labels'):
    """One label per sample, from a flat list or a tree with one item per branch.

    None labels raise :class:`DataError` naming the row.
    """
    if value is None:
        raise BPError('input %r is empty: connect one label per sample' % name)
    if is_tree(value):
        labels = []
        for r, (path, items) in enumerate([b for b in tree_branches(value) if len(b[1])]):
            if len(items) != 1:
                raise DataError('%s: branch {%s} holds %d items; give one label per sample'
                                % (name, ';'.join(str(i) for i in path), len(items)))
            labels.append(items[0])
    elif _is_seq(value):
        labels = []
        for r, v in enumerate(value):
            if _is_seq(v):
                if len(v) != 1:
                    raise DataError('%s: row %d holds %d items; give one label per sample'
                                    % (name, r, len(v)))
                v = v[0]
            labels.append(v)
    else:
        labels = [value]
    if not labels:
        raise BPError('input %r is empty: connect one label per sample' % name)
    for r, v in enumerate(labels):
        if v is None:
            raise DataError('%s: row %d is empty (None)' % (name, r))
    return labels


def to_flat(value):
    """Every item of a tree / nested list / item, in order, as one flat list (None -> [])."""
    if value is None:
        return []
    if is_tree(value):
        return [v for _, items in tree_branches(value) for v in items]
    if _is_seq(value):
        out = []
        for v in value:
            out.extend(to_flat(v) if _is_seq(v) else [v])
        return out
    return [value]


# -- building output trees ----------------------------------------------------------------
def rows_to_branches(rows, base=()):
    """``[((base..., i), list(row)), ...]``: one branch per row."""
    base = tuple(base)
    return [(base + (i,), list(row)) for i, row in enumerate(rows)]


def layers_to_branches(matrices, base=()):
    """``[((base..., l, i), list(row)), ...]``: branch ``{l; i}`` for row ``i`` of matrix ``l``.

    A matrix may also be a flat vector (biases): it becomes one branch ``{l}``.
    """
    base = tuple(base)
    out = []
    for l, m in enumerate(matrices):
        if m and not _is_seq(m[0]):
            out.append((base + (l,), list(m)))
            continue
        for i, row in enumerate(m):
            out.append((base + (l, i), list(row)))
    return out


def make_path(indices):
    """A Grasshopper ``GH_Path`` from a tuple of ints."""
    from Grasshopper.Kernel.Data import GH_Path
    from System import Array
    return GH_Path(Array[int]([int(i) for i in indices]))


def branches_to_tree(branches):
    """A ``DataTree[object]`` from ``[(path tuple, items), ...]`` (empty items keep the path)."""
    from Grasshopper import DataTree
    tree = DataTree[object]()
    for path, items in branches:
        p = make_path(path)
        tree.EnsurePath(p)
        for item in items:
            tree.Add(item, p)
    return tree


def rows_to_tree(rows, base=()):
    """A DataTree with branch ``{i}`` (or ``{base; i}``) per row."""
    return branches_to_tree(rows_to_branches(rows, base))


def layers_to_tree(matrices, base=()):
    """A DataTree with branch ``{l; i}`` per row ``i`` of matrix ``l`` (``{l}`` for vectors)."""
    return branches_to_tree(layers_to_branches(matrices, base))


def nested_to_tree(nested, base=(0,)):
    """Any nesting of lists -> DataTree, like ``ghpythonlib.treehelpers.list_to_tree``.

    Uses treehelpers when importable (in Rhino); else builds the same paths itself. Note:
    list_to_tree descends into anything iterable (a Polyline is a list of points to it), so
    matrix outputs use :func:`rows_to_tree` instead.
    """
    try:
        from ghpythonlib import treehelpers
    except ImportError:
        treehelpers = None
    if treehelpers is not None:
        return treehelpers.list_to_tree(nested, False, list(base))
    branches = []

    def walk(items, path):
        leaves = [v for v in items if not _is_seq(v)]
        if leaves:
            branches.append((path, [v for v in leaves if v is not None]))
        for i, v in enumerate(items):
            if _is_seq(v):
                walk(v, path + (i,))
    walk(list(nested), tuple(base))
    return branches_to_tree(branches)


def tree_to_nested(tree):
    """A DataTree -> nested lists indexed by path (like ``treehelpers.tree_to_list``)."""
    out = []
    for path, items in tree_branches(tree):
        level = out
        for depth, index in enumerate(path):
            while len(level) <= index:
                level.append(None)
            if depth == len(path) - 1:
                level[index] = list(items)
            else:
                if level[index] is None:
                    level[index] = []
                level = level[index]
    return out


# -- per-layer inputs (dW, db) ------------------------------------------------------------
def _group_by_prefix(value, name):
    """Branches of a tree grouped by their path without the last index, in path order."""
    if value is None:
        raise BPError('input %r is empty: connect a tree with one branch {l; i} per row'
                      % name)
    if not is_tree(value):
        if _is_seq(value) and value and all(_is_seq(m) for m in value):
            return [list(m) for m in value]
        raise BPError('input %r needs a tree with one branch {l; i} per row of layer l'
                      % name)
    groups = []
    keys = []
    for path, items in tree_branches(value):
        if not items:
            continue
        key = path[:-1]
        if not keys or keys[-1] != key:
            keys.append(key)
            groups.append([])
        groups[-1].append(items)
    if not groups:
        raise BPError('input %r is empty: connect a tree with one branch {l; i} per row'
                      % name)
    return groups


def to_layers(value, name='dW', shapes=None):
    """Per-layer matrices from a tree with branch ``{l; i}`` = row ``i`` of layer ``l``.

    The inverse of :func:`layers_to_tree` for matrices: branches are grouped by their path
    without the last index (``{0;0}``, ``{0;1}`` -> layer 0; ``{1;0}`` -> layer 1), in path
    order, so a grafted tree ``{0;l;i}`` reads the same. A list of matrices is taken as it is.
    ``shapes``: optional ``[(rows, cols), ...]`` per layer; a different number of layers or a
    different shape raises :class:`DataError` naming the layer.
    """
    layers = [to_matrix(rows, '%s layer %d' % (name, l))
              for l, rows in enumerate(_group_by_prefix(value, name))]
    if shapes is not None:
        if len(layers) != len(shapes):
            raise DataError('%s has %d layers (branch groups {l; i}), expected %d'
                            % (name, len(layers), len(shapes)))
        for l, (m, shape) in enumerate(zip(layers, shapes)):
            got = (len(m), len(m[0]))
            if got != tuple(shape):
                raise DataError('%s layer %d has shape (%d, %d), expected (%d, %d)'
                                % ((name, l) + got + tuple(shape)))
    return layers


def to_vectors(value, name='db', lengths=None):
    """One vector of floats per non-empty branch, in path order (``{l}`` -> layer ``l``).

    The inverse of :func:`layers_to_tree` for vectors (biases). A list of lists is taken as
    it is. ``lengths``: optional expected length per vector; a different count or length
    raises :class:`DataError` naming the layer.
    """
    if is_tree(value):
        rows = [items for _, items in tree_branches(value) if len(items)]
    elif _is_seq(value) and value and all(_is_seq(v) for v in value):
        rows = [list(v) for v in value if len(v)]
    else:
        rows = to_rows(value, name)
    if not rows:
        raise BPError(_empty_message(name))
    vectors = [to_matrix([r], '%s layer %d' % (name, l))[0] for l, r in enumerate(rows)]
    if lengths is not None:
        if len(vectors) != len(lengths):
            raise DataError('%s has %d layers (branches), expected %d'
                            % (name, len(vectors), len(lengths)))
        for l, (v, n) in enumerate(zip(vectors, lengths)):
            if len(v) != n:
                raise DataError('%s layer %d has %d values, expected %d'
                                % (name, l, len(v), n))
    return vectors


# -- training targets ---------------------------------------------------------------------
def to_targets(value, n_outputs, n_samples=None, class_names=None, name='Y'):
    """Target rows ``(n, n_outputs)`` for a network, from what users wire into a Y input.

    * rows of ``n_outputs`` numbers, one branch per sample (one-hot rows, regression
      targets), taken as they are;
    * one class per sample (a tree with one item per branch, or, when ``n_samples > 1``, one
      flat list of exactly ``n_samples`` items such as BP Dataset's ``y``) for a network with
      several outputs: a class index ``0 .. n_outputs-1``, or a label of ``class_names``,
      becomes a one-hot row.

    Raises :class:`DataError` naming the row of a bad class or a row of the wrong width.
    """
    rows = [split_text_row(r) for r in to_rows(value, name)]
    if (n_samples is not None and n_samples > 1 and len(rows) == 1
            and len(rows[0]) == n_samples):
        rows = [[v] for v in rows[0]]      # a flat list: one label per sample
    if n_outputs > 1 and all(len(r) == 1 for r in rows):
        names = [str(c) for c in class_names] if class_names else []
        targets = []
        for r, row in enumerate(rows):
            v = row[0]
            f = None
            if isinstance(v, TEXT_TYPES):
                t = v.strip()
                if t in names:
                    f = float(names.index(t))
                elif _WHOLE.match(t):
                    f = float(t)
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and \
                    -1e308 < v < 1e308:     # a bigger int has no float (OverflowError)
                f = float(v)
            if f is None or f != f or f - f != 0.0 or f != int(f) or not 0 <= f < n_outputs:
                raise DataError('%s: row %d is %r, not a class index 0..%d%s'
                                % (name, r, v, n_outputs - 1,
                                   (' or a class name (%s)' % ', '.join(names))
                                   if names else ''))
            k = int(f)
            one = [0.0] * n_outputs
            one[k] = 1.0
            targets.append(one)
        return targets
    return to_matrix(rows, name, n_outputs)


# -- samples that remember their paths ----------------------------------------------------
def coordinates(item):
    """``(x, y, z)`` of a Point3d / Point3f / Vector3d (or a plane's origin), else None."""
    origin = getattr(item, 'Origin', None)
    if origin is not None and hasattr(origin, 'X'):
        item = origin
    if hasattr(item, 'X') and hasattr(item, 'Y') and hasattr(item, 'Z') \
            and not isinstance(item, TEXT_TYPES):
        return (float(item.X), float(item.Y), float(item.Z))
    return None


def _path_text(path):
    return '{%s}' % ';'.join(str(i) for i in path)


def input_branches(value, name):
    """``[(path, items)]`` of any input: a tree as it is, a list of lists -> ``{i}`` per
    sub-list, a flat list -> ``{0}``, one item -> ``{0}``."""
    if value is None:
        raise BPError(_empty_message(name))
    if is_tree(value):
        return tree_branches(value)
    if _is_seq(value):
        value = list(value)
        nested = [_is_seq(v) for v in value]
        if value and all(nested):
            return [((i,), list(v)) for i, v in enumerate(value)]
        if any(nested):
            i = nested.index(True) if not nested[0] else nested.index(False)
            raise BPError('input %r mixes lists and single values (item %d): give one list per '
                          'sample or one flat list' % (name, i))
        return [((0,), value)]
    return [((0,), [value])]


class Samples(object):
    """Samples read from a Grasshopper input, and where each came from.

    ``rows`` are the float rows ``(n, width)``. ``groups`` holds one entry per input branch,
    in path order: ``(path, count, per_item)``, ``count`` samples from that branch (0 for an
    empty branch) and ``per_item`` True when each item of the branch was one sample (points,
    or a list of numbers into a 1-input network), False when the branch was one sample.
    ``notes`` are remarks on every reading that is not one branch per sample.

    :meth:`branches` puts per-sample results back on the same paths, so outputs line up
    with the geometry they came from, empty branches included.
    """

    def __init__(self, rows, groups, notes=None):
        self.rows = rows
        self.groups = groups
        self.notes = list(notes or [])

    @property
    def note(self):
        """The remarks as one text (None when the input was read the obvious way)."""
        return '; '.join(self.notes) if self.notes else None

    def branches(self, values):
        """``[(path, items)]`` for per-sample result rows ``values`` (one row per sample).

        A branch that was one sample gets its row at the same path; a branch whose items
        were samples gets one item per sample at the same path when every row holds one
        value, else one sub-branch ``{path; j}`` per sample; an empty branch stays empty.
        """
        values = list(values)
        if len(values) != len(self.rows):
            raise BPError('%d results for %d samples' % (len(values), len(self.rows)))
        out = []
        i = 0
        for path, count, per_item in self.groups:
            part = values[i:i + count]
            i += count
            if not count:
                out.append((path, []))
            elif not per_item:
                out.append((path, _as_items(part[0])))
            elif all(len(_as_items(v)) == 1 for v in part):
                out.append((path, [_as_items(v)[0] for v in part]))
            else:
                out.extend((path + (j,), _as_items(v)) for j, v in enumerate(part))
        return out

    def items(self, values):
        """``[(path, items)]`` with one item per sample (a class, a label) on the input's
        paths: a branch that was one sample gets one item, a branch of samples one item
        per sample, an empty branch stays empty."""
        return self.branches([[v] for v in values])

    def tree(self, values):
        """:meth:`branches` as a DataTree."""
        return branches_to_tree(self.branches(values))

    def item_tree(self, values):
        """:meth:`items` as a DataTree."""
        return branches_to_tree(self.items(values))


def _as_items(v):
    return list(v) if _is_seq(v) else [v]


def read_samples(value, name='X', width=None):
    """:class:`Samples` from what a user wires into a matrix input (X, features).

    * a branch with ``width`` numbers is one sample (the usual tree: one branch per sample);
    * a branch of points, vectors or planes: each item is one sample of its coordinates
      (x, y, z; a plane its origin); into a 2-input network (x, y);
    * into a 1-input network, each number of a branch is one sample (a Range, a Series);
    * ``width`` branches of equal length (not ``width``) are columns, one branch per input
      (e.g. Entwine of Data Recorders): read as rows;
    * empty branches give no sample and an empty branch on the outputs;
    * a branch that is one text ``"1, 2, 3"`` is split (a Panel line).

    Every reading except the first is named in :attr:`Samples.notes`. Values are checked by
    :func:`bpcore.matrix.check_matrix` (errors name row and column, counted over samples).
    """
    branches = [(p, split_text_row(items) if items else items)
                for p, items in input_branches(value, name)]
    if not any(items for _, items in branches):
        raise BPError(_empty_message(name))
    notes = []
    full = [(p, items) for p, items in branches if items]
    # geometry is recognised by the first item of a branch (a branch mixing numbers and
    # points is refused by check_matrix, naming the row and column)
    plain = all(coordinates(items[0]) is None for _, items in full)
    lengths = set(len(items) for _, items in full)
    if (width is not None and width > 1 and plain and len(full) == width == len(branches)
            and len(lengths) == 1 and list(lengths)[0] not in (1, width)):
        m = list(lengths)[0]
        rows = [[items[i] for _, items in full] for i in range(m)]
        parent = _common_parent([p for p, _ in full]) or (0,)
        notes.append('%s: %d branches of %d values read as columns, one branch per input: %d '
                     'samples of %d inputs (give one branch per sample to avoid this)'
                     % (name, width, m, m, width))
        return Samples(check_matrix(rows, name, width), [(parent, m, True)], notes)
    rows = []
    groups = []
    xy = False
    flat = 0
    for path, items in branches:
        if not items:
            groups.append((path, 0, False))
            continue
        if not plain and coordinates(items[0]) is not None:
            coords = [coordinates(v) or (v,) for v in items]
            if width == 2:
                xy = True
                coords = [c[:2] for c in coords]
            elif width is not None and width != 3:
                raise DataError('%s branch %s holds %d points (3 coordinates each) but the '
                                'network has %d inputs' % (name, _path_text(path), len(items),
                                                            width))
            rows.extend(list(c) for c in coords)
            groups.append((path, len(coords), len(coords) > 1))
            continue
        if width == 1 and len(items) > 1:
            rows.extend([v] for v in items)
            groups.append((path, len(items), True))
            flat += 1
            continue
        if width is not None and len(items) != width:
            raise DataError('%s branch %s has %d values but the network has %d inputs: give '
                            'one branch per sample with %d values%s'
                            % (name, _path_text(path), len(items), width, width,
                               ' (Graft a flat list)' if width == 1 else ''))
        rows.append(items)
        groups.append((path, 1, False))
    if xy:
        notes.append('%s: points read as (x, y), z ignored: the network has 2 inputs' % name)
    if flat:
        notes.append('%s: each number is one sample of one value (%d samples)'
                     % (name, len(rows)))
    return Samples(check_matrix(rows, name, width), groups, notes)


def _common_parent(paths):
    """The longest common prefix of the paths without their last index."""
    prefix = list(paths[0][:-1])
    for p in paths[1:]:
        k = 0
        while k < len(prefix) and k < len(p) - 1 and prefix[k] == p[k]:
            k += 1
        prefix = prefix[:k]
    return tuple(prefix)
