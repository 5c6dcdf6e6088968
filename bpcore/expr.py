"""A small, safe expression language that builds :class:`bpcore.autograd.Value` graphs.

The language::

    expression := sum
    sum        := term (('+' | '-') term)*
    term       := unary (('*' | '/') unary)*
    unary      := ('+' | '-') unary | power
    power      := atom ('**' unary)?           # right-associative; the exponent must be
                                               # constant (numbers only, no names)
    atom       := NUMBER | NAME | FUNCTION '(' sum ')' | '(' sum ')'
    NUMBER     := 12 | 1.5 | .5 | 2. | 1e-3 | 2.5E+4
    NAME       := letters, digits, '_' (not starting with a digit or '__')
    FUNCTION   := tanh | exp | log | relu | sigmoid

Precedence follows Python: ``-x**2`` is ``-(x**2)``, ``2**-1`` is 0.5, ``2**3**2`` is 2**9.

It is parsed by its own tokenizer and recursive-descent parser into postfix code and run by a
small stack machine; nothing is ever handed to ``eval``/``exec``/``compile``, there is no
attribute access, no indexing, no strings, no calls except the five functions above, no
keywords.  Every error is an :class:`ExprError` (a :class:`bpcore.errors.BPError`) whose
message names the 0-based character position (also in ``err.position``)::

    evaluate('2 * (x + 1', {'x': 1.0})  raises  ExprError: syntax error at position 10:
        expected ')' to close '(' at position 4, found end of text
    err.pointer                          '2 * (x + 1'
                                         '          ^'

Usage::

    e = parse('tanh(x1*w1 + x2*w2 + b)')    # syntax is checked here
    e.names                                  # ['b', 'w1', 'w2', 'x1', 'x2'] (sorted)
    out = e.evaluate({'x1': 2, 'x2': 0, 'w1': -3, 'w2': 1, 'b': 6.8813735870195432})
    out.backward()                           # a variable used twice is one shared node
    evaluate(text, variables)                # parse + evaluate in one call

Each variable becomes one leaf Value labelled with its name; each number a leaf labelled with
its text; see :func:`bpcore.autograd_graph.expression_graph` for the drawn graph.
"""
from __future__ import absolute_import, division, print_function


from bpcore.autograd import Value
from bpcore.matrix import is_number
from bpcore.errors import TEXT_TYPES, BPError, quote

__all__ = ['ExprError', 'Expression', 'parse', 'evaluate', 'FUNCTIONS']

FUNCTIONS = ('exp', 'log', 'relu', 'sigmoid', 'tanh')
_CALLS = {'exp': Value.exp, 'log': Value.log, 'relu': Value.relu, 'sigmoid': Value.sigmoid,
          'tanh': Value.tanh}
MAX_DEPTH = 100                 # nested parentheses / signs / powers (IronPython's stack is small)

_KEYWORDS = frozenset([
    'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
    'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import',
    'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'print', 'raise', 'return', 'try',
    'while', 'with', 'yield', 'None', 'True', 'False'])
_DIGITS = '0123456789'
_NAME_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'
_NAME_CHARS = _NAME_START + _DIGITS
_SPACE = ' \t\r\n'
_HINTS = {
    '^': "use ** for powers",
    "'": 'strings are not allowed', '"': 'strings are not allowed',
    '[': 'indexing is not allowed', ']': 'indexing is not allowed',
    '=': 'assignments and comparisons are not allowed',
    ',': 'functions take exactly one argument',
    ';': 'only one expression is allowed',
    '{': 'only numbers, names, + - * / ** ( ) and functions are allowed',
}


class ExprError(BPError):
    """A syntax error, an unknown name or function, or a math error in an expression.

    ``position`` is the 0-based character index in the text (None if not applicable).
    """

    def __init__(self, message, position=None, text=None):
        BPError.__init__(self, message)
        self.position = position
        self.text = text

    @property
    def pointer(self):
        """Two lines: the expression and a caret under the faulty character."""
        if self.text is None or self.position is None:
            return ''
        return self.text + '\n' + ' ' * self.position + '^'


def _syntax(text, pos, what):
    return ExprError('syntax error at position %d: %s' % (pos, what), pos, text)


