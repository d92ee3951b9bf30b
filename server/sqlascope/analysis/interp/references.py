"""Heap references inside abstract values: the sessions, instances and plain objects a value refers to."""

from __future__ import annotations

import ast
import dataclasses

from ..findings import Location
from ..orm.models import MappedClass
from .values import AwaitableAttrs, InspectedState, InstanceRef, Loop, ObjectRef, Query, Savepoint, SessionRef

#: what holds no heap reference, however deep: not walked
_OPAQUE = (str, int, float, bool, bytes, type(None), ast.AST, MappedClass, Location)


class References:
    """Heap references inside abstract values, memoised per value (values are immutable)."""

    _LIMIT = 200_000

    def __init__(self) -> None:
        self._memo: dict = {}

    def of(self, value) -> tuple[frozenset, frozenset, frozenset]:
        """(session ids, instance ids, object ids) that ``value`` refers to."""
        try:
            return self._memo[value]
        except KeyError:
            pass
        except TypeError:  # an unhashable part: walk it every time
            return self._walk(value)
        found = self._walk(value)
        if len(self._memo) >= self._LIMIT:
            self._memo.clear()
        self._memo[value] = found
        return found

    def _walk(self, value) -> tuple[frozenset, frozenset, frozenset]:
        sessions: set = set()
        instances: set = set()
        objects: set = set()
        stack = [value]
        seen: set[int] = set()
        while stack:
            item = stack.pop()
            if isinstance(item, _OPAQUE) or id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, (SessionRef, Savepoint)):
                sessions.add(item.sid)
            elif isinstance(item, (InstanceRef, AwaitableAttrs, InspectedState)):
                instances.add(item.iid)
            elif isinstance(item, ObjectRef):
                objects.add(item.oid)
            elif isinstance(item, Loop):
                instances.update(item.iids)
            elif isinstance(item, Query):
                if item.session is not None:
                    sessions.add(item.session)
            elif isinstance(item, (tuple, list, frozenset, set)):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        return frozenset(sessions), frozenset(instances), frozenset(objects)
