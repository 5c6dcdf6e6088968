"""bpcore.data: CSV reading, matrix checks, label encoding, scalers, splits and folds.

Standard library and pytest only; runs on CPython 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os

import pytest

from bpcore import data
from bpcore.data import (Dataset, LabelEncoder, MinMaxScaler, StandardScaler, argmax,
                         check_matrix, kfold_indices, make_scaler, one_hot, read_csv,
                         scaler_from_data, split_indices, train_test_split)
from bpcore.errors import BPError, DataError

HERE = os.path.dirname(os.path.abspath(__file__))
WHEAT = os.path.join(HERE, '..', '..', 'examples', 'wheat-seeds.csv')


def raises(fragments, func, *args, **kwargs):
    """Call func, expect a DataError whose message contains every fragment."""
    with pytest.raises(DataError) as info:
        func(*args, **kwargs)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def approx_rows(a, b, tol=1e-12):
    assert len(a) == len(b)
    for ra, rb in zip(a, b):
        assert len(ra) == len(rb)
        for x, y in zip(ra, rb):
            assert abs(x - y) <= tol * max(1.0, abs(y)), (ra, rb)


# ---------------------------------------------------------------------------------------------
# read_csv

def test_wheat_seeds_file():
    ds = read_csv(WHEAT)
    assert len(ds.X) == 210 and all(len(r) == 7 for r in ds.X)
    assert ds.n_samples == 210 and ds.n_features == 7
    assert ds.feature_names == ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']
    assert ds.label_name == 'label'
    assert ds.class_names == ['1', '2', '3']
    assert ds.n_classes == 3
    assert ds.class_counts() == [70, 70, 70]
    assert ds.X[0] == [15.26, 14.84, 0.871, 5.763, 3.312, 2.221, 5.22]
    assert ds.labels[0] == 1.0 and ds.labels[-1] == 3.0
    assert ds.y[0] == 0 and ds.y[-1] == 2
    assert ds.Y[0] == [1.0, 0.0, 0.0] and ds.Y[-1] == [0.0, 0.0, 1.0]
    assert ds.targets[0] == 1.0
    assert 'Dataset(210 samples, 7 features, 3 classes' in repr(ds)


def test_wheat_seeds_same_as_text():
    with io.open(WHEAT, 'r') as f:
        text = f.read()
    a, b = read_csv(WHEAT), read_csv(text)
    assert a.X == b.X and a.y == b.y


BAD_CSV = [
    ('1,2,3\n4,5,6\n7,8\n', {}, ['line 3 has 2 values, expected 3']),
    ('1,2,3\n\n# note\n4,5,6,7\n', {}, ['line 4 has 4 values, expected 3']),
    ('1,2,0\n1,nan,1\n', {}, ["line 2, column 1 ('x1')", 'NaN']),
    ('1,2,0\n1,NaN,1\n', {}, ["line 2, column 1 ('x1')", 'NaN']),
    ('1,inf,0\n1,2,1\n', {}, ["line 1, column 1 ('x1')", 'infinite']),
    ('1,2,0\n-Infinity,2,1\n', {}, ["line 2, column 0 ('x0')", 'infinite']),
    ('1,2,0\n1e999,2,1\n', {}, ["line 2, column 0 ('x0')", 'too large']),
    ('a,b,c\n1,2,0\n1,abc,1\n', {}, ["line 3, column 1 ('b'): cannot read 'abc' as a number"]),
    ('# comment\n\n1,2,0\n1,x,1\n', {}, ["line 4, column 1 ('x1'): cannot read 'x'"]),
    ('1,,0\n1,2,1\n', {}, ["line 1, column 1 ('x1'): the cell is empty"]),
    ('1;2,5;0\n1;2;1\n', {}, ["cannot read '2,5' as a number", "'.' as the decimal point"]),
    ('a,b,c\n1,2,0\n', {'label': 'd'}, ["no column named 'd'", 'a, b, c']),
    ('1,2,0\n', {'label': 3}, ['label column 3 is out of range', '3 columns']),
    ('1,2,0\n', {'label': -4}, ['label column -4 is out of range']),
    ('1,2,0\n', {'label': 'c', 'header': False}, ["label 'c' is a column name"]),
    ('', {}, ['empty']),
    ('\n\n  \n', {}, ['empty']),
    ('# only a comment\n\n', {}, ['empty']),
    ('a,b,c\n', {}, ['header row but no data rows']),
    ('a,b,c\n', {'header': True}, ['header row but no data rows']),
    ('1,2,x\n1,2,\n', {}, ["line 2, column 2 ('label'): the label is empty"]),
    ('1,2,x\n1,2,nan\n', {}, ["line 2, column 2 ('label')", "'nan' is not a usable label"]),
    ('1,2,3\n1,2,x\n', {'task': 'regression'}, ["line 2, column 2 ('label')",
                                                "cannot read 'x' as a number"]),
    ('a,b\nc,d\n1,2\n', {}, ["line 1, column 0 ('x0'): cannot read 'a'"]),   # 2 text rows
    ('a,b\nc,d\n1,2\n', {'header': True}, ["line 2, column 0 ('a'): cannot read 'c'"]),
    ('5\n6\n', {}, ['one column only']),
    ('missing-file.csv', {}, ["CSV file not found: 'missing-file.csv'"]),
    ('nofile', {}, ["CSV file not found: 'nofile'"]),
]


@pytest.mark.parametrize('text,kwargs,fragments', BAD_CSV)
def test_bad_csv(text, kwargs, fragments):
    raises(fragments, read_csv, text, **kwargs)


def test_bad_arguments():
    with pytest.raises(BPError):
        read_csv('1,2\n', task='clustering')
    with pytest.raises(BPError):
        read_csv('1,2\n', label=1.5)
    with pytest.raises(BPError):
        read_csv('1,2\n', delimiter='::')
    with pytest.raises(DataError):
        read_csv(42)


def test_header_detected():
    ds = read_csv('area,perimeter,kind\n1.5,2,a\n2.5,3,b\n')
    assert ds.feature_names == ['area', 'perimeter']
    assert ds.label_name == 'kind'
    assert ds.X == [[1.5, 2.0], [2.5, 3.0]]
    assert ds.class_names == ['a', 'b']


def test_no_header_detected_with_text_labels():
    ds = read_csv('1.5,2,Kama\n2.5,3,Rosa\n')
    assert ds.feature_names == ['x0', 'x1']
    assert ds.X == [[1.5, 2.0], [2.5, 3.0]]
    assert ds.labels == ['Kama', 'Rosa']


def test_header_forced():
    ds = read_csv('1,2,3\n4,5,6\n', header=True)
    assert ds.feature_names == ['1', '2'] and ds.label_name == '3'
    assert ds.X == [[4.0, 5.0]]
    raises(["line 1, column 0 ('x0'): cannot read 'a'"], read_csv, 'a,b,c\n1,2,3\n',
           header=False)


def test_nan_first_row_is_not_a_header():
    raises(["line 1, column 0 ('x0')", 'NaN'], read_csv, 'nan,1,0\n1,2,1\n')


def test_single_text_row_with_numbers_below_in_label_column_only():
    # the label column does not decide about the header
    ds = read_csv('1,2,a\n3,4,b\n')
    assert len(ds.X) == 2


def test_label_column_choices():
    text = 'a,b,c\n1,2,3\n4,5,6\n'
    ds = read_csv(text, label=0)
    assert ds.feature_names == ['b', 'c'] and ds.label_name == 'a'
    assert ds.X == [[2.0, 3.0], [5.0, 6.0]] and ds.labels == [1.0, 4.0]
    ds = read_csv(text, label='b')
    assert ds.feature_names == ['a', 'c'] and ds.labels == [2.0, 5.0]
    ds = read_csv(text, label='B')           # case-insensitive fallback
    assert ds.label_name == 'b'
    ds = read_csv(text, label=1)
    assert ds.label_name == 'b'
    assert read_csv(text, label='1').label_name == 'b'        # index typed as text
    assert read_csv(text, label=' -3 ').label_name == 'a'
    ds = read_csv(text, label=None)
    assert ds.X == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert ds.labels is None and ds.y is None and ds.Y is None and ds.class_names is None


def test_label_by_name_implies_header():
    ds = read_csv('1,x,kind\n1,2,a\n', label='kind')
    assert ds.feature_names == ['1', 'x']


def test_label_column_in_the_middle_error_names_file_column():
    raises(["line 2, column 2 ('x1'): cannot read 'q'"], read_csv, '1,7,2\n3,8,q\n', label=1)


def test_text_labels_sorted():
    ds = read_csv('1,Rosa\n2,Kama\n3,Canadian\n4,Kama\n')
    assert ds.class_names == ['Canadian', 'Kama', 'Rosa']
    assert ds.y == [2, 1, 0, 1]
    assert ds.targets is None
    assert ds.Y[0] == [0.0, 0.0, 1.0]


def test_numeric_labels_sorted_numerically():
    ds = read_csv('1,10\n2,2\n3,1\n4,2.5\n')
    assert ds.class_names == ['1', '2', '2.5', '10']
    assert ds.y == [3, 1, 0, 2]
    assert ds.labels == [10.0, 2.0, 1.0, 2.5]


@pytest.mark.parametrize('text', [
    '1;2;0\n3;4;1\n',
    '1\t2\t0\n3\t4\t1\n',
    '1 2 0\n3   4 1\n',
    '1, 2, 0\n3, 4, 1\n',
    '1,2,0\r\n3,4,1\r\n',
    '1,2,0\r3,4,1',
    '  1 ,  2,0  \n\n3,4,1\n\n',
])
def test_delimiters(text):
    ds = read_csv(text)
    assert ds.X == [[1.0, 2.0], [3.0, 4.0]]
    assert ds.labels == [0.0, 1.0]


def test_explicit_delimiter():
    ds = read_csv('1 2;0\n3 4;1\n', delimiter=' ')
    assert ds.X[0] == [1.0] and ds.labels == ['2;0', '4;1']
    ds = read_csv('1|2|0\n3|4|1\n', delimiter='|')
    assert ds.X == [[1.0, 2.0], [3.0, 4.0]]


def test_quoted_fields():
    ds = read_csv('"length, cm","width ""w""",kind\n1,2,"a, b"\n3,"4",c\n')
    assert ds.feature_names == ['length, cm', 'width "w"']
    assert ds.X == [[1.0, 2.0], [3.0, 4.0]]
    assert ds.class_names == ['a, b', 'c']


