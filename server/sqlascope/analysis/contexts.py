"""``with`` / ``async with``: what entering and leaving each kind of session scope does.

| manager                              | enter gives       | exit does                              |
|--------------------------------------|-------------------|----------------------------------------|
| ``Session(...)`` / ``factory()``     | the session       | close                                  |
| ``factory.begin()``                  | a new session     | commit (rollback on error), then close |
| ``session.begin()``                  | the transaction   | commit (rollback on error)             |
| a ``@contextmanager`` helper         | what it yields    | the helper's code after its ``yield``  |
| an executor                          | the executor      | nothing we track                       |
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from . import lifecycle
from .cfg import WithExit
from .sqla_api import SessionEffect
from .values import UNKNOWN, Context, ContextKind, Executor, SessionRef

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine
    from .evaluator import Evaluator
    from .interpreter import Frame, State


def _slot(stmt: ast.AST, index: int) -> str:
    return f"<entered:{id(stmt)}:{index}>"


class Contexts:
    def __init__(self, engine: "Engine") -> None:
        self.engine = engine

    def enter(self, ev: "Evaluator", frame: "Frame", manager, item: ast.withitem, state: "State"):
        label = ev.text(frame, item.optional_vars) if item.optional_vars is not None else ""
        if isinstance(manager, (SessionRef, Executor)):
            entered = manager
            self.engine.calls.name_session(state, manager, label)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN_NEW:
            entered = self.engine.calls.new_session(ev, frame, manager.target, item.context_expr, state)
            self.engine.calls.name_session(state, entered, label)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN:
            entered = UNKNOWN
        elif isinstance(manager, Context) and manager.kind is ContextKind.GENERATOR:
            entered, resume = self.engine.enter_generator(ev, frame, manager, item.context_expr, state)
            state.env[_slot(item, 0) + ":resume"] = resume
        else:
            entered = UNKNOWN
        state.env[_slot(item, 0)] = entered
        return entered

    def exit(self, ev: "Evaluator", frame: "Frame", manager, node: WithExit, state: "State") -> None:
        item = node.stmt.items[node.item_index]
        entered = state.env.pop(_slot(item, 0), UNKNOWN)
        resume = state.env.pop(_slot(item, 0) + ":resume", None)
        header = ev.text(frame, item.context_expr)
        where = item.context_expr
        if isinstance(manager, SessionRef):
            self._apply(ev, frame, manager.sid, [SessionEffect.CLOSE], where, f"`with {header}` closed the session when its block ended", state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN_NEW and isinstance(entered, SessionRef):
            ending = SessionEffect.ROLLBACK if node.exceptional else SessionEffect.COMMIT
            verb = "rolled back" if node.exceptional else "committed (expiring every attribute)"
            self._apply(ev, frame, entered.sid, [ending, SessionEffect.CLOSE], where,
                        f"`with {header}` {verb} and closed the session when its block ended", state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN and isinstance(manager.target, SessionRef):
            ending = SessionEffect.ROLLBACK if node.exceptional else SessionEffect.COMMIT
            verb = "rolled back" if node.exceptional else "committed (expiring every attribute)"
            self._apply(ev, frame, manager.target.sid, [ending], where, f"`with {header}` {verb} when its block ended", state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.GENERATOR and resume is not None:
            self.engine.exit_generator(ev, frame, resume, node, state)

    def _apply(self, ev, frame, sid, effects, where, message, state) -> None:
        event = ev.event(frame, where, message, effects[0].value)
        for effect in effects:
            lifecycle.SESSION_TRANSITIONS[effect](state.heap, sid, event)

