"""Hops's JSON, as Hops (compute.rhino3d's Resthopper schema) and ghhops-server write it.

A component description (``GET /train``)::

    {"Uri": "/train", "Name": "train", "Nickname": ..., "Description": ..., "Category": ...,
     "Subcategory": ..., "Inputs": [PARAM, ...], "Outputs": [PARAM, ...]}
    PARAM = {"Name", "Nickname", "Description", "ParamType": "Number", "ResultType":
             "System.Double", "AtLeast": 1, "AtMost": 1 (item) | 2147483647 (list),
             (tree: AtLeast -1, AtMost -1), "Default": value}

A solve request (``POST /solve`` with ``"pointer": "train"``, or ``POST /train``) and its
response carry data trees::

    {"pointer": "train", "values": [{"ParamName": "X", "InnerTree": {
        "{0}": [{"type": "System.Double", "data": "5.1"}, ...], "{1}": [...]}}], ...}
    {"values": [{"ParamName": "trained", "InnerTree": {"{0}": [{"type": "System.String",
        "data": "\\"...\\""}]}}], "errors": [...], "warnings": [...]}

Every ``data`` is the JSON text of the value (a string is quoted). Paths are
``"{0}"``/``"{0;1}"`` (Hops also reads ``"0"``). Hops sends list inputs on the one branch
``{0}``; newer versions send tree inputs branch by branch.
"""
from __future__ import absolute_import, division, print_function

import json
import re

from bpcore.errors import TEXT_TYPES, BPError

__all__ = ['RequestError', 'Param', 'Endpoint', 'parse_request', 'decode_item',
           'encode_param', 'response', 'error_response', 'path_key']

RESULT_TYPES = {'Number': 'System.Double', 'Integer': 'System.Int32', 'Text': 'System.String',
                'Boolean': 'System.Boolean'}
MAX_INT32 = 2147483647
_NUMBER_TYPES = (int, float, type(2 ** 64))   # long on Python 2
_PATH = re.compile(r'^\{?\s*(-?\d+(?:\s*;\s*-?\d+)*)?\s*\}?$')


class RequestError(BPError):
    """A request that is not a Hops solve request, or whose values cannot be read."""


class Param(object):
    """One input or output: ``kind`` is a Hops ParamType (``Number``, ``Integer``, ``Text``,
    ``Boolean``), ``access`` ``'item'``, ``'list'`` or ``'tree'``."""

    def __init__(self, name, kind, access='item', description='', default=None):
        if kind not in RESULT_TYPES:
            raise BPError('unknown Hops parameter type %r' % (kind,))
        self.name = name
        self.kind = kind
        self.access = access
        self.description = description
        self.default = default

    def encode(self):
        d = {'Name': self.name, 'Nickname': self.name, 'Description': self.description,
             'ParamType': self.kind, 'ResultType': RESULT_TYPES[self.kind], 'AtLeast': 1,
             'AtMost': 1}
        if self.access == 'list':
            d['AtMost'] = MAX_INT32
        elif self.access == 'tree':
            d['AtLeast'] = -1
            d['AtMost'] = -1
        if self.default is not None:
            d['Default'] = self.default
        return d


class Endpoint(object):
    """A Hops function: ``handler(**inputs) -> {output name: value}``."""

    def __init__(self, name, description, inputs, outputs, handler, category='bpcore',
                 subcategory='Backprop'):
        self.name = name
        self.uri = '/' + name
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
        self.handler = handler
        self.category = category
        self.subcategory = subcategory

    def encode(self):
        return {'Uri': self.uri, 'Name': self.name, 'Nickname': self.name,
                'Description': self.description, 'Category': self.category,
                'Subcategory': self.subcategory,
                'Inputs': [p.encode() for p in self.inputs],
                'Outputs': [p.encode() for p in self.outputs]}


def path_key(text):
    """``'{0;1}'`` (or ``'0;1'``) -> ``(0, 1)``; RequestError for anything else."""
    m = _PATH.match(text.strip()) if isinstance(text, TEXT_TYPES) else None
    if not m:
        raise RequestError('bad tree path %r (expected like "{0}" or "{0;1}")' % (text,))
    inner = m.group(1)
    return tuple(int(t) for t in inner.split(';')) if inner else ()


