"""The version of bpcore, in one place.

A leaf module (it imports nothing), so any module can ask for the version without importing
the package's ``__init__``. The build tools read it by regex from this file, and the version
is stamped into the built user objects and the model files.
"""
from __future__ import absolute_import, division, print_function

__version__ = '0.1.0'
