"""Helpers for the ghio/ghuser/install/yak tests: tiny PNGs and bundles in temp folders."""
from __future__ import absolute_import, division, print_function

import json
import os
import struct
import zlib


def png(width=24, height=24, rgb=(200, 40, 40)):
    """A valid RGB PNG of one colour."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)
    row = b'\x00' + bytes(bytearray(rgb)) * width
    raw = row * height
    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


CODE = u'''"""Adds two numbers. bpcore {{version}}"""
from ghpythonlib.componentbase import executingcomponent as component


class Adder(component):
    def RunScript(self, a, b):
        self.Message = "v{{version}} \u00e9"
        return a + b
'''


def metadata(**extra):
    data = {
        'name': 'Add Numbers',
        'nickname': 'Add',
        'category': 'bpcore',
        'subcategory': '0 Test',
        'description': 'Adds a and b.',
        'exposure': 4,
        'ghpython': {
            'isAdvancedMode': True,
            'iconDisplay': 1,
            'inputParameters': [
                {'name': 'a', 'description': 'first', 'typeHintID': 'float'},
                {'name': 'b', 'description': 'second', 'typeHintID': 'float',
                 'scriptParamAccess': 'list', 'flatten': True},
            ],
            'outputParameters': [{'name': 'sum', 'description': 'a + b'}],
        },
    }
    data.update(extra)
    return data


def make_bundle(folder, name='AddNumbers', meta=None, code=CODE, icon=None):
    """Write a bundle folder and return its path."""
    path = os.path.join(str(folder), name)
    if not os.path.isdir(path):
        os.makedirs(path)
    with open(os.path.join(path, 'code.py'), 'wb') as handle:
        handle.write(code.encode('utf-8'))
    with open(os.path.join(path, 'metadata.json'), 'wb') as handle:
        handle.write(json.dumps(meta if meta is not None else metadata(), indent=2).encode('utf-8'))
    with open(os.path.join(path, 'icon.png'), 'wb') as handle:
        handle.write(icon if icon is not None else png())
    return path
