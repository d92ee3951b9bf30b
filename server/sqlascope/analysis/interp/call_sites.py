"""Call sites: a call expression's callee and arguments, routed to user functions, SQLAlchemy, builtins or implicit dunders."""

from __future__ import annotations

import ast

from ..orm import lifecycle
from ..orm.database import created_tables
from ..orm.models import AttrKind
from ..orm.sqla_api import APP_CONTEXT_METHODS, CONTAINER_STORES, EXPIRE_ON_COMMIT_KEYWORD, Construct, construct_of
from . import generators
from .callbacks import run_callback
from .dataclass_methods import FLAT_METHODS, generated_fields
from .frame import PATH_RAISED, Frame, State, element_of
from .holders import G_METHODS
from .instances import construct_instance, give
from .values import (
    UNKNOWN,
    BoundMethod,
    ClassRef,
    Const,
    Context,
    ContextKind,
    ExternalValue,
    Factory,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    DeclaredRef,
    ObjectRef,
    Registry,
    SessionRef,
    Generator,
    Union,
    is_generator_function,
    join_all,
    map_members,
    members,
)



#: Builtins that pass their argument's elements through.
_ELEMENT_PRESERVING = {"list", "sorted", "tuple", "set", "reversed", "iter", "frozenset"}


#: Builtins building a container that hashes its elements.
_HASHING_BUILTINS = {"set": "set", "frozenset": "set", "dict": "dict"}


#: Builtins that call ``__str__``/``__repr__`` on their argument.
_STRINGIFYING = {"str": "__str__", "repr": "__repr__", "print": "__str__", "format": "__str__", "hash": "__hash__"}


_IMPLICIT_DUNDERS = {"__str__": ("__str__", "__repr__"), "__repr__": ("__repr__",), "__hash__": ("__hash__",),
                     "__eq__": ("__eq__",)}


