"""Plain-language descriptions of abstract values, for hover: what the engine knows at a point."""

from __future__ import annotations

from ..orm.models import AttrKind
from ..orm.state import InstanceFact, Life, Load, SessionFact
from .values import Many, members, InstanceRef, SessionRef, Registry

_LIFE_WORDS = {
    Life.TRANSIENT: "transient (not in a session)",
    Life.PENDING: "pending (added, not flushed)",
    Life.PERSISTENT: "persistent",
    Life.DETACHED: "detached",
    Life.DELETED: "deleted",
}


def describe(name: str, value, heap) -> str | None:
    parts = [p for p in (_describe_one(name, m, heap) for m in members(value)) if p]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return "\n\n".join(["depends on the path, one of:", *parts])


def _describe_one(name: str, value, heap) -> str | None:
    if isinstance(value, Many):
        inner = _describe_one(f"{name}[…]", value.element, heap)
        return inner and f"collection; each element: {inner}"
    if isinstance(value, InstanceRef) and value.iid in heap.instances:
        return _instance(name, heap.instances[value.iid], heap)
    if isinstance(value, SessionRef) and value.sid in heap.sessions:
        return _session(name, heap.sessions[value.sid])
    if isinstance(value, Registry):
        sid = heap.registries.get(value.key)
        fact = heap.sessions.get(sid) if sid is not None else None
        return f"`{name}`: scoped session registry (one shared session per thread)" + (
            f" · current session {_session_state(fact)}" if fact else ""
        )
    return None


def _instance(name: str, fact: InstanceFact, heap) -> str:
    life = " or ".join(sorted(_LIFE_WORDS[x] for x in fact.life))
    if Life.PERSISTENT in fact.life:
        sessions = sorted(heap.sessions[s].label for s in fact.sessions if s in heap.sessions)
        if sessions:
            life += f" in session `{sessions[0]}`"
    if Life.DETACHED in fact.life or any(Load.EXPIRED in s for _, s in fact.attrs):
        events = sorted(fact.history, key=lambda e: (e.location.path, e.location.line))
        if events:
            life += " · " + "; ".join(f"{e.message.replace(' here', '')} (line {e.location.line})" for e in events[-2:])
    buckets: dict[str, list[str]] = {"loaded": [], "expired": [], "unloaded": [], "loaded on some paths": []}
    for attr, states in fact.attrs:
        if states == {Load.LOADED}:
            buckets["loaded"].append(attr)
        elif states == {Load.EXPIRED}:
            buckets["expired"].append(attr)
        elif states == {Load.UNLOADED}:
            attribute = fact.cls.attributes[attr]
            kind = "lazy" if attribute.kind is AttrKind.RELATIONSHIP else "deferred"
            buckets["unloaded"].append(f"{attr} ({kind})")
        else:
            buckets["loaded on some paths"].append(attr)
    details = " · ".join(f"{k}: {', '.join(v)}" for k, v in buckets.items() if v)
    flavour = " · AsyncSession: implicit IO raises MissingGreenlet" if fact.is_async and Life.PERSISTENT in fact.life else ""
    return f"`{name}: {fact.cls.name}` · {life} · {details}{flavour}"


def _session_state(fact: SessionFact) -> str:
    closed = {False: "open", True: "closed"}
    state = " or ".join(closed[c] for c in sorted(fact.closed))
    extras = [] if fact.expire_on_commit else ["expire_on_commit=False"]
    if True in fact.in_transaction:
        extras.append("in a transaction" if fact.in_transaction == {True} else "maybe in a transaction")
    if fact.is_async:
        extras.append("async")
    return " · ".join([state, *extras])


def _session(name: str, fact: SessionFact) -> str:
    return f"`{name}`: session `{fact.label}` · {_session_state(fact)}"
