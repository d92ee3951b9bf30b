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
from . import generators, unpacked_rows
from .frame import RETURN_SLOT, Frame, State, bind, element_of
from .frameworks import Frameworks
from .holders import Holders
from .instances import give
from .host import Host
from .per_row import RowLoops
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
    join_all,
    map_members,
    members,
    Generator,
    is_none,
    referenced_names,
    truthy,
)


class Evaluator(Expressions, Attributes, CallSites, RowLoops):
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
            if frame.context == () and isinstance(node, C.Simple) and state.heap.sessions \
                    and isinstance(frame.code, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.engine.free_dropped(frame, node.stmt, state)  # an analysis root's statement

    def _simple(self, frame: Frame, node: C.Simple, state: State) -> None:
        stmt = node.stmt
        if isinstance(stmt, ast.Assign):
            value = self.value(frame, stmt.value, state)
            for target in stmt.targets:
                if self._assign_rows(frame, target, value, state, stmt.value):
                    continue
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
                free = referenced_names(stmt)
                closure = tuple(sorted(((k, v) for k, v in state.env.items() if k in free), key=lambda kv: kv[0]))
            state.env[stmt.name] = self.engine.decorate(frame.path, stmt, closure, self._evaluated_defaults(frame, stmt, state))
            if frame.closures is not None and id(stmt) in frame.closures:
                frame.closures[id(stmt)].append(state.copy())
        elif isinstance(stmt, ast.ClassDef):
            # a class statement binds its name like a def: the module's binding at module level, else a plain class
            state.env[stmt.name] = (self.engine.global_value(frame.path, stmt.name) if isinstance(frame.code, ast.Module)
                                    else ClassRef(frame.path, stmt, None))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                if alias.name != "*":
                    local = alias.asname or alias.name.split(".")[0]
                    state.env[local] = self.engine.import_value(frame.path, stmt, alias)
                    if any(isinstance(m, (Factory, Registry)) for m in members(state.env[local])):
                        # the configure() calls of the module it comes from ran when that module was imported
                        self.engine.module_factory_configs(frame.path, local, state.heap, own_module=False)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    state.env.pop(target.id, None)
        elif isinstance(stmt, ast.Assert):
            self.value(frame, stmt.test, state)

    def _evaluated_defaults(self, frame: Frame, stmt: ast.FunctionDef | ast.AsyncFunctionDef, state: State) -> tuple:
        """Defaults run once, when the ``def`` runs (``session=Session()`` is one session shared by every call
        that omits it); constants are left to the parameter binding."""
        spec = stmt.args
        positional = [*spec.posonlyargs, *spec.args]
        pairs = [*zip(positional[len(positional) - len(spec.defaults):], spec.defaults),
                 *((p, d) for p, d in zip(spec.kwonlyargs, spec.kw_defaults) if d is not None)]
        evaluated = []
        for param, default in pairs:
            if not isinstance(default, ast.Constant):
                value = self.value(frame, default, state)
                if value is not UNKNOWN:
                    evaluated.append((param.arg, value))
        return tuple(evaluated)

    def _assign_rows(self, frame: Frame, target: ast.expr, value, state: State, source: ast.expr) -> bool:
        """``a, b = <several rows>``: each name its own row (``unpacked_rows``). False when that does not apply."""
        if not isinstance(target, (ast.Tuple, ast.List)) or not unpacked_rows.is_temporary(source):
            return False
        values = unpacked_rows.split(state.heap, target.elts, value)
        if values is None:
            return False
        for element, item in zip(target.elts, values):
            self._assign(frame, element.value if isinstance(element, ast.Starred) else element, item, state, source)
        return True

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
        elif isinstance(target, (ast.Tuple, ast.List)) and any(
                isinstance(e, (ast.Attribute, ast.Subscript)) for e in target.elts):
            # `self.a, self.b = x, y`: each element goes through its own kind of store
            if isinstance(value, Items) and len(value.items) == len(target.elts) and not any(
                    isinstance(e, ast.Starred) for e in target.elts):
                for element, item in zip(target.elts, value.items):
                    self._assign(frame, element, item, state, source)
            else:
                item = element_of(value)
                for element in target.elts:
                    if isinstance(element, ast.Starred):
                        self._assign(frame, element.value, Many(item), state, source)
                    else:
                        self._assign(frame, element, item, state, source)
        else:
            bind(frame, target, value, state)

    def _container_store(self, frame: Frame, container: ast.expr, stored, node: ast.AST, state: State,
                         source: ast.AST | None = None) -> None:
        """``G[k] = v`` / ``G.append(v)`` on a module-level container ``G``: tracked, and warned about. On a
        local or field container, the container value grows."""
        self._grow(frame, container, stored, state)
        if isinstance(container, ast.Name) and container.id not in state.env:
            key = self.holders.container_key(frame.path, container.id)
            if key is not None:
                self.holders.global_store(self, frame, key, container.id, stored, node, source or node, state)

    def _grow(self, frame: Frame, container: ast.expr, stored, state: State, depth: int = 0) -> None:
        """A store into a container held by a local name or an object field updates that value; a store into
        one of its elements (``d.setdefault(k, []).append(x)``, ``d[k].append(x)``) grows the outer one."""
        if depth > 3:
            return
        if isinstance(container, ast.Name) and container.id in state.env:
            state.env[container.id] = _map_many(state.env[container.id], lambda many: many.grown(stored))
        elif isinstance(container, ast.Attribute):
            for owner in members(self.value(frame, container.value, state, quiet=True)):
                fact = state.heap.objects.get(owner.oid) if isinstance(owner, ObjectRef) else None
                held = fact.field(container.attr) if fact is not None else None
                if held is not None:
                    grown = _map_many(held, lambda many: many.grown(stored))
                    state.heap.objects[owner.oid] = fact.with_field(container.attr, grown)
        elif isinstance(container, ast.Subscript):
            self._grow(frame, container.value, Many(stored), state, depth + 1)
        elif (isinstance(container, ast.Call) and isinstance(container.func, ast.Attribute)
              and container.func.attr in ("setdefault", "get")):
            self._grow(frame, container.func.value, Many(stored), state, depth + 1)

    def _attribute_store(self, frame: Frame, target: ast.Attribute, value, state: State,
                         source: ast.AST | None = None) -> None:
        """``obj.attr = value``."""
        self.store_attribute(frame, self.value(frame, target.value, state), target.attr, value, target.value, target,
                             source if source is not None else target, state)

    def store_attribute(self, frame: Frame, receiver, name: str | None, value, receiver_node: ast.expr,
                        node: ast.AST, source: ast.AST, state: State) -> None:
        """Set attribute ``name`` of ``receiver`` (``obj.name = value``, ``setattr(obj, name, value)``): a mapped
        attribute is loaded from then on, whatever its state; a holder keeps the value. ``name`` is None when the
        code computes it (``setattr(obj, key, value)``): an instance then only has a change to flush."""
        for member in members(receiver):
            if isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                fact = state.heap.instances[member.iid]
                if name is None or fact.attr(name):
                    fact = lifecycle.after_write(state.heap, fact, name)
                    state.heap.instances[member.iid] = give(self.engine, state.heap, fact, name, value)
                    unpacked_rows.reflect(state.heap, member.iid)
            elif name is None:
                continue
            elif isinstance(member, ClassRef) and member.mapped is None:
                self.holders.class_store(self, frame, member, name, value, node, source, state)
            elif isinstance(member, ExternalValue) and construct_of(member.qualified) is Construct.FLASK_G:
                self.holders.g_store(self, frame, name, value, node, source, state)
            elif isinstance(member, (SessionRef, BoundMethod)):
                self.calls.store_session_attribute(self, frame, member, name, value, source, state)
            elif isinstance(member, ObjectRef) and member.oid in state.heap.objects:
                if isinstance(receiver_node, ast.Name) and receiver_node.id == "self":
                    self.holders.self_store(self, frame, name, value, node, source, state)
                state.heap.objects[member.oid] = state.heap.objects[member.oid].with_field(name, value)

    def _expression_statement(self, frame: Frame, expr: ast.expr, state: State) -> None:
        before = set(state.heap.instances)
        value = self.value(frame, expr, state)
        self._forget_discarded(value, before, state)
        call = expr.value if isinstance(expr, ast.Await) else expr
        # `session.merge(obj)` on its own line: the attached copy is thrown away and `obj` stays as it was.
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "merge" and call.args:
            if isinstance(value, InstanceRef) or any(isinstance(m, InstanceRef) for m in members(value)):
                event = Event(self.location(frame, call), f"`{self.text(frame, call)}` returned an attached copy that was discarded")
                for member in members(self.value(frame, call.args[0], state, quiet=True)):
                    if isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                        fact = state.heap.instances[member.iid]
                        state.heap.instances[member.iid] = replace(fact, merge_discarded=fact.merge_discarded | {event})

    def _forget_discarded(self, value, before: set, state: State) -> None:
        """Instances a statement loaded and threw away: nothing refers to them once it ends, so the identity map,
        which holds its objects weakly, no longer finds them (observed: ``get()`` then loads the row again)."""
        loaded = [iid for iid in self.engine.references.of(value)[1] if iid not in before and iid in state.heap.instances]
        if not loaded:
            return
        kept = set()
        for held in (*state.env.values(), *state.heap.objects.values()):
            kept.update(self.engine.references.of(held)[1])
        for iid in loaded:
            if iid not in kept:
                state.heap.instances[iid] = lifecycle.forgotten_by_identity_map(state.heap.instances[iid])

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
            decided = is_none(self.value(frame, expr.left, state))
            if decided is None:
                return None
            return decided if isinstance(expr.ops[0], ast.Is) else not decided
        if isinstance(expr, ast.Compare) and len(expr.ops) == 1 and isinstance(expr.ops[0], (ast.In, ast.NotIn)):
            held = self._held_by_session(frame, expr, state)
            if held is not None:
                return held if isinstance(expr.ops[0], ast.In) else not held
        return truthy(self.value(frame, expr, state))

    def _held_by_session(self, frame: Frame, expr: ast.Compare, state: State) -> bool | None:
        """``obj in session``: decided when every possible instance and state agree; None otherwise (or when the
        right-hand side is not a session)."""
        receiver = self.value(frame, expr.comparators[0], state, quiet=True)
        if not isinstance(receiver, (SessionRef, Registry)):
            return None
        sid, _label = self.calls._session_of(self, frame, receiver, expr, state)
        outcomes: set[bool] = set()
        for member in members(self.value(frame, expr.left, state, quiet=True)):
            fact = state.heap.instances.get(member.iid) if isinstance(member, InstanceRef) else None
            if fact is None or sid is None:
                return None
            outcomes |= lifecycle.contained_in(fact, sid)
        return outcomes.pop() if len(outcomes) == 1 else None

    def _for_iter(self, frame: Frame, node: C.ForIter, state: State) -> None:
        value = self.value(frame, node.stmt.iter, state)
        if any(isinstance(m, Generator) for m in members(value)):
            # the loop body runs while the generator is suspended at its yields; ForDone finishes it
            yielded, resumes = generators.start(self, frame, value, node.stmt.iter, state)
            state.env[generators.loop_slot(node.stmt)] = resumes
            state.env[f"<iter:{id(node.stmt)}>"] = Many(yielded)
            return
        state.env[f"<iter:{id(node.stmt)}>"] = self.iterable(frame, value, node.stmt.iter, state)

    def _for_done(self, frame: Frame, node: C.ForDone, state: State) -> None:
        generators.finish(self, frame, state.env.pop(generators.loop_slot(node.stmt), ()), node.stmt.iter, state)

    def iterable(self, frame: Frame, value, node: ast.AST, state: State):
        """Iterating an executed query yields its instances (or rows); iterating a mapping yields its keys, which
        are not kept (a mapping is modelled by its values)."""
        if any(isinstance(m, Generator) for m in members(value)):
            return generators.run_to_end(self, frame, value, node, state)
        if isinstance(value, Query) and value.executed:
            if value.rows:
                return Many(self.calls.result_row(self, frame, value, node, state, many=True))
            return Many(self.calls.materialize(self, frame, value, node, state, many=True))
        return map_members(value, lambda member: Many(UNKNOWN) if isinstance(member, Many) and member.kind == "dict"
                           else member)

    def _for_bind(self, frame: Frame, node: C.ForBind, state: State) -> None:
        iterable = state.env.get(f"<iter:{id(node.stmt)}>", UNKNOWN)
        element = element_of(iterable)
        bind(frame, node.stmt.target, element, state)
        self.bind_for_loop(frame, node.stmt, element, state)

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
            self.frameworks.serialize_response(self, frame, value, node.stmt, state)

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
        C.ForDone: _for_done,
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
        return Event(self.location(frame, node), message, effect, via=tuple(r.location for r in frame.call_chain))


def _map_many(value, fn):
    """``fn`` applied to each container (Many) ``value`` may be; other possibilities are kept as they are."""
    if isinstance(value, Union):
        return join_all([fn(m) if isinstance(m, Many) else m for m in value.members])
    return fn(value) if isinstance(value, Many) else value


__all__ = ["Evaluator"]
