"""``python -m bpcore.install``: the documented command, run by :mod:`bpcore.build.install`.

Installs the user objects and the runtime ``bpcore`` package into Rhino (see
:mod:`bpcore.build.install` for what goes where). This alias is not itself installed into Rhino
(no component imports it); new code imports ``bpcore.build.install``.
"""
from __future__ import absolute_import, division, print_function

import sys

from bpcore.build.install import *  # noqa: F401,F403
from bpcore.build.install import __all__, InstallError, main  # noqa: F401

if __name__ == '__main__':
    sys.exit(main())
