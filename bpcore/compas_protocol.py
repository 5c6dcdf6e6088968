"""The COMPAS 2 data protocol without importing COMPAS.

``compas.json_dump`` / ``json_dumps`` (its ``DataEncoder``) serialise any object that has
``__jsondump__(minimal)``; ``compas.json_load`` (its ``DataDecoder``) turns every JSON object
with a ``"dtype": "package.module/Class"`` key back into ``Class.__jsonload__(data, guid,
name)``. COMPAS's own ``Data`` classes implement these through ``__data__`` and
``__from_data__``; :class:`DataProtocol` does the same for bpcore's classes from their
``to_data()`` / ``from_data()``, so a network or a training history travels through COMPAS
JSON (``{"dtype": "bpcore.network/Network", "data": {...}}``) while bpcore itself never
imports COMPAS. The model JSON of :mod:`bpcore.model_io` stays the canonical file format;
the ``data`` here is the same dict as its ``network``.
"""
from __future__ import absolute_import, division, print_function

__all__ = ['DataProtocol']


class DataProtocol(object):
    """Mixin: COMPAS's ``__data__``/``__from_data__``/``__dtype__``/``__jsondump__``/
    ``__jsonload__`` from a class's ``to_data()`` and ``from_data(data)``."""

    __slots__ = ()

    @property
    def __data__(self):
        return self.to_data()

    @classmethod
    def __from_data__(cls, data):
        return cls.from_data(data)

    @property
    def __dtype__(self):
        """``'module/Class'``: what COMPAS's decoder imports to rebuild the object."""
        return '%s/%s' % (type(self).__module__, type(self).__name__)

    def __jsondump__(self, minimal=False):
        return {'dtype': self.__dtype__, 'data': self.__data__}

    @classmethod
    def __jsonload__(cls, data, guid=None, name=None):
        return cls.__from_data__(data)