def test_numbers_syntax():
    ds = read_csv('+1,-2.5,.5,1e3,2.,-1E-2,0\n')
    assert ds.X == [[1.0, -2.5, 0.5, 1000.0, 2.0, -0.01]]
    raises(["cannot read '1_000'"], read_csv, '3,4,1\n1_000,2,0\n')
    raises(["cannot read '0x10'"], read_csv, '1,2,0\n0x10,4,1\n')


def test_file_with_bom_crlf_and_unicode_header(tmpdir):
    path = str(tmpdir.join('t.csv'))
    text = u'\ufeffFl\xe4che,h\xf6he,Art\r\n1,2,K\xe4se\r\n3,4,Brot\r\n'
    with io.open(path, 'wb') as f:
        f.write(text.encode('utf-8'))
    ds = read_csv(path)
    assert ds.feature_names == [u'Fl\xe4che', u'h\xf6he']
    assert ds.label_name == u'Art'
    assert ds.class_names == [u'Brot', u'K\xe4se']
    assert ds.X == [[1.0, 2.0], [3.0, 4.0]]


def test_file_latin1_fallback(tmpdir):
    path = str(tmpdir.join('t.csv'))
    with io.open(path, 'wb') as f:
        f.write(u'a,b,c\n1,2,K\xe4se\n'.encode('latin-1'))
    assert read_csv(path).class_names == [u'K\xe4se']


