"""``with`` / ``async with``: what entering and leaving each kind of session scope does.

| manager                              | enter gives       | exit does                              |
|--------------------------------------|-------------------|----------------------------------------|
| ``Session(...)`` / ``factory()``     | the session       | close                                  |
| ``factory.begin()``                  | a new session     | commit (rollback on error), then close |
| ``session.begin()``                  | the transaction   | commit (rollback on error)             |
| ``session.begin_nested()``           | the savepoint     | release it (roll it back on error)     |
| a ``@contextmanager`` helper         | what it yields    | the helper's code after its ``yield``  |
| an executor                          | the executor      | nothing we track                       |
| an object with ``__enter__``/``__exit__`` (or the async pair) | what ``__enter__`` returns | its ``__exit__`` |
| Flask ``app.app_context()`` & co.    | nothing           | removes ``db.session`` (closing it), drops ``g`` |
| a transaction manager (``request.tm``) | the transaction | commits (aborts on error) the sessions joined to it |

A Flask app context scopes Flask-SQLAlchemy's session: entering one gives ``db.session`` a fresh session (an
enclosing context's session is untouched), and its exit closes that session, then restores the outer one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..orm import lifecycle
from ..orm.sqla_api import SessionEffect
from .calls import FLASK_REGISTRY, Calls
from .frame import Frame, State
from .graph import WithExit
from .holders import FLASK_G
from .host import Evaluating, Host
from .values import (
    UNKNOWN,
    BoundMethod,
    Const,
    Context,
    ContextKind,
    Executor,
    Function,
    Items,
    ObjectRef,
    Savepoint,
    SessionRef,
    TransactionManager,
    members,
    ordering_key,
)


def _slot(stmt: ast.AST, index: int) -> str:
    return f"<entered:{id(stmt)}:{index}>"


#: ``ExitStack`` methods that enter a context manager now, for the stack to leave later
_STACK_ENTERS = {"enter_context": False, "enter_async_context": True}
#: ``ExitStack`` methods that leave everything entered so far
_STACK_CLOSES = {"close", "aclose"}


@dataclass(frozen=True)
class _Stacked:
    """A context manager an ``ExitStack`` entered: its manager, the ``with`` item standing for the entry, and
    whether it was entered asynchronously."""

    manager: object
    item: ast.withitem
    is_async: bool


def _stack_slot(stack: Context) -> str:
    return f"<exit-stack:{stack.target}>"


def _stack_item(call: ast.Call) -> ast.withitem:
    """The ``with`` item an ``enter_context(cm)`` call stands for: one per call, so its slots persist across passes.
    It is kept on the call, and marked so that ``_is_stacked`` tells it from a real ``with`` item."""
    item = getattr(call, "_sqlascope_stack_item", None)
    if item is None:
        item = ast.withitem(context_expr=call.args[0], optional_vars=None)
        item._sqlascope_stacked = True  # type: ignore[attr-defined]
        call._sqlascope_stack_item = item  # type: ignore[attr-defined]
    return item


def _is_stacked(item: ast.withitem) -> bool:
    return getattr(item, "_sqlascope_stacked", False)


class Contexts:
    def __init__(self, engine: Host, calls: Calls) -> None:
        self.engine = engine
        self.calls = calls

    def enter(self, ev: Evaluating, frame: Frame, manager, item: ast.withitem, state: State,
              stmt: ast.AST | None = None):
        label = ev.text(frame, item.optional_vars) if item.optional_vars is not None else ""
        if isinstance(manager, (SessionRef, Executor)):
            entered = manager
            self.calls.name_session(state, manager, label)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN_NEW:
            entered = self.calls.new_session(ev, frame, manager.target, item.context_expr, state)
            self.calls.name_session(state, entered, label)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN:
            entered = UNKNOWN
        elif isinstance(manager, Savepoint):
            entered = manager
        elif isinstance(manager, Context) and manager.kind is ContextKind.GENERATOR:
            entered, resume = self.engine.enter_generator(ev, frame, manager, item.context_expr, state)
            state.env[_slot(item, 0) + ":resume"] = resume
        elif isinstance(manager, Context) and manager.kind is ContextKind.APP_CONTEXT:
            state.env[_slot(item, 0) + ":saved"] = self._push_app_context(frame, item.context_expr, state)
            entered = UNKNOWN
        elif isinstance(manager, Context) and manager.kind is ContextKind.EXIT_STACK:
            entered = manager
        elif isinstance(manager, ObjectRef):
            is_async = isinstance(stmt, ast.AsyncWith)
            entered = self._call_dunder(ev, frame, manager, "__aenter__" if is_async else "__enter__", [],
                                        item.context_expr, state)
        else:
            entered = UNKNOWN
        state.env[_slot(item, 0)] = entered
        return entered

    def exit(self, ev: Evaluating, frame: Frame, manager, node: WithExit, state: State) -> None:
        item = node.stmt.items[node.item_index]
        entered = state.env.pop(_slot(item, 0), UNKNOWN)
        resume = state.env.pop(_slot(item, 0) + ":resume", None)
        header = ev.text(frame, item.context_expr)
        where = item.context_expr
        # who ends it, and when: a `with` block, or an ExitStack leaving what it entered
        who, when = ((f"the exit stack that entered `{header}`", "when the stack closed") if _is_stacked(item)
                     else (f"`with {header}`", "when its block ended"))
        if isinstance(manager, SessionRef):
            self._apply(ev, frame, manager.sid, [SessionEffect.CLOSE], where, f"{who} closed the session {when}", state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN_NEW and isinstance(entered, SessionRef):
            ending = SessionEffect.ROLLBACK if node.exceptional else SessionEffect.COMMIT
            verb = "rolled back" if node.exceptional else "committed (expiring every attribute)"
            self._apply(ev, frame, entered.sid, [ending, SessionEffect.CLOSE], where,
                        f"{who} {verb} and closed the session {when}", state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.BEGIN and isinstance(manager.target, SessionRef):
            ending = SessionEffect.ROLLBACK if node.exceptional else SessionEffect.COMMIT
            verb = "rolled back" if node.exceptional else "committed (expiring every attribute)"
            self._apply(ev, frame, manager.target.sid, [ending], where, f"{who} {verb} {when}", state)
        elif isinstance(manager, Savepoint):
            ending = SessionEffect.SAVEPOINT_ROLLBACK if node.exceptional else SessionEffect.SAVEPOINT_RELEASE
            verb = "rolled back the savepoint (expiring what changed inside it)" if node.exceptional else "released the savepoint"
            self.calls.end_savepoint(ev, frame, manager, ending, where, state, f"{who} {verb} {when}")
        elif isinstance(manager, Context) and manager.kind is ContextKind.GENERATOR and resume is not None:
            self.engine.exit_generator(ev, frame, resume, node, state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.APP_CONTEXT:
            saved = state.env.pop(_slot(item, 0) + ":saved", None)
            self._pop_app_context(ev, frame, where, header, saved, state)
        elif isinstance(manager, TransactionManager):
            ev.transactions.end(ev, frame, manager.key, "abort" if node.exceptional else "commit", where, state)
        elif isinstance(manager, Context) and manager.kind is ContextKind.EXIT_STACK:
            self._unwind(ev, frame, manager, node.exceptional, state)
        elif isinstance(manager, ObjectRef):
            exc = [UNKNOWN] * 3 if node.exceptional else [Const(None)] * 3
            name = "__aexit__" if isinstance(node.stmt, ast.AsyncWith) else "__exit__"
            self._call_dunder(ev, frame, manager, name, exc, where, state)

    def stack_method(self, ev: Evaluating, frame: Frame, stack: Context, name: str, args: list, node: ast.Call,
                     state: State):
        """``stack.enter_context(cm)`` enters ``cm`` now and gives what it gives; the stack's exit (or
        ``stack.close()``) leaves every manager it entered, last entered first."""
        if name in _STACK_ENTERS and args and node.args:
            item = _stack_item(node)
            entered = self.enter(ev, frame, args[0], item, state)
            slot = _stack_slot(stack)
            held = state.env.get(slot)
            before = held.items if isinstance(held, Items) else ()
            state.env[slot] = Items((*before, _Stacked(args[0], item, _STACK_ENTERS[name])))
            return entered
        if name in _STACK_CLOSES:
            self._unwind(ev, frame, stack, False, state)
            return Const(None)
        return UNKNOWN

    def _unwind(self, ev: Evaluating, frame: Frame, stack: Context, exceptional: bool, state: State) -> None:
        """Leave what ``stack`` entered, last first, as each one's own ``with`` would."""
        held = state.env.pop(_stack_slot(stack), None)
        entries: list[_Stacked] = []  # every path's entries, in order, each once
        for member in members(held) if held is not None else ():
            for entry in member.items if isinstance(member, Items) else ():
                if entry not in entries:
                    entries.append(entry)
        for entry in reversed(entries):
            statement = (ast.AsyncWith if entry.is_async else ast.With)(items=[entry.item], body=[])
            self.exit(ev, frame, entry.manager, WithExit(statement, 0, exceptional), state)

    def _call_dunder(self, ev, frame, manager: ObjectRef, name: str, args: list, where, state):
        """A class-based context manager: run its ``__enter__``/``__exit__`` (found on its class) as a call."""
        method = ev.object_attribute(manager, name, state)
        if isinstance(method, BoundMethod) and isinstance(method.function, Function):
            return self.engine.call(ev, frame, method.function, [manager, *args], {}, where, state)
        if isinstance(method, Function):  # a @staticmethod: called without the manager
            return self.engine.call(ev, frame, method, args, {}, where, state)
        return UNKNOWN

    def _push_app_context(self, frame, where, state) -> tuple:
        """Entering an app context: each Flask-SQLAlchemy registry hands out a new session; ``g`` starts empty."""
        saved = tuple(sorted(((k, v) for k, v in state.heap.registries.items() if _is_flask(k)), key=ordering_key))
        for key, _sid in saved:
            state.heap.registries[key] = (key, frame.alloc(where, "app-context"))
        g = state.heap.objects.pop(FLASK_G, None)
        return saved, g

    def _pop_app_context(self, ev, frame, where, header, saved, state) -> None:
        """Leaving it: Flask-SQLAlchemy's teardown calls ``db.session.remove()``; then the outer context is back."""
        frame.needs_roots()
        outer, g = saved if saved is not None else ((), None)
        event = ev.event(frame, where, f"`with {header}` removed `db.session` when the app context ended", "close")
        restore = dict(outer)
        for key, sid in list(state.heap.registries.items()):
            if not _is_flask(key):
                continue
            if sid in state.heap.sessions:
                lifecycle.close(state.heap, sid, event)
            state.heap.registries[key] = restore.get(key, (key, frame.alloc(where, "after-app-context")))
        state.heap.objects.pop(FLASK_G, None)
        if g is not None:
            state.heap.objects[FLASK_G] = g

    def _apply(self, ev, frame, sid, effects, where, message, state) -> None:
        event = ev.event(frame, where, message, effects[0].value)
        for effect in effects:
            lifecycle.transaction_effect(state.heap, sid, effect)
            self.calls.transition(ev, frame, sid, effect, event, where, state)


def _is_flask(registry_key) -> bool:
    return isinstance(registry_key, tuple) and bool(registry_key) and registry_key[-1] == FLASK_REGISTRY

