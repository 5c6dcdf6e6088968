"""GH_IO archive model, binary reader/writer and raw DEFLATE helpers (stdlib only)."""
from __future__ import absolute_import, division, print_function

import struct
import uuid
import zlib

import pytest

from bpcore.build import ghio
from bpcore.errors import BPError, GHIOError

GUID = uuid.UUID('410755b1-224a-4c1e-a407-bf32fb45ea7e')


def every_type_chunk():
    root = ghio.Chunk('Root')
    root.set(u'b', ghio.GH_BOOL, True)
    root.set(u'byte', ghio.GH_BYTE, 200)
    root.set(u'i32', ghio.GH_INT32, -5)
    root.set(u'i64', ghio.GH_INT64, -(2 ** 40))
    root.set(u'single', ghio.GH_SINGLE, 0.5)
    root.set(u'double', ghio.GH_DOUBLE, 0.1)
    root.set(u'decimal', ghio.GH_DECIMAL, (12345, 0, 0, 2 << 16))
    root.set(u'date', ghio.GH_DATE, 635191795804187221)
    root.set(u'guid', ghio.GH_GUID, GUID)
    root.set(u'text', ghio.GH_STRING, u'h\u00e9llo\r\n\u4e16\u754c')
    root.set(u'blob', ghio.GH_BYTEARRAY, b'\x00\x01\xff')
    root.set(u'doubles', ghio.GH_DOUBLEARRAY, (1.0, -2.5, 3.25))
    root.set(u'pt', ghio.GH_POINT, (3, -4))
    root.set(u'ptf', ghio.GH_POINTF, (1.5, 2.5))
    root.set(u'size', ghio.GH_SIZE, (24, 24))
    root.set(u'sizef', ghio.GH_SIZEF, (0.5, 0.25))
    root.set(u'rect', ghio.GH_RECTANGLE, (1, 2, 3, 4))
    root.set(u'rectf', ghio.GH_RECTANGLEF, (1.0, 2.0, 3.0, 4.0))
    root.set(u'color', ghio.GH_COLOR, (255, 10, 20, 30))
    root.set(u'bitmap', ghio.GH_BITMAP, b'\x89PNG fake')
    root.set(u'p2', ghio.GH_POINT2D, (1.0, 2.0))
    root.set(u'p3', ghio.GH_POINT3D, (1.0, 2.0, 3.0))
    root.set(u'p4', ghio.GH_POINT4D, (1.0, 2.0, 3.0, 4.0))
    root.set(u'i1', ghio.GH_INTERVAL1D, (0.0, 1.0))
    root.set(u'i2', ghio.GH_INTERVAL2D, (0.0, 1.0, 2.0, 3.0))
    root.set(u'line', ghio.GH_LINE, (0.0, 0.0, 0.0, 1.0, 1.0, 1.0))
    root.set(u'box', ghio.GH_BOUNDINGBOX, (0.0, 0.0, 0.0, 1.0, 1.0, 1.0))
    root.set(u'plane', ghio.GH_PLANE, (0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0))
    root.set(u'version', ghio.GH_VERSION, (0, 2, 2))
    for i in range(12):
        root.set_int32(u'List', i, index=i)
    child = root.add_chunk(u'Child', 3)
    child.set_string(u'Name', u'x')
    child.add_chunk(u'Empty')
    root.add_chunk(u'Second')
    return root


def test_every_type_code_round_trips():
    root = every_type_chunk()
    assert sorted(ghio.TYPE_NAMES) == sorted(set(it.type for it in root.items))
    data = ghio.encode(root)
    back = ghio.decode(data)
    assert back == root
    assert ghio.encode(back) == data
    assert back.get(u'color') == (255, 10, 20, 30)
    assert back.get(u'guid') == GUID
    assert [c.name for c in back.chunks] == [u'Child', u'Second']
    assert back.chunk(u'Child', 3).chunk(u'Empty') is not None


def test_compressed_round_trip():
    root = every_type_chunk()
    assert ghio.loads(ghio.dumps(root)) == root
    assert ghio.dumps(root) == ghio.dumps(ghio.loads(ghio.dumps(root)))


def test_primitive_encodings_match_dotnet_binarywriter():
    def string_bytes(n):
        chunk = ghio.Chunk(u'C')
        chunk.set_string(u'S', u'a' * n)
        data = bytearray(ghio.encode(chunk))
        return data[len(b'\x01C') + 12 + len(b'\x01S') + 8:][:3]
    assert string_bytes(10)[:1] == bytearray(b'\x0a')
    assert string_bytes(133)[:2] == bytearray(b'\x85\x01')
    assert string_bytes(300)[:2] == bytearray(b'\xac\x02')
    chunk = ghio.Chunk(u'UserObject')
    chunk.set_guid(u'BaseID', GUID)
    expected = (b'\x0aUserObject\xff\xff\xff\xff\x01\x00\x00\x00\x00\x00\x00\x00'
                b'\x06BaseID\xff\xff\xff\xff\x09\x00\x00\x00'
                b'\xb1\x55\x07\x41\x4a\x22\x1e\x4c\xa4\x07\xbf\x32\xfb\x45\xea\x7e')
    assert ghio.encode(chunk) == expected