def test_file_like_object():
    ds = read_csv(io.StringIO(u'1,2,0\n3,4,1\n'))
    assert ds.X == [[1.0, 2.0], [3.0, 4.0]]


def test_bytes_and_bom_text():
    ds = read_csv(u'\ufeffa,b,c\n1,2,x\n'.encode('utf-8'))
    assert ds.feature_names == ['a', 'b'] and ds.class_names == ['x']
    ds = read_csv(u'\ufeffa,b,c\n1,2,x\n')
    assert ds.feature_names == ['a', 'b']


def test_one_line_text_is_text():
    ds = read_csv('1,2,0')
    assert ds.X == [[1.0, 2.0]]


def test_regression_task():
    ds = read_csv('a,b,t\n1,2,0.5\n3,4,1.5\n', task='regression')
    assert ds.task == 'regression'
    assert ds.targets == [0.5, 1.5]
    assert ds.Y == [[0.5], [1.5]]
    assert ds.class_names is None and ds.y is None and ds.n_classes is None
    assert "target 't'" in repr(ds)


def test_dataset_from_lists():
    ds = Dataset([[1, 2], [3, 4], [5, 6]], ['b', 'a', 'b'], feature_names=['p', 'q'])
    assert ds.X == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert ds.class_names == ['a', 'b'] and ds.y == [1, 0, 1]
    assert ds.label_name == 'label'
    raises(['3 labels for 2 rows'], Dataset, [[1], [2]], [0, 1, 2])
    raises(['1 feature names for 2 columns'], Dataset, [[1, 2]], [0], feature_names=['a'])
    ds = Dataset([[1], [2]], [0, 1])
    assert ds.encoder.classes_ == [0, 1] and ds.class_names == ['0', '1']


