"""Deterministic 24x24 PNG icons for the component bundles (pure Python: zlib + struct).

An icon is a filled disc in a colour with up to 4 white letters or digits (3x5 pixel font,
drawn at 2x for one or two characters)::

    python -m bpcore.build.icons gh_components/BP_Train TR 44,160,44
    python -m bpcore.build.icons --check gh_components/BP_Train/icon.png

Same text and colour -> the same bytes on CPython (fixed zlib level, no timestamps), so
rebuilding icons leaves git clean; IronPython's zlib may compress differently (still valid).
"""
from __future__ import absolute_import, division, print_function

import struct
import sys
import zlib

from bpcore.errors import BPError, GHIOError

__all__ = ['png_bytes', 'png_size', 'icon_pixels', 'icon_png', 'write_icon', 'FONT', 'SIZE',
           'PNG_SIGNATURE']

SIZE = 24
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'

# 3x5 font, rows top to bottom, bit 2 = left column.
FONT = {
    'A': (2, 5, 7, 5, 5), 'B': (6, 5, 6, 5, 6), 'C': (3, 4, 4, 4, 3), 'D': (6, 5, 5, 5, 6),
    'E': (7, 4, 6, 4, 7), 'F': (7, 4, 6, 4, 4), 'G': (3, 4, 5, 5, 3), 'H': (5, 5, 7, 5, 5),
    'I': (7, 2, 2, 2, 7), 'J': (1, 1, 1, 5, 2), 'K': (5, 5, 6, 5, 5), 'L': (4, 4, 4, 4, 7),
    'M': (5, 7, 7, 5, 5), 'N': (6, 5, 5, 5, 5), 'O': (2, 5, 5, 5, 2), 'P': (6, 5, 6, 4, 4),
    'Q': (2, 5, 5, 6, 3), 'R': (6, 5, 6, 5, 5), 'S': (3, 4, 2, 1, 6), 'T': (7, 2, 2, 2, 2),
    'U': (5, 5, 5, 5, 7), 'V': (5, 5, 5, 5, 2), 'W': (5, 5, 7, 7, 5), 'X': (5, 5, 2, 5, 5),
    'Y': (5, 5, 2, 2, 2), 'Z': (7, 1, 2, 4, 7),
    '0': (7, 5, 5, 5, 7), '1': (2, 6, 2, 2, 7), '2': (6, 1, 2, 4, 7), '3': (6, 1, 2, 1, 6),
    '4': (5, 5, 7, 1, 1), '5': (7, 4, 6, 1, 6), '6': (3, 4, 7, 5, 7), '7': (7, 1, 2, 2, 2),
    '8': (7, 5, 7, 5, 7), '9': (7, 5, 7, 1, 6), '+': (0, 2, 7, 2, 0), '-': (0, 0, 7, 0, 0),
    '=': (0, 7, 0, 7, 0), '?': (6, 1, 2, 0, 2), '/': (1, 1, 2, 4, 4), '.': (0, 0, 0, 0, 2),
    ' ': (0, 0, 0, 0, 0),
}


def _chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)


def png_bytes(pixels, width, height):
    """PNG (8-bit RGBA) from ``pixels``: ``height`` rows of ``width`` ``(r, g, b, a)``."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw.extend(bytearray([int(c) & 255 for c in pixels[y][x]]))
    header = struct.pack('>IIBBBBB', width, height, 8, 6, 0, 0, 0)
    return (PNG_SIGNATURE + _chunk(b'IHDR', header)
            + _chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + _chunk(b'IEND', b''))


def png_size(data):
    """``(width, height)`` of PNG bytes; :class:`~bpcore.errors.GHIOError` if not a PNG."""
    data = bytearray(data)  # indexes the same on IronPython (str) and CPython 3 (bytes)
    if len(data) < 24 or data[:8] != bytearray(PNG_SIGNATURE) or data[12:16] != bytearray(b'IHDR'):
        raise GHIOError('not a PNG file')
    return struct.unpack('>II', bytes(data[16:24]))


def icon_pixels(text, color=(31, 119, 180), size=SIZE):
    """``size`` x ``size`` RGBA rows: anti-aliased disc in ``color`` + white ``text``."""
    text = str(text).upper()[:4]
    for ch in text:
        if ch not in FONT:
            raise BPError('icon text %r: no glyph for %r (use A-Z, 0-9, + - = ? / .)'
                          % (text, ch))
    r, g, b = [int(c) for c in color][:3]
    c = (size - 1) / 2.0
    rad = size / 2.0 - 0.5
    pixels = []
    for y in range(size):
        row = []
        for x in range(size):
            inside = 0
            for sy in range(4):
                for sx in range(4):
                    dx = x + (sx + 0.5) / 4.0 - 0.5 - c
                    dy = y + (sy + 0.5) / 4.0 - 0.5 - c
                    if dx * dx + dy * dy <= rad * rad:
                        inside += 1
            row.append([r, g, b, int(round(255 * inside / 16.0))])
        pixels.append(row)
    scale = 2 if len(text) <= 2 else 1
    gw, gh = 3 * scale, 5 * scale
    gap = scale
    total = len(text) * gw + max(0, len(text) - 1) * gap
    x0 = (size - total) // 2
    y0 = (size - gh) // 2
    for i, ch in enumerate(text):
        rows = FONT[ch]
        for fy in range(5):
            for fx in range(3):
                if rows[fy] & (4 >> fx):
                    for py in range(scale):
                        for px in range(scale):
                            X = x0 + i * (gw + gap) + fx * scale + px
                            Y = y0 + fy * scale + py
                            pixels[Y][X] = [255, 255, 255, 255]
    return [[tuple(p) for p in row] for row in pixels]


def icon_png(text, color=(31, 119, 180), size=SIZE):
    """PNG bytes of :func:`icon_pixels`."""
    return png_bytes(icon_pixels(text, color, size), size, size)


def write_icon(path, text, color=(31, 119, 180)):
    """Write a 24x24 icon PNG to ``path`` (a file, or a bundle folder -> its icon.png)."""
    import os
    if os.path.isdir(path):
        path = os.path.join(path, 'icon.png')
    data = icon_png(text, color)
    with open(path, 'wb') as f:
        f.write(data)
    return path


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] == '--check':
        with open(argv[1], 'rb') as f:
            print('%s: %d x %d' % ((argv[1],) + tuple(png_size(f.read()))))
        return 0
    if len(argv) not in (2, 3):
        print('usage: python -m bpcore.build.icons BUNDLE_DIR_OR_PNG TEXT [R,G,B]\n'
              '       python -m bpcore.build.icons --check PNG')
        return 2
    color = (31, 119, 180)
    if len(argv) == 3:
        color = tuple(int(v) for v in argv[2].split(','))
    print(write_icon(argv[0], argv[1], color))
    return 0


if __name__ == '__main__':
    sys.exit(main())
