"""Attribute reads: of classes and modules, of plain objects, and of ORM instances (where detached and expired reads fault)."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..findings import Fault, Severity
from ..orm import lifecycle
from ..index.workspace import Definition
from ..orm.models import AttrKind, MappedAttribute
from ..orm.sqla_api import (
    CURRENT_TRANSACTION_MANAGER,
    Construct,
    FLASK_DB_LOADERS,
    FLASK_MODEL_QUERY,
    FLASK_SQLALCHEMY_REEXPORTS,
    FROM_ATTRIBUTES_METHODS,
    TABLE_MODEL_CONSTRUCTORS,
    LoaderOpt,
    TASK_SEND_METHODS,
    construct_of,
)
from ..orm.state import InstanceFact, Life
from ..report.issues import Issue
from . import inspection, per_row
from .frame import PATH_RAISED, STATEMENT_FAILS, Frame, State, rebound_global
from .values import (
    UNKNOWN,
    AttrRef,
    AwaitableAttrs,
    BoundMethod,
    ClassRef,
    MappedTable,
    TableColumn,
    Context,
    ContextKind,
    DeclaredRef,
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
    QueryProperty,
    Registry,
    Savepoint,
    SessionRef,
    TaskQueue,
    DESCRIPTORS,
    Const,
    Generator,
    InspectedState,
    Pending,
    Super,
    TransactionManager,
    Union,
    descriptor_kind,
    is_staticmethod,
    Validator,
    join_all,
    ordering_key,
    members,
)



#: Methods of a list/dict/set value that the analysis follows (see Calls.method and _container_method).
_CONTAINER_METHODS = frozenset({"get", "pop", "setdefault", "values", "items", "discard", "remove", "add", "update",
                                "sort"})


class Attributes:
    """The evaluator's attribute reads (a mixin of ``Evaluator``)."""

    # -- attributes ---------------------------------------------------------------------------------------
    def _expr_Attribute(self, frame, expr: ast.Attribute, state):
        base = self.value(frame, expr.value, state)
        if not isinstance(base, Union):
            return self.attribute(frame, base, expr, state)
        before = len(frame.issues)
        result = self.over_members(base.members, lambda member: self.attribute(frame, member, expr, state), state)
        added = frame.issues[before:]
        if added and len(added) < len(base.members):
            # only some of the values this name may hold fault: the read fails on some paths
            frame.issues[before:] = [replace(issue, severity=Severity.WARNING) for issue in added]
        return result

    def attribute(self, frame: Frame, base, expr: ast.Attribute, state: State):
        name = expr.attr
        if isinstance(base, InstanceRef):
            fact = state.heap.instances.get(base.iid)
            if name == "__table__" and fact is not None:
                return _table_of(fact.cls)
            return self.instance_attribute(frame, base, name, expr, state)
        if isinstance(base, MappedTable):
            return Many(TableColumn(base.names)) if name in ("columns", "c") else UNKNOWN
        if isinstance(base, TableColumn):
            return join_all([Const(n) for n in base.names]) if name in ("name", "key") and base.names else UNKNOWN
        if isinstance(base, AwaitableAttrs):
            return self.awaitable_attribute(frame, base, name, expr, state)
        if isinstance(base, InspectedState):
            return inspection.state_attribute(base, name, state)
        if isinstance(base, Items) and base.names:
            return _row_attribute(base, name)
        if isinstance(base, (SessionRef, Registry, Factory, Query, LoaderOpt, Keyed, Executor, TaskQueue, Pending, Generator,
                             Validator, TransactionManager, Savepoint)):
            return BoundMethod(base, name)
        if isinstance(base, Context) and base.kind is ContextKind.EXIT_STACK:
            return BoundMethod(base, name)
        if isinstance(base, ObjectRef):
            return self.object_attribute(base, name, state, frame, expr)
        if isinstance(base, DeclaredRef):
            return self.declared_attribute(frame, base, name, expr, state)
        if isinstance(base, Super):
            return self._super_attribute(base, name, state)
        if isinstance(base, FlaskSQLAlchemy):
            if name == "session":
                return base.session
            if name in FLASK_DB_LOADERS:
                return BoundMethod(base, name)
            # the extension re-exports SQLAlchemy's names: `db.select`, `db.relationship`, ...
            return ExternalValue(f"sqlalchemy.{name}") if name in FLASK_SQLALCHEMY_REEXPORTS else UNKNOWN
        if isinstance(base, ClassRef):
            if base.mapped is not None and name == "__table__":
                return _table_of(base.mapped)
            if base.mapped is not None and name in base.mapped.attributes:
                attribute = base.mapped.attributes[name]
                if attribute.kind is AttrKind.METHOD and attribute.function is not None and _is_classmethod(attribute.function):
                    # a classmethod the model inherits from a mixin: `cls` is the model
                    return BoundMethod(base, name, self.engine.decorate(attribute.path, attribute.function, ()))
                return AttrRef(base.mapped, name)
            if base.mapped is not None and name == FLASK_MODEL_QUERY:
                query = self._model_query(frame, base, expr, state)
                if query is not None:
                    return query
            member = self.engine.class_member(base, name)
            if member is UNKNOWN and base.mapped is not None:  # `Base.query = db_session.query_property()` in code
                member = self._stored_query_property(base, name, state) or member
            if isinstance(member, QueryProperty) and base.mapped is not None:
                sid = self.calls.shared_session(self, frame, member.registry, expr, state)
                return Query(base.mapped, (), sid, executed=True, origin=self.location(frame, expr))
            if isinstance(member, Function) and _is_classmethod(member.node):
                return BoundMethod(base, name, member)  # `cls` is the class (the subclass it is called through)
            if base.mapped is None and not isinstance(member, Function):
                stored = self.holders.class_read(base, name, state)  # what this path stored there wins
                if stored is not None:
                    return stored
                if member is UNKNOWN and name in FROM_ATTRIBUTES_METHODS:
                    return BoundMethod(base, name)  # Pydantic: `Schema.model_validate(obj)`
            if base.mapped is not None and member is UNKNOWN and name in TABLE_MODEL_CONSTRUCTORS:
                return BoundMethod(base, name)  # SQLModel: `Hero.model_validate(data)` makes a Hero
            return member
        if isinstance(base, ModuleValue):
            rebound = rebound_global(state, base.path, name)  # `td.s` after `td.init()` ran `global s; s = ...`
            return rebound if rebound is not None else self.engine.module_member(base, name)
        if isinstance(base, ExternalValue):
            if construct_of(base.qualified) is Construct.FLASK_G:
                stored = self.holders.g_read(name, state)
                if stored is not None:
                    return stored
            if construct_of(f"{base.qualified}.{name}") is Construct.TRANSACTION_CURRENT:
                return TransactionManager(CURRENT_TRANSACTION_MANAGER)
            return ExternalValue(f"{base.qualified}.{name}")
        if base is UNKNOWN:
            return self.request_attributes.value(self, frame, base, name, expr, state)
        if isinstance(base, Function) and name in TASK_SEND_METHODS:
            return BoundMethod(base, name)  # Celery: `task.delay(...)`
        if isinstance(base, Many) and name in _CONTAINER_METHODS:
            return BoundMethod(base, name)
        if isinstance(base, Many) and name not in ("append", "extend", "count", "index"):
            return self.over_members(members(base.element), lambda m: self.attribute(frame, m, expr, state), state)
        if isinstance(base, AttrRef):
            return BoundMethod(base, name)
        return UNKNOWN

    def object_attribute(self, ref: ObjectRef, name: str, state: State, frame: Frame | None = None,
                         expr: ast.expr | None = None):
        """``obj.name`` on a plain object: its field, else its class's member. With ``frame``/``expr`` (a real
        read), a property runs its getter, a cached_property runs it once and keeps the value on the object, and
        a missing name falls back to the class's ``__getattr__``."""
        fact = state.heap.objects.get(ref.oid) or self.engine.module_object(ref.oid)
        if fact is None:
            return UNKNOWN
        stored = fact.field(name)
        if stored is not None:
            return stored
        member = self.engine.class_member(fact.cls, name)
        if frame is None or expr is None:
            return _bind_method(ref, fact.cls, name, member)
        kind = descriptor_kind(member)
        if kind is not None:
            value = self.engine.call(self, frame, member, [ref], {}, expr, state, reader=f"property `{name}`")
            if DESCRIPTORS[kind] and ref.oid in state.heap.objects:
                state.heap.objects[ref.oid] = state.heap.objects[ref.oid].with_field(name, value)
            return value
        if member is UNKNOWN and not name.startswith("__") and self.engine.class_fully_known(fact.cls):
            fallback = self.engine.class_member(fact.cls, "__getattr__")
            if isinstance(fallback, Function):
                return self.engine.call(self, frame, fallback, [ref, Const(name)], {}, expr, state,
                                        reader="`__getattr__`")
        return _bind_method(ref, fact.cls, name, member)

    def declared_attribute(self, frame: Frame, ref: DeclaredRef, name: str, expr: ast.expr, state: State):
        """``obj.name`` on a declared instance: the class's method or property, its class attribute, else the
        field as the class declares it."""
        member = self.engine.class_member(ref.cls, name)
        if descriptor_kind(member) is not None:
            return self.engine.call(self, frame, member, [ref], {}, expr, state, reader=f"property `{name}`")
        if member is not UNKNOWN:
            return _bind_method(ref, ref.cls, name, member)
        return self.engine.declarations.field(self, frame, ref, name, state)

    def _stored_query_property(self, cls: ClassRef, name: str, state: State) -> QueryProperty | None:
        """A query property this path stored as a class attribute of ``cls`` or one of its bases."""
        for owner in self.engine.class_mro(cls):
            stored = self.holders.class_read(owner, name, state)
            stored = stored if stored is not None else self.engine.module_class_attribute(owner, name)
            found = [m for m in members(stored) if isinstance(m, QueryProperty)] if stored is not None else []
            if found:
                return found[0]
        return None

    def _super_attribute(self, base: Super, name: str, state: State):
        """``super().name``: the member past ``base.owner`` in the MRO of the receiver's class."""
        receiver = base.receiver
        if isinstance(receiver, ObjectRef):
            fact = state.heap.objects.get(receiver.oid)
            cls = fact.cls if fact is not None else None
        else:
            cls = receiver
        if not isinstance(cls, ClassRef):
            return UNKNOWN
        return _bind_method(receiver, cls, name, self.engine.class_member(cls, name, after=base.owner))

    def super_value(self, frame: Frame, args: list, state: State):
        """``super()`` (the enclosing class and the method's first parameter) or ``super(Class, obj)``."""
        if len(args) == 2 and isinstance(args[0], ClassRef):
            return Super(args[1], args[0])
        code = frame.code
        if args or not isinstance(code, (ast.FunctionDef, ast.AsyncFunctionDef)) or not code.args.args:
            return UNKNOWN
        owner = self.engine.class_owner(frame.path, code)
        receiver = state.env.get(code.args.args[0].arg, UNKNOWN)
        return Super(receiver, owner) if isinstance(owner, ClassRef) else UNKNOWN

    def flask_registry_of(self, cls: ClassRef, _seen: frozenset = frozenset()):
        """The ``db.session`` registry of a Flask-SQLAlchemy model: the ``db`` whose ``db.Model`` it derives from."""
        if (cls.path, cls.node.name) in _seen:
            return None
        for base in cls.node.bases:
            if isinstance(base, ast.Attribute) and base.attr == "Model":
                db = self.engine.module_expression(cls.path, base.value)
                if isinstance(db, FlaskSQLAlchemy):
                    return db.session
            symbol = self.engine.workspace.resolve_expression(cls.path, base)
            if isinstance(symbol, Definition) and isinstance(symbol.node, ast.ClassDef):
                found = self.flask_registry_of(ClassRef(symbol.path, symbol.node, None), _seen | {(cls.path, cls.node.name)})
                if found is not None:
                    return found
        return None

    @staticmethod
    def over_members(candidates, read, state: State):
        """``read`` of each value a name may hold, joined. The path raises (or its statement fails) only if every
        read does: the others go on."""
        results, outcomes = [], []
        for member in candidates:
            results.append(read(member))
            outcomes.append((state.env.pop(PATH_RAISED, False), state.env.pop(STATEMENT_FAILS, None)))
        if outcomes and all(raised for raised, _ in outcomes):
            state.env[PATH_RAISED] = True
        elif outcomes and all(raised or fails is not None for raised, fails in outcomes):
            state.env[STATEMENT_FAILS] = min(fails for _, fails in outcomes if fails is not None)
        return join_all(results)

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

    def _model_query(self, frame: Frame, model: ClassRef, node: ast.AST, state: State) -> Query | None:
        """Flask-SQLAlchemy's ``Model.query`` of a ``db.Model`` class (directly or through its bases): a query of
        ``Model`` in ``db.session``."""
        registry = self.flask_registry_of(model)
        if registry is None:
            return None
        sid = self.calls.shared_session(self, frame, registry, node, state)
        return Query(model.mapped, (), sid, executed=True, origin=self.location(frame, node))

    def read(self, frame: Frame, ref: InstanceRef, attribute: MappedAttribute, expr: ast.expr, state: State,
             awaitable: bool = False):
        fact = state.heap.instances[ref.iid]
        loaded = fact.attr(attribute.name) == lifecycle.LOADED
        held = None if loaded else lifecycle.target_at_hand(state.heap, ref.iid, attribute)
        if held is not None:  # `kid.parent` where `kid` came from `parent.kids`: the identity map gives `parent`
            state.heap.instances[ref.iid] = fact.with_attrs({attribute.name: lifecycle.LOADED})
            return InstanceRef(held)
        faults = lifecycle.read_faults(fact, attribute)
        bad = [f for f in faults if f is not None]
        if not bad and frame.reporting:
            per_row.check_read(self, frame, ref, attribute, expr, state, awaitable)
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
        if lifecycle.raises_by_design(fact, attribute):
            state.env[PATH_RAISED] = True  # InvalidRequestError: nothing after this read runs on this path
        elif bad and None not in faults:
            line = getattr(expr, "lineno", 0)
            state.env[STATEMENT_FAILS] = min(line, state.env.get(STATEMENT_FAILS, line))
        lifecycle.after_read(state.heap, ref.iid, attribute.name)
        if lifecycle.reads_empty(fact, attribute) or lifecycle.known_empty(fact, attribute):
            return Items((), collection=(ref.iid, attribute.name)) if attribute.uselist else Const(None)
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
        related = self.read(frame, InstanceRef(ref.iid), fact.cls.attributes[name], expr, state, awaitable=True)
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
        held = parent.given_instances(attribute.name) if not lazily else None
        if held is not None and all(iid in state.heap.instances for iid in held):
            given = join_all([InstanceRef(iid) for iid in sorted(held, key=ordering_key)])
            if attribute.uselist:
                return Many(given) if held else Items((), collection=(ref.iid, attribute.name))
            return given if held else Const(None)
        if lazily:
            lifecycle.load_related(state.heap, ref.iid, attribute.name)
            parent = state.heap.instances[ref.iid]
        child_id = parent.related(ref.iid, attribute.name)
        if child_id not in state.heap.instances:
            state.heap.instances[child_id] = lifecycle.related_instance(
                parent, attribute, target, self.location(frame, expr), lazily
            )
        child = InstanceRef(child_id)
        return Many(child) if attribute.uselist else child

    def keep_loaded_related(self, frame: Frame, iid, node: ast.AST, state: State) -> None:
        """Before ``iid`` alone changes (``expunge``, ``make_transient``, a commit of its delete): the instances its
        loaded relationships hold are objects of their own, which keep their state (no cascade takes them along:
        observed), so they are made now, as they are, before the parent's change would be copied onto them. That
        holds for a detached parent too: its related instances stay detached when it is made transient."""
        parent = state.heap.instances.get(iid)
        if parent is None or not parent.life - {Life.TRANSIENT}:
            return  # a transient parent's related instances are as it is
        for attribute in parent.cls.loadable():
            if attribute.kind is AttrKind.RELATIONSHIP and attribute.target and parent.attr(attribute.name) == lifecycle.LOADED:
                if parent.related(iid, attribute.name) not in state.heap.instances:
                    self.related_value(frame, InstanceRef(iid), attribute, node, state, lazily=False)

    def session_label(self, fact: InstanceFact, state: State) -> str:
        labels = sorted(state.heap.sessions[s].label for s in fact.sessions if s in state.heap.sessions)
        return labels[0] if labels else ""