# ---------------------------------------------------------------------------------------------
# check_matrix

BAD_MATRICES = [
    ([[1, 2], [3]], {}, ['X row 1 has 1 values, expected 2']),
    ([[1, 2], [3, 4], [5, 6, 7]], {}, ['X row 2 has 3 values, expected 2']),
    ([[1, 2], [float('nan'), 4]], {}, ['X row 1, column 0 is NaN']),
    ([[1, 2], [3, float('inf')]], {}, ['X row 1, column 1 is infinite']),
    ([[1, -float('inf')]], {}, ['X row 0, column 1 is infinite']),
    ([[1, 'nan']], {}, ['X row 0, column 1 is NaN']),
    ([[1, ' Inf ']], {}, ['X row 0, column 1 is infinite']),
    ([[1, 2], [3, 'abc']], {}, ["X row 1, column 1: cannot read 'abc' as a number"]),
    ([[1, '']], {}, ['X row 0, column 1 is an empty text']),
    ([[True, 2]], {}, ['X row 0, column 0 is a bool']),
    ([[1, None]], {}, ['X row 0, column 1 is empty (None); fill it in or remove the sample']),
    ([[1, [2]]], {}, ['X row 0, column 1 is a list']),
    ([[1, 2], 3], {}, ['X row 1 is not a row of values']),
    ([[1, 2]], {'width': 3}, ['X has 2 columns, expected 3']),
    ([1, 2], {'width': 3}, ['X has 2 columns, expected 3']),
    ([], {}, ['X is empty']),
    ([[]], {}, ['X row 0 is empty']),
    (None, {}, ['X is missing']),
    ('1,2', {}, ['X must be a list of rows']),
    (5, {}, ['X must be a list of rows']),
    ([[1, float('nan')]], {'name': 'inputs'}, ['inputs row 0, column 1 is NaN']),
    ([[1, '1e999']], {}, ['X row 0, column 1 is too large']),
]


@pytest.mark.parametrize('X,kwargs,fragments', BAD_MATRICES)
def test_bad_matrices(X, kwargs, fragments):
    raises(fragments, check_matrix, X, **kwargs)


def test_check_matrix_good():
    X = [[1, 2.5], (3, '4.5'), [' -1e-3 ', 0]]
    out = check_matrix(X)
    assert out == [[1.0, 2.5], [3.0, 4.5], [-0.001, 0.0]]
    assert all(type(v) is float for row in out for v in row)
    assert out[0] is not X[0]
    assert check_matrix([1, 2, 3]) == [[1.0, 2.0, 3.0]]        # flat list = one row
    assert check_matrix((4, 5), width=2) == [[4.0, 5.0]]
    assert check_matrix([], allow_empty=True) == []
    assert check_matrix(iter([[1], [2]])) == [[1.0], [2.0]]
    assert check_matrix([[2 ** 70]]) == [[float(2 ** 70)]]