class CallSites:
    """The evaluator's call expressions (a mixin of ``Evaluator``)."""

    # -- calls ------------------------------------------------------------------------------------------
    def _expr_Call(self, frame, expr: ast.Call, state):
        callee = self.value(frame, expr.func, state)
        args = []
        for arg in expr.args:
            value = self.value(frame, arg, state)
            if isinstance(arg, ast.Starred):  # a list's elements: one argument stands for them (a count unknown)
                args.extend(value.items if isinstance(value, Items) else
                            (value.element,) if isinstance(value, Many) and not value.empty and not value.kind else ())
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
            run_callback(self, frame, expr.func.id, args, kwargs, expr, state)
            return self.builtin(frame, expr.func.id, args, expr, state)
        if isinstance(callee, ExternalValue):
            run_callback(self, frame, callee.qualified, args, kwargs, expr, state)
        elif isinstance(callee, BoundMethod) and isinstance(callee.receiver, Many) and callee.name == "sort":
            run_callback(self, frame, "list.sort", args, kwargs, expr, state, receiver=callee.receiver)
        if isinstance(expr.func, ast.Attribute):
            method = expr.func.attr
            if method == "__setattr__" and len(args) == 3:  # object.__setattr__(self, "name", value)
                self.set_attribute(frame, args, expr, state)
                return Const(None)
            if method in APP_CONTEXT_METHODS and callee is UNKNOWN:
                return Context(ContextKind.APP_CONTEXT, None, method)  # Flask: `with app.app_context():`
            if method == "format" and isinstance(expr.func.value, ast.Constant) and isinstance(expr.func.value.value, str):
                self._str_format(frame, expr, args, kwargs, state)
                return UNKNOWN
            if method in CONTAINER_STORES:
                self._container_method(frame, expr, method, callee, args, state)
                self._collection_grown(frame, expr.func.value, state, args)
            schema = _schema_change(expr)
            if schema is not None:  # the tables as they are now: all empty, or unknown
                state.heap.tables = created_tables() if schema == "create_all" else {}
        return self.alternatives(callee, lambda member: self.apply(frame, member, args, kwargs, expr, state), state)

    def set_attribute(self, frame: Frame, args: list, call: ast.Call, state: State) -> None:
        """``setattr(obj, name, value)``: the store ``obj.name = value`` is."""
        receiver, name, value = args
        known = name.value if isinstance(name, Const) and isinstance(name.value, str) else None
        receiver_node = call.args[0] if call.args else call
        self.store_attribute(frame, receiver, known, value, receiver_node, call, call, state)

    @staticmethod
    def alternatives(callee, call, state: State):
        """A call whose callee may be one of several values runs *one* of them: each candidate starts from the
        same heap and their resulting heaps are joined. (Run one after another, a candidate would see what
        another did: a transaction it began, a session it closed.)"""
        if not isinstance(callee, Union) or len(callee.members) < 2 or PATH_RAISED in state.env:
            return map_members(callee, call)
        start, results, heaps, raising = state.heap, [], [], []
        for member in callee.members:
            state.heap = start.copy()
            result = call(member)
            if state.env.pop(PATH_RAISED, None):  # this candidate raises on every path: the path goes on by the others
                raising.append(state.heap)
            else:
                results.append(result)
                heaps.append(state.heap)
        if not heaps:
            state.env[PATH_RAISED] = True
            heaps = raising
        joined = heaps[0]
        for heap in heaps[1:]:
            joined = joined.join(heap)
        state.heap = joined
        return join_all(results)

    def _collection_grown(self, frame, container: ast.expr, state: State, args: list) -> None:
        """``owner.rel.append(x)``: the relationship collection ``rel`` of ``owner`` (a name, or ``self.name``) is
        no longer empty; nor is one read empty earlier and appended to through another name
        (``kids = owner.rel; kids.append(x)``). Adding ``owner`` cascades to ``x``."""
        appended = tuple(args)  # hashable: its references are memoised
        if isinstance(container, ast.Name):
            for member in members(self.value(frame, container, state)):
                if isinstance(member, Items) and member.collection is not None and member.collection[0] in state.heap.instances:
                    lifecycle.collection_grown(state.heap, *member.collection)
                    self._give(member.collection[0], member.collection[1], appended, state)
            return
        if not isinstance(container, ast.Attribute):
            return
        owner = container.value
        if not (isinstance(owner, ast.Name) or isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name)
                and owner.value.id == "self"):
            return
        for member in members(self.value(frame, owner, state)):
            fact = state.heap.instances.get(member.iid) if isinstance(member, InstanceRef) else None
            attribute = fact.cls.attributes.get(container.attr) if fact is not None else None
            if attribute is not None and attribute.kind is AttrKind.RELATIONSHIP and attribute.uselist:
                lifecycle.collection_grown(state.heap, member.iid, container.attr)
                self._give(member.iid, container.attr, appended, state)

    def _give(self, owner, name: str, given, state: State) -> None:
        state.heap.instances[owner] = give(self.engine, state.heap, state.heap.instances[owner], name, given,
                                           appended=True)

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
        if isinstance(callee, ExternalValue) and _is_g_method(callee.qualified):
            held = self.holders.g_method(callee.qualified.rpartition(".")[2], args, state)
            if held is not None:
                return held
        if isinstance(callee, ExternalValue):
            return self.calls.external(self, frame, callee.qualified, args, kwargs, node, state)
        if isinstance(callee, BoundMethod):
            return self.calls.method(self, frame, callee, args, kwargs, node, state)
        if isinstance(callee, Function):
            if callee.is_contextmanager:
                return Context(ContextKind.GENERATOR, (callee, tuple(args), tuple(sorted(kwargs.items()))), callee.node.name)
            if is_generator_function(callee.node):  # its body runs when it is iterated
                return Generator(callee, tuple(args), tuple(sorted(kwargs.items())))
            return self.engine.call(self, frame, callee, args, kwargs, node, state)
        if isinstance(callee, Factory):
            expire = kwargs.get(EXPIRE_ON_COMMIT_KEYWORD)
            own = expire.value if isinstance(expire, Const) and isinstance(expire.value, bool) else None
            return self.calls.new_session(self, frame, callee, node, state, expire_on_commit=own)
        if isinstance(callee, Registry):
            return SessionRef(self.calls.shared_session(self, frame, callee, node, state))
        if isinstance(callee, ClassRef):
            return construct_instance(self.engine, self, frame, callee, args, kwargs, node, state)
        if isinstance(callee, (ObjectRef, DeclaredRef)):  # an instance of a class with __call__ (a decorator)
            cls = callee.cls if isinstance(callee, DeclaredRef) else getattr(state.heap.objects.get(callee.oid), "cls", None)
            method = self.engine.class_member(cls, "__call__") if isinstance(cls, ClassRef) else UNKNOWN
            if isinstance(method, Function):
                return self.engine.call(self, frame, method, [callee, *args], kwargs, node, state)
        return UNKNOWN

    def builtin(self, frame: Frame, name: str, args: list, node: ast.Call, state: State):
        if name == "super":
            return self.super_value(frame, args, state)
        if name == "type" and len(node.args) == 3 and isinstance(node.args[1], (ast.Tuple, ast.List)):
            return ClassRef(frame.path, _class_made_by_type(node), None)
        if name == "setattr" and len(args) == 3:
            self.set_attribute(frame, args, node, state)
            return Const(None)
        if name == "zip" and args:  # one tuple of elements per step
            return Many(Items(tuple(element_of(self.iterable(frame, a, node, state)) for a in args)))
        if name == "enumerate" and args:
            return Many(Items((UNKNOWN, element_of(self.iterable(frame, args[0], node, state)))))
        if name in _ELEMENT_PRESERVING and args:
            first = self.iterable(frame, args[0], node, state)
            return first if isinstance(first, Many) else Many(element_of(first))
        if name in generators.ADVANCING_BUILTINS and args:
            if any(isinstance(m, Generator) for m in members(args[0])):
                return generators.advance(self, frame, args[0], node, state)
            return element_of(args[0])
        names = [m.value for m in members(args[1]) if isinstance(m, Const) and isinstance(m.value, str)] \
            if len(args) >= 2 else []
        if name in ("getattr", "hasattr") and names and len(names) == len(members(args[1])):
            # a name that may be any of several (a loop over names, a table's columns): each is read
            results = []
            for attribute_name in sorted(names):
                fake = ast.Attribute(value=node.args[0], attr=attribute_name, ctx=ast.Load())
                ast.copy_location(fake, node)
                fake.end_lineno, fake.end_col_offset = node.end_lineno, node.end_col_offset
                results.append(self.over_members(members(args[0]), lambda m: self.attribute(frame, m, fake, state),
                                                 state))
                if state.env.get(PATH_RAISED):
                    break
            return join_all(results)
        if name == "dict" and args and all(isinstance(m, Many) and m.kind == "dict" for m in members(args[0])):
            return args[0]  # a copy of a mapping: the same values
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
            else:
                for operand in (member, *(m for e in extra for m in members(e) if isinstance(m, InstanceRef))):
                    self.generated_reads(frame, operand, dunder, node, state)

    def generated_reads(self, frame: Frame, ref: InstanceRef, method: str, node: ast.AST, state: State,
                        depth: int = 0, label: str | None = None, given: frozenset = frozenset()) -> None:
        """The reads of a dataclass-generated ``__repr__``/``__eq__`` (or ``dataclasses.asdict``) on ``ref``; repr
        and asdict go on into related instances."""
        fact = state.heap.instances.get(ref.iid)
        fields = generated_fields(self.engine, fact.cls, method) if fact is not None else None
        fields = [a for a in fields if a.name not in given] if fields else fields
        if not fields:
            return
        saved = frame.reader, frame.reader_call
        if frame.reader is None:
            # str() of a dataclass falls back to its generated __repr__
            label = label or f"the generated `{'__repr__' if method == '__str__' else method}`"
            frame.reader, frame.reader_call = label, self.location(frame, node)
        try:
            for attribute in fields:
                if ref.iid not in state.heap.instances or state.env.get(PATH_RAISED):
                    break  # a read before raised (lazy="raise"): the generated method stops there
                value = self.read(frame, ref, attribute, node, state)
                if state.env.get(PATH_RAISED):
                    break
                if attribute.kind is AttrKind.RELATIONSHIP and method not in FLAT_METHODS and depth < 2:
                    for related in members(element_of(value) if isinstance(value, Many) else value):
                        if isinstance(related, InstanceRef):
                            self.generated_reads(frame, related, method, node, state, depth + 1, label)
        finally:
            frame.reader, frame.reader_call = saved


