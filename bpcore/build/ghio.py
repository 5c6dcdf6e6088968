"""GH_IO binary archives (``.ghuser`` / ``.gh``) in pure Python.

A GH_IO archive is a tree of named chunks. Each chunk holds typed items (bool, int32, string,
Guid, byte array, bitmap, ...) and child chunks. The binary form, written the .NET
``BinaryWriter`` way (little-endian, 7-bit varint string lengths), is::

    chunk := name:string  index:i32  item_count:i32  chunk_count:i32  item*  chunk*
    item  := name:string  index:i32  type:i32  value

and a file is the raw DEFLATE stream (no zlib header) of the root chunk's bytes. See
``docs/userobjects.md`` and the shared format notes (``ghio-format.md``) this module
was written from; every sample file Grasshopper wrote decodes and re-encodes byte-identically.

Writing follows GH_IO: items sorted by name (ordinal, UTF-16 code units) then index; child
chunks in creation order. An unknown type code cannot be skipped (sizes are not stored), so the
reader refuses it with :class:`~bpcore.errors.GHIOError`, as it refuses truncated data and
length prefixes larger than what is left.

IronPython note: everything here works on ``bytearray`` and ``struct`` so that ``str`` (py2)
and ``bytes`` (py3) behave the same; never index a ``bytes`` object directly.
"""
from __future__ import absolute_import, division, print_function

import struct
import uuid
import zlib

from bpcore.errors import GHIOError

__all__ = [
    'Item', 'Chunk', 'RawValue', 'TYPE_NAMES',
    'encode', 'decode', 'deflate', 'inflate', 'dumps', 'loads',
    'GH_BOOL', 'GH_BYTE', 'GH_INT32', 'GH_INT64', 'GH_SINGLE', 'GH_DOUBLE', 'GH_DECIMAL',
    'GH_DATE', 'GH_GUID', 'GH_STRING', 'GH_BYTEARRAY', 'GH_DOUBLEARRAY',
    'GH_POINT', 'GH_POINTF', 'GH_SIZE', 'GH_SIZEF', 'GH_RECTANGLE', 'GH_RECTANGLEF',
    'GH_COLOR', 'GH_BITMAP', 'GH_POINT2D', 'GH_POINT3D', 'GH_POINT4D', 'GH_INTERVAL1D',
    'GH_INTERVAL2D', 'GH_LINE', 'GH_BOUNDINGBOX', 'GH_PLANE', 'GH_VERSION',
]

# GH_IO.Types.GH_Types codes (public enum).
GH_BOOL = 1
GH_BYTE = 2
GH_INT32 = 3
GH_INT64 = 4
GH_SINGLE = 5
GH_DOUBLE = 6
GH_DECIMAL = 7
GH_DATE = 8
GH_GUID = 9
GH_STRING = 10
GH_BYTEARRAY = 20
GH_DOUBLEARRAY = 21
GH_POINT = 30
GH_POINTF = 31
GH_SIZE = 32
GH_SIZEF = 33
GH_RECTANGLE = 34
GH_RECTANGLEF = 35
GH_COLOR = 36
GH_BITMAP = 37
GH_POINT2D = 50
GH_POINT3D = 51
GH_POINT4D = 52
GH_INTERVAL1D = 60
GH_INTERVAL2D = 61
GH_LINE = 70
GH_BOUNDINGBOX = 71
GH_PLANE = 72
GH_VERSION = 80

TYPE_NAMES = {
    GH_BOOL: 'gh_bool', GH_BYTE: 'gh_byte', GH_INT32: 'gh_int32', GH_INT64: 'gh_int64',
    GH_SINGLE: 'gh_single', GH_DOUBLE: 'gh_double', GH_DECIMAL: 'gh_decimal',
    GH_DATE: 'gh_date', GH_GUID: 'gh_guid', GH_STRING: 'gh_string',
    GH_BYTEARRAY: 'gh_bytearray', GH_DOUBLEARRAY: 'gh_doublearray',
    GH_POINT: 'gh_drawing_point', GH_POINTF: 'gh_drawing_pointf',
    GH_SIZE: 'gh_drawing_size', GH_SIZEF: 'gh_drawing_sizef',
    GH_RECTANGLE: 'gh_drawing_rectangle', GH_RECTANGLEF: 'gh_drawing_rectanglef',
    GH_COLOR: 'gh_drawing_color', GH_BITMAP: 'gh_drawing_bitmap',
    GH_POINT2D: 'gh_point2d', GH_POINT3D: 'gh_point3d', GH_POINT4D: 'gh_point4d',
    GH_INTERVAL1D: 'gh_interval1d', GH_INTERVAL2D: 'gh_interval2d', GH_LINE: 'gh_line',
    GH_BOUNDINGBOX: 'gh_boundingbox', GH_PLANE: 'gh_plane', GH_VERSION: 'gh_version',
}