# ---------------------------------------------------------------------------------------------
# labels

def test_label_encoder_text():
    enc = LabelEncoder().fit(['b', 'a', 'c', 'a'])
    assert enc.classes_ == ['a', 'b', 'c'] and enc.class_names_ == ['a', 'b', 'c']
    assert enc.n_classes == 3
    assert enc.transform(['c', 'a']) == [2, 0]
    assert enc.inverse_transform([2, 0, 1]) == ['c', 'a', 'b']
    assert enc.inverse_transform([[0.1, 0.7, 0.2]]) == ['b']
    raises(["labels item 1: unknown label 'd'; the classes are a, b, c"],
           enc.transform, ['a', 'd'])
    raises(['expected a class index 0..2'], enc.inverse_transform, [3])


def test_label_encoder_numbers():
    enc = LabelEncoder().fit([3, 1, 2.0, 1.0, 10])
    assert enc.classes_ == [1, 2.0, 3, 10]
    assert enc.class_names_ == ['1', '2', '3', '10']
    assert enc.transform([1.0, 10, 2]) == [0, 3, 1]
    enc = LabelEncoder().fit([0.5, 0.25])
    assert enc.class_names_ == ['0.25', '0.5']
    raises(['text'], enc.transform, ['a'])


def test_label_encoder_errors():
    raises(['labels item 1 is', 'all numbers or all text'], LabelEncoder().fit, [1, 'a'])
    raises(['labels item 1 is', 'all numbers or all text'], LabelEncoder().fit, ['a', 1])
    raises(['labels item 1 is nan'], LabelEncoder().fit, [1, float('nan')])
    raises(['labels is empty'], LabelEncoder().fit, [])
    with pytest.raises(BPError):
        LabelEncoder().transform(['a'])
    assert LabelEncoder().fit_transform(['x', 'y', 'x']) == [0, 1, 0]


