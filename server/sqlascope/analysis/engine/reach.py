"""The part of the heap a call can reach: what its inputs refer to, and what any code can name without a reference.

A call's outcome depends on that part only, so a summary is run on it, its sessions and instances key the
summary, and the rest of the caller's heap passes the call unchanged. Without this, a fact the callee can never see
(another request's session, an unrelated helper object) made every call a new summary, and the analysis of a large
module re-ran its helpers once per distinct heap. Plain objects are keyed more finely still: by the ones the call
actually looked up or wrote (its footprint, summaries.py), since a widget method reaches the whole widget tree
through parent and focus links but reads a few fields of a few widgets.

What any code can name without a reference:
- the sessions that scoped registries hand out (``Session()``, ``db.session``);
- the sessions joined to a transaction manager (``transaction.commit()`` ends them all);
- the heap's keyed holders (class attributes, module containers, ``flask.g``, reified request attributes, factory
  configurations), that is every object key that is not a constructed object's;
- whatever module bodies allocated, since reading a module-level name copies those facts in.

A reached session reaches every instance it holds (a commit expires them all, a query finds them in the identity
map), and a reached instance reaches its sessions and the related instances read through it.

Most calls never name a registry's session, yet reaching one reaches every instance it holds, so the part of a
large program's heap a call reaches would differ at nearly every call. A call therefore first runs without those
roots (``Frame.without_roots``); if it reads one after all, it runs again with them (summaries.py).
"""

from __future__ import annotations

import dataclasses
from typing import Hashable

from ..interp.references import References
from ..interp.values import ObjectFact
from ..orm.state import Heap, ObjectFacts, reached_through

#: the context of module-level allocations (``Frame.alloc`` keys start with the frame's context)
_MODULE_CONTEXT = ("module",)
#: the tag ``Frame.alloc`` gives a constructed plain object: reached only through an ``ObjectRef``
_CONSTRUCTED = "object"


@dataclasses.dataclass
class Reached:
    sessions: set = dataclasses.field(default_factory=set)
    instances: set = dataclasses.field(default_factory=set)
    objects: set = dataclasses.field(default_factory=set)


def reachable(heap: Heap, inputs, references: References, roots: bool = True, beyond: Reached | None = None,
              strong: bool = False) -> Reached:
    """The ids of ``heap`` that code given ``inputs`` (an iterable of values) can reach; without ``roots``, the
    sessions any code can name (registries', transaction-joined) only when the inputs lead to them. ``beyond``: a
    reach already walked (closed under the edges below), extended rather than walked again. ``strong``: only what
    the inputs keep alive; an instance refers to its session weakly (SQLAlchemy keeps a session id, not the
    session), so it does not lead to it."""
    reached = Reached(set(beyond.sessions), set(beyond.instances), set(beyond.objects)) if beyond else Reached()
    sessions: list = [sid for sid in heap.registries.values()] if roots else []
    sessions += [sid for sid, fact in heap.sessions.items() if roots and fact.joined or _module_made(sid)]
    instances: list = [iid for iid in heap.instances if _module_made(iid)]
    objects: list = [key for key in heap.objects if not _constructed(key) or _module_made(key)]
    for value in inputs:
        s, i, o = references.of(value)
        sessions += s
        instances += i
        objects += o
    held: dict | None = None  # session id → the instances it holds, built when a session is first reached
    children = _children(heap)
    while sessions or instances or objects:
        while sessions:
            sid = sessions.pop()
            if sid in reached.sessions:
                continue
            reached.sessions.add(sid)
            if held is None:
                held = {}
                for iid, fact in heap.instances.items():
                    for owner in fact.sessions:
                        held.setdefault(owner, []).append(iid)
            instances += held.get(sid, ())
        while instances:
            iid = instances.pop()
            if iid in reached.instances:
                continue
            reached.instances.add(iid)
            instances += children.get(iid, ())
            fact = heap.instances.get(iid)
            if fact is not None:
                instances += fact.cascades_to  # adding it adds them
                if not strong:
                    sessions += fact.sessions
        while objects:
            oid = objects.pop()
            if oid in reached.objects:
                continue
            reached.objects.add(oid)
            fact = dict.get(heap.objects, oid)  # bookkeeping: not noted in a footprint (orm/state.ObjectFacts)
            if isinstance(fact, ObjectFact):
                for _name, value in fact.fields:
                    s, i, o = references.of(value)
                    sessions += s
                    instances += i
                    objects += o
    return reached


def restricted(heap: Heap, reached: Reached) -> Heap:
    """The facts of ``heap`` that ``reached`` names (and every registry and table)."""
    return Heap(
        {k: heap.sessions[k] for k in reached.sessions if k in heap.sessions},
        {k: heap.instances[k] for k in reached.instances if k in heap.instances},
        dict(heap.registries),
        {k: dict.__getitem__(heap.objects, k) for k in reached.objects if dict.__contains__(heap.objects, k)},
        dict(heap.tables),
    )


def replaced(heap: Heap, reached: Reached, outcome: Heap) -> Heap:
    """``heap`` after a call that ran on its ``reached`` part and left ``outcome``: the unreached sessions and
    instances as they were, and the call's (those it changed, made or dropped) for the rest. The plain objects
    are ``heap``'s: the caller applies the call's changes to them (summaries.py keeps only those)."""
    return Heap(
        {**{k: v for k, v in heap.sessions.items() if k not in reached.sessions}, **outcome.sessions},
        {**{k: v for k, v in heap.instances.items() if k not in reached.instances}, **outcome.instances},
        dict(outcome.registries),
        ObjectFacts(heap.objects),
        dict(outcome.tables),
    )


def _children(heap: Heap) -> dict:
    """Instance id → the ids of the related instances read through its relationships (``(parent id, name)``, as
    interp/attributes.py names them): reading ``parent.rel`` again finds them."""
    children: dict = {}
    for iid in heap.instances:
        through = reached_through(iid)
        if through is not None:
            children.setdefault(through[0], []).append(iid)
    return children


def _module_made(key: Hashable) -> bool:
    return isinstance(key, tuple) and bool(key) and key[0] == _MODULE_CONTEXT


def _constructed(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) == 5 and key[-1] == _CONSTRUCTED
