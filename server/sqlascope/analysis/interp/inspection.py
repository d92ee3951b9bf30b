"""Runtime inspection of an instance: ``object_session(obj)`` and ``inspect(obj)``, answered from the instance's fact."""

from __future__ import annotations

from ..orm import lifecycle
from .frame import State
from .values import UNKNOWN, Const, InspectedState, InstanceRef, SessionRef, join_all, map_members


def owning_session(value, state: State):
    """``object_session(obj)``: per possibility, the session holding ``obj`` or None (``lifecycle.IN_A_SESSION``)."""

    def of(member):
        fact = state.heap.instances.get(member.iid) if isinstance(member, InstanceRef) else None
        if fact is None:
            return UNKNOWN
        held = [SessionRef(sid) for sid in fact.sessions] if fact.life & lifecycle.IN_A_SESSION else []
        free = [Const(None)] if fact.life - lifecycle.IN_A_SESSION else []
        return join_all(held + free)

    return map_members(value, of)


def inspected(value):
    """``inspect(obj)``: the state of each instance ``obj`` may be; anything else is not modelled."""
    return map_members(value, lambda m: InspectedState(m.iid) if isinstance(m, InstanceRef) else UNKNOWN)


def state_attribute(inspected_state: InspectedState, name: str, state: State):
    """``inspect(obj).<name>``: a state flag (``lifecycle.STATE_FLAGS``), ``session`` or ``object``."""
    fact = state.heap.instances.get(inspected_state.iid)
    if fact is None:
        return UNKNOWN
    if name in lifecycle.STATE_FLAGS:
        return join_all([Const(flag) for flag in sorted(lifecycle.state_flag(fact, name))])
    if name == "session":
        return owning_session(InstanceRef(inspected_state.iid), state)
    if name == "object":
        return InstanceRef(inspected_state.iid)
    return UNKNOWN