def test_one_hot_and_argmax():
    assert one_hot([0, 2, 1], 3) == [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    assert one_hot([1, 0]) == [[0.0, 1.0], [1.0, 0.0]]
    assert one_hot([1.0], 2) == [[0.0, 1.0]]
    raises(['indices item 1 is 3, expected a class index 0..2'], one_hot, [0, 3], 3)
    raises(['indices item 0 is -1'], one_hot, [-1], 3)
    raises(['indices item 0 is 0.5, not a class index'], one_hot, [0.5], 3)
    raises(["indices item 0 is 'a'"], one_hot, ['a'], 3)
    assert argmax([0.1, 0.5, 0.5, 0.2]) == 1
    assert argmax([-3.0]) == 0
    raises(['empty'], argmax, [])


# ---------------------------------------------------------------------------------------------
# scalers

X3 = [[1.0, 10.0, 5.0], [2.0, 30.0, 5.0], [4.0, 20.0, 5.0]]


def test_minmax_scaler():
    s = MinMaxScaler()
    assert repr(s) == 'MinMaxScaler(unfitted)'
    out = s.fit_transform(X3)
    approx_rows(out, [[0.0, 0.0, 0.0], [1.0 / 3, 1.0, 0.0], [1.0, 0.5, 0.0]])
    assert s.min_ == [1.0, 10.0, 5.0] and s.max_ == [4.0, 30.0, 5.0]
    assert s.n_features_in_ == 3
    approx_rows(s.inverse_transform(out), X3)
    approx_rows(s.transform([[7.0, 0.0, 6.0]]), [[2.0, -0.5, 1.0]])   # outside: not clipped


def test_minmax_feature_range():
    s = MinMaxScaler(feature_range=(-1, 1)).fit(X3)
    approx_rows(s.transform(X3), [[-1.0, -1.0, -1.0], [-1.0 / 3, 1.0, -1.0], [1.0, 0.0, -1.0]])
    approx_rows(s.inverse_transform(s.transform(X3)), X3)
    with pytest.raises(BPError):
        MinMaxScaler(feature_range=(1, 1))
    with pytest.raises(BPError):
        MinMaxScaler(feature_range=(0, float('nan')))
    with pytest.raises(BPError):
        MinMaxScaler(feature_range=5)


def test_standard_scaler():
    s = StandardScaler()
    out = s.fit_transform(X3)
    for j in range(2):
        col = [r[j] for r in out]
        assert abs(sum(col) / 3) < 1e-12
        assert abs(sum(v * v for v in col) / 3 - 1.0) < 1e-12
    assert [r[2] for r in out] == [0.0, 0.0, 0.0]
    assert s.scale_[2] == 1.0 and s.var_[2] == 0.0 and s.mean_[2] == 5.0
    approx_rows(s.inverse_transform(out), X3)


def test_constant_columns_do_not_divide_by_zero():
    X = [[0.1, 3.0], [0.1, 3.0], [0.1, 3.0]]
    assert MinMaxScaler().fit_transform(X) == [[0.0, 0.0]] * 3
    assert StandardScaler().fit_transform(X) == [[0.0, 0.0]] * 3
    one = [[2.0, 5.0]]
    assert StandardScaler().fit_transform(one) == [[0.0, 0.0]]
    assert MinMaxScaler((2, 3)).fit_transform(one) == [[2.0, 2.0]]


def test_scalers_validate():
    for s in (MinMaxScaler(), StandardScaler()):
        with pytest.raises(BPError) as info:
            s.transform(X3)
        assert 'not fitted' in str(info.value)
        with pytest.raises(BPError):
            s.to_data()
        s.fit(X3)
        raises(['X has 2 columns, expected 3'], s.transform, [[1.0, 2.0]])
        raises(['X has 2 columns, expected 3'], s.inverse_transform, [[1.0, 2.0]])
        raises(['X row 0, column 1 is NaN'], s.transform, [[1.0, float('nan'), 2.0]])
        assert s.transform([1.0, 2.0, 3.0]) == s.transform([[1.0, 2.0, 3.0]])
        raises(['X row 1, column 0 is NaN'], type(s)().fit, [[1.0], [float('nan')]])


@pytest.mark.parametrize('scaler', [MinMaxScaler(), MinMaxScaler((-2, 3)), StandardScaler()])
def test_scaler_data_round_trip(scaler):
    scaler.fit(X3)
    d = json.loads(json.dumps(scaler.to_data()))
    assert d['type'] == type(scaler).__name__
    back = scaler_from_data(d)
    assert type(back) is type(scaler)
    assert back.transform(X3) == scaler.transform(X3)
    assert back.inverse_transform(X3) == scaler.inverse_transform(X3)
    assert scaler.copy().transform(X3) == scaler.transform(X3)


MM = {'type': 'MinMaxScaler', 'feature_range': [0, 1], 'min': [0.0, 1.0], 'max': [1.0, 3.0]}
SS = {'type': 'StandardScaler', 'mean': [0.0, 1.0], 'scale': [1.0, 2.0]}


def _with(d, **changes):
    d = dict(d)
    for k, v in changes.items():
        if v is None:
            del d[k]
        else:
            d[k] = v
    return d


BAD_SCALER_DATA = [
    ([1, 2], ['must be a dict']),
    ({}, ["missing key 'type'"]),
    (_with(SS, type='Robust'), ["unknown 'type' 'Robust'", 'MinMaxScaler, StandardScaler']),
    (_with(SS, mean=None), ["missing key 'mean'"]),
    (_with(SS, scale=None), ["missing key 'scale'"]),
    (_with(SS, scale=[1.0, 0.0]), ["'scale' item 1 is 0.0, expected a positive number"]),
    (_with(SS, scale=[1.0]), ["'scale' has 1 values, expected 2"]),
    (_with(SS, mean=[]), ["'mean' is empty"]),
    (_with(SS, mean='0,1'), ["'mean' must be a list of numbers"]),
    (_with(SS, mean=[0.0, 'x']), ["'mean' item 1 is 'x'"]),
    (_with(SS, mean=[0.0, float('nan')]), ["'mean' item 1 is nan"]),
    (_with(SS, mean=[0.0, True]), ["'mean' item 1 is True"]),
    (_with(MM, min=None), ["missing key 'min'"]),
    (_with(MM, max=None), ["missing key 'max'"]),
    (_with(MM, feature_range=None), ["missing key 'feature_range'"]),
    (_with(MM, feature_range=[1, 0]), ["'feature_range'"]),
    (_with(MM, feature_range=[0]), ["'feature_range' must be [lo, hi]"]),
    (_with(MM, max=[1.0, 0.5]), ['column 1 has min 1.0 > max 0.5']),
    (_with(MM, max=[1.0]), ["'max' has 1 values, expected 2"]),
]


@pytest.mark.parametrize('d,fragments', BAD_SCALER_DATA)
def test_bad_scaler_data(d, fragments):
    raises(fragments, scaler_from_data, d)


def test_make_scaler():
    assert isinstance(make_scaler('minmax'), MinMaxScaler)
    assert isinstance(make_scaler('Standard'), StandardScaler)
    assert isinstance(make_scaler('StandardScaler'), StandardScaler)
    assert make_scaler(None) is None and make_scaler('none') is None
    with pytest.raises(BPError):
        make_scaler('robust')


# ---------------------------------------------------------------------------------------------
# splitting

def test_split_deterministic_disjoint_covering():
    X = [[float(i)] for i in range(50)]
    Y = list(range(50))
    a = train_test_split(X, Y, test_size=0.3, seed=7)
    b = train_test_split(X, Y, test_size=0.3, seed=7)
    c = train_test_split(X, Y, test_size=0.3, seed=8)
    assert a == b and a != c
    X_train, X_test, Y_train, Y_test = a
    assert len(X_test) == 15 and len(X_train) == 35
    assert sorted(Y_train + Y_test) == Y
    assert [r[0] for r in X_train] == [float(v) for v in Y_train]    # rows stay paired
    assert X_train[0] is X[Y_train[0]]
    assert Y_train != sorted(Y_train)                                # shuffled


def test_split_sizes():
    assert len(split_indices(210, 0.33)[1]) == 70        # ceil(69.3), like scikit-learn
    assert len(split_indices(10, 0.3)[1]) == 3           # 0.3 * 10 = 3.0000000000000004
    assert len(split_indices(10, 4)[1]) == 4
    X_train, X_test, none1, none2 = train_test_split([[1], [2], [3]], test_size=1)
    assert len(X_test) == 1 and none1 is None and none2 is None
    raises(['cannot split 1 samples'], split_indices, 1, 0.5)
    raises(['cannot split 10 samples'], split_indices, 10, 10)
    for bad in (0.0, 1.0, -1, 'a', True):
        with pytest.raises(BPError):
            split_indices(10, bad)
    raises(['X has 3 rows but Y has 2'], train_test_split, [[1], [2], [3]], [1, 2])


def test_split_stratified_keeps_ratios():
    ds = read_csv(WHEAT)
    X_train, X_test, y_train, y_test = train_test_split(ds.X, ds.y, test_size=0.3, seed=3,
                                                        stratify=ds.y)
    assert len(y_test) == 63
    assert [y_test.count(c) for c in range(3)] == [21, 21, 21]
    assert [y_train.count(c) for c in range(3)] == [49, 49, 49]
    # one-hot rows and stratify=True work too
    a = train_test_split(ds.X, ds.Y, test_size=0.3, seed=3, stratify=True)
    b = train_test_split(ds.X, ds.Y, test_size=0.3, seed=3, stratify=ds.labels)
    assert a == b
    # uneven classes: 30 / 10, 25% -> 10 test = 7.5 + 2.5 -> 8 + 2 or 7 + 3
    labels = ['a'] * 30 + ['b'] * 10
    train, test = split_indices(40, 0.25, seed=1, stratify=labels)
    counts = sorted([sum(1 for i in test if labels[i] == 'a'),
                     sum(1 for i in test if labels[i] == 'b')])
    assert len(test) == 10 and counts in ([2, 8], [3, 7])
    assert sorted(train + test) == list(range(40))
    raises(['stratify has 3 items, expected 40'], split_indices, 40, 0.25, 0, [0, 1, 0])


def test_kfold_covering_disjoint_deterministic():
    for n, k in ((10, 5), (11, 3), (210, 5), (7, 7), (2, 2)):
        folds = kfold_indices(n, k, seed=4)
        assert folds == kfold_indices(n, k, seed=4)
        assert len(folds) == k
        tests = [t for _, t in folds]
        assert sorted(i for t in tests for i in t) == list(range(n))
        sizes = [len(t) for t in tests]
        assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)
        for train, test in folds:
            assert not set(train) & set(test)
            assert sorted(train + test) == list(range(n))
    assert kfold_indices(20, 4, seed=1) != kfold_indices(20, 4, seed=2)


