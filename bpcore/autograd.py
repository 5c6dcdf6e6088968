"""A scalar automatic-differentiation engine: :class:`Value`, the fourth way into backprop.

Every arithmetic operation on a :class:`Value` makes a new node that remembers

* ``_prev``  -- the tuple of input nodes it was computed from,
* ``_local`` -- the tuple of local partial derivatives d(out)/d(input), *as numbers*, computed
  right beside the forward formula while the inputs' values are at hand,
* ``_op``    -- the operation's name (for the drawn graph).

So the chain rule needs no closure per node: :meth:`Value.backward` walks the graph once,
from the output towards the inputs, and for every node does::

    for child, d in zip(node._prev, node._local):
        child.grad += d * node.grad

The walk is iterative (Kahn's algorithm over the consumer counts), so a chain of 100,000
nodes does not touch Python's recursion limit, and a node used several times (``a * a``,
``a + a``, shared sub-expressions) receives the sum of all its contributions before its own
gradient is passed on.

Example (Karpathy's classic neuron)::

    >>> x1, x2 = Value(2.0, 'x1'), Value(0.0, 'x2')
    >>> w1, w2 = Value(-3.0, 'w1'), Value(1.0, 'w2')
    >>> b = Value(6.8813735870195432, 'b')
    >>> o = (x1 * w1 + x2 * w2 + b).tanh()
    >>> o.backward()
    >>> round(o.data, 4), round(x1.grad, 4), round(w1.grad, 4)
    (0.7071, -1.5, 1.0)

Gradients of leaves *accumulate* over calls of ``backward`` (as in PyTorch): clear them with
:func:`zero_grad` (or ``Module.zero_grad()`` of :mod:`bpcore.autograd_nn`) between steps.
Gradients of inner nodes are reset by every ``backward``.

Errors (log of a non-positive number, division by zero, ``exp`` overflow, a negative number to a
fractional power, a non-number exponent) raise :class:`bpcore.errors.BPError` naming the node.

Works unchanged on IronPython 2.7 and CPython 3.
"""
from __future__ import absolute_import, division, print_function

import math

from bpcore.matrix import is_number
from bpcore.errors import BPError, quote

__all__ = ['Value', 'zero_grad', 'topological_order', 'parameters_of']

_EXP_MAX = 709.782712893384      # math.exp overflows a double above this
_INF = float('inf')
_BIG = 1.7976931348623157e308   # the largest double: a bigger integer has no float


def _name(v):
    """How an error message names a node."""
    if v.label:
        return "node '%s'" % v.label
    return 'a node with value %r' % v.data


def _as_float(x, what):
    if type(x) is float:
        return x
    if isinstance(x, Value) or not is_number(x) or not -_BIG <= x <= _BIG and x == x:
        what = 'Value(%r)' % what if not what.startswith('Value.') else what
        if isinstance(x, Value):
            raise BPError('%s: expected a number, got a Value (use it directly, not Value(Value))'
                          % what)
        raise BPError('%s: expected a number, got %s' % (what, quote(x)))
    return float(x)


