"""Calls into SQLAlchemy and the standard library: constructors, bound methods, queries, hand-offs to threads.

Dispatch goes through the ``sqla_api`` tables: ``Construct`` for external callables, ``SessionEffect`` for
session methods (their effects are in session_effects.py) and ``ResultShape`` for query/result methods.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..orm import lifecycle
from ..orm.sqla_api import (
    CURRENT_TRANSACTION_MANAGER,
    Construct,
    EXPIRE_ON_COMMIT_KEYWORD,
    FLASK_DB_LOADERS,
    FROM_ATTRIBUTES_METHODS,
    HAND_OFF_METHODS,
    LOADER_OPTIONS,
    LoaderOpt,
    RESULT_METHODS,
    ResultShape,
    SESSION_METHODS,
    TASK_SEND_METHODS,
    construct_of,
    is_async_name,
)
from ..orm.state import Life
from .frame import Frame, State, element_of
from .frameworks import Frameworks
from .host import Evaluating, Host
from .loader_options import flatten_options, loader_option
from .session_effects import SessionEffects
from .values import (
    BoundMethod,
    ClassRef,
    Const,
    Context,
    ContextKind,
    Executor,
    Factory,
    FlaskSQLAlchemy,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    Query,
    Registry,
    SessionRef,
    TaskQueue,
    TransactionManager,
    UNKNOWN,
    join_values,
    members,
)


def _const(value, default=None):
    return value.value if isinstance(value, Const) else default


class Calls(SessionEffects):
    """Calls into SQLAlchemy and the standard library: constructors, bound methods, queries, hand-offs to threads."""

    def __init__(self, engine: Host, frameworks: Frameworks) -> None:
        self.engine = engine
        self.frameworks = frameworks

    # -- external callables ------------------------------------------------------------------------------
    def external(self, ev: Evaluating, frame: Frame, qualified: str, args, kwargs, node: ast.Call, state: State):
        construct = construct_of(qualified)
        name = qualified.rpartition(".")[2]
        if construct is Construct.SESSION:
            expire = _const(kwargs.get(EXPIRE_ON_COMMIT_KEYWORD), True)
            factory = Factory(is_async_name(qualified), bool(expire), name, ev.location(frame, node))
            return self.new_session(ev, frame, factory, node, state)
        if construct is Construct.FACTORY:
            return factory_from_call(qualified, kwargs, ev.location(frame, node))
        if construct is Construct.SCOPED:
            inner = args[0] if args else kwargs.get("session_factory", UNKNOWN)
            factory = inner if isinstance(inner, Factory) else Factory(is_async_name(qualified), True, "session")
            return Registry(frame.alloc(node, "registry"), factory, "session")
        if construct is Construct.SELECT:
            first = args[0] if args else UNKNOWN
            if isinstance(first, ClassRef) and first.mapped is not None:
                return Query(first.mapped)
            return UNKNOWN
        if name in LOADER_OPTIONS:
            return loader_option(LOADER_OPTIONS[name], args, ())
        if construct in (Construct.MAKE_TRANSIENT, Construct.MAKE_TRANSIENT_TO_DETACHED) and args:
            self._make_transient(ev, frame, args[0], construct, node, state)
            return Const(None)
        if construct is Construct.THREAD:
            target = kwargs.get("target", args[1] if len(args) > 1 else UNKNOWN)
            thread_args = kwargs.get("args", Items(()))
            self.hand_off(ev, frame, target, thread_args.items if isinstance(thread_args, Items) else (), node, state)
            return UNKNOWN
        if construct in (Construct.EXECUTOR, Construct.EVENT_LOOP):
            return Executor()
        if construct is Construct.TO_THREAD:
            self.hand_off(ev, frame, args[0] if args else UNKNOWN, args[1:], node, state)
            return UNKNOWN
        if construct is Construct.DEPENDS:
            return self.frameworks.depends(args, kwargs)
        if construct is Construct.BACKGROUND_TASKS:
            return TaskQueue()
        if construct is Construct.TRANSACTION_JOIN:
            return ev.transactions.join(ev, frame, args, kwargs, node, state)
        if construct is Construct.TRANSACTION_END:
            ev.transactions.end(ev, frame, CURRENT_TRANSACTION_MANAGER, name, node, state)
            return Const(None)
        if construct is Construct.TRANSACTION_GET:
            return TransactionManager(CURRENT_TRANSACTION_MANAGER)
        if construct is Construct.TRANSACTION_MANAGER:
            return TransactionManager(frame.alloc(node, "transaction-manager"))
        if construct is Construct.FLASK_SQLALCHEMY:
            options = kwargs.get("session_options")
            expire = options.get(EXPIRE_ON_COMMIT_KEYWORD, Const(True)) if isinstance(options, Keyed) else Const(True)
            factory = Factory(False, bool(_const(expire, True)), "db.session", ev.location(frame, node))
            return FlaskSQLAlchemy(Registry(frame.alloc(node, FLASK_REGISTRY), factory, "db.session"))
        return UNKNOWN

    def hand_off(self, ev, frame, target, args, node, state) -> None:
        """A function handed to a thread or executor runs with the instances as they are at the hand-off."""
        for member in members(target):
            if isinstance(member, Function):
                self.engine.call(ev, frame, member, list(args), {}, node, state)

    def _make_transient(self, ev, frame, value, construct, node, state) -> None:
        for member in members(value):
            if isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                fact = state.heap.instances[member.iid]
                life = Life.TRANSIENT if construct is Construct.MAKE_TRANSIENT else Life.DETACHED
                state.heap.instances[member.iid] = replace(fact, life=frozenset({life}), sessions=frozenset())

    def method(self, ev: Evaluating, frame: Frame, bound: BoundMethod, args, kwargs, node: ast.Call, state: State):
        receiver, name = bound.receiver, bound.name
        if bound.function is not None:
            if getattr(bound.function, "is_contextmanager", False):  # a @contextmanager method: `with obj.scope():`
                call = (bound.function, (receiver, *args), tuple(sorted(kwargs.items())))
                return Context(ContextKind.GENERATOR, call, bound.function.node.name)
            return self.engine.call(ev, frame, bound.function, [receiver, *args], kwargs, node, state)
        if isinstance(receiver, Factory):
            if name == "begin":
                return Context(ContextKind.BEGIN_NEW, receiver, receiver.label)
            if name == "configure":
                return self._configure(ev, frame, receiver, kwargs, node, state)
            return UNKNOWN
        if isinstance(receiver, TransactionManager):
            if name in ("commit", "abort"):
                ev.transactions.end(ev, frame, receiver.key, name, node, state)
            return receiver if name == "get" else Const(None)
        if isinstance(receiver, FlaskSQLAlchemy) and name in FLASK_DB_LOADERS:
            return self._flask_db_load(ev, frame, receiver, name, args, kwargs, node, state)
        if isinstance(receiver, (SessionRef, Registry)):
            if isinstance(receiver, Registry) and name == "remove":
                return self._remove(ev, frame, receiver, node, state)
            sid, label = self._session_of(ev, frame, receiver, node, state)
            if name == "begin":
                self._check_not_begun(ev, frame, sid, label, node, state)
                lifecycle.with_transaction(state.heap, sid, True)
                return Context(ContextKind.BEGIN, SessionRef(sid), label)
            if name == "run_sync":
                return self._run_sync(ev, frame, sid, args, kwargs, node, state)
            effect = SESSION_METHODS.get(name)
            if effect is None:
                return UNKNOWN
            receiver_text = ev.text(frame, node.func.value) if isinstance(node.func, ast.Attribute) else label
            return self.session_effect(ev, frame, sid, receiver_text or label, effect, args, kwargs, node, state)
        if isinstance(receiver, TaskQueue) and name == "add_task":
            self.frameworks.add_task(ev, frame, args, kwargs, node, state)
            return Const(None)
        if isinstance(receiver, Function) and name in TASK_SEND_METHODS:
            self.frameworks.send_task(ev, frame, receiver, name, args, kwargs, node, state)
            return UNKNOWN
        if isinstance(receiver, ClassRef) and name in FROM_ATTRIBUTES_METHODS:
            return self.frameworks.validate_from_attributes(ev, frame, receiver, args, kwargs, node, state)
        if isinstance(receiver, Many) and name in _MAPPING_READS:
            if receiver.kind in ("set", "dict") and args:
                ev.implicit_call(frame, args[0], "__hash__", node, state)
            if name == "values":
                return Many(receiver.element)
            if name == "items":
                return Many(Items((UNKNOWN, receiver.element)))
            if name in ("discard", "remove"):
                return Const(None)
            if name == "pop" and receiver.kind != "dict":
                return receiver.element  # list.pop() / set.pop()
            default = args[1] if len(args) > 1 else Const(None)
            return join_values(receiver.element, default)
        if isinstance(receiver, Executor) and name in HAND_OFF_METHODS:
            index = HAND_OFF_METHODS[name]
            target = args[index] if len(args) > index else UNKNOWN
            rest = args[index + 1:]
            if name == "map":
                rest = [element_of(r) for r in rest]
            self.hand_off(ev, frame, target, rest, node, state)
            return UNKNOWN
        if isinstance(receiver, Keyed) and name in ("get", "pop", "setdefault") and args and isinstance(args[0], Const):
            return receiver.get(str(args[0].value), args[1] if len(args) > 1 else Const(None))
        if isinstance(receiver, Query):
            return self.query_method(ev, frame, receiver, name, args, kwargs, node, state)
        if isinstance(receiver, LoaderOpt) and name in LOADER_OPTIONS:
            chained = loader_option(LOADER_OPTIONS[name], args, receiver.path)
            return replace(chained, parents=receiver.parents + (receiver,)) if isinstance(chained, LoaderOpt) else UNKNOWN
        return UNKNOWN

    def _configure(self, ev, frame, factory: Factory, kwargs, node, state):
        """``factory.configure(expire_on_commit=...)``: the sessions it makes from then on use the new setting."""
        expire = kwargs.get(EXPIRE_ON_COMMIT_KEYWORD)
        holder = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(expire, Const) and isinstance(holder, (ast.Name, ast.Attribute)):
            # the setting now comes from this call's argument, not from where the factory was made: no place to
            # offer the expire_on_commit fix at
            ev._assign(frame, holder, replace(factory, expire_on_commit=bool(expire.value), origin=None), state)
        return Const(None)

    def _flask_db_load(self, ev, frame, db: FlaskSQLAlchemy, name, args, kwargs, node, state):
        """``db.get_or_404(Model, id)`` / ``db.first_or_404(stmt)``: an instance loaded in ``db.session``."""
        sid = self.shared_session(ev, frame, db.session, node, state)
        if FLASK_DB_LOADERS[name] == "model":
            return self._load(ev, frame, sid, db.session.label, args, kwargs, node, state)
        first = args[0] if args else UNKNOWN
        if isinstance(first, Query):
            return self.materialize(ev, frame, replace(first, session=sid, executed=True), node, state)
        return UNKNOWN

    # -- queries -----------------------------------------------------------------------------------------
    def query_method(self, ev, frame, query: Query, name: str, args, kwargs, node, state):
        if name == "options":
            return replace(query, options=query.options + flatten_options(args))
        shape = RESULT_METHODS.get(name)
        if shape is None:
            return query  # filter, where, order_by, unique, limit, ...: the same entity
        if not query.executed:
            return UNKNOWN
        if shape is ResultShape.SCALARS:
            return replace(query, rows=False)
        instance = self.materialize(ev, frame, query, node, state)
        if query.rows and name not in _ROW_TO_SCALAR:
            instance = Items((instance,))  # a Row holding the entity: `(user,) = row`, `row[0]`
        return Many(instance) if shape is ResultShape.MANY else instance


def factory_from_call(qualified: str, kwargs: dict, origin=None) -> Factory:
    expire = _const(kwargs.get(EXPIRE_ON_COMMIT_KEYWORD), True)
    is_async = is_async_name(qualified)
    klass = kwargs.get("class_")
    if getattr(klass, "qualified", "").endswith("AsyncSession"):
        is_async = True
    return Factory(is_async, bool(expire), "session", origin)


_ROW_TO_SCALAR = {"scalar", "scalar_one", "scalar_one_or_none"}
#: the tag of a Flask-SQLAlchemy registry's key (its app-context exits remove it)
FLASK_REGISTRY = "flask-registry"
#: mapping/set methods that return (or test) what the container holds
_MAPPING_READS = {"get", "pop", "setdefault", "values", "items", "discard", "remove"}