# ------------------------------------------------------------------------------- tokenizer
def tokenize(text):
    """List of ``(kind, value, position)``; kind is 'num', 'name', 'op' or 'end'."""
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch in _DIGITS or (ch == '.' and i + 1 < n and text[i + 1] in _DIGITS):
            start = i
            while i < n and text[i] in _DIGITS:
                i += 1
            if i < n and text[i] == '.':
                i += 1
                while i < n and text[i] in _DIGITS:
                    i += 1
            if i < n and text[i] in 'eE':
                j = i + 1
                if j < n and text[j] in '+-':
                    j += 1
                if j < n and text[j] in _DIGITS:
                    while j < n and text[j] in _DIGITS:
                        j += 1
                    i = j
                else:
                    raise _syntax(text, start, 'malformed number %r (exponent without digits)'
                                  % text[start:j])
            tokens.append(('num', text[start:i], start))
        elif ch in _NAME_START:
            start = i
            while i < n and text[i] in _NAME_CHARS:
                i += 1
            name = text[start:i]
            if name in _KEYWORDS:
                raise ExprError("syntax error at position %d: '%s' is a Python keyword; only "
                                "numbers, names, + - * / ** ( ) and %s are allowed"
                                % (start, name, ', '.join(FUNCTIONS)), start, text)
            if name.startswith('__'):
                raise _syntax(text, start, "names starting with '__' are not allowed (%r)"
                              % name)
            tokens.append(('name', name, start))
        elif ch == '*' and i + 1 < n and text[i + 1] == '*':
            tokens.append(('op', '**', i))
            i += 2
        elif ch in '+-*/()':
            tokens.append(('op', ch, i))
            i += 1
        elif ch == '.':
            if tokens and (tokens[-1][0] == 'name' or tokens[-1][1] == ')'):
                raise _syntax(text, i, "unexpected '.': attribute access is not allowed")
            raise _syntax(text, i, "unexpected '.'")
        else:
            hint = _HINTS.get(ch)
            if hint is None:
                raise _syntax(text, i, 'unexpected character %r' % ch)
            raise _syntax(text, i, 'unexpected %r: %s' % (ch, hint))
    tokens.append(('end', '', n))
    return tokens


# ---------------------------------------------------------------------------------- parser
def _describe(tok):
    kind, val, _ = tok
    if kind == 'end':
        return 'end of text'
    if kind == 'num':
        return 'number %s' % val
    if kind == 'name':
        return "name '%s'" % val
    return "'%s'" % val