_FAULT_PRIORITY = [Fault.DETACHED_EXPIRED, Fault.DETACHED_UNLOADED, Fault.GREENLET, Fault.NOT_PERSISTENT]


def _bind_method(receiver, cls: ClassRef, name: str, member):
    """A member read through an instance (or ``super()``): methods bind the instance, classmethods the class,
    staticmethods nothing."""
    if not isinstance(member, Function) or is_staticmethod(member):
        return member
    return BoundMethod(cls if _is_classmethod(member.node) else receiver, name, member)


def _is_classmethod(function: ast.AST) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list)


def _primary_fault(faults: list[Fault]) -> Fault:
    return min(faults, key=_FAULT_PRIORITY.index)


#: a result row's attributes that are the row itself, seen as a mapping or a tuple
_ROW_VIEWS = {"_mapping", "t", "_t"}


def _row_attribute(row: Items, name: str):
    """``row.User`` (a selected entity, by its class name), ``row._mapping`` / ``row.t`` (the same row)."""
    if name in row.names:
        return row.items[row.names.index(name)]
    return row if name in _ROW_VIEWS else UNKNOWN


def _table_of(cls) -> MappedTable:
    return MappedTable(tuple(a.name for a in cls.loadable() if a.kind is AttrKind.COLUMN))
