"""read_csv on the inputs of issue 10: NUL, Python-only number syntax, UTF-16, duplicate
names, folders; the streamed file path gives exactly what reading the text gives.

Standard library and pytest only; runs on CPython 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import io

import pytest

from bpcore.data import read_csv
from bpcore.errors import DataError
from bpcore.rng import Random

TABLE = u'area,perimeter,kind\n15.26,14.84,Kama\n14.88,14.57,Rosa\n1e-3,-2.5,W\u00fcrfel\n'


def message(*args, **kwargs):
    with pytest.raises(DataError) as info:
        read_csv(*args, **kwargs)
    return str(info.value) if bytes is not str else info.value.args[0]


def _write(tmpdir, name, data):
    path = str(tmpdir.join(name))
    with io.open(path, 'wb') as f:
        f.write(data)
    return path


def test_a_nul_in_the_path_or_text_is_a_data_error():
    for source in (u'wheat\0seeds.csv', 'data\0.csv', u'1,2,a\n3\0,4,b\n'):
        assert 'NUL' in message(source)          # never a TypeError (2.7's os.path)


@pytest.mark.parametrize('first', [u'1_000,2,a', u'0x10,2,a', u'1,0b11,a', u'0o7,1_5.5,a'])
def test_python_only_numbers_are_data_never_a_header(first):
    text = first + u'\n3,4,b\n'
    words = message(text)                        # header=None: detection must not eat the row
    assert words.startswith("line 1, column ")
    assert "write plain decimal numbers (no '_' separators, no 0x/0o/0b prefixes)" in words
    assert read_csv(text.replace(first, u'1000,16,a')).X == [[1000.0, 16.0], [3.0, 4.0]]


@pytest.mark.parametrize('encoding', ['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-8-sig'])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmpdir, encoding):
    data = TABLE.encode(encoding)
    if encoding in ('utf-16-le', 'utf-16-be'):
        data = (b'\xff\xfe' if encoding.endswith('le') else b'\xfe\xff') + data
    path = _write(tmpdir, 'seeds.csv', data)
    ds = read_csv(path)
    assert ds.X == read_csv(TABLE).X == [[15.26, 14.84], [14.88, 14.57], [1e-3, -2.5]]
    assert ds.class_names == [u'Kama', u'Rosa', u'W\u00fcrfel']
    assert read_csv(data).class_names == ds.class_names       # bytes given directly


def test_utf16_without_a_byte_order_mark_gets_an_accurate_message(tmpdir):
    path = _write(tmpdir, 'seeds.csv', TABLE.encode('utf-16-le'))
    words = message(path)
    assert words.startswith("CSV file '%s' holds NUL bytes" % path)
    assert 'UTF-16 without a byte-order mark' in words and 'save it as CSV UTF-8' in words
    assert 'UTF-16 without a byte-order mark' in message(TABLE.encode('utf-16-le'))


def test_duplicate_header_names_are_refused_naming_both_columns():
    assert message(u'a,b,a,label\n1,2,3,x\n') == "columns 0 and 2 are both named 'a'; rename one"
    assert message(u'a,,x1,label\n1,2,3,x\n') == \
        "columns 1 and 2 are both named 'x1'; rename one"


def test_a_folder_is_not_a_csv_file(tmpdir):
    assert message(str(tmpdir)) == "'%s' is a folder, not a CSV file" % tmpdir


def _big_table(rows, seed=0):
    rng = Random(seed)
    lines = [u'# generated', u'f0;f1;f2;f3;label', u'']
    for i in range(rows):
        lines.append(u'%r;%r;%r;%r;%s' % (rng.uniform(-1e3, 1e3), rng.gauss(0.0, 1.0),
                                          float(rng.randint(0, 99)), rng.random(),
                                          [u'Kama', u'Rosa', u'W\u00fcrfel'][i % 3]))
        if i % 97 == 0:
            lines.append(u'# a comment line')
    return u'\r\n'.join(lines) + u'\r\n'


def test_the_streamed_file_path_equals_reading_the_text(tmpdir):
    text = _big_table(3000)
    for encoding in ('utf-8', 'latin-1', 'utf-16'):
        path = _write(tmpdir, 'big-%s.csv' % encoding, text.encode(encoding))
        a = read_csv(path)
        b = read_csv(text)
        assert a.X == b.X and a.labels == b.labels and a.feature_names == b.feature_names
        assert a.class_names == [u'Kama', u'Rosa', u'W\u00fcrfel'] and len(a.X) == 3000
    bad = text.split(u'\r\n')
    bad[2000] = bad[2000].replace(u';', u';x', 1)
    path = _write(tmpdir, 'bad.csv', u'\r\n'.join(bad).encode('utf-8'))
    assert message(path) == message(u'\r\n'.join(bad))
    assert message(path).startswith("line 2001, column 1 ('f1'): cannot read 'x")
