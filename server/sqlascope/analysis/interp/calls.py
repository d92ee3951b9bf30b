"""Calls into SQLAlchemy and the standard library: constructors, bound methods, queries, hand-offs to threads.

Dispatch goes through the ``sqla_api`` tables: ``Construct`` for external callables, ``SessionEffect`` for
session methods (their effects are in session_effects.py) and ``ResultShape`` for query/result methods.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..orm import lifecycle
from ..orm.sqla_api import (
    ATTRIBUTE_NARROWING,
    FIND_SERVICE,
    CURRENT_TRANSACTION_MANAGER,
    Construct,
    EXPIRE_ON_COMMIT_KEYWORD,
    FLASK_DB_LOADERS,
    FROM_ATTRIBUTES_METHODS,
    TABLE_MODEL_CONSTRUCTORS,
    HAND_OFF_METHODS,
    LOADER_OPTIONS,
    LoaderOpt,
    LoaderOption,
    RESULT_METHODS,
    ROW_PRESERVING_QUERY_METHODS,
    ResultShape,
    SAVEPOINT_METHODS,
    SESSION_METHODS,
    SessionEffect,
    TASK_SEND_METHODS,
    VALIDATOR_METHODS,
    construct_of,
    is_async_name,
    validator_kind,
)
from . import generators, inspection
from .copies import COPY_FUNCTIONS, copy_value
from .frame import Frame, State, element_of
from .frameworks import Frameworks
from .host import Evaluating, Host
from .identity_keys import KeyOf, key_value, single_key
from .instances import construct_instance
from .loader_options import flatten_options, loader_option, sub_options
from .session_effects import SessionEffects
from .values import (
    selected_entities,
    AttrRef,
    Generator,
    Pending,
    is_generator_function,
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
    QueryProperty,
    Registry,
    Savepoint,
    SessionRef,
    TaskQueue,
    TransactionManager,
    UNKNOWN,
    Validator,
    join_all,
    join_values,
    members,
)


def _const(value, default=None):
    return value.value if isinstance(value, Const) else default


def _literal_option(call: ast.Call, keyword: str, key: str, default):
    """``keyword={"key": <constant>}`` written in the call itself: the constant (a dict literal's values are not
    tracked per key)."""
    for kw in call.keywords:
        if kw.arg == keyword and isinstance(kw.value, ast.Dict):
            for k, v in zip(kw.value.keys, kw.value.values):
                if isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Constant):
                    return v.value
    return default


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
        if construct is Construct.CAST:
            return args[1] if len(args) > 1 else UNKNOWN
        if construct is Construct.LOAD:
            first = args[0] if args else UNKNOWN
            if isinstance(first, ClassRef) and first.mapped is not None:
                return LoaderOpt(LoaderOption.DEFAULT, (), entity=first.mapped.name)
            return UNKNOWN
        if construct is Construct.DECLARATIVE_BASE_FUNC:
            return ev.engine.base_class(frame.path, node)
        if construct is Construct.SELECT:
            first = args[0] if args else UNKNOWN
            if isinstance(first, ClassRef) and first.mapped is not None:
                return Query(first.mapped, origin=ev.location(frame, node), also=selected_entities(args[1:]))
            return UNKNOWN
        if validator_kind(qualified) == "call" and node.args:
            return ev.frameworks.validator(frame.path, node.args[0])  # `TypeAdapter(list[Schema])`
        if name in LOADER_OPTIONS:
            return loader_option(name, args, ())
        if construct in (Construct.MAKE_TRANSIENT, Construct.MAKE_TRANSIENT_TO_DETACHED) and args:
            self._make_transient(ev, frame, args[0], construct, node, state)
            return Const(None)
        if construct is Construct.OBJECT_SESSION and args:
            return inspection.owning_session(args[0], state)
        if construct is Construct.INSPECT and args:
            return inspection.inspected(args[0])
        if construct is Construct.GC_COLLECT:
            lifecycle.collect_garbage(state.heap, ev.event(frame, node, "`gc.collect()` freed the session here", "freed"))
            return UNKNOWN
        if construct is Construct.EXIT_STACK:
            return Context(ContextKind.EXIT_STACK, frame.alloc(node, "exit-stack"), "stack")
        if construct is Construct.THREAD:
            target = kwargs.get("target", args[1] if len(args) > 1 else UNKNOWN)
            thread_args = kwargs.get("args", Items(()))
            return self.hand_off(ev, frame, target, thread_args.items if isinstance(thread_args, Items) else (), node, state)
        if construct in (Construct.EXECUTOR, Construct.EVENT_LOOP):
            return Executor()
        if construct is Construct.TO_THREAD:
            return self.hand_off(ev, frame, args[0] if args else UNKNOWN, args[1:], node, state)
        if qualified in AWAITABLE_WRAPPERS and args:
            # a coroutine call has already run here, so awaiting its task gives its result; create_task(to_thread())
            # is the same pending work
            return args[0]
        if qualified in ITERATOR_VIEWS and args and generators.made_here(node):
            # over a generator made for it: consuming the view runs that generator, and the view, dropped once
            # consumed, finishes it
            return args[0]
        if qualified in AWAITABLE_GATHERERS:
            starred = any(isinstance(a, ast.Starred) for a in node.args)
            return Many(join_all(list(args))) if starred else Items(tuple(args))
        if qualified == "dataclasses.replace" and args:
            for member in members(args[0]):
                if isinstance(member, InstanceRef):
                    ev.generated_reads(frame, member, "replace", node, state, label=f"`{qualified}()`",
                                       given=frozenset(kwargs))
            return UNKNOWN
        if qualified in ("dataclasses.asdict", "dataclasses.astuple") and args:
            for member in members(args[0]):
                if isinstance(member, InstanceRef):
                    ev.generated_reads(frame, member, "asdict", node, state, label=f"`{qualified}()`")
            return UNKNOWN
        how = COPY_FUNCTIONS.get(qualified)
        if how is not None and args:
            event = ev.event(frame, node, f"`{ev.text(frame, node)}` made a copy that belongs to no session")
            return copy_value(how, args[0], lambda tag: frame.alloc(node, "copy:" + tag), event, state)
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
            expire = options.get(EXPIRE_ON_COMMIT_KEYWORD, Const(True)) if isinstance(options, Keyed) else Const(
                _literal_option(node, "session_options", EXPIRE_ON_COMMIT_KEYWORD, True))
            factory = Factory(False, bool(_const(expire, True)), "db.session", ev.location(frame, node))
            return FlaskSQLAlchemy(Registry(frame.alloc(node, FLASK_REGISTRY), factory, "db.session"))
        return UNKNOWN

    def hand_off(self, ev, frame, target, args, node, state) -> Pending:
        """A function handed to a thread or executor may run as soon as the hand-off, or as late as its join:
        its reads are checked against the state at both points. Here it is analysed on a copy (what it does is
        only certain once joined); ``join`` runs it for real."""
        self._run_worker(ev, frame, target, args, node, type(state)(state.env, state.heap.copy()))
        return Pending(target, tuple(args))

    def join(self, ev, frame, pending: Pending, node, state) -> None:
        """The latest point the handed-off work can run: check its reads against the state here, and keep what
        it did (a session it closed or committed)."""
        self._run_worker(ev, frame, pending.target, pending.args, node, state)

    def _run_worker(self, ev, frame, target, args, node, state) -> None:
        for member in members(target):
            if isinstance(member, Function):
                self.engine.call(ev, frame, member, list(args), {}, node, state)

    def _make_transient(self, ev, frame, value, construct, node, state) -> None:
        to_detached = construct is Construct.MAKE_TRANSIENT_TO_DETACHED
        event = ev.event(frame, node, f"`{ev.text(frame, node.func)}()` here", construct.value)
        for member in members(value):
            if isinstance(member, InstanceRef) and member.iid in state.heap.instances:
                ev.keep_loaded_related(frame, member.iid, node, state)
                fact = lifecycle.made_transient(state.heap.instances[member.iid], to_detached=to_detached)
                state.heap.instances[member.iid] = replace(fact, history=fact.history | {event}) if to_detached else fact

    def method(self, ev: Evaluating, frame: Frame, bound: BoundMethod, args, kwargs, node: ast.Call, state: State):
        receiver, name = bound.receiver, bound.name
        if bound.function is not None:
            if is_generator_function(bound.function.node) and not bound.function.is_contextmanager:
                return Generator(bound.function, (receiver, *args), tuple(sorted(kwargs.items())))
            if bound.function.is_contextmanager:  # a @contextmanager method: `with self.session() as s:`
                return Context(ContextKind.GENERATOR, (bound.function, (receiver, *args), tuple(sorted(kwargs.items()))),
                               bound.function.node.name)
            return self.engine.call(ev, frame, bound.function, [receiver, *args], kwargs, node, state)
        if isinstance(receiver, Context) and receiver.kind is ContextKind.EXIT_STACK:
            return ev.contexts.stack_method(ev, frame, receiver, name, args, node, state)
        if receiver is UNKNOWN and name == FIND_SERVICE:  # pyramid_services, on a request (request_methods.py)
            return ev.request_attributes.find_service(ev, frame, receiver, node, state)
        if isinstance(receiver, Factory):
            if name == "begin":
                return Context(ContextKind.BEGIN_NEW, receiver, receiver.label)
            if name == "configure":
                return self.configure_factory(ev, frame, receiver, kwargs, node, state)
            return UNKNOWN
        if isinstance(receiver, Registry) and name == "configure":
            return self.configure_factory(ev, frame, receiver.factory, kwargs, node, state)
        if isinstance(receiver, Registry) and name == "query_property":
            return QueryProperty(receiver)
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
            if name == "begin_nested":
                self.session_effect(ev, frame, sid, label, SessionEffect.SAVEPOINT, args, kwargs, node, state)
                return Savepoint(sid, lifecycle.savepoint_depth(state.heap, sid))
            if name == "run_sync":
                return self._run_sync(ev, frame, sid, args, kwargs, node, state)
            effect = SESSION_METHODS.get(name)
            if effect is None:
                return UNKNOWN
            receiver_text = ev.text(frame, node.func.value) if isinstance(node.func, ast.Attribute) else label
            return self.session_effect(ev, frame, sid, receiver_text or label, effect, args, kwargs, node, state)
        if isinstance(receiver, Savepoint):
            if name in SAVEPOINT_METHODS:
                self.end_savepoint(ev, frame, receiver, SAVEPOINT_METHODS[name], node, state)
            return Const(None)
        if isinstance(receiver, Generator):
            if name in generators.CLOSING_METHODS:
                generators.close(ev, frame, receiver, node, state)
            return UNKNOWN
        if isinstance(receiver, Pending):
            if name in JOIN_METHODS:
                self.join(ev, frame, receiver, node, state)
            return UNKNOWN
        if isinstance(receiver, TaskQueue) and name == "add_task":
            self.frameworks.add_task(ev, frame, args, kwargs, node, state)
            return Const(None)
        if isinstance(receiver, Function) and name in TASK_SEND_METHODS:
            self.frameworks.send_task(ev, frame, receiver, name, args, kwargs, node, state)
            return UNKNOWN
        if isinstance(receiver, Validator) and name in VALIDATOR_METHODS:
            return ev.frameworks.validate_with(ev, frame, receiver, args, kwargs, node, state)
        if isinstance(receiver, ClassRef) and receiver.mapped is not None and name in TABLE_MODEL_CONSTRUCTORS:
            # the fields it sets are those ``data`` holds: not known, as for ``Hero(**data)``
            return construct_instance(self.engine, ev, frame, receiver, [UNKNOWN], {}, node, state)
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
            if receiver.entries and name == "get" and args and isinstance(args[0], Const):
                found = receiver.entry(args[0].value)
                return found if found is not None else (args[1] if len(args) > 1 else Const(None))
            if len(args) > 1:
                return join_values(receiver.element, args[1])
            # without a default, `get` gives None for a missing key and `pop`/`setdefault` raise or store None
            return join_values(receiver.element, Const(None)) if name == "get" else receiver.element
        if isinstance(receiver, Executor) and name in HAND_OFF_METHODS:
            index = HAND_OFF_METHODS[name]
            target = args[index] if len(args) > index else UNKNOWN
            rest = args[index + 1:]
            if name == "map":
                rest = [element_of(r) for r in rest]
            pending = self.hand_off(ev, frame, target, rest, node, state)
            return pending if name != "map" else UNKNOWN
        if isinstance(receiver, Keyed) and name in ("get", "pop", "setdefault") and args and isinstance(args[0], Const):
            return receiver.get(str(args[0].value), args[1] if len(args) > 1 else Const(None))
        if isinstance(receiver, Query):
            return self.query_method(ev, frame, receiver, name, args, kwargs, node, state)
        if isinstance(receiver, LoaderOpt) and name == "options":
            return sub_options(receiver, args)
        if isinstance(receiver, AttrRef) and name in ATTRIBUTE_NARROWING:
            return receiver
        if isinstance(receiver, LoaderOpt) and name in LOADER_OPTIONS:
            chained = loader_option(name, args, receiver.path)
            return (replace(chained, parents=receiver.parents + (receiver,), entity=receiver.entity)
                    if isinstance(chained, LoaderOpt) else UNKNOWN)
        return UNKNOWN

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
        if query.every_row and name not in ROW_PRESERVING_QUERY_METHODS and name not in RESULT_METHODS:
            query = replace(query, every_row=False)
        if name == "options":
            return replace(query, options=query.options + flatten_options(args))
        if name in JOIN_METHODS_OF_QUERIES:
            along = tuple((a.cls.name, a.name) for a in args if isinstance(a, AttrRef))
            return replace(query, joins=query.joins + along)
        if name == "limit" and args and isinstance(args[0], Const) and args[0].value == 1:
            return replace(query, one_row=True)
        by_key = _by_primary_key(query, name, node, kwargs, state)
        if by_key is not None:
            key = by_key.value if isinstance(by_key, Const) else by_key if isinstance(by_key, KeyOf) else None
            return replace(query, one_row=True, key=(query.cls, key) if key is not None else None)
        shape = RESULT_METHODS.get(name)
        if shape is None:
            return query  # filter, where, order_by, unique, limit, ...: the same entity
        if not query.executed:
            return UNKNOWN
        if shape is ResultShape.SCALARS:
            return replace(query, rows=False)
        if query.rows and name not in _ROW_TO_SCALAR:  # Rows: `(user,) = row`, `row[0]`, `row.User`
            instance = self.result_row(ev, frame, query, node, state, many=shape is ResultShape.MANY)
        else:
            instance = self.materialize(ev, frame, query, node, state, many=shape is ResultShape.MANY)
        return Many(instance) if shape is ResultShape.MANY else instance


#: ``select(...).join(A.rel)`` and the like: the rows pair each A with the instances of ``a.rel``
JOIN_METHODS_OF_QUERIES = {"join", "outerjoin", "join_from", "outerjoin_from"}
#: methods that wait for handed-off work to finish (Thread.join, Future.result)
JOIN_METHODS = {"join", "result"}
#: functions that wrap an awaitable without running it elsewhere
AWAITABLE_WRAPPERS = {"asyncio.create_task", "asyncio.ensure_future", "asyncio.shield", "asyncio.wait_for"}
#: iterators that take some of the elements of their first argument, as they are
ITERATOR_VIEWS = {"itertools.islice"}
#: functions whose awaitable gives the results of the awaitables given, in order
AWAITABLE_GATHERERS = {"asyncio.gather"}


def factory_from_call(qualified: str, kwargs: dict, origin=None) -> Factory:
    expire = _const(kwargs.get(EXPIRE_ON_COMMIT_KEYWORD), True)
    is_async = is_async_name(qualified)
    klass = kwargs.get("class_")
    if getattr(klass, "qualified", "").endswith("AsyncSession"):
        is_async = True
    return Factory(is_async, bool(expire), "session", origin)


def _by_primary_key(query: Query, name: str, node: ast.Call, kwargs, state):
    """``.where(M.id == x)`` / ``.filter(...)`` / ``.filter_by(id=x)`` on M's single primary key: at most one row.
    The value of ``x`` (a ``Const`` when constant); None when the call names no row by its key."""
    keys = single_key(query.cls)
    if not keys or name not in ("where", "filter", "filter_by"):
        return None
    if name == "filter_by":
        return kwargs.get(keys[0], UNKNOWN) if any(k.arg == keys[0] for k in node.keywords) else None
    for condition in node.args:
        if isinstance(condition, ast.Compare) and len(condition.ops) == 1 and isinstance(condition.ops[0], ast.Eq):
            sides = (condition.left, condition.comparators[0])
            for side, other in (sides, sides[::-1]):
                if (isinstance(side, ast.Attribute) and side.attr == keys[0] and isinstance(side.value, ast.Name)
                        and side.value.id == query.cls.name):
                    return key_value(other, query.cls, state)
    return None


_ROW_TO_SCALAR = {"scalar", "scalar_one", "scalar_one_or_none"}
#: the tag of a Flask-SQLAlchemy registry's key (its app-context exits remove it)
FLASK_REGISTRY = "flask-registry"
#: mapping/set methods that return (or test) what the container holds
_MAPPING_READS = {"get", "pop", "setdefault", "values", "items", "discard", "remove"}
