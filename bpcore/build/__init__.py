"""bpcore.build: the tools that build, package and install bpcore; never installed into Rhino.

* :mod:`bpcore.build.paths`       the repository, the version, the user object folders
* :mod:`bpcore.build.ghio`        GH_IO binary archives (``.ghuser`` / ``.gh``): read and write
* :mod:`bpcore.build.metadata`    the ``metadata.json`` schema of a bundle, validated
* :mod:`bpcore.build.bundle`      ``gh_components/<Name>/`` (code, metadata, icon): find, read
* :mod:`bpcore.build.layouts`     the GhPython and Rhino 8 script components in GH_IO
* :mod:`bpcore.build.userobject`  one ``.ghuser`` file: build from a bundle, read back
* :mod:`bpcore.build.ghuser`      every bundle -> ``userobjects/``; ``--check``
* :mod:`bpcore.build.icons`       deterministic 24x24 PNG icons for the bundles
* :mod:`bpcore.build.install`     copy the user objects and the runtime package into Rhino
* :mod:`bpcore.build.yak`         a package for Rhino's package manager (Yak)

Command lines: ``python -m bpcore.build.ghuser [--check]``, ``python -m bpcore.install``
(or ``bpcore.build.install``), ``python -m bpcore.build.yak``, ``python -m bpcore.build.icons``.

The runtime package (what components import) never imports this subpackage, and
:func:`bpcore.build.install.package_files` leaves it out of what install and Yak copy.
"""
from __future__ import absolute_import, division, print_function