def test_kfold_train_order_is_other_folds_in_order():
    folds = kfold_indices(9, 3, seed=0)
    tests = [t for _, t in folds]
    assert folds[1][0] == tests[0] + tests[2]


def test_kfold_without_shuffle():
    folds = kfold_indices(7, 3, seed=None)
    assert [t for _, t in folds] == [[0, 1, 2], [3, 4], [5, 6]]
    assert folds[0][0] == [3, 4, 5, 6]


def test_kfold_stratified():
    ds = read_csv(WHEAT)
    folds = kfold_indices(210, 5, seed=0, stratify=ds.y)
    for train, test in folds:
        assert [sum(1 for i in test if ds.y[i] == c) for c in range(3)] == [14, 14, 14]
        assert sorted(train + test) == list(range(210))
    assert folds == kfold_indices(210, 5, seed=0, stratify=ds.labels)
    assert folds == kfold_indices(210, 5, seed=0, stratify=ds.Y)
    labels = [0] * 7 + [1] * 4
    folds = kfold_indices(11, 3, seed=5, stratify=labels)
    sizes = [len(t) for _, t in folds]
    assert max(sizes) - min(sizes) <= 1 and sum(sizes) == 11
    for _, test in folds:
        n1 = sum(labels[i] for i in test)
        assert n1 in (1, 2)
    folds = kfold_indices(6, 2, seed=None, stratify=[0, 0, 0, 1, 1, 1])
    assert [t for _, t in folds] == [[0, 2, 4], [1, 3, 5]]