def test_items_are_written_sorted_like_gh_io():
    chunk = ghio.Chunk(u'C')
    for name in (u'number', u'TypeName', u'Zeta', u'alpha'):
        chunk.set_int32(name, 1)
    chunk.set_int32(u'InputId', 10, index=10)
    chunk.set_int32(u'InputId', 9, index=9)
    names = [(it.name, it.index) for it in ghio.decode(ghio.encode(chunk)).items]
    assert names == [(u'InputId', 9), (u'InputId', 10), (u'TypeName', -1), (u'Zeta', -1),
                     (u'alpha', -1), (u'number', -1)]


def test_setting_twice_keeps_one_item():
    chunk = ghio.Chunk(u'C')
    chunk.set_string(u'Name', u'a')
    chunk.set_string(u'Name', u'b')
    assert len(chunk.items) == 1 and chunk.get(u'Name') == u'b'


def test_non_canonical_values_are_kept_verbatim():
    chunk = ghio.Chunk(u'C')
    chunk.set_bool(u'Flag', True)
    data = bytearray(ghio.encode(chunk))
    data[-1] = 2  # a bool stored as 2: re-encoding True would write 1
    back = ghio.decode(bytes(data))
    assert isinstance(back.get(u'Flag'), ghio.RawValue)
    assert ghio.encode(back) == bytes(data)


def test_refuses_unknown_type_code_when_building():
    with pytest.raises(GHIOError):
        ghio.Chunk(u'C').set(u'x', 99, 1)


def test_errors_are_bperrors():
    assert issubclass(GHIOError, BPError) and issubclass(GHIOError, ValueError)


# -- corrupt input -----------------------------------------------------------------------------
def test_every_truncation_is_refused():
    data = ghio.encode(every_type_chunk())
    for n in range(len(data)):
        with pytest.raises(GHIOError):
            ghio.decode(data[:n])


def test_trailing_bytes_are_refused():
    data = ghio.encode(every_type_chunk())
    with pytest.raises(GHIOError) as info:
        ghio.decode(data + b'\x00')
    assert 'after the root chunk' in str(info.value)


def test_unknown_type_code_is_refused_naming_the_item():
    chunk = ghio.Chunk(u'C')
    chunk.set_int32(u'Count', 7)
    data = bytearray(ghio.encode(chunk))
    offset = len(data) - 8  # type field of the only item
    data[offset:offset + 4] = struct.pack('<i', 99)
    with pytest.raises(GHIOError) as info:
        ghio.decode(bytes(data))
    message = str(info.value)
    assert 'unknown item type code 99' in message and "'Count'" in message
    assert 'offset %d' % offset in message


def test_absurd_lengths_are_refused_without_allocating():
    chunk = ghio.Chunk(u'C')
    chunk.set_bytes(u'Blob', b'abc')
    data = bytearray(ghio.encode(chunk))
    data[-7:-3] = struct.pack('<i', 0x7fffffff)
    with pytest.raises(GHIOError) as info:
        ghio.decode(bytes(data))
    assert "'Blob'" in str(info.value) and 'remain' in str(info.value)
    data[-7:-3] = struct.pack('<i', -1)
    with pytest.raises(GHIOError):
        ghio.decode(bytes(data))


def test_absurd_counts_and_string_lengths_are_refused():
    header = b'\x01C\xff\xff\xff\xff' + struct.pack('<ii', 0x7fffffff, 0)
    with pytest.raises(GHIOError) as info:
        ghio.decode(header)
    assert 'impossible counts' in str(info.value)
    with pytest.raises(GHIOError):
        ghio.decode(b'\x01C\xff\xff\xff\xff' + struct.pack('<ii', -1, 0))
    with pytest.raises(GHIOError):
        ghio.decode(b'\xff\xff\xff\xff\x07C')      # 5-byte varint: ~2 GB name
    with pytest.raises(GHIOError):
        ghio.decode(b'\xff\xff\xff\xff\xff\x01')   # varint longer than 5 bytes
    with pytest.raises(GHIOError):
        ghio.decode(b'')


def test_invalid_utf8_names_are_refused():
    with pytest.raises(GHIOError):
        ghio.decode(b'\x01\xff' + struct.pack('<iii', -1, 0, 0))


def test_wrong_compression_is_refused():
    raw = ghio.encode(every_type_chunk())
    for bad in (zlib.compress(raw), raw, b'', b'\x00\x01\x02'):
        with pytest.raises(GHIOError):
            ghio.loads(bad)


def test_truncated_deflate_stream_is_refused():
    packed = ghio.dumps(every_type_chunk())
    for n in (1, len(packed) // 2, len(packed) - 1):
        with pytest.raises(GHIOError):
            ghio.inflate(packed[:n])
    with pytest.raises(GHIOError):
        ghio.inflate(packed + b'junk')


def test_inflate_limit():
    packed = ghio.deflate(b'\x00' * 100000)
    assert len(ghio.inflate(packed)) == 100000
    with pytest.raises(GHIOError):
        ghio.inflate(packed, limit=1000)


def test_deep_nesting_is_refused():
    root = ghio.Chunk(u'R')
    node = root
    for _ in range(ghio.MAX_DEPTH + 2):
        node = node.add_chunk(u'N')
    with pytest.raises(GHIOError):
        ghio.encode(root)