def _class_made_by_type(call: ast.Call) -> ast.ClassDef:
    """``type(name, (Base, ...), {...})`` as the class statement it stands for (bases only; memoised on the call)."""
    made = getattr(call, "_sqlascope_class", None)
    if made is None:
        name = call.args[0].value if isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) else "<type>"
        made = ast.ClassDef(name=name, bases=list(call.args[1].elts), keywords=[], body=[], decorator_list=[],
                            type_params=[])
        ast.copy_location(made, call)
        made.end_lineno, made.end_col_offset = call.end_lineno, call.end_col_offset
        call._sqlascope_class = made  # type: ignore[attr-defined]
    return made


def _schema_change(call: ast.Call) -> str | None:
    """``Base.metadata.create_all(engine)`` / ``drop_all``, or either handed to ``conn.run_sync(...)``: its name."""
    target = call.args[0] if isinstance(call.func, ast.Attribute) and call.func.attr == "run_sync" and call.args \
        else call.func
    if (isinstance(target, ast.Attribute) and target.attr in ("create_all", "drop_all")
            and isinstance(target.value, ast.Attribute) and target.value.attr == "metadata"):
        return target.attr
    return None


def _is_g_method(qualified: str) -> bool:
    owner, _, method = qualified.rpartition(".")
    return method in G_METHODS and construct_of(owner) is Construct.FLASK_G
