"""Training backends: which engine runs a training run's epochs, and the rule that picks it.

================  =====================================================================
``'pure'``        lists of rows (:mod:`bpcore.network` and :mod:`bpcore.optim`), one epoch
                  at a time: the reference every other backend is tested against
``'compiled'``    :mod:`bpcore.backends.compiled`: the network's loop written out as
                  straight-line Python, compiled once per architecture; every interpreter;
                  networks up to ``compiled.MAX_PARAMS`` parameters
``'numpy'``       :mod:`bpcore.backends.numpy_backend`: float64 arrays; CPython with numpy
                  installed, never IronPython (numpy is imported only when this runs)
``'auto'``        the rule in :func:`select`
================  =====================================================================

Every backend takes the same settings and gives the same results: ``compiled`` bit-identical
to ``pure`` where Python's ``sum`` adds left to right (2.7, 3.9-3.11, IronPython; within
1e-12 relative on 3.12+), ``numpy`` within 1e-10 relative (BLAS sums in its own order, so
its last bits also differ between machines).
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.errors import BPError, quote

__all__ = ['BACKENDS', 'NUMPY_MIN_WORK', 'check_backend', 'select', 'numpy_available',
           'prepare', 'train_epochs', 'predict']

#: The backend names (``'auto'`` chooses one of the others).
BACKENDS = ('auto', 'pure', 'compiled', 'numpy')
#: ``'auto'`` picks numpy when a batch's multiply-adds (samples per batch x parameters) reach
#: this: below it numpy's per-call overhead costs more than it saves (measured with
#: benchmarks/bench_backends.py: XOR 2-4-1 full batch and wine per-sample run faster
#: compiled, digits 64-32-10 in batches of 32 faster with numpy).
NUMPY_MIN_WORK = 20000

_numpy = {}


def check_backend(backend):
    """The backend name, lower case, or a BPError naming the choices."""
    name = backend.lower() if hasattr(backend, 'lower') else backend
    if name not in BACKENDS:
        raise BPError('unknown backend %s; choose one of %s' % (quote(backend),
                                                                 ', '.join(BACKENDS)))
    return name


def numpy_available():
    """True when numpy can be used: CPython (not IronPython) and ``import numpy`` works.

    Imports numpy the first time it is asked (never at ``import bpcore``)."""
    if sys.platform == 'cli':
        return False
    if 'ok' not in _numpy:
        try:
            import numpy  # noqa: F401
            _numpy['ok'] = True
        except ImportError:
            _numpy['ok'] = False
    return _numpy['ok']


def _numpy_or_error():
    if not numpy_available():
        raise BPError("backend 'numpy' needs numpy: pip install numpy (or pip install "
                      "bpcore[numpy])")


def select(backend, network, batch_size, n):
    """Which backend runs: ``'pure'``, ``'compiled'`` or ``'numpy'``.

    Parameters
    ----------
    backend : str
        What was asked for (one of :data:`BACKENDS`).
    network : Network
    batch_size : int
    n : int
        Training samples.

    ``'numpy'`` on IronPython runs ``'pure'`` (numpy does not exist there); ``'numpy'``
    without numpy on CPython raises BPError saying how to install it. ``'compiled'`` above
    ``compiled.MAX_PARAMS`` parameters runs ``'pure'``. ``'auto'``: numpy when it is
    available and a batch is big enough to gain (``min(batch_size, n) * n_params >=``
    :data:`NUMPY_MIN_WORK`), else compiled when the network fits, else pure.
    """
    from bpcore.backends import compiled
    backend = check_backend(backend)
    if backend == 'pure':
        return 'pure'
    if backend == 'numpy':
        if sys.platform == 'cli':
            return 'pure'
        _numpy_or_error()
        return 'numpy'
    if backend == 'compiled':
        return 'compiled' if compiled.fits(network) else 'pure'
    if min(batch_size, n) * network.n_params >= NUMPY_MIN_WORK and numpy_available():
        return 'numpy'
    return 'compiled' if compiled.fits(network) else 'pure'


def prepare(kind, trainer):
    """Convert a new :class:`bpcore.train.Trainer`'s data for backend ``kind`` (numpy: to
    arrays, kept in ``trainer.backend_cache``); nothing for the others."""
    if kind == 'numpy':
        from bpcore.backends import numpy_backend
        numpy_backend.prepare(trainer)


def train_epochs(kind, trainer, epochs):
    """Run ``epochs`` epochs of a :class:`bpcore.train.Trainer` with backend ``kind``
    (``'compiled'`` or ``'numpy'``); a list of ``(mean loss, accuracy or None)`` per epoch."""
    if kind == 'compiled':
        from bpcore.backends import compiled
        return compiled.train_epochs(trainer, epochs)
    from bpcore.backends import numpy_backend
    return numpy_backend.train_epochs(trainer, epochs)


def predict(kind, network, X):
    """Outputs of scaled rows ``X`` with backend ``kind`` (``'compiled'`` or ``'numpy'``)."""
    if kind == 'compiled':
        from bpcore.backends import compiled
        return compiled.predict(network, X)
    from bpcore.backends import numpy_backend
    return numpy_backend.predict(network, X)
