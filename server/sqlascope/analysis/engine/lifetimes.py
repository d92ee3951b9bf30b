"""When a session stops existing without close(): the last reference to it goes (reference counting frees one with
no transaction under way at once; one with a transaction waits in a reference cycle for the garbage collector).
Its instances are then detached, as close() would leave them (observed). An instance keeps only its session's id,
not the session, so it does not keep the session alive.

Two points are sure to see every reference: a call's return, for the sessions the call made (only what it returns,
its arguments and closure, and what any code can name can still refer to them); and each statement of an analysis
root, for the sessions made since it began (its callers are unknown, so nothing outside it refers to them).
"""

from __future__ import annotations

import ast

from ..interp.frame import Frame, State
from ..interp.values import Function
from ..orm import lifecycle
from ..orm.state import Event, Heap
from .reach import reachable


class Lifetimes:
    """Freeing sessions nothing refers to (a mixin of ``Engine``)."""

    def free_at_return(self, outcome: Heap, before: Heap, kept: tuple, path: str, function: Function,
                       node: ast.AST) -> Heap:
        """``outcome`` (a call's heap) with the sessions the call made that ``kept`` does not keep alive freed."""
        made = [sid for sid in outcome.sessions if sid not in before.sessions]
        gone = self._unreferenced(outcome, made, kept)
        if not gone:
            return outcome
        outcome = outcome.copy()
        name = getattr(function.node, "name", "the call")
        self._free(outcome, gone, path, node, f"once `{name}()` returned")
        return outcome

    def free_dropped(self, frame: Frame, node: ast.AST, state: State) -> None:
        """After a statement of an analysis root: the sessions its code made that no variable refers to any more."""
        weakly_bound = lifecycle.weakly_bound_sessions(state.heap)  # a closed session still has these to detach
        made = [sid for sid, fact in state.heap.sessions.items()
                if (fact.closed != {True} or sid in weakly_bound) and fact.unreferenced != {True}
                and not lifecycle.is_declared(sid)]
        gone = self._unreferenced(state.heap, made, tuple(state.env.values()))
        if gone:
            self._free(state.heap, gone, frame.path, node, "after this statement")

    def _unreferenced(self, heap: Heap, sessions: list, kept: tuple) -> list:
        if not sessions:
            return []
        alive = reachable(heap, kept, self.references, strong=True).sessions
        return [sid for sid in sessions if sid not in alive]

    def _free(self, heap: Heap, sessions: list, path: str, node: ast.AST, when: str) -> None:
        labels = ", ".join(sorted(f"`{heap.sessions[sid].label}`" for sid in sessions))
        message = f"session {labels} was freed here: nothing referred to it {when}"
        lifecycle.freed(heap, sessions, Event(self.location(path, node), message, "freed"))