class _Parser(object):
    """Recursive descent over the token list, emitting postfix code.

    Code items are ``(op, arg, position)``: ('num', (value, text)), ('name', name),
    ('neg', None), ('+'|'-'|'*'|'/', None), ('**', exponent float), ('call', function name).
    """

    def __init__(self, text):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.code = []
        self.depth = 0

    def peek(self):
        return self.tokens[self.i]

    def next(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def enter(self, pos):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _syntax(self.text, pos, 'nested more than %d levels deep' % MAX_DEPTH)

    def parse(self):
        if self.peek()[0] == 'end':
            raise _syntax(self.text, 0, 'the expression is empty')
        self.sum()
        tok = self.peek()
        if tok[0] != 'end':
            if tok[1] == ')':
                raise _syntax(self.text, tok[2], "unmatched ')'")
            if tok[0] == 'op' and tok[1] == '(':
                raise _syntax(self.text, tok[2], "unexpected '(': only the functions %s can be "
                              "called" % ', '.join(FUNCTIONS))
            raise _syntax(self.text, tok[2], 'expected an operator, found %s' % _describe(tok))
        return self.code

    def sum(self):
        self.term()
        while True:
            kind, val, pos = self.peek()
            if kind == 'op' and val in ('+', '-'):
                self.next()
                self.term()
                self.code.append((val, None, pos))
            else:
                return

    def term(self):
        self.unary()
        while True:
            kind, val, pos = self.peek()
            if kind == 'op' and val in ('*', '/'):
                self.next()
                self.unary()
                self.code.append((val, None, pos))
            else:
                return

    def unary(self):
        kind, val, pos = self.peek()
        if kind == 'op' and val in ('+', '-'):
            self.next()
            self.enter(pos)
            start = len(self.code)
            self.unary()
            self.depth -= 1
            if val == '-':
                if len(self.code) == start + 1 and self.code[start][0] == 'num':
                    number, ntext = self.code[start][1]     # fold -3 into one constant
                    self.code[start] = ('num', (-number, '-' + ntext), pos)
                else:
                    self.code.append(('neg', None, pos))
        else:
            self.power()

    def power(self):
        self.atom()
        kind, val, pos = self.peek()
        if kind == 'op' and val == '**':
            self.next()
            self.enter(pos)
            start = len(self.code)
            self.unary()
            self.depth -= 1
            sub = self.code[start:]
            del self.code[start:]
            for op, arg, p in sub:
                if op == 'name':
                    raise _syntax(self.text, p, "the exponent of '**' must be a number, "
                                  "found the name '%s'" % arg)
            exponent = _run(sub, {}, self.text).data
            self.code.append(('**', exponent, pos))

    def atom(self):
        kind, val, pos = self.next()
        if kind == 'num':
            number = float(val)
            if number - number != 0.0:            # 1e999, 400 digits: beyond a double
                shown = val if len(val) <= 40 else val[:40] + '...'
                raise _syntax(self.text, pos, "the number '%s' is too large for a float" % shown)
            self.code.append(('num', (number, val), pos))
        elif kind == 'name':
            nxt = self.peek()
            if nxt[0] == 'op' and nxt[1] == '(':
                if val not in FUNCTIONS:
                    raise ExprError("unknown function '%s' at position %d (the functions are %s)"
                                    % (val, pos, ', '.join(FUNCTIONS)), pos, self.text)
                self.next()
                self.enter(pos)
                self.sum()
                self.depth -= 1
                self.close(nxt[2])
                self.code.append(('call', val, pos))
            elif val in FUNCTIONS:
                raise _syntax(self.text, pos, "'%s' is a function: write %s(...)" % (val, val))
            else:
                self.code.append(('name', val, pos))
        elif kind == 'op' and val == '(':
            self.enter(pos)
            self.sum()
            self.depth -= 1
            self.close(pos)
        else:
            raise _syntax(self.text, pos, "expected a number, a name or '(', found %s"
                          % _describe((kind, val, pos)))

    def close(self, open_pos):
        tok = self.next()
        if tok[0] != 'op' or tok[1] != ')':
            raise _syntax(self.text, tok[2], "expected ')' to close '(' at position %d, found %s"
                          % (open_pos, _describe(tok)))


# ----------------------------------------------------------------------------- evaluation
def _run(code, leaves, text):
    """Run postfix ``code``; ``leaves`` maps variable names to their (shared) leaf Values."""
    stack = []
    pos = 0
    try:
        for op, arg, pos in code:
            if op == 'num':
                stack.append(Value(arg[0], arg[1]))
            elif op == 'name':
                stack.append(leaves[arg])
            elif op == 'call':
                stack.append(_CALLS[arg](stack.pop()))
            elif op == 'neg':
                stack.append(-stack.pop())
            elif op == '**':
                stack.append(stack.pop() ** arg)
            else:
                b = stack.pop()
                a = stack.pop()
                if op == '+':
                    stack.append(a + b)
                elif op == '-':
                    stack.append(a - b)
                elif op == '*':
                    stack.append(a * b)
                else:
                    stack.append(a / b)
    except ExprError:
        raise
    except BPError as e:
        raise ExprError('math error at position %d: %s' % (pos, e), pos, text)
    return stack[0]


class Expression(object):
    """A parsed expression: ``text``, ``names`` (its variables, sorted), ``evaluate(vars)``."""

    def __init__(self, text):
        if not isinstance(text, TEXT_TYPES):
            raise ExprError('expression: expected text, got %s' % quote(text))
        self.text = text
        self.code = _Parser(text).parse()
        self.names = sorted(set(arg for op, arg, _ in self.code if op == 'name'))
        self.functions = sorted(set(arg for op, arg, _ in self.code if op == 'call'))

    def evaluate(self, variables=None):
        """The output Value; ``variables`` maps every name to a number (or a Value)."""
        if variables is None:
            variables = {}
        if not isinstance(variables, dict):
            raise ExprError('variables must be a dict of name -> number, got %s'
                            % quote(variables))
        leaves = {}
        for op, name, pos in self.code:
            if op != 'name' or name in leaves:
                continue
            if name not in variables:
                known = ', '.join(sorted(str(k) for k in variables)) or 'none given'
                raise ExprError("unknown name '%s' at position %d (known names: %s)"
                                % (name, pos, known), pos, self.text)
            v = variables[name]
            if isinstance(v, Value):
                leaves[name] = v
            elif not is_number(v):
                raise ExprError("variable '%s' must be a number, got %s" % (name, quote(v)), pos,
                                self.text)
            else:
                leaves[name] = Value(float(v), name)
        return _run(self.code, leaves, self.text)

    def __repr__(self):
        return 'Expression(%r)' % self.text


def parse(text):
    """Check and compile ``text``; returns an :class:`Expression`."""
    return Expression(text)


def evaluate(text, variables=None):
    """``parse(text).evaluate(variables)``: the output Value (call ``.backward()`` for grads)."""
    return Expression(text).evaluate(variables)
