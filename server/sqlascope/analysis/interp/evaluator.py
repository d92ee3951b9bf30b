"""Abstract evaluation of statements: the Evaluator applies one CFG node to a state.

``Evaluator.execute`` applies one CFG node to a state; ``value`` (expressions.py) evaluates an expression (with
its effects) to an abstract value, with attribute reads in attributes.py and call expressions in call_sites.py.
SQLAlchemy knowledge comes from ``sqla_api`` tables and ``lifecycle`` transitions; the evaluator only routes
values to them.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Callable

from ..findings import Location
from ..orm import lifecycle
from ..orm.sqla_api import Construct, construct_of
from ..orm.state import Event
from ..report.issues import Issue
from . import graph as C
from .attributes import Attributes
from .call_sites import CallSites
from .calls import Calls
from .contexts import Contexts
from .expressions import Expressions
from .frame import RETURN_SLOT, Frame, State, bind, element_of
from .frameworks import Frameworks
from .holders import Holders
from .host import Host
from .request_methods import RequestAttributes
from .transactions import Transactions
from .values import (
    UNKNOWN,
    BoundMethod,
    ClassRef,
    Const,
    ExternalValue,
    Factory,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    ObjectRef,
    Query,
    Registry,
    SessionRef,
    Union,
    members,
)


class Evaluator(Expressions, Attributes, CallSites):
    """Statements (CFG nodes) applied to a state; expressions, attributes and calls come from the mixins."""

    def __init__(self, engine: Host) -> None:
        self.engine = engine
        self.frameworks = Frameworks(engine)
        self.holders = Holders(engine)
        self.calls = Calls(engine, self.frameworks)
        self.contexts = Contexts(engine, self.calls)
        self.transactions = Transactions(self.calls)
        self.request_attributes = RequestAttributes(engine)

    # == statements ======================================================================================
    def execute(self, frame: Frame, node: C.CfgNode, state: State) -> None:
        handler = self._NODE_HANDLERS.get(type(node))
        if handler is not None:
            handler(self, frame, node, state)

    def _simple(self, frame: Frame, node: C.Simple, state: State) -> None:
        stmt = node.stmt
        if isinstance(stmt, ast.Assign):
            value = self.value(frame, stmt.value, state)
            for target in stmt.targets:
                self._assign(frame, target, value, state, stmt.value)
                if isinstance(target, ast.Name):
                    self.calls.name_session(state, value, target.id)
                    if frame.probe is not None and frame.reporting:
                        self.record_probe(frame, target, value, state)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self._assign(frame, stmt.target, self.value(frame, stmt.value, state), state, stmt.value)
        elif isinstance(stmt, ast.AugAssign):
            self.value(frame, stmt.value, state)
            self.value(frame, stmt.target, state)
            if isinstance(stmt.target, ast.Attribute):
                self._attribute_store(frame, stmt.target, UNKNOWN, state)
        elif isinstance(stmt, ast.Expr):
            self._expression_statement(frame, stmt.value, state)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(frame.code, ast.Module):
                closure = ()  # module-level names are globals, resolved when the function runs
            else:
                free = _referenced_names(stmt)
                closure = tuple(sorted(((k, v) for k, v in state.env.items() if k in free), key=lambda kv: kv[0]))
            state.env[stmt.name] = self.engine.decorate(frame.path, stmt, closure)
        elif isinstance(stmt, ast.ClassDef):
            state.env[stmt.name] = UNKNOWN
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                if alias.name != "*":
                    local = alias.asname or alias.name.split(".")[0]
                    state.env[local] = self.engine.import_value(frame.path, stmt, alias)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    state.env.pop(target.id, None)
        elif isinstance(stmt, ast.Assert):
            self.value(frame, stmt.test, state)

    def _assign(self, frame: Frame, target: ast.expr, value, state: State, source: ast.AST | None = None) -> None:
        if isinstance(target, ast.Attribute):
            self._attribute_store(frame, target, value, state, source)
        elif isinstance(target, ast.Subscript):
            container = self.value(frame, target.value, state)
            key = self.value(frame, target.slice, state)
            if isinstance(container, Keyed) and isinstance(target.value, ast.Name) and isinstance(key, Const):
                state.env[target.value.id] = container.with_item(str(key.value), value)
            if any(isinstance(m, Many) and m.kind in ("dict", "set") for m in members(container)):
                self.implicit_call(frame, key, "__hash__", target, state)
            self._container_store(frame, target.value, value, target, state, source)
        else:
            bind(frame, target, value, state)

    def _container_store(self, frame: Frame, container: ast.expr, stored, node: ast.AST, state: State,
                         source: ast.AST | None = None) -> None:
        """``G[k] = v`` / ``G.append(v)`` on a module-level container ``G``: tracked, and warned about."""
        if isinstance(container, ast.Name) and container.id not in state.env:
            key = self.holders.container_key(frame.path, container.id)
            if key is not None:
                self.holders.global_store(self, frame, key, container.id, stored, node, source or node, state)

    def _attribute_store(self, frame: Frame, target: ast.Attribute, value, state: State,
                         source: ast.AST | None = None) -> None:
        """``obj.attr = value`` sets the attribute: it is loaded from then on, whatever its state."""
        source = source if source is not None else target
        for member in members(self.value(frame, target.value, state)):
            if isinstance(member, ClassRef) and member.mapped is None:
                self.holders.class_store(self, frame, member, target.attr, value, target, source, state)
            elif isinstance(member, ExternalValue) and construct_of(member.qualified) is Construct.FLASK_G:
                self.holders.g_store(self, frame, target.attr, value, target, source, state)
            elif isinstance(member, ObjectRef) and member.oid in state.heap.objects:
                if isinstance(target.value, ast.Name) and target.value.id == "self":
                    self.holders.self_store(self, frame, target.attr, value, target, source, state)
                state.heap.objects[member.oid] = state.heap.objects[member.oid].with_field(target.attr, value)
            elif isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                fact = state.heap.instances[member.iid]
                if fact.attr(target.attr):
                    state.heap.instances[member.iid] = lifecycle.after_read(fact, target.attr)

    def _expression_statement(self, frame: Frame, expr: ast.expr, state: State) -> None:
        value = self.value(frame, expr, state)
        call = expr.value if isinstance(expr, ast.Await) else expr
        # `session.merge(obj)` on its own line: the attached copy is thrown away and `obj` stays as it was.
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "merge" and call.args:
            if isinstance(value, InstanceRef) or any(isinstance(m, InstanceRef) for m in members(value)):
                event = Event(self.location(frame, call), f"`{self.text(frame, call)}` returned an attached copy that was discarded")
                for member in members(self.value(frame, call.args[0], state, quiet=True)):
                    if isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                        fact = state.heap.instances[member.iid]
                        state.heap.instances[member.iid] = replace(fact, merge_discarded=fact.merge_discarded | {event})

    def _test(self, frame: Frame, node: C.Test, state: State) -> None:
        frame.truth = self.condition(frame, node.expr, state)

    def condition(self, frame: Frame, expr: ast.expr, state: State) -> bool | None:
        """Evaluate a condition; its truth when the abstract values decide it, else None (both branches)."""
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
            inner = self.condition(frame, expr.operand, state)
            return None if inner is None else not inner
        if isinstance(expr, ast.BoolOp):
            results = [self.condition(frame, v, state) for v in expr.values]
            if isinstance(expr.op, ast.And):
                return False if False in results else (True if all(r is True for r in results) else None)
            return True if True in results else (False if all(r is False for r in results) else None)
        if (isinstance(expr, ast.Compare) and len(expr.ops) == 1 and isinstance(expr.ops[0], (ast.Is, ast.IsNot))
                and isinstance(expr.comparators[0], ast.Constant) and expr.comparators[0].value is None):
            is_none = _is_none(self.value(frame, expr.left, state))
            if is_none is None:
                return None
            return is_none if isinstance(expr.ops[0], ast.Is) else not is_none
        return _truthy(self.value(frame, expr, state))

    def _for_iter(self, frame: Frame, node: C.ForIter, state: State) -> None:
        state.env[f"<iter:{id(node.stmt)}>"] = self.iterable(frame, self.value(frame, node.stmt.iter, state), node.stmt.iter, state)

    def iterable(self, frame: Frame, value, node: ast.AST, state: State):
        """Iterating an executed query yields its instances (or rows)."""
        if isinstance(value, Query) and value.executed:
            instance = self.calls.materialize(self, frame, value, node, state)
            return Many(Items((instance,)) if value.rows else instance)
        return value

    def _for_bind(self, frame: Frame, node: C.ForBind, state: State) -> None:
        iterable = state.env.get(f"<iter:{id(node.stmt)}>", UNKNOWN)
        bind(frame, node.stmt.target, element_of(iterable), state)

    def _with_enter(self, frame: Frame, node: C.WithEnter, state: State) -> None:
        item = node.stmt.items[node.item_index]
        manager = self.value(frame, item.context_expr, state)
        entered = self.contexts.enter(self, frame, manager, item, state, node.stmt)
        state.env[f"<with:{id(node.stmt)}:{node.item_index}>"] = manager
        if item.optional_vars is not None:
            bind(frame, item.optional_vars, entered, state)

    def _with_exit(self, frame: Frame, node: C.WithExit, state: State) -> None:
        manager = state.env.pop(f"<with:{id(node.stmt)}:{node.item_index}>", UNKNOWN)
        self.contexts.exit(self, frame, manager, node, state)

    def _return(self, frame: Frame, node: C.Return, state: State) -> None:
        value = self.value(frame, node.stmt.value, state) if node.stmt.value is not None else Const(None)
        state.env[RETURN_SLOT] = value
        if node.stmt.value is not None:
            self.holders.cached_return(self, frame, value, node.stmt, node.stmt.value, state)

    def _params(self, frame: Frame, node: C.Params, state: State) -> None:
        self.frameworks.inject_parameters(self, frame, node.function, state)

    def _raise(self, frame: Frame, node: C.Raise, state: State) -> None:
        if node.stmt.exc is not None:
            self.value(frame, node.stmt.exc, state)

    def _handler(self, frame: Frame, node: C.Handler, state: State) -> None:
        if node.handler.name:
            state.env[node.handler.name] = UNKNOWN

    def _match_subject(self, frame: Frame, node: C.MatchSubject, state: State) -> None:
        state.env[f"<match:{id(node.stmt.subject)}>"] = self.value(frame, node.stmt.subject, state)

    def _match_case(self, frame: Frame, node: C.MatchCase, state: State) -> None:
        subject = state.env.get(f"<match:{id(node.subject)}>", UNKNOWN)
        for pattern in ast.walk(node.case.pattern):
            name = getattr(pattern, "name", None)
            if isinstance(name, str):
                state.env[name] = subject if isinstance(pattern, ast.MatchAs) else UNKNOWN

    _NODE_HANDLERS: dict[type, Callable] = {
        C.Simple: _simple,
        C.Test: _test,
        C.ForIter: _for_iter,
        C.ForBind: _for_bind,
        C.WithEnter: _with_enter,
        C.WithExit: _with_exit,
        C.Return: _return,
        C.Raise: _raise,
        C.Handler: _handler,
        C.MatchSubject: _match_subject,
        C.MatchCase: _match_case,
        C.Params: _params,
    }

    # == issues & positions ==============================================================================
    def report(self, frame: Frame, issue: Issue) -> None:
        frame.issues.append(replace(issue, call_chain=frame.call_chain))

    def location(self, frame: Frame, node: ast.AST) -> Location:
        return self.engine.location(frame.path, node)

    def text(self, frame: Frame, node: ast.AST) -> str:
        return self.engine.source_text(frame.path, node)

    def event(self, frame: Frame, node: ast.AST, message: str, effect: str = "") -> Event:
        return Event(self.location(frame, node), message, effect)


_ALWAYS_TRUTHY = (InstanceRef, SessionRef, Function, ClassRef, Factory, Registry, ObjectRef, BoundMethod)


def _truthy(value) -> bool | None:
    if isinstance(value, Union):
        results = {_truthy(m) for m in value.members}
        return results.pop() if len(results) == 1 else None
    if isinstance(value, Const):
        return bool(value.value)
    if isinstance(value, Keyed):
        return bool(value.items)
    if isinstance(value, _ALWAYS_TRUTHY):
        return True
    return None


def _is_none(value) -> bool | None:
    if isinstance(value, Union):
        results = {_is_none(m) for m in value.members}
        return results.pop() if len(results) == 1 else None
    if isinstance(value, Const):
        return value.value is None
    if value is UNKNOWN:
        return None
    return False


def _referenced_names(function: ast.AST) -> frozenset[str]:
    """Names a nested function reads: only those are captured in its closure (memoised on the node)."""
    names = getattr(function, "_sqlascope_reads", None)
    if names is None:
        names = frozenset(n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
        function._sqlascope_reads = names  # type: ignore[attr-defined]
    return names



__all__ = ["Evaluator"]
