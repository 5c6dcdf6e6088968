"""bpcore.expr: the safe expression language (stdlib + pytest: 2.7 and 3.x)."""
from __future__ import absolute_import, division, print_function

import io
import math
import os
import re

import pytest

import bpcore.expr
from bpcore.autograd import Value
from bpcore.errors import BPError
from bpcore.expr import ExprError, evaluate, parse, tokenize


def val(text, **variables):
    return evaluate(text, variables).data


def test_numbers_and_precedence():
    assert val('1 + 2 * 3') == 7.0
    assert val('(1 + 2) * 3') == 9.0
    assert val('2 ** 3 ** 2') == 512.0
    assert val('-2 ** 2') == -4.0
    assert val('2 ** -1') == 0.5
    assert val('(-2) ** 2') == 4.0
    assert val('7 - 4 - 2') == 1.0
    assert val('8 / 4 / 2') == 1.0
    assert val('1.5e2 + .5 + 2. + 1E-1') == 150 + 0.5 + 2 + 0.1
    assert val('- - 3') == 3.0
    assert val('+3') == 3.0
    assert val('x ** (1/2)', x=9.0) == 3.0
    assert val('x**2*y', x=3.0, y=2.0) == 18.0
    assert val(' \t\n x \n', x=1.25) == 1.25


def test_functions():
    x = 0.7
    assert val('tanh(x)', x=x) == math.tanh(x)
    assert val('exp(x)', x=x) == math.exp(x)
    assert val('log(x)', x=x) == math.log(x)
    assert val('relu(x - 1)', x=x) == 0.0
    assert abs(val('sigmoid(x)', x=x) - 1 / (1 + math.exp(-x))) < 1e-15
    assert val('exp(log(x))', x=x) == pytest.approx(x)


def test_gradients_and_shared_names():
    out = evaluate('x*x*y + tanh(y)', {'x': 3.0, 'y': -0.5})
    out.backward()
    leaves = dict((v.label, v) for v in _leaves(out))
    assert leaves['x'].grad == 2 * 3.0 * -0.5
    assert abs(leaves['y'].grad - (9.0 + 1 - math.tanh(-0.5) ** 2)) < 1e-12


def _leaves(root):
    from bpcore.autograd import topological_order
    return [v for v in topological_order(root) if not v.inputs]


def test_expression_object():
    e = parse('tanh(x1*w1 + x2*w2 + b) + exp(b)')
    assert e.names == ['b', 'w1', 'w2', 'x1', 'x2']
    assert e.functions == ['exp', 'tanh']
    v = {'x1': 2, 'x2': 0, 'w1': -3, 'w2': 1, 'b': 6.8813735870195432}
    assert e.evaluate(v).data == pytest.approx(math.sqrt(0.5) + math.exp(v['b']))
    a = Value(2.0, 'a')
    out = parse('a * a').evaluate({'a': a})
    out.backward()
    assert a.grad == 4.0
    assert 'Expression' in repr(e)


def test_negative_literal_is_folded():
    out = evaluate('-3 * x', {'x': 2.0})
    assert out.data == -6.0
    labels = [v.label for v in _leaves(out)]
    assert '-3' in labels


def error(text, variables=None):
    with pytest.raises(ExprError) as info:
        evaluate(text, variables or {'x': 1.0, 'y': 2.0})
    return info.value


def test_syntax_errors_name_the_position():
    cases = [
        ('2 * (x + 1', 10, "expected ')'"),
        ('2 +', 3, 'end of text'),
        ('', 0, 'empty'),
        ('x)', 1, "unmatched ')'"),
        ('2x', 1, 'expected an operator'),
        ('x ^ 2', 2, '**'),
        ('x + * y', 4, "found '*'"),
        ('1e+', 0, 'malformed number'),
        ('x = 1', 2, 'not allowed'),
        ('x[0]', 1, 'indexing'),
        ('tanh(x, y)', 6, 'one argument'),
        ('tanh', 0, 'is a function'),
        ('x ** y', 5, 'exponent'),
        ('x $ y', 2, "'$'"),
        ('(x)(y)', 3, "only the functions"),
    ]
    for text, pos, words in cases:
        e = error(text)
        assert isinstance(e, BPError)
        assert e.position == pos, (text, e.position, str(e))
        assert 'position %d' % pos in str(e), (text, str(e))
        assert words in str(e), (text, str(e))


def test_pointer():
    e = error('1 + (2')
    assert e.pointer == '1 + (2\n      ^'


def test_rejects_attribute_access_unknown_calls_and_imports():
    e = error('x.__class__')
    assert 'attribute access' in str(e) and e.position == 1
    e = error('(x).real')
    assert 'attribute access' in str(e) and e.position == 3
    e = error('foo(x)')
    assert "unknown function 'foo'" in str(e) and e.position == 0
    e = error('x + open(1)')
    assert "unknown function 'open'" in str(e) and e.position == 4
    e = error('eval(1)')
    assert "unknown function 'eval'" in str(e)
    e = error('__import__(1)')
    assert '__' in str(e)
    e = error('import os')
    assert "'import'" in str(e) and e.position == 0
    e = error('x + lambda')
    assert "'lambda'" in str(e) and e.position == 4
    e = error('"os"')
    assert 'strings' in str(e)
    e = error('x(1)')
    assert "unknown function 'x'" in str(e)


def test_unknown_names_and_bad_variables():
    e = error('x + z')
    assert "unknown name 'z'" in str(e) and e.position == 4 and 'x, y' in str(e)
    e = error('a', {})
    assert "unknown name 'a'" in str(e)
    e = error('x', {'x': 'abc'})
    assert "'x' must be a number" in str(e)
    e = error('x', {'x': True})
    assert "'x' must be a number" in str(e)
    with pytest.raises(BPError):
        parse(42)


def test_math_errors_name_the_position():
    e = error('1 + 1/(x - 1)')
    assert 'math error at position 5' in str(e) and 'division by zero' in str(e)
    e = error('log(x - 1)')
    assert e.position == 0 and 'log' in str(e)
    e = error('(0 - x) ** 0.5')
    assert e.position == 8
    e = error('2 ** (1/0)')
    assert e.position == 7


def test_deep_nesting_is_an_error_not_a_crash():
    text = '(' * 500 + 'x' + ')' * 500
    e = error(text)
    assert 'nested' in str(e)
    assert val('(' * 50 + 'x' + ')' * 50, x=2.0) == 2.0
    e = error('-' * 500 + 'x')
    assert 'nested' in str(e)


def test_long_flat_expression_is_iterative():
    text = ' + '.join(['x'] * 20000)
    out = evaluate(text, {'x': 0.5})
    out.backward()
    assert out.data == 10000.0
    assert [v.grad for v in _leaves(out)] == [20000.0]


def test_tokens():
    assert [t[:2] for t in tokenize('a1**2.5')] == [('name', 'a1'), ('op', '**'),
                                                    ('num', '2.5'), ('end', '')]
    assert tokenize('  x')[0][2] == 2


def test_module_never_calls_eval_exec_or_compile():
    path = bpcore.expr.__file__
    if path.endswith('.pyc'):
        path = path[:-1]
    with io.open(path, 'r', encoding='utf-8') as f:
        source = f.read()
    code_lines = [ln for ln in source.splitlines() if not ln.strip().startswith('#')]
    body = '\n'.join(code_lines)
    body = re.sub(r'"""(.|\n)*?"""', '', body)            # docstrings mention eval
    for word in ('eval(', 'exec(', 'compile(', '__import__', 'import ast', 'getattr('):
        assert word not in body, word
    assert os.path.basename(path) == 'expr.py'