def test_kfold_errors():
    raises(['cannot make 5 folds from 4 samples'], kfold_indices, 4, 5)
    for bad in (1, 0, 2.0, True):
        with pytest.raises(BPError):
            kfold_indices(10, bad)
    with pytest.raises(BPError):
        kfold_indices(-1, 2)
    raises(['stratify has 2 items, expected 4'], kfold_indices, 4, 2, 0, [0, 1])


def test_module_exports():
    for name in data.__all__:
        assert hasattr(data, name), name


def test_dataset_from_targets_labels_rows_and_errors():
    from bpcore.data import Dataset
    from bpcore.errors import DataError
    feats = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    ds = Dataset.from_targets(feats, [['yes'], ['no'], ['yes']])
    assert ds.class_names == ['no', 'yes'] and ds.y == [1, 0, 1]
    assert ds.Y == [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    ds = Dataset.from_targets(feats, [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    assert ds.y == [2, 0, 1] and ds.class_names is None and ds.class_counts() == [1, 1, 1]
    ds = Dataset.from_targets(feats, [[0.5, 0.2], [1.0, 0.0], [0.0, 1.0]])
    assert ds.y is None and ds.Y[0] == [0.5, 0.2]
    ds = Dataset.from_targets(feats, [[20.5], [30.0], [12.25]], task='regression')
    assert ds.Y == [[20.5], [30.0], [12.25]] and ds.class_names is None
    with pytest.raises(DataError) as e:
        Dataset.from_targets(feats, [[1], [2]])
    assert str(e.value) == 'features has 3 samples (branches) but targets has 2'


def test_is_class_targets_is_the_one_rule():
    from bpcore.matrix import is_class_targets
    from bpcore.train import is_classification
    assert is_class_targets([[0.0, 1.0], [1.0, 0.0]]) and is_class_targets([[1.0], [0.0]])
    assert not is_class_targets([[1.0, 1.0]]) and not is_class_targets([[0.5]])
    assert is_classification('cce', [[0.3, 0.7]]) and not is_classification('mse', [[0.3]])
