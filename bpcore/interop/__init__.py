"""Bridges to other tools, each optional and imported only by the function that needs it.

=====================  ======================================================================
``interop.torch``      ``to_torch(net)`` -> ``nn.Sequential`` (float64), ``from_torch(module)``
``interop.onnx``       ``to_onnx(net, path)``: a standard MLP graph (Gemm + activations)
=====================  ======================================================================

(Drawings to a ``.3dm`` file are :mod:`bpcore.rhino.file3dm`: Rhino types live in
``bpcore.rhino``; COMPAS's data protocol is :mod:`bpcore.compas_protocol`, no import needed.)

None of these is imported by ``import bpcore`` and none runs on IronPython; a missing package
raises :class:`bpcore.errors.BPError` saying how to install it.
"""
from __future__ import absolute_import, division, print_function


def require(module, extra, package=None):
    """Import ``module`` or raise a BPError naming ``pip install bpcore[extra]``."""
    import importlib
    from bpcore.errors import BPError
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BPError("this needs the '%s' package, which is not installed (%s): pip install "
                      "bpcore[%s]  (or: pip install %s)"
                      % (package or module, exc, extra, package or module))
