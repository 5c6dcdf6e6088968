"""``python -m bpcore.hops [--host 127.0.0.1] [--port 5000] [--max-bytes N]``."""
from __future__ import absolute_import, division, print_function

import argparse
import sys

from bpcore.hops.server import (DEFAULT_HOST, DEFAULT_PORT, MAX_BYTES, make_server,
                                 serve_until_interrupted)


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m bpcore.hops',
                                description='Serve bpcore train/predict/evaluate to '
                                            "Grasshopper's Hops component.")
    p.add_argument('--host', default=DEFAULT_HOST,
                   help='address to listen on (default 127.0.0.1: this computer only; '
                        '0.0.0.0 exposes the server to the network)')
    p.add_argument('--port', type=int, default=DEFAULT_PORT, help='default 5000')
    p.add_argument('--max-bytes', type=int, default=MAX_BYTES,
                   help='largest request body accepted (default %d)' % MAX_BYTES)
    p.add_argument('--quiet', action='store_true', help='no request log')
    args = p.parse_args(argv)
    try:
        server = make_server(args.host, args.port, args.max_bytes,
                             None if args.quiet else sys.stderr)
    except (IOError, OSError) as exc:
        sys.stderr.write('bpcore.hops: cannot listen on %s:%d: %s\n'
                         % (args.host, args.port, exc))
        return 1
    sys.stdout.write('bpcore Hops server on %s (functions: /train, /predict, /evaluate); '
                     'Ctrl-C stops it\n' % server.url)
    sys.stdout.flush()
    serve_until_interrupted(server)
    return 0


if __name__ == '__main__':
    sys.exit(main())
