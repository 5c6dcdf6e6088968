"""A Hops server: Grasshopper's Hops component calls CPython bpcore over HTTP.

``python -m bpcore.hops`` (default ``127.0.0.1:5000``, loopback only unless ``--host`` says
otherwise) serves three functions with the inputs of the components they mirror:

``/train``     BP Train:    net, X, Y, epochs, batch_size, lr, optimizer, loss, val_split,
                            seed, run
``/predict``   BP Predict:  net, X
``/evaluate``  BP Evaluate: net, X, Y, raw

Networks travel as model JSON text (:mod:`bpcore.model_io`; BP Save/BP Load read and write
the same text). In Grasshopper, put a Hops component on the canvas and set its path to
``http://127.0.0.1:5000/train`` (or ``/predict``, ``/evaluate``).

Modules: :mod:`~bpcore.hops.protocol` (Hops's JSON: component descriptions, request and
response trees), :mod:`~bpcore.hops.endpoints` (the three functions),
:mod:`~bpcore.hops.server` (a stdlib HTTP server: request size limit, clear error responses,
never a crash). Nothing beyond the standard library is needed: the ``ghhops-server``
package (which needs Flask's werkzeug even for its own small server, reads no request size
limit and answers a malformed body with a dropped connection) is not used; the tests check
this server's JSON against ghhops-server's own parameter encoders and decoders.
"""
from __future__ import absolute_import, division, print_function
