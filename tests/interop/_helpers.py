"""Shared helpers of the interop tests (real torch, onnx, onnxruntime, compas, rhino3dm,
ghhops-server)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = os.path.join(ROOT, 'examples')


def max_abs(a, b):
    """Largest absolute difference of two equally shaped lists of rows."""
    assert len(a) == len(b)
    worst = 0.0
    for ra, rb in zip(a, b):
        assert len(ra) == len(rb)
        for x, y in zip(ra, rb):
            worst = max(worst, abs(x - y))
    return worst