class Value(object):
    """One scalar of a computation graph: its ``data``, its ``grad`` and how it was made.

    Parameters
    ----------
    data : float
        The value (ints are converted to float).
    label : str, optional
        A name shown in the drawn graph and in error messages (``'w1'``, ``'x[0]'``).

    Attributes
    ----------
    data : float
    grad : float
        d(output)/d(this node) after ``output.backward()``; 0.0 before.
    label : str
    """

    __slots__ = ('data', 'grad', 'label', '_prev', '_local', '_op')

    def __init__(self, data, label='', _prev=(), _local=(), _op=''):
        # ops pass a float they computed themselves; only leaves are checked
        self.data = data if _prev else _as_float(data, label)
        self.grad = 0.0
        self.label = label
        self._prev = _prev
        self._local = _local
        self._op = _op

    # ----------------------------------------------------------------------------- helpers
    @property
    def op(self):
        """The name of the operation that made this node ('' for a leaf)."""
        return self._op

    @property
    def inputs(self):
        """The nodes this one was computed from (a tuple; empty for a leaf)."""
        return self._prev

    @property
    def local_grads(self):
        """The local derivatives d(self)/d(input), one per entry of :attr:`inputs`."""
        return self._local

    def named(self, label):
        """Set :attr:`label` and return ``self`` (for one-line graph building)."""
        self.label = label
        return self

    def __repr__(self):
        if self.label:
            return 'Value(data=%r, grad=%r, label=%r)' % (self.data, self.grad, self.label)
        return 'Value(data=%r, grad=%r)' % (self.data, self.grad)

    # ----------------------------------------------------- arithmetic: forward | local grads
    def __add__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        # out = a + b          d/da = 1, d/db = 1
        return Value(self.data + other.data, '', (self, other), (1.0, 1.0), '+')

    def __radd__(self, other):            # other + self (makes sum([v1, v2, ...]) work)
        return Value(other) + self

    def __sub__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        # out = a - b          d/da = 1, d/db = -1
        return Value(self.data - other.data, '', (self, other), (1.0, -1.0), '-')

    def __rsub__(self, other):            # other - self
        return Value(other) - self

    def __mul__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        # out = a * b          d/da = b, d/db = a
        return Value(self.data * other.data, '', (self, other), (other.data, self.data), '*')

    def __rmul__(self, other):            # other * self
        return Value(other) * self

    def __truediv__(self, other):
        if not isinstance(other, Value):
            other = Value(other)
        b = other.data
        if b == 0.0:
            raise BPError('division by zero: the divisor %s is 0' % _name(other))
        # out = a / b          d/da = 1/b, d/db = -a/b^2 = -(a/b)/b (b*b would underflow to 0
        #                      for |b| < 1e-154, e.g. 1 / 1e-200)
        out = self.data / b
        return Value(out, '', (self, other), (1.0 / b, -out / b), '/')

    def __rtruediv__(self, other):        # other / self
        return Value(other) / self

    __div__ = __truediv__                 # Python 2 without the __future__ import
    __rdiv__ = __rtruediv__

    def __neg__(self):
        # out = -a             d/da = -1
        return Value(-self.data, '', (self,), (-1.0,), 'neg')

    def __pos__(self):
        return self

    def __pow__(self, n):
        if isinstance(n, Value) or not is_number(n):
            raise BPError('%s ** %s: the exponent must be a plain number' % (_name(self), quote(n)))
        a = self.data
        if not -_BIG <= n <= _BIG:
            raise BPError('%s ** %s: the exponent must be a finite number' % (_name(self), quote(n)))
        n = float(n)
        if a == 0.0 and n < 0.0:
            raise BPError('0 ** %r: %s is 0 and the exponent is negative' % (n, _name(self)))
        if a < 0.0 and n != math.floor(n):
            raise BPError('%r ** %r: %s is negative and the exponent is not a whole number'
                          % (a, n, _name(self)))
        try:
            out = a ** n
            # out = a^n        d/da = n a^(n-1)   (infinite at a = 0 for 0 < n < 1, as torch)
            if n == 0.0:
                d = 0.0
            elif a == 0.0 and n < 1.0:
                d = _INF
            else:
                d = n * a ** (n - 1.0)
        except OverflowError:
            raise BPError('%r ** %r overflows (%s)' % (a, n, _name(self)))
        op = '**%d' % n if n == math.floor(n) and abs(n) < 1e15 else '**%r' % n
        return Value(out, '', (self,), (d,), op)

    def __rpow__(self, other):
        raise BPError('%r ** %s: only number exponents are supported (the exponent is a Value)'
                      % (other, _name(self)))

    # ---------------------------------------------------------------------- functions
    def exp(self):
        a = self.data
        if a > _EXP_MAX:
            raise BPError('exp(%r) overflows (%s)' % (a, _name(self)))
        e = math.exp(a)
        # out = e^a            d/da = e^a
        return Value(e, '', (self,), (e,), 'exp')

    def log(self):
        a = self.data
        if a <= 0.0:
            raise BPError('log(%r): %s must be positive' % (a, _name(self)))
        # out = ln a           d/da = 1/a
        return Value(math.log(a), '', (self,), (1.0 / a,), 'log')

    def tanh(self):
        t = math.tanh(self.data)
        # out = tanh a         d/da = 1 - tanh^2 a
        return Value(t, '', (self,), (1.0 - t * t,), 'tanh')

    def sigmoid(self):
        a = self.data
        if a >= 0.0:                      # two forms, so exp never overflows
            s = 1.0 / (1.0 + math.exp(-a))
        else:
            e = math.exp(a)
            s = e / (1.0 + e)
        # out = 1/(1+e^-a)     d/da = s (1 - s)
        return Value(s, '', (self,), (s * (1.0 - s),), 'sigmoid')

    def relu(self):
        a = self.data
        # out = max(0, a)      d/da = 1 if a > 0 else 0
        if a > 0.0:
            return Value(a, '', (self,), (1.0,), 'relu')
        return Value(0.0, '', (self,), (0.0,), 'relu')

    def leaky_relu(self, slope=0.01):
        a = self.data
        # out = a if a > 0 else slope*a      d/da = 1 or slope
        if a > 0.0:
            return Value(a, '', (self,), (1.0,), 'leaky_relu')
        return Value(slope * a, '', (self,), (slope,), 'leaky_relu')

    def softplus(self):
        a = self.data
        # out = ln(1 + e^a), computed as max(a,0) + ln(1 + e^-|a|) (never overflows)
        # d/da = sigmoid(a)
        if a >= 0.0:
            e = math.exp(-a)
            out = a + math.log1p(e)
            s = 1.0 / (1.0 + e)
        else:
            e = math.exp(a)
            out = math.log1p(e)
            s = e / (1.0 + e)
        return Value(out, '', (self,), (s,), 'softplus')

    # ------------------------------------------------------------- many-input nodes
    @staticmethod
    def sum(values, start=0.0):
        """One node ``start + v0 + v1 + ...`` (numbers are allowed among ``values``).

        Adds left to right, so the result is bit-identical to the built-in ``sum``; but it is one
        node with n inputs instead of n nodes.  d/dv_i = 1.
        """
        total = float(start)
        prev = []
        for v in values:
            if isinstance(v, Value):
                total += v.data
                prev.append(v)
            else:
                total += _as_float(v, 'Value.sum:')
        prev = tuple(prev)
        return Value(total, '', prev, (1.0,) * len(prev), 'sum')

    @staticmethod
    def linear(weights, inputs, bias=None):
        """One node ``bias + w0*x0 + w1*x1 + ...`` (a neuron's pre-activation).

        ``weights`` are Values; ``inputs`` may be Values or plain numbers (numbers get no
        gradient and are not nodes); ``bias`` a Value, a number or None.
        Summed from the bias, left to right (as micrograd's ``sum(..., self.b)``).
        d/dw_i = x_i, d/dx_i = w_i, d/db = 1.
        """
        if len(weights) != len(inputs):
            raise BPError('Value.linear: %d weights but %d inputs' % (len(weights), len(inputs)))
        prev = list(weights)
        local = []
        xprev = []
        xlocal = []
        if bias is None:
            total = 0.0
        elif isinstance(bias, Value):
            total = bias.data
        else:
            total = _as_float(bias, 'Value.linear: bias')
        for w, x in zip(weights, inputs):
            if isinstance(x, Value):
                xd = x.data
                xprev.append(x)
                xlocal.append(w.data)
            else:
                xd = x
            total += w.data * xd
            local.append(xd)
        prev.extend(xprev)
        local.extend(xlocal)
        if isinstance(bias, Value):
            prev.append(bias)
            local.append(1.0)
        return Value(total, '', tuple(prev), tuple(local), 'linear')

    @staticmethod
    def logsumexp(values):
        """One node ``ln(sum_i e^v_i)``, computed stably (shifted by the max).

        d/dv_i = softmax(v)_i.
        """
        values = list(values)
        if not values:
            raise BPError('Value.logsumexp: no values')
        m = max(v.data for v in values)
        exps = [math.exp(v.data - m) for v in values]
        s = sum(exps)
        out = m + math.log(s)
        return Value(out, '', tuple(values), tuple(e / s for e in exps), 'logsumexp')

    # ------------------------------------------------------------------------ backward
    def backward(self, grad=1.0):
        """Fill ``.grad`` of every node this one depends on with d(self)/d(node).

        Inner nodes' gradients are reset first; leaves accumulate (call :func:`zero_grad`
        between steps).  Iterative, linear in the number of edges.
        """
        # pass 1: count how many times each node is consumed inside this graph
        consumers = {self: 0}
        stack = [self]
        while stack:
            v = stack.pop()
            for c in v._prev:
                if c in consumers:
                    consumers[c] += 1
                else:
                    consumers[c] = 1
                    if c._prev:
                        c.grad = 0.0        # inner node: its old gradient is stale
                    stack.append(c)
        if self._prev:
            self.grad = 0.0
        self.grad += grad
        # pass 2: a node is ready once all its consumers have passed their share to it
        ready = [self]
        while ready:
            v = ready.pop()
            g = v.grad
            for c, d in zip(v._prev, v._local):
                c.grad += d * g
                n = consumers[c] - 1
                consumers[c] = n
                if n == 0:
                    ready.append(c)


def topological_order(root):
    """All nodes ``root`` depends on, inputs first, ``root`` last (iterative, deterministic).

    Each node appears once; a node's inputs all come before it; the order follows the order
    of ``_prev`` (depth first), so the same expression always gives the same list.
    """
    order = []
    seen = set([root])
    stack = [(root, 0)]
    while stack:
        v, i = stack[-1]
        prev = v._prev
        if i < len(prev):
            stack[-1] = (v, i + 1)
            c = prev[i]
            if c not in seen:
                seen.add(c)
                stack.append((c, 0))
        else:
            stack.pop()
            order.append(v)
    return order


def parameters_of(root):
    """The leaves of ``root``'s graph that carry a label, in topological order."""
    return [v for v in topological_order(root) if not v._prev and v.label]


def zero_grad(values):
    """Set ``.grad = 0.0``: of a list of Values, or of every node of the graph of one Value."""
    if isinstance(values, Value):
        values = topological_order(values)
    for v in values:
        v.grad = 0.0