# Fixed-size values: type code -> struct format (little-endian). Tuples for several fields.
_FIXED = {
    GH_BOOL: '<B', GH_BYTE: '<B', GH_INT32: '<i', GH_INT64: '<q', GH_SINGLE: '<f',
    GH_DOUBLE: '<d', GH_DECIMAL: '<4I', GH_DATE: '<q', GH_POINT: '<2i', GH_POINTF: '<2f',
    GH_SIZE: '<2i', GH_SIZEF: '<2f', GH_RECTANGLE: '<4i', GH_RECTANGLEF: '<4f',
    GH_COLOR: '<4B', GH_POINT2D: '<2d', GH_POINT3D: '<3d', GH_POINT4D: '<4d',
    GH_INTERVAL1D: '<2d', GH_INTERVAL2D: '<4d', GH_LINE: '<6d', GH_BOUNDINGBOX: '<6d',
    GH_PLANE: '<9d', GH_VERSION: '<3i',
}
_SCALAR = (GH_BYTE, GH_INT32, GH_INT64, GH_SINGLE, GH_DOUBLE, GH_DATE)
_BLOBS = (GH_BYTEARRAY, GH_BITMAP)

MAX_DEPTH = 64                    # chunks nested deeper than this are refused
MAX_INFLATED = 256 * 1024 * 1024  # inflate() refuses to produce more than this many bytes

try:
    _TEXT = unicode  # noqa: F821  (Python 2 / IronPython)
except NameError:
    _TEXT = str


class RawValue(object):
    """The stored bytes of a value whose canonical re-encoding would differ (kept verbatim).

    Parameters
    ----------
    data : bytes
        The value's bytes exactly as read (after the item header).
    """

    def __init__(self, data):
        self.data = bytes(data)

    def __eq__(self, other):
        return isinstance(other, RawValue) and other.data == self.data

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return 'RawValue(%d bytes)' % len(self.data)


class Item(object):
    """One typed value of a chunk.

    Parameters
    ----------
    name : str
    index : int
        -1 means "no index"; lists are stored as ``name[0]``, ``name[1]``...
    type : int
        A GH_Types code (``GH_STRING``, ``GH_GUID``...).
    value : object
        Python value for the type: bool; int (byte, int32, int64, date ticks); float;
        text (str/unicode); ``uuid.UUID``; bytes (byte array, bitmap PNG); tuple of numbers
        (points, sizes, rectangles, vectors, planes, version, decimal as 4 uint32, color as
        ``(a, r, g, b)``); tuple of floats (double array); or :class:`RawValue`.
    """

    __slots__ = ('name', 'index', 'type', 'value')

    def __init__(self, name, index, type, value):
        self.name = name
        self.index = index
        self.type = type
        self.value = value

    @property
    def key(self):
        """``(name, index)``: the identity of the item inside its chunk."""
        return (self.name, self.index)

    def __eq__(self, other):
        return (isinstance(other, Item) and self.name == other.name and
                self.index == other.index and self.type == other.type and
                self.value == other.value)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        label = self.name if self.index < 0 else '%s[%d]' % (self.name, self.index)
        return 'Item(%s, %s)' % (label, TYPE_NAMES.get(self.type, self.type))


def _sort_key(item):
    # GH_IO orders items by ordinal (UTF-16 code unit) name comparison, then by index.
    return (_to_text(item.name).encode('utf-16-be'), item.index)


