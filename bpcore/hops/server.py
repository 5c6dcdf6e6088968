"""The HTTP side of the Hops server, on the standard library only.

``GET /`` lists the functions, ``GET /train`` describes one (Hops asks this when its path is
set), ``POST /train`` or ``POST /solve`` (with ``"pointer": "train"``, what Hops sends)
solves. Every answer is Hops JSON; a request that cannot be served gets a clear error in the
response's ``errors`` list, which Hops shows as a red message on the component:

=====  ====================================================================================
200    solved, or a bpcore error in the inputs (bad network text, a ragged X...) reported
400    not a Hops request (not JSON, no "values", a bad tree path or item)
404    no such function
411    no Content-Length
413    the body is larger than ``max_bytes`` (default 50 MB); it is not read
500    an unexpected error in bpcore (the server keeps running)
=====  ====================================================================================
"""
from __future__ import absolute_import, division, print_function

import json
import threading

from bpcore.errors import BPError
from bpcore.hops.endpoints import ENDPOINTS, solve
from bpcore.hops.protocol import RequestError, error_response, parse_request, response

try:                                          # Python 3
    from http.server import BaseHTTPRequestHandler, HTTPServer  # novermin
    from socketserver import ThreadingMixIn  # novermin
except ImportError:                           # Python 2.7
    from BaseHTTPServer import BaseHTTPRequestHandler, HTTPServer  # novermin
    from SocketServer import ThreadingMixIn  # novermin

__all__ = ['HopsServer', 'make_server', 'serve', 'serve_until_interrupted', 'MAX_BYTES',
           'DEFAULT_HOST', 'DEFAULT_PORT']

MAX_BYTES = 50 * 1024 * 1024
DEFAULT_HOST = '127.0.0.1'
DEFAULT_PORT = 5000


class HopsServer(ThreadingMixIn, HTTPServer):
    """A threaded HTTP server holding the function table and the body size limit."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, max_bytes=MAX_BYTES, endpoints=None, log=None):
        HTTPServer.__init__(self, address, _Handler)
        self.max_bytes = int(max_bytes)
        self.endpoints = dict(endpoints or ENDPOINTS)
        self.log = log

    @property
    def url(self):
        host, port = self.server_address[:2]
        return 'http://%s:%d' % (host, port)


class _Handler(BaseHTTPRequestHandler):
    server_version = 'bpcore-hops'
    timeout = 60                              # seconds a client may stall a connection

    def log_message(self, fmt, *args):
        log = self.server.log
        if log is not None:
            log.write('%s - %s\n' % (self.address_string(), fmt % args))
            log.flush()

    def _send(self, status, text):
        body = text.encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _path(self):
        return self.path.split('?', 1)[0].rstrip('/') or '/'

    def do_HEAD(self):
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()

    def do_GET(self):
        path = self._path()
        endpoints = self.server.endpoints
        if path == '/':
            self._send(200, json.dumps([endpoints[k].encode() for k in sorted(endpoints)],
                                       sort_keys=True))
        elif path.lstrip('/') in endpoints:
            self._send(200, json.dumps(endpoints[path.lstrip('/')].encode(), sort_keys=True))
        else:
            self._send(404, error_response('no Hops function at %s (functions: %s)'
                                           % (path, ', '.join(sorted(endpoints)))))

    def do_POST(self):
        length = self.headers.get('Content-Length')
        try:
            length = int(length)
        except (TypeError, ValueError):
            self.close_connection = True
            self._send(411, error_response('a request needs a Content-Length header'))
            return
        if length < 0 or length > self.server.max_bytes:
            self.close_connection = True      # the body is never read
            self._send(413, error_response('the request is %d bytes; this server takes at most '
                                           '%d (python -m bpcore.hops --max-bytes N)'
                                           % (length, self.server.max_bytes)))
            return
        body = self.rfile.read(length)
        status, text = handle(self.server.endpoints, self._path(), body)
        self._send(status, text)


def handle(endpoints, path, body):
    """``(HTTP status, response JSON)`` for a POST of ``body`` to ``path``."""
    endpoint = None
    try:
        pointer, values = parse_request(body)
        name = path.lstrip('/')
        if name == 'solve':
            name = (pointer or '').rstrip('/').split('/')[-1]
        endpoint = endpoints.get(name)
        if endpoint is None:
            return 404, error_response('no Hops function %s (functions: %s)'
                                       % (repr(str(name)), ', '.join(sorted(endpoints))))
        return 200, response(endpoint, solve(endpoint, values))
    except RequestError as exc:
        return 400, error_response('%s' % exc, endpoint)
    except BPError as exc:
        return 200, error_response('%s' % exc, endpoint)
    except Exception as exc:                  # a bpcore bug must not take the server down
        return 500, error_response('internal error: %s: %s' % (type(exc).__name__, exc),
                                   endpoint)


def make_server(host=DEFAULT_HOST, port=DEFAULT_PORT, max_bytes=MAX_BYTES, log=None):
    """A :class:`HopsServer` bound to ``host:port`` (port 0: any free port), not yet
    serving; call ``serve_forever()`` (or use :func:`serve`)."""
    return HopsServer((host, int(port)), max_bytes=max_bytes, log=log)


def serve(host=DEFAULT_HOST, port=DEFAULT_PORT, max_bytes=MAX_BYTES, log=None,
          background=False):
    """Serve until interrupted; ``background=True`` returns ``(server, thread)`` at once
    (stop with ``server.shutdown(); server.server_close()``). ``log``: a text stream for one
    line per request (None: quiet)."""
    server = make_server(host, port, max_bytes, log)
    if background:
        thread = threading.Thread(target=server.serve_forever)
        thread.daemon = True
        thread.start()
        return server, thread
    serve_until_interrupted(server)
    return server, None


def serve_until_interrupted(server):
    """Serve ``server`` until Ctrl-C, then close its socket."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
