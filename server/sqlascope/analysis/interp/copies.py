"""Copies of ORM instances: ``copy.copy`` shares the original's instance state (same session, same attribute
states), while ``copy.deepcopy`` and a pickle round trip give a new object that belongs to no session and keeps
the original's loaded and expired attributes (observed: its lazy loads raise even while the original's session
is open)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..orm.state import Event, Life
from .values import UNKNOWN, InstanceRef, Items, Many, Union, join_values
from .frame import State


@dataclass(frozen=True)
class Serialized:
    """What ``pickle.dumps(value)`` gives: ``pickle.loads`` makes detached copies of ``value``'s instances."""

    value: object


#: qualified function → how it copies: "shared" (same state), "detached" (new object, no session),
#: "serialize" (pickle.dumps), "deserialize" (pickle.loads).
COPY_FUNCTIONS = {
    "copy.copy": "shared",
    "copy.deepcopy": "detached",
    "pickle.dumps": "serialize",
    "pickle.loads": "deserialize",
}


def copy_value(how: str, value, alloc, event: Event, state: State):
    if how == "shared":
        return value
    if how == "serialize":
        return Serialized(value)
    if how == "deserialize":
        return _detached(value.value, alloc, event, state) if isinstance(value, Serialized) else UNKNOWN
    return _detached(value, alloc, event, state)


def _detached(value, alloc, event: Event, state: State, depth: int = 0):
    if depth > 4:
        return UNKNOWN
    if isinstance(value, Union):
        result = None
        for member in value.members:
            copied = _detached(member, alloc, event, state, depth + 1)
            result = copied if result is None else join_values(result, copied)
        return UNKNOWN if result is None else result
    if isinstance(value, Many):
        return Many(_detached(value.element, alloc, event, state, depth + 1), value.kind)
    if isinstance(value, Items):
        return Items(tuple(_detached(item, alloc, event, state, depth + 1) for item in value.items))
    if isinstance(value, InstanceRef) and value.iid in state.heap.instances:
        fact = state.heap.instances[value.iid]
        bound = fact.life & {Life.PERSISTENT, Life.DETACHED, Life.DELETED}
        life = frozenset({Life.DETACHED} if bound else set()) | (fact.life & {Life.TRANSIENT, Life.PENDING})
        iid = alloc(str(value.iid))
        state.heap.instances[iid] = replace(fact, life=life, sessions=frozenset(), history=fact.history | {event},
                                            label=f"copy of {fact.label}")
        return InstanceRef(iid)
    return value