class Chunk(object):
    """A named (optionally indexed) node of a GH_IO archive: items plus child chunks.

    Parameters
    ----------
    name : str
    index : int, optional
        -1 (default) means "no index" (``InputParam:0`` is name ``InputParam``, index 0).
    """

    def __init__(self, name, index=-1):
        self.name = name
        self.index = index
        self._items = {}
        self._order = []
        self.chunks = []

    # -- items -------------------------------------------------------------------------------
    def set(self, name, type, value, index=-1):
        """Set item ``(name, index)`` to a typed value (replacing an existing one)."""
        if type not in TYPE_NAMES:
            raise GHIOError('chunk %r: unknown item type code %r for item %r'
                            % (self.name, type, name))
        key = (name, index)
        if key not in self._items:
            self._order.append(key)
        self._items[key] = Item(name, index, type, value)
        return self._items[key]

    def set_bool(self, name, value, index=-1):
        return self.set(name, GH_BOOL, bool(value), index)

    def set_int32(self, name, value, index=-1):
        return self.set(name, GH_INT32, int(value), index)

    def set_string(self, name, value, index=-1):
        return self.set(name, GH_STRING, _to_text(value), index)

    def set_guid(self, name, value, index=-1):
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(str(value))
        return self.set(name, GH_GUID, value, index)

    def set_bytes(self, name, value, index=-1):
        return self.set(name, GH_BYTEARRAY, bytes(value), index)

    def set_bitmap(self, name, png, index=-1):
        return self.set(name, GH_BITMAP, bytes(png), index)

    def item(self, name, index=-1):
        """The :class:`Item` ``(name, index)``, or None."""
        return self._items.get((name, index))

    def get(self, name, default=None, index=-1):
        """The value of item ``(name, index)``, or ``default``."""
        found = self._items.get((name, index))
        return default if found is None else found.value

    def has(self, name, index=-1):
        return (name, index) in self._items

    def remove(self, name, index=-1):
        key = (name, index)
        if key in self._items:
            del self._items[key]
            self._order.remove(key)

    @property
    def items(self):
        """Items in insertion (or reading) order."""
        return [self._items[key] for key in self._order]

    def sorted_items(self):
        """Items in the order GH_IO writes them: name (ordinal), then index."""
        return sorted(self.items, key=_sort_key)

    # -- chunks ------------------------------------------------------------------------------
    def add_chunk(self, name, index=-1):
        """Create, append and return a child chunk."""
        child = Chunk(name, index)
        self.chunks.append(child)
        return child

    def chunk(self, name, index=-1):
        """The first child chunk ``(name, index)``, or None."""
        for child in self.chunks:
            if child.name == name and child.index == index:
                return child
        return None

    def __eq__(self, other):
        return (isinstance(other, Chunk) and self.name == other.name and
                self.index == other.index and self.sorted_items() == other.sorted_items() and
                self.chunks == other.chunks)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        label = self.name if self.index < 0 else '%s:%d' % (self.name, self.index)
        return 'Chunk(%s, %d items, %d chunks)' % (label, len(self._order), len(self.chunks))

    def dump(self, indent=0):
        """Multi-line text outline of the tree (names, types, short values), for debugging."""
        pad = '  ' * indent
        label = self.name if self.index < 0 else '%s:%d' % (self.name, self.index)
        lines = [pad + '[' + label + ']']
        for it in self.sorted_items():
            text = repr(it.value)
            if len(text) > 60:
                text = text[:57] + '...'
            name = it.name if it.index < 0 else '%s[%d]' % (it.name, it.index)
            lines.append('%s  %s (%s) = %s' % (pad, name, TYPE_NAMES[it.type], text))
        for child in self.chunks:
            lines.append(child.dump(indent + 1))
        return '\n'.join(lines)


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------
def _to_text(value):
    if isinstance(value, bytes) and not isinstance(value, _TEXT):
        return value.decode('utf-8')
    return _TEXT(value)


def _varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return out


def _encode_string(text):
    data = bytearray(_to_text(text).encode('utf-8'))
    return _varint(len(data)) + data


def _encode_value(item):
    code, value = item.type, item.value
    if isinstance(value, RawValue):
        return bytearray(value.data)
    try:
        if code == GH_BOOL:
            return bytearray(struct.pack('<B', 1 if value else 0))
        if code in _SCALAR:
            return bytearray(struct.pack(_FIXED[code], value))
        if code == GH_GUID:
            return bytearray(value.bytes_le)
        if code == GH_STRING:
            return _encode_string(value)
        if code in _BLOBS:
            data = bytearray(value)
            return bytearray(struct.pack('<i', len(data))) + data
        if code == GH_DOUBLEARRAY:
            return bytearray(struct.pack('<i%dd' % len(value), len(value), *value))
        if code == GH_COLOR:
            a, r, g, b = value
            return bytearray(struct.pack('<4B', b, g, r, a))
        if code in _FIXED:
            return bytearray(struct.pack(_FIXED[code], *value))
    except (struct.error, TypeError, ValueError, AttributeError) as exc:
        raise GHIOError('item %r: cannot encode value %r as %s (%s)'
                        % (item.name, value, TYPE_NAMES.get(code, code), exc))
    raise GHIOError('item %r: unknown type code %r' % (item.name, code))


