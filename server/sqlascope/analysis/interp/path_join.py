"""Where two paths join: an instance that one path can no longer name keeps the other path's fact.

A heap joins fact by fact, so an object this call made takes every path's fact, also from a path that dropped it:

    user = User(name=name); s.add(user)
    try:
        s.commit()
    except IntegrityError:
        s.rollback()
        user = s.scalars(select(User).where(User.name == name)).one()
    print(user.name)

After the try, the first ``User`` is pending-then-transient on the except path, where nothing names it any more,
and committed on the other. Joined, the read would see a transient possibility that no run has. Only what a path
can still reach reads its fact later, so an object of this call that one path no longer refers to (from its
variables, the objects and containers it keeps, or a related instance it still holds) keeps the other path's
fact. Where the paths return, only the returned value is still read: the call's variables are gone. Objects the
caller or a resumed generator might hold are not this call's alone, so only instances this very call made are kept
apart, and not in generator functions, whose caller holds what they yielded.
"""

from __future__ import annotations

from ..orm.state import reached_through
from .frame import Frame, State
from .references import References
from .values import is_generator_function


def join_paths(frame: Frame, old: State, new: State, references: References, live: frozenset | None = None) -> State:
    """``old`` joined with ``new``; ``live``: the only variables still read from here on (None: all of them)."""
    joined = old.join(new)
    apart = [iid for iid, fact in new.heap.instances.items()
             if _made_by(frame, iid) and old.heap.instances.get(iid, fact) != fact]
    if not apart or is_generator_function(frame.code):
        return joined
    named_by_old, named_by_new = _named(old, references, live), _named(new, references, live)
    for iid in apart:
        if iid in named_by_old and iid not in named_by_new:
            joined.heap.instances[iid] = old.heap.instances[iid]
        elif iid in named_by_new and iid not in named_by_old:
            joined.heap.instances[iid] = new.heap.instances[iid]
    return joined


def _made_by(frame: Frame, iid) -> bool:
    """Allocated by this call (``Frame.alloc``): no caller can hold it yet."""
    return isinstance(iid, tuple) and len(iid) == 5 and iid[0] == frame.context and iid[1] == frame.path


def _named(state: State, references: References, live: frozenset | None) -> set:
    """The instances the path refers to: from its variables and from any plain object's fields (bookkeeping
    reads, see ``orm.state.ObjectFacts``), with the parents of the related instances among them (reading
    ``child.parent`` gives the parent back)."""
    named: set = set()
    values = [value for name, value in state.env.items() if live is None or name in live]
    for fact in dict.values(state.heap.objects):
        values.extend(value for _name, value in getattr(fact, "fields", ()))
    for value in values:
        named.update(references.of(value)[1])
    for iid in list(named):
        while (through := reached_through(iid)) is not None:
            iid = through[0]
            named.add(iid)
    todo = list(named)
    while todo:  # what a named instance's add() cascades to is still part of the path
        fact = state.heap.instances.get(todo.pop())
        for other in fact.cascades_to if fact is not None else ():
            if other not in named:
                named.add(other)
                todo.append(other)
    return named