def decode_item(item, where):
    """The Python value of one ``{"type": ..., "data": ...}`` item."""
    if not isinstance(item, dict) or 'data' not in item:
        raise RequestError('%s: expected an object with "type" and "data", got %s'
                           % (where, json.dumps(item)[:80]))
    kind = item.get('type', '')
    data = item['data']
    if isinstance(data, TEXT_TYPES):
        try:
            value = json.loads(data)
        except ValueError:
            if kind != 'System.String':
                raise RequestError('%s: cannot read %r as %s' % (where, data[:80], kind))
            value = data                     # a bare string
    else:
        value = data
    if kind == 'System.String':
        return value if isinstance(value, TEXT_TYPES) else data
    if kind == 'System.Boolean':
        if isinstance(value, TEXT_TYPES) and value.lower() in ('true', 'false'):
            return value.lower() == 'true'
        if not isinstance(value, bool):
            raise RequestError('%s: %r is not a boolean' % (where, value))
        return value
    if kind in ('System.Double', 'System.Int32', 'System.Single', 'System.Int64'):
        if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
            raise RequestError('%s: %r is not a number' % (where, value))
        return int(value) if kind in ('System.Int32', 'System.Int64') else float(value)
    raise RequestError('%s: bpcore reads numbers, integers, text and booleans, not %s'
                       % (where, kind or 'an untyped item'))


def parse_request(body):
    """``(pointer or None, {param name: [(path, [values])] sorted by path})`` of a request.

    Raises RequestError naming the parameter, branch and item at fault.
    """
    if isinstance(body, bytes):
        try:
            body = body.decode('utf-8')
        except UnicodeDecodeError:
            raise RequestError('the request body is not UTF-8 text')
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise RequestError('the request body is not JSON (%s)' % exc)
    if not isinstance(doc, dict) or not isinstance(doc.get('values'), list):
        raise RequestError('not a Hops solve request: expected a JSON object with a '
                           '"values" list')
    pointer = doc.get('pointer')
    if pointer is not None and not isinstance(pointer, TEXT_TYPES):
        raise RequestError('"pointer" must be text, got %s' % json.dumps(pointer)[:40])
    values = {}
    for i, tree in enumerate(doc['values']):
        if not isinstance(tree, dict) or not isinstance(tree.get('ParamName'), TEXT_TYPES):
            raise RequestError('values[%d] has no "ParamName"' % i)
        name = tree['ParamName']
        for prefix in ('RH_IN:', 'RH_OUT:'):
            if name.startswith(prefix):
                name = name[len(prefix):].strip()
        inner = tree.get('InnerTree', {})
        if not isinstance(inner, dict):
            raise RequestError("input '%s': \"InnerTree\" must be an object" % name)
        branches = []
        for key in inner:
            items = inner[key]
            if not isinstance(items, list):
                raise RequestError("input '%s', branch %s: expected a list of items"
                                   % (name, key))
            where = "input '%s', branch %s" % (name, key)
            branches.append((path_key(key), [decode_item(it, '%s, item %d' % (where, j))
                                             for j, it in enumerate(items)]))
        branches.sort(key=lambda b: b[0])
        values[name] = branches
    return pointer, values


def _item(kind, value):
    if kind == 'Number':
        value = float(value)
    elif kind == 'Integer':
        value = int(value)
    elif kind == 'Boolean':
        value = bool(value)
    else:
        value = '%s' % (value,)
    return {'type': RESULT_TYPES[kind], 'data': json.dumps(value)}


def _path_text(path):
    return '{%s}' % ';'.join(str(i) for i in path)


def encode_param(param, value):
    """One output tree: an item, a list (branch {0}) or ``[(path, items)]`` for a tree
    output; None gives an empty tree."""
    tree = {}
    if value is None:
        pass
    elif param.access == 'tree':
        for path, items in value:
            tree[_path_text(path)] = [_item(param.kind, v) for v in items]
    elif param.access == 'list':
        tree['{0}'] = [_item(param.kind, v) for v in value]
    else:
        tree['{0}'] = [_item(param.kind, value)]
    return {'ParamName': param.name, 'InnerTree': tree}


def response(endpoint, results, warnings=()):
    """The JSON text of a solved request."""
    values = [encode_param(p, results.get(p.name)) for p in endpoint.outputs]
    return json.dumps({'values': values, 'errors': [], 'warnings': list(warnings)},
                      sort_keys=True)


def error_response(message, endpoint=None):
    """A Hops response whose ``errors`` Hops shows on the component (outputs empty)."""
    values = [encode_param(p, None) for p in endpoint.outputs] if endpoint else []
    return json.dumps({'values': values, 'errors': [message], 'warnings': []}, sort_keys=True)