def _encode_chunk(chunk, out, depth):
    if depth > MAX_DEPTH:
        raise GHIOError('chunk %r: nested deeper than %d levels' % (chunk.name, MAX_DEPTH))
    items = chunk.sorted_items()
    out += _encode_string(chunk.name)
    out += struct.pack('<iii', chunk.index, len(items), len(chunk.chunks))
    for it in items:
        out += _encode_string(it.name)
        out += struct.pack('<ii', it.index, it.type)
        out += _encode_value(it)
    for child in chunk.chunks:
        _encode_chunk(child, out, depth + 1)


def encode(chunk):
    """Serialize a root :class:`Chunk` to uncompressed GH_IO bytes.

    Parameters
    ----------
    chunk : Chunk

    Returns
    -------
    bytes
    """
    out = bytearray()
    _encode_chunk(chunk, out, 0)
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------
class _Reader(object):
    """Bounds-checked cursor over a bytearray; every failure names the offset."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.pos = 0
        self.end = len(self.data)

    def fail(self, message):
        raise GHIOError('GH_IO archive, offset %d: %s' % (self.pos, message))

    def need(self, n, what):
        if n < 0 or self.pos + n > self.end:
            self.fail('%s needs %d bytes but only %d remain (truncated or corrupt archive)'
                      % (what, n, self.end - self.pos))

    def unpack(self, fmt, what):
        size = struct.calcsize(fmt)
        self.need(size, what)
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def take(self, n, what):
        self.need(n, what)
        start = self.pos
        self.pos += n
        return bytes(self.data[start:self.pos])

    def varint(self, what):
        result = 0
        for shift in (0, 7, 14, 21, 28):
            self.need(1, what)
            byte = self.data[self.pos]
            self.pos += 1
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return result
        self.fail('%s: 7-bit encoded length longer than 5 bytes' % what)

    def string(self, what):
        start = self.pos
        n = self.varint(what)
        raw = self.take(n, what)
        try:
            return raw.decode('utf-8'), start
        except UnicodeDecodeError:
            self.pos = start
            self.fail('%s is not valid UTF-8' % what)


def _decode_value(reader, code, what):
    start = reader.pos
    if code == GH_BOOL:
        value = reader.unpack('<B', what)[0] != 0
    elif code in _SCALAR:
        value = reader.unpack(_FIXED[code], what)[0]
    elif code == GH_GUID:
        value = uuid.UUID(bytes_le=reader.take(16, what))
    elif code == GH_STRING:
        n = reader.varint(what)
        raw = reader.take(n, what)
        try:
            value = raw.decode('utf-8')
        except UnicodeDecodeError:
            return RawValue(reader.data[start:reader.pos])
    elif code in _BLOBS:
        n = reader.unpack('<i', what + ' length')[0]
        if n < 0:
            reader.pos = start
            reader.fail('%s: negative length %d' % (what, n))
        value = reader.take(n, what)
    elif code == GH_DOUBLEARRAY:
        n = reader.unpack('<i', what + ' count')[0]
        if n < 0:
            reader.pos = start
            reader.fail('%s: negative count %d' % (what, n))
        reader.need(8 * n, what)
        value = reader.unpack('<%dd' % n, what)
    elif code == GH_COLOR:
        b, g, r, a = reader.unpack('<4B', what)
        value = (a, r, g, b)
    elif code in _FIXED:
        value = reader.unpack(_FIXED[code], what)
    else:
        reader.pos -= 4
        reader.fail('%s: unknown item type code %d' % (what, code))
    # Keep the stored bytes when re-encoding would not reproduce them (bool 2, NaN payloads).
    stored = reader.data[start:reader.pos]
    if _encode_value(Item('', -1, code, value)) != stored:
        return RawValue(stored)
    return value


def _decode_chunk(reader, depth, path):
    if depth > MAX_DEPTH:
        reader.fail('chunks nested deeper than %d levels' % MAX_DEPTH)
    name = reader.string('chunk name')[0]
    index, n_items, n_chunks = reader.unpack('<iii', 'chunk %r header' % name)
    label = path + '/' + (name if index < 0 else '%s:%d' % (name, index))
    # Each item needs at least 9 bytes and each chunk 13: refuse absurd counts up front.
    if n_items < 0 or n_chunks < 0 or 9 * n_items + 13 * n_chunks > reader.end - reader.pos:
        reader.pos -= 12
        reader.fail('chunk %s: impossible counts (%d items, %d chunks) for the %d bytes left'
                    % (label, n_items, n_chunks, reader.end - reader.pos - 12))
    chunk = Chunk(name, index)
    for _ in range(n_items):
        item_name = reader.string('item name in chunk %s' % label)[0]
        item_index, code = reader.unpack('<ii', 'item %r header in chunk %s' % (item_name, label))
        what = 'item %r in chunk %s' % (item_name if item_index < 0 else
                                          '%s[%d]' % (item_name, item_index), label)
        if code not in TYPE_NAMES:
            reader.pos -= 4
            reader.fail('%s: unknown item type code %d' % (what, code))
        value = _decode_value(reader, code, what)
        if chunk.has(item_name, item_index):
            reader.fail('%s: appears twice' % what)
        chunk.set(item_name, code, value, item_index)
    for _ in range(n_chunks):
        chunk.chunks.append(_decode_chunk(reader, depth + 1, label))
    return chunk


def decode(data):
    """Parse uncompressed GH_IO bytes into a root :class:`Chunk`.

    Parameters
    ----------
    data : bytes or bytearray
        Exactly one root chunk; trailing bytes are refused.

    Returns
    -------
    Chunk

    Raises
    ------
    GHIOError
        Truncated data, unknown type code, impossible length or count, trailing bytes. The
        message names the byte offset and the item or chunk.
    """
    reader = _Reader(data)
    if reader.end == 0:
        raise GHIOError('GH_IO archive is empty')
    chunk = _decode_chunk(reader, 0, '')
    if reader.pos != reader.end:
        reader.fail('%d unexpected bytes after the root chunk' % (reader.end - reader.pos))
    return chunk


# ---------------------------------------------------------------------------------------------
# Compression (raw DEFLATE, RFC 1951, as GH_IO writes it)
# ---------------------------------------------------------------------------------------------
def deflate(data, level=6):
    """Raw-DEFLATE ``data`` the way GH_IO did under .NET Framework (zlib level 6, wbits -15,
    one Z_FINISH).

    That reproduces the streams of files saved by Rhino 6/7 (and COMPAS' user objects) byte for
    byte, not those saved by Rhino 8: they end in a sync-flush block (``00 00 ff ff 03 00``)
    and come from another encoder, which zlib at no level reproduces (docs/userobjects.md,
    "Compression"). Any valid raw DEFLATE stream reads back the same; only byte comparisons
    with such files differ.
    """
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    return compressor.compress(bytes(data)) + compressor.flush(zlib.Z_FINISH)


def inflate(data, limit=MAX_INFLATED):
    """Decompress one complete raw DEFLATE stream.

    Raises
    ------
    GHIOError
        Not a raw DEFLATE stream (e.g. zlib or gzip framed, or not compressed at all), a
        truncated stream, bytes after the end of the stream, or more than ``limit`` bytes of
        output.
    """
    data = bytes(data)
    if not data:
        raise GHIOError('compressed GH_IO data is empty')
    decompressor = zlib.decompressobj(-15)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise GHIOError('not a raw DEFLATE stream (GH_IO compression): %s' % exc)
    if len(out) > limit:
        raise GHIOError('compressed GH_IO data inflates to more than %d bytes' % limit)
    if decompressor.unused_data:
        raise GHIOError('%d unexpected bytes after the end of the DEFLATE stream'
                        % len(decompressor.unused_data))
    try:
        out += decompressor.flush()
        # A stream that never reached its final block is truncated; decompress() alone does
        # not say so, the one-shot function does (also on Python 2.7, which has no .eof).
        zlib.decompress(data, -15)
    except zlib.error as exc:
        raise GHIOError('truncated or corrupt DEFLATE stream: %s' % exc)
    return out


def dumps(chunk):
    """Encode and raw-deflate a root chunk: the bytes of a ``.ghuser`` file."""
    return deflate(encode(chunk))


def loads(data):
    """Inflate and decode the bytes of a ``.ghuser`` / ``.gh`` file into a root chunk."""
    return decode(inflate(data))
