"""Fuzzing the expression language: mutated expressions give an ExprError, nothing else.

Seeded mutations of real expressions (the tutorial's neuron and friends) with operators,
functions, extreme numbers and forbidden syntax; each mutant is parsed, evaluated with finite
and extreme variables and back-propagated. Standard library and pytest only; 2.7 and 3.x.
"""
from __future__ import absolute_import, division, print_function

import _fuzz
from bpcore.expr import evaluate

EXPRESSIONS = [u'tanh(x1*w1 + x2*w2 + b)', u'sigmoid(a) * (1 - sigmoid(a)) / (c + 1e-9)',
               u'exp(-x**2) + log(1 + y**2) - relu(z) ** 0.5', u'-(a - b)**3 / (a*b)']
TOKENS = _fuzz.TEXT_TOKENS + [u'x1', u'w1', u'b', u'a', u'c', u'y', u'z', u'1e-200', u'1e308',
                              u'tanh(', u'sigmoid(', u'relu(', u'** -1', u'(' * 120]
VARIABLES = [dict(x1=2.0, w1=-3.0, x2=0.0, w2=1.0, b=6.88, a=0.5, c=2.0, y=3.0, z=1.0),
             dict(x1=1e308, w1=-1e308, x2=1e-320, w2=0.0, b=-1e308, a=-1e-200, c=0.0,
                  y=1e154, z=-1e308)]


def mutants(n, seed=8):
    m = _fuzz.Mutator(seed)
    for i in range(n):
        yield m.text(EXPRESSIONS[i % len(EXPRESSIONS)], TOKENS)


def run(text):
    for variables in VARIABLES:
        node = evaluate(text, variables)
        node.backward()


def test_mutated_expressions_raise_only_expr_errors(request):
    n = _fuzz.count(request, 3000)
    stats = _fuzz.run('expressions', mutants(n), run, request.config)
    assert stats['tried'] == n and stats['other'] == 0
    assert stats['refused'] > n // 10 and stats['accepted'] > 0
