"""Abstract evaluation of statements and expressions: one readable visitor over the AST.

``Evaluator.execute`` applies one CFG node to a state; ``value`` evaluates an expression (with its effects)
to an abstract value. SQLAlchemy knowledge comes from ``sqla_api`` tables and ``lifecycle`` transitions;
this module only routes values to them.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import replace
from typing import Callable

from . import graph as C
from ..orm import lifecycle
from .describe import describe
from ..findings import Fault, Location, Related, Severity
from .calls import Calls
from .contexts import Contexts
from .frameworks import Frameworks
from .host import Host
from .instances import construct_instance
from .holders import Holders
from .frame import RETURN_SLOT, Frame, State, bind, element_of
from ..report.issues import Issue
from ..orm.models import AttrKind, MappedAttribute
from ..orm.state import Event, InstanceFact
from ..orm.sqla_api import (
    APP_CONTEXT_METHODS,
    CONTAINER_STORES,
    Construct,
    FROM_ATTRIBUTES_METHODS,
    LoaderOpt,
    TASK_SEND_METHODS,
    construct_of,
)
from .values import (
    UNKNOWN,
    AttrRef,
    AwaitableAttrs,
    BoundMethod,
    ClassRef,
    Const,
    Context,
    ContextKind,
    Executor,
    ExternalValue,
    Factory,
    FlaskSQLAlchemy,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    ModuleValue,
    ObjectRef,
    Query,
    Registry,
    SessionRef,
    TaskQueue,
    Union,
    join_values,
    members,
)


#: Builtins that pass their argument's elements through.
_ELEMENT_PRESERVING = {"list", "sorted", "tuple", "set", "reversed", "iter", "frozenset"}
#: Builtins building a container that hashes its elements.
_HASHING_BUILTINS = {"set": "set", "frozenset": "set", "dict": "dict"}
#: printf-style conversions of a ``%`` format string, in order.
_PERCENT_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
#: Builtins that call ``__str__``/``__repr__`` on their argument.
_STRINGIFYING = {"str": "__str__", "repr": "__repr__", "print": "__str__", "format": "__str__", "hash": "__hash__"}
_IMPLICIT_DUNDERS = {"__str__": ("__str__", "__repr__"), "__repr__": ("__repr__",), "__hash__": ("__hash__",),
                     "__eq__": ("__eq__",)}


class Evaluator:
    def __init__(self, engine: Host) -> None:
        self.engine = engine
        self.frameworks = Frameworks(engine)
        self.holders = Holders(engine)
        self.calls = Calls(engine, self.frameworks)
        self.contexts = Contexts(engine, self.calls)

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

    # == expressions =====================================================================================
    def value(self, frame: Frame, expr: ast.expr | None, state: State, quiet: bool = False):
        """Evaluate ``expr`` for its value and its effects. ``quiet`` re-reads without effects or issues."""
        if expr is None:
            return UNKNOWN
        if quiet:
            if isinstance(expr, ast.Name):
                return self.name(frame, expr.id, state)
            return UNKNOWN
        method = getattr(self, "_expr_" + type(expr).__name__, None)
        if method is None:
            for child in ast.iter_child_nodes(expr):
                if isinstance(child, ast.expr):
                    self.value(frame, child, state)
            return UNKNOWN
        return method(frame, expr, state)

    def name(self, frame: Frame, name: str, state: State):
        if name in state.env:
            return state.env[name]
        value = self.engine.global_value(frame.path, name)
        if isinstance(value, Many) and state.heap.objects:
            key = self.holders.container_key(frame.path, name)
            if key is not None:
                return self.holders.global_read(key, value, state)
        return value

    def _expr_Name(self, frame, expr: ast.Name, state):
        value = self.name(frame, expr.id, state)
        if frame.probe is not None and frame.reporting:
            self.record_probe(frame, expr, value, state)
        return value

    def record_probe(self, frame: Frame, expr: ast.Name, value, state: State) -> None:
        text = describe(expr.id, value, state.heap)
        if text:
            location = self.location(frame, expr)
            key = (location.line, location.column, location.end_column)
            previous = frame.probe.get(key)
            frame.probe[key] = text if previous in (None, text) else f"{previous}\n\n(on another path) {text}"

    def _expr_Constant(self, frame, expr: ast.Constant, state):
        return Const(expr.value) if isinstance(expr.value, (str, bool, int, type(None))) else UNKNOWN

    def _expr_Await(self, frame, expr: ast.Await, state):
        return self.value(frame, expr.value, state)

    def _expr_NamedExpr(self, frame, expr: ast.NamedExpr, state):
        value = self.value(frame, expr.value, state)
        bind(frame, expr.target, value, state)
        return value

    def _expr_Tuple(self, frame, expr: ast.Tuple, state):
        return Items(tuple(self.value(frame, e, state) for e in expr.elts))

    def _expr_List(self, frame, expr: ast.List, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        return Many(_join_all(items)) if items else Many(UNKNOWN)

    def _expr_Set(self, frame, expr: ast.Set, state):
        items = [self.value(frame, e, state) for e in expr.elts]
        for item, element in zip(items, expr.elts):
            self.implicit_call(frame, item, "__hash__", element, state)
        return Many(_join_all(items), "set") if items else Many(UNKNOWN, "set")

    def _expr_Compare(self, frame, expr: ast.Compare, state):
        """``a == b`` runs ``a.__eq__(b)``; ``x in s`` hashes ``x`` when ``s`` is a set or a dict."""
        left = self.value(frame, expr.left, state)
        left_node = expr.left
        for op, comparator in zip(expr.ops, expr.comparators):
            right = self.value(frame, comparator, state)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                self.implicit_call(frame, left, "__eq__", left_node, state, (right,))
            elif isinstance(op, (ast.In, ast.NotIn)) and any(
                    isinstance(m, Many) and m.kind in ("set", "dict") for m in members(right)):
                self.implicit_call(frame, left, "__hash__", left_node, state)
            left, left_node = right, comparator
        return UNKNOWN

    def _expr_BinOp(self, frame, expr: ast.BinOp, state):
        """``"..." % value`` formats now: ``%s`` runs ``__str__``, ``%r`` runs ``__repr__``."""
        self.value(frame, expr.left, state)
        right = self.value(frame, expr.right, state)
        if isinstance(expr.op, ast.Mod) and isinstance(expr.left, ast.Constant) and isinstance(expr.left.value, str):
            conversions = [c for c in _PERCENT_CONVERSION.findall(expr.left.value) if c != "%"]
            values = list(right.items) if isinstance(right, Items) else [right]
            for conversion, value in zip(conversions, values):
                if conversion in "sra":
                    self.implicit_call(frame, value, _formatting_dunder(conversion), expr, state)
        return UNKNOWN

    def _str_format(self, frame, expr: ast.Call, args: list, kwargs: dict, state) -> None:
        """``"{}".format(value)`` runs ``__str__`` (``{!r}``: ``__repr__``) of each value it formats."""
        try:
            fields = list(string.Formatter().parse(expr.func.value.value))
        except ValueError:
            return
        auto = 0
        for _literal, field_name, _spec, conversion in fields:
            if field_name is None:
                continue
            head = field_name.split(".")[0].split("[")[0]
            if head == "":
                value, auto = (args[auto] if auto < len(args) else UNKNOWN), auto + 1
            elif head.isdigit():
                value = args[int(head)] if int(head) < len(args) else UNKNOWN
            else:
                value = kwargs.get(head, UNKNOWN)
            if head == field_name:  # "{0.name}" reads an attribute instead: not followed
                self.implicit_call(frame, value, _formatting_dunder(conversion), expr, state)

    def _expr_Starred(self, frame, expr: ast.Starred, state):
        return self.value(frame, expr.value, state)

    def _expr_Subscript(self, frame, expr: ast.Subscript, state):
        base = self.value(frame, expr.value, state)
        index = self.value(frame, expr.slice, state)
        if isinstance(base, Items) and isinstance(index, Const) and isinstance(index.value, int):
            if -len(base.items) <= index.value < len(base.items):
                return base.items[index.value]
        if isinstance(expr.slice, ast.Slice):
            return base if isinstance(base, Many) else UNKNOWN
        return _map_members(base, element_of)

    def _expr_IfExp(self, frame, expr: ast.IfExp, state):
        self.value(frame, expr.test, state)
        return join_values(self.value(frame, expr.body, state), self.value(frame, expr.orelse, state))

    def _expr_BoolOp(self, frame, expr: ast.BoolOp, state):
        return _join_all([self.value(frame, v, state) for v in expr.values])

    def _expr_JoinedStr(self, frame, expr: ast.JoinedStr, state):
        for part in expr.values:
            if isinstance(part, ast.FormattedValue):
                value = self.value(frame, part.value, state)
                if part.format_spec is not None:
                    self.value(frame, part.format_spec, state)
                conversion = chr(part.conversion) if part.conversion > 0 else None  # -1: none given
                self.implicit_call(frame, value, _formatting_dunder(conversion), part, state)
        return UNKNOWN

    def _expr_Lambda(self, frame, expr: ast.Lambda, state):
        return UNKNOWN

    def _comprehension(self, frame, expr, state, elements: list[ast.expr]):
        scope = State(dict(state.env), state.heap)
        for generator in expr.generators:
            iterable = self.iterable(frame, self.value(frame, generator.iter, scope), generator.iter, scope)
            bind(frame, generator.target, element_of(iterable), scope)
            for condition in generator.ifs:
                self.value(frame, condition, scope)
        results = [self.value(frame, e, scope) for e in elements]
        state.heap = scope.heap
        return results

    def _expr_ListComp(self, frame, expr, state):
        return Many(self._comprehension(frame, expr, state, [expr.elt])[0])

    _expr_GeneratorExp = _expr_ListComp

    def _expr_SetComp(self, frame, expr, state):
        element = self._comprehension(frame, expr, state, [expr.elt])[0]
        self.implicit_call(frame, element, "__hash__", expr.elt, state)
        return Many(element, "set")

    def _expr_DictComp(self, frame, expr, state):
        # a mapping is modelled by its values: `by_id[k]` and `.values()` give an element
        key, value = self._comprehension(frame, expr, state, [expr.key, expr.value])
        self.implicit_call(frame, key, "__hash__", expr.key, state)
        return Many(value, "dict")

    def _expr_Dict(self, frame, expr: ast.Dict, state):
        values = [self.value(frame, v, state) for v in expr.values]
        for key in expr.keys:
            if key is not None:
                self.implicit_call(frame, self.value(frame, key, state), "__hash__", key, state)
        return Many(_join_all(values), "dict") if values else Many(UNKNOWN, "dict")

    def _expr_Yield(self, frame, expr, state):
        value = self.value(frame, expr.value, state) if expr.value is not None else Const(None)
        if frame.reporting:
            frame.yields[frame.current] = (state.copy(), value)
        return UNKNOWN

    _expr_YieldFrom = _expr_Yield

    # -- attributes ---------------------------------------------------------------------------------------
    def _expr_Attribute(self, frame, expr: ast.Attribute, state):
        base = self.value(frame, expr.value, state)
        if not isinstance(base, Union):
            return self.attribute(frame, base, expr, state)
        before = len(frame.issues)
        result = _join_all([self.attribute(frame, member, expr, state) for member in base.members])
        added = frame.issues[before:]
        if added and len(added) < len(base.members):
            # only some of the values this name may hold fault: the read fails on some paths
            frame.issues[before:] = [replace(issue, severity=Severity.WARNING) for issue in added]
        return result

    def attribute(self, frame: Frame, base, expr: ast.Attribute, state: State):
        name = expr.attr
        if isinstance(base, InstanceRef):
            return self.instance_attribute(frame, base, name, expr, state)
        if isinstance(base, AwaitableAttrs):
            return self.awaitable_attribute(frame, base, name, expr, state)
        if isinstance(base, (SessionRef, Registry, Factory, Query, LoaderOpt, Keyed, Executor, TaskQueue)):
            return BoundMethod(base, name)
        if isinstance(base, ObjectRef):
            return self.object_attribute(base, name, state)
        if isinstance(base, FlaskSQLAlchemy):
            return base.session if name == "session" else UNKNOWN
        if isinstance(base, ClassRef):
            if base.mapped is not None and name in base.mapped.attributes:
                return AttrRef(base.mapped, name)
            member = self.engine.class_member(base, name)
            if isinstance(member, Function) and _is_classmethod(member.node):
                return BoundMethod(base, name, member)  # `cls` is the class
            if member is UNKNOWN and base.mapped is None:
                stored = self.holders.class_read(base, name, state)
                if stored is not None:
                    return stored
                if name in FROM_ATTRIBUTES_METHODS:
                    return BoundMethod(base, name)  # Pydantic: `Schema.model_validate(obj)`
            return member
        if isinstance(base, ModuleValue):
            return self.engine.module_member(base, name)
        if isinstance(base, ExternalValue):
            if construct_of(base.qualified) is Construct.FLASK_G:
                stored = self.holders.g_read(name, state)
                if stored is not None:
                    return stored
            return ExternalValue(f"{base.qualified}.{name}")
        if isinstance(base, Function) and name in TASK_SEND_METHODS:
            return BoundMethod(base, name)  # Celery: `task.delay(...)`
        if isinstance(base, Many) and name in _CONTAINER_METHODS:
            return BoundMethod(base, name)
        if isinstance(base, Many) and name not in ("append", "extend", "count", "index"):
            return _map_members(base.element, lambda m: self.attribute(frame, m, expr, state))
        if isinstance(base, AttrRef):
            return BoundMethod(base, name)
        return UNKNOWN

    def object_attribute(self, ref: ObjectRef, name: str, state: State):
        fact = state.heap.objects.get(ref.oid)
        if fact is None:
            return UNKNOWN
        stored = fact.field(name)
        if stored is not None:
            return stored
        member = self.engine.class_member(fact.cls, name)
        return BoundMethod(ref, name, member) if isinstance(member, Function) else member

    def instance_attribute(self, frame: Frame, ref: InstanceRef, name: str, expr: ast.expr, state: State):
        fact = state.heap.instances.get(ref.iid)
        if fact is None:
            return UNKNOWN
        if name == "awaitable_attrs":
            return AwaitableAttrs(ref.iid)
        attribute = fact.cls.attributes.get(name)
        if attribute is None:
            return UNKNOWN
        if attribute.kind is AttrKind.METHOD:
            return BoundMethod(ref, name, self.engine.method_function(fact.cls, attribute))
        if attribute.kind is AttrKind.PROPERTY:
            function = self.engine.method_function(fact.cls, attribute)
            if function is None:
                return UNKNOWN
            return self.engine.call(
                self, frame, function, [ref], {}, expr, state, reader=f"property `{name}`"
            )
        if attribute.kind is AttrKind.PROXY:
            proxied = fact.cls.attributes.get(attribute.proxied or "")
            if proxied is not None and proxied.is_loadable:
                self.read(frame, ref, proxied, expr, state)
            return UNKNOWN
        return self.read(frame, ref, attribute, expr, state)

    def read(self, frame: Frame, ref: InstanceRef, attribute: MappedAttribute, expr: ast.expr, state: State):
        fact = state.heap.instances[ref.iid]
        faults = lifecycle.read_faults(fact, attribute)
        bad = [f for f in faults if f is not None]
        if bad and frame.reporting:
            fault = _primary_fault(bad)
            severity = Severity.WARNING if None in faults else Severity.ERROR
            self.report(frame, Issue(
                fault=fault,
                severity=severity,
                location=self.location(frame, expr),
                expression=f"{self.text(frame, expr.value)}.{attribute.name}" if isinstance(expr, ast.Attribute) else f"{fact.label}.{attribute.name}",
                instance=self.text(frame, expr.value) if isinstance(expr, ast.Attribute) else fact.label,
                fact=fact,
                attribute=attribute,
                session_label=self.session_label(fact, state),
                reader=frame.reader,
                reader_call=frame.reader_call,
            ))
        state.heap.instances[ref.iid] = lifecycle.after_read(fact, attribute.name)
        lazily = fact.attr(attribute.name) != lifecycle.LOADED
        return self.related_value(frame, ref, attribute, expr, state, lazily)

    def awaitable_attribute(self, frame: Frame, ref: AwaitableAttrs, name: str, expr: ast.expr, state: State):
        """``await obj.awaitable_attrs.rel`` loads through the greenlet bridge: no MissingGreenlet, but a
        detached instance still cannot load."""
        fact = state.heap.instances.get(ref.iid)
        if fact is None or name not in fact.cls.attributes or not fact.cls.attributes[name].is_loadable:
            return UNKNOWN
        synchronous = replace(fact, is_async=False)
        state.heap.instances[ref.iid] = synchronous
        related = self.read(frame, InstanceRef(ref.iid), fact.cls.attributes[name], expr, state)
        state.heap.instances[ref.iid] = replace(state.heap.instances[ref.iid], is_async=fact.is_async)
        return related

    def related_value(self, frame: Frame, ref: InstanceRef, attribute: MappedAttribute, expr: ast.expr, state: State,
                      lazily: bool):
        if attribute.kind is not AttrKind.RELATIONSHIP or not attribute.target:
            return UNKNOWN
        parent = state.heap.instances[ref.iid]
        target = self.engine.models.find_by_name(attribute.target, parent.cls.path)
        if target is None:
            return UNKNOWN
        child_id = (ref.iid, attribute.name)
        if child_id not in state.heap.instances:
            state.heap.instances[child_id] = lifecycle.related_instance(
                parent, attribute, target, self.location(frame, expr), lazily
            )
        child = InstanceRef(child_id)
        return Many(child) if attribute.uselist else child

    def session_label(self, fact: InstanceFact, state: State) -> str:
        labels = sorted(state.heap.sessions[s].label for s in fact.sessions if s in state.heap.sessions)
        return labels[0] if labels else ""

    # -- calls ------------------------------------------------------------------------------------------
    def _expr_Call(self, frame, expr: ast.Call, state):
        callee = self.value(frame, expr.func, state)
        args = []
        for arg in expr.args:
            value = self.value(frame, arg, state)
            if isinstance(arg, ast.Starred):
                args.extend(value.items if isinstance(value, Items) else ())
            else:
                args.append(value)
        kwargs = {}
        for keyword in expr.keywords:
            value = self.value(frame, keyword.value, state)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            elif isinstance(value, Keyed):  # **kwargs forwarding
                kwargs.update(value.items)
        if self.engine.session_helpers and callee is UNKNOWN or isinstance(callee, ExternalValue):
            if self.engine.declared_helper(self.text(frame, expr.func), callee):
                return self.calls.new_session(self, frame, Factory(False, True, "session"), expr, state)
        if isinstance(expr.func, ast.Name) and expr.func.id not in state.env and callee is UNKNOWN:
            return self.builtin(frame, expr.func.id, args, expr, state)
        if isinstance(expr.func, ast.Attribute):
            method = expr.func.attr
            if method in APP_CONTEXT_METHODS and callee is UNKNOWN:
                return Context(ContextKind.APP_CONTEXT, None, method)  # Flask: `with app.app_context():`
            if method == "format" and isinstance(expr.func.value, ast.Constant) and isinstance(expr.func.value.value, str):
                self._str_format(frame, expr, args, kwargs, state)
                return UNKNOWN
            if method in CONTAINER_STORES:
                self._container_method(frame, expr, method, callee, args, state)
        return _map_members(callee, lambda member: self.apply(frame, member, args, kwargs, expr, state))

    def _container_method(self, frame, expr: ast.Call, method: str, callee, args: list, state: State) -> None:
        """``s.add(x)`` hashes ``x`` when ``s`` is a set or a dict; a store into a module-level container is tracked."""
        where = CONTAINER_STORES[method]
        if where == "element":
            stored, source = (element_of(args[0]) if args else UNKNOWN), (expr.args[0] if expr.args else expr)
        else:
            stored = args[where] if len(args) > where else UNKNOWN
            source = expr.args[where] if len(expr.args) > where else expr
        receivers = [m.receiver for m in members(callee) if isinstance(m, BoundMethod)]
        # ``setdefault`` hashes its key too, but as a mapping read: Calls.method runs ``__hash__`` for it.
        if method == "add" and any(isinstance(r, Many) and r.kind in ("set", "dict") for r in receivers):
            self.implicit_call(frame, args[0] if args else UNKNOWN, "__hash__", expr, state)
        self._container_store(frame, expr.func.value, stored, expr, state, source)

    def apply(self, frame: Frame, callee, args: list, kwargs: dict, node: ast.Call, state: State):
        if isinstance(callee, ExternalValue):
            return self.calls.external(self, frame, callee.qualified, args, kwargs, node, state)
        if isinstance(callee, BoundMethod):
            return self.calls.method(self, frame, callee, args, kwargs, node, state)
        if isinstance(callee, Function):
            if callee.is_contextmanager:
                return Context(ContextKind.GENERATOR, (callee, tuple(args), tuple(sorted(kwargs.items()))), callee.node.name)
            return self.engine.call(self, frame, callee, args, kwargs, node, state)
        if isinstance(callee, Factory):
            return self.calls.new_session(self, frame, callee, node, state)
        if isinstance(callee, Registry):
            return SessionRef(self.calls.shared_session(self, frame, callee, node, state))
        if isinstance(callee, ClassRef):
            return construct_instance(self.engine, self, frame, callee, args, kwargs, node, state)
        return UNKNOWN

    def builtin(self, frame: Frame, name: str, args: list, node: ast.Call, state: State):
        if name in _ELEMENT_PRESERVING and args:
            first = self.iterable(frame, args[0], node, state)
            return first if isinstance(first, Many) else Many(element_of(first))
        if name == "next" and args:
            return element_of(args[0])
        if name in ("getattr", "hasattr") and len(args) >= 2 and isinstance(args[1], Const) and isinstance(args[1].value, str):
            fake = ast.Attribute(value=node.args[0], attr=args[1].value, ctx=ast.Load())
            ast.copy_location(fake, node)
            fake.end_lineno, fake.end_col_offset = node.end_lineno, node.end_col_offset
            return _map_members(args[0], lambda member: self.attribute(frame, member, fake, state))
        if name in _HASHING_BUILTINS and args:
            element = element_of(self.iterable(frame, args[0], node, state))
            self.implicit_call(frame, element, "__hash__", node, state)
            return Many(element, _HASHING_BUILTINS[name])
        if name in _STRINGIFYING and args:
            for arg in args if name == "print" else args[:1]:
                self.implicit_call(frame, arg, _STRINGIFYING[name], node, state)
        return UNKNOWN

    def implicit_call(self, frame: Frame, value, dunder: str, node: ast.AST, state: State, extra: tuple = ()) -> None:
        """``str(obj)``, ``f"{obj}"``, ``print(obj)`` run the model's ``__str__``/``__repr__``; set and dict
        membership runs its ``__hash__``, ``==`` its ``__eq__`` (``extra``: the other operand)."""
        for member in members(value):
            if not isinstance(member, InstanceRef) or member.iid not in state.heap.instances:
                continue
            cls = state.heap.instances[member.iid].cls
            for candidate in _IMPLICIT_DUNDERS[dunder]:
                attribute = cls.attributes.get(candidate)
                if attribute is not None and attribute.kind is AttrKind.METHOD:
                    function = self.engine.method_function(cls, attribute)
                    if function is not None:
                        self.engine.call(self, frame, function, [member, *extra], {}, node, state,
                                         reader=f"`{candidate}`")
                    break

    # == issues & positions ==============================================================================
    def report(self, frame: Frame, issue: Issue) -> None:
        frame.issues.append(replace(issue, call_chain=frame.call_chain))

    def location(self, frame: Frame, node: ast.AST) -> Location:
        return self.engine.location(frame.path, node)

    def text(self, frame: Frame, node: ast.AST) -> str:
        return self.engine.source_text(frame.path, node)

    def event(self, frame: Frame, node: ast.AST, message: str, effect: str = "") -> Event:
        return Event(self.location(frame, node), message, effect)


_FAULT_PRIORITY = [Fault.DETACHED_EXPIRED, Fault.DETACHED_UNLOADED, Fault.GREENLET, Fault.NOT_PERSISTENT]


#: Methods of a list/dict/set value that the analysis follows (see Calls.method and _container_method).
_CONTAINER_METHODS = frozenset({"get", "pop", "setdefault", "values", "items", "discard", "remove", "add", "update"})


def _formatting_dunder(conversion: str | None) -> str:
    """The method a formatting conversion runs: ``r`` is repr(), ``a`` is ascii(), which runs repr() too;
    ``s`` or none is str()."""
    return "__repr__" if conversion in ("r", "a") else "__str__"


def _is_classmethod(function: ast.AST) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list)


def _primary_fault(faults: list[Fault]) -> Fault:
    return min(faults, key=_FAULT_PRIORITY.index)


def _referenced_names(function: ast.AST) -> frozenset[str]:
    """Names a nested function reads: only those are captured in its closure (memoised on the node)."""
    names = getattr(function, "_sqlascope_reads", None)
    if names is None:
        names = frozenset(n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
        function._sqlascope_reads = names  # type: ignore[attr-defined]
    return names


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


def _join_all(values: list):
    result = None
    for value in values:
        result = value if result is None else join_values(result, value)
    return UNKNOWN if result is None else result


def _map_members(value, fn):
    if isinstance(value, Union):
        return _join_all([fn(m) for m in value.members])
    return fn(value)


__all__ = ["Evaluator", "Related"]
