"""What SQLAlchemy's API does to sessions and instances, as data.

Everything the engine knows about SQLAlchemy lives in these tables. When SQLAlchemy adds a session method or
a loader option, the change should be one row here, not a new branch in the interpreter.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SessionEffect(enum.Enum):
    """What a session method does to the instances it holds."""

    CLOSE = "close"  # every instance becomes detached; attribute states are kept
    COMMIT = "commit"  # persistent/pending instances: every attribute expires (if expire_on_commit)
    ROLLBACK = "rollback"  # every attribute expires, regardless of expire_on_commit; pending → transient
    FLUSH = "flush"  # pending → persistent; nothing expires
    EXPUNGE = "expunge"  # argument becomes detached without expiring
    EXPUNGE_ALL = "expunge_all"  # every instance becomes detached without expiring
    EXPIRE = "expire"  # argument's attributes (or the named ones) expire; must be persistent here
    EXPIRE_ALL = "expire_all"  # every held instance expires
    REFRESH = "refresh"  # argument must be persistent here; reloads columns
    MERGE = "merge"  # returns an attached copy of the argument; the argument itself is unchanged
    ADD = "add"  # argument becomes pending (transient) or persistent again (detached)
    ADD_ALL = "add_all"  # every element of the argument, as ADD
    DELETE = "delete"  # argument is deleted at the next flush
    REMOVE = "remove"  # scoped registry: closes the current session and forgets it
    LOAD = "load"  # returns instances (get, scalar, ...)
    QUERY = "query"  # returns a query/result object that later yields instances
    NEUTRAL = "neutral"  # known, with no effect on instance state
    SAVEPOINT = "savepoint"  # begin_nested(): flushes, then what changes is undone by the savepoint's rollback
    SAVEPOINT_RELEASE = "savepoint_release"  # the savepoint's commit(): nothing expires
    SAVEPOINT_ROLLBACK = "savepoint_rollback"  # the savepoint's rollback(): what changed inside it is undone


#: Session (and AsyncSession, scoped registry) methods → effect.
SESSION_METHODS: dict[str, SessionEffect] = {
    "close": SessionEffect.CLOSE,
    "invalidate": SessionEffect.CLOSE,
    "reset": SessionEffect.CLOSE,
    "commit": SessionEffect.COMMIT,
    "rollback": SessionEffect.ROLLBACK,
    "flush": SessionEffect.FLUSH,
    "expunge": SessionEffect.EXPUNGE,
    "expunge_all": SessionEffect.EXPUNGE_ALL,
    "expire": SessionEffect.EXPIRE,
    "expire_all": SessionEffect.EXPIRE_ALL,
    "refresh": SessionEffect.REFRESH,
    "merge": SessionEffect.MERGE,
    "add": SessionEffect.ADD,
    "add_all": SessionEffect.ADD_ALL,
    "delete": SessionEffect.DELETE,
    "remove": SessionEffect.REMOVE,
    "begin_nested": SessionEffect.SAVEPOINT,
    "get": SessionEffect.LOAD,
    "get_one": SessionEffect.LOAD,
    "scalar": SessionEffect.LOAD,
    "scalars": SessionEffect.QUERY,
    "execute": SessionEffect.QUERY,
    "query": SessionEffect.QUERY,
    "exec": SessionEffect.QUERY,  # sqlmodel.Session.exec
    "stream_scalars": SessionEffect.QUERY,
}

#: Methods of the transaction ``begin_nested()`` returns → what they do to the session's savepoint.
SAVEPOINT_METHODS: dict[str, SessionEffect] = {
    "commit": SessionEffect.SAVEPOINT_RELEASE,
    "rollback": SessionEffect.SAVEPOINT_ROLLBACK,
}

#: Session methods whose instance argument is the first positional argument.
INSTANCE_ARGUMENT_EFFECTS = {
    SessionEffect.EXPUNGE,
    SessionEffect.EXPIRE,
    SessionEffect.REFRESH,
    SessionEffect.MERGE,
    SessionEffect.ADD,
    SessionEffect.DELETE,
}


class ResultShape(enum.Enum):
    """What a terminal method of a query or result object returns."""

    ONE = "one"  # a single instance (or None)
    MANY = "many"  # a list of instances
    SAME = "same"  # the same query/result, refined (filter, order_by, unique, ...)
    SCALARS = "scalars"  # Result.scalars(): a result of instances


#: Terminal and chaining methods on Query / Result / ScalarResult / Select.
RESULT_METHODS: dict[str, ResultShape] = {
    "first": ResultShape.ONE,
    "one": ResultShape.ONE,
    "one_or_none": ResultShape.ONE,
    "scalar": ResultShape.ONE,
    "scalar_one": ResultShape.ONE,
    "scalar_one_or_none": ResultShape.ONE,
    "get": ResultShape.ONE,  # legacy Query.get
    "first_or_404": ResultShape.ONE,  # Flask-SQLAlchemy's Query: first(), or abort(404)
    "one_or_404": ResultShape.ONE,
    "get_or_404": ResultShape.ONE,
    "all": ResultShape.MANY,
    "fetchall": ResultShape.MANY,
    "partitions": ResultShape.MANY,
    "scalars": ResultShape.SCALARS,
}


#: Query / Select methods that keep every row of the query: any other refinement (``where``, ``filter``, ``join``,
#: ``limit``, ``offset``, ``having``, ...) may leave rows out
ROW_PRESERVING_QUERY_METHODS = frozenset({
    "options", "order_by", "unique", "execution_options", "distinct", "populate_existing", "autoflush",
    "enable_eagerloads", "yield_per", "outerjoin", "params", "with_for_update", "scalars",
})


class LoaderOption(enum.Enum):
    """Effect of a loader option on the attribute it names."""

    EAGER = "eager"  # relationship loaded with the parent
    #: relationship filled from the rows of the query's own JOIN (``contains_eager``): loaded with the parent by
    #: that query only; loading the row again by its key (a refresh) does not fill it (observed)
    FROM_JOIN = "from_join"
    IMMEDIATE = "immediate"  # loaded with the parent, by one SELECT per parent row while the query runs
    LAZY = "lazy"  # relationship left for a lazy load
    LOAD_ONLY = "load_only"  # only the named columns are loaded
    DEFER = "defer"  # column left unloaded
    UNDEFER = "undefer"  # column loaded with the row
    UNDEFER_GROUP = "undefer_group"  # every column of the deferred groups named (``columns``) loaded with the row
    RAISE = "raise"  # access raises InvalidRequestError by design (not our bug class)
    NOLOAD = "noload"  # attribute is empty, never loads
    DEFAULT = "default"  # the attribute's strategy unchanged: a link that only leads a chain on (``defaultload``)


LOADER_OPTIONS: dict[str, LoaderOption] = {
    "selectinload": LoaderOption.EAGER,
    "joinedload": LoaderOption.EAGER,
    "subqueryload": LoaderOption.EAGER,
    "immediateload": LoaderOption.IMMEDIATE,
    "contains_eager": LoaderOption.FROM_JOIN,
    "lazyload": LoaderOption.LAZY,
    "load_only": LoaderOption.LOAD_ONLY,
    "defer": LoaderOption.DEFER,
    "undefer": LoaderOption.UNDEFER,
    "undefer_group": LoaderOption.UNDEFER_GROUP,
    "raiseload": LoaderOption.RAISE,
    "noload": LoaderOption.NOLOAD,
    "defaultload": LoaderOption.DEFAULT,
}


#: The loader an eager option runs, by the ``lazy=`` name of the same strategy: it decides whether the related rows'
#: mirror relationship is loaded too (``lifecycle.MIRROR_LOADED``).
EAGER_OPTION_LOADERS: dict[str, str] = {
    "selectinload": "selectin",
    "joinedload": "joined",
    "subqueryload": "subquery",
    "immediateload": "immediate",
    # its rows come from the query's own JOIN, as joinedload's do: only an immediate mirror loads (observed)
    "contains_eager": "joined",
}


#: ``lazyload("*")``, ``raiseload("*")``, ``noload("*")``: the option applies to every relationship of the entity
#: that no option of its own names (observed: a named eager loader beside the wildcard still loads).
WILDCARD = "*"
#: Methods of a mapped attribute that give it back narrowed (``A.bs.and_(B.ok)``, ``A.b.of_type(Alias)``): a loader
#: option naming the result loads the attribute as one naming the attribute itself does (observed).
ATTRIBUTE_NARROWING = frozenset({"and_", "of_type"})
WILDCARD_KINDS = frozenset({LoaderOption.LAZY, LoaderOption.RAISE, LoaderOption.NOLOAD})
#: ``selectinload("*")`` & co.: every relationship loaded eagerly (see ``LoaderOpt.every_level``)
EAGER_WILDCARD_KINDS = frozenset({LoaderOption.EAGER, LoaderOption.IMMEDIATE})


@dataclass(frozen=True)
class LoaderOpt:
    """One loader option as a query carries it: what it does, and the attribute path it applies to."""

    kind: LoaderOption
    #: relationship/column names from the query's entity downwards; only the last link's strategy is set (the
    #: links before it keep theirs unless a chain's own link sets them: ``selectinload(A.b).joinedload(B.c)``)
    path: tuple[str, ...]
    columns: tuple[str, ...] = ()  # load_only's columns; undefer_group's groups
    parents: tuple = ()  # earlier links of a chain: selectinload(A.b).joinedload(B.c)
    #: the class name of the entity the path starts from, when the option names it (``selectinload(A.b)``): in a
    #: query of several entities, the one it applies to
    entity: str | None = None
    #: the loader an eager option runs (``EAGER_OPTION_LOADERS``), by ``lazy=`` name
    loader: str | None = None
    #: an eager wildcard given first in a chain (``selectinload("*")``): it loads every relationship at every
    #: depth; chained (``selectinload(A.b).selectinload("*")``) it loads those of that level only (observed)
    every_level: bool = False


class Strategy(enum.Enum):
    """How a mapped attribute is loaded when nothing else says otherwise."""

    COLUMN = "column"  # loaded with the row
    DEFERRED = "deferred"  # loaded on first access (a lazy load)
    LAZY = "lazy"  # relationship loaded on first access
    EAGER = "eager"  # relationship loaded with the parent
    IMMEDIATE = "immediate"  # loaded with the parent, by one SELECT per parent row while the query runs
    DYNAMIC = "dynamic"  # query-producing relationship: no load on access; using the query runs it in the session
    WRITE_ONLY = "write_only"  # builds statements only (``.select()``): never runs SQL by itself
    RAISE = "raise"  # access raises by design
    NOLOAD = "noload"


#: relationship(lazy=...) → strategy.
RELATIONSHIP_LAZY: dict[object, Strategy] = {
    "select": Strategy.LAZY,
    True: Strategy.LAZY,
    None: Strategy.LAZY,
    "joined": Strategy.EAGER,
    False: Strategy.EAGER,
    "selectin": Strategy.EAGER,
    "subquery": Strategy.EAGER,
    "immediate": Strategy.IMMEDIATE,
    "dynamic": Strategy.DYNAMIC,
    "write_only": Strategy.WRITE_ONLY,
    "raise": Strategy.RAISE,
    "raise_on_sql": Strategy.RAISE,
    "noload": Strategy.NOLOAD,
}

#: Relationship strategies that produce queries instead of loading (by value, as findings carry them): no loader
#: option, eager strategy or refresh() loads them.
QUERY_STRATEGIES = frozenset({Strategy.DYNAMIC.value, Strategy.WRITE_ONLY.value})

#: The relationship's annotation that implies its lazy= (when lazy= is not given).
ANNOTATION_LAZY: dict[str, str] = {
    "WriteOnlyMapped": "write_only",
    "DynamicMapped": "dynamic",
}


class Construct(enum.Enum):
    """External callables the engine understands."""

    SESSION = "session"  # Session(...) / AsyncSession(...): a new session
    FACTORY = "factory"  # sessionmaker(...) / async_sessionmaker(...)
    SCOPED = "scoped"  # scoped_session(factory): a registry of one shared session
    SELECT = "select"  # select(Model)
    LOAD = "load"  # Load(Model): the root of a chain of loader options for that entity
    LOADER = "loader"  # selectinload(...) & co.
    MAKE_TRANSIENT = "make_transient"
    MAKE_TRANSIENT_TO_DETACHED = "make_transient_to_detached"
    CONTEXTMANAGER = "contextmanager"  # contextlib.contextmanager / asynccontextmanager
    EXIT_STACK = "exit_stack"  # contextlib.ExitStack / AsyncExitStack
    GC_COLLECT = "gc_collect"  # gc.collect(): frees what only reference cycles kept alive
    THREAD = "thread"  # threading.Thread(target=..., args=...)
    EXECUTOR = "executor"  # concurrent.futures executors: submit(fn, *args) runs fn elsewhere
    WRAPS = "wraps"  # functools.wraps(f): identity decorator factory
    CACHE = "cache"  # functools.cache / lru_cache: identity decorator
    OBJECT_SESSION = "object_session"  # object_session(obj): the session holding obj, or None
    INSPECT = "inspect"  # inspect(obj): obj's InstanceState (its state flags and session)
    EVENT_LOOP = "event_loop"  # asyncio.get_running_loop(): its run_in_executor hands a function to a thread
    TO_THREAD = "to_thread"  # asyncio.to_thread(fn, *args)
    DEPENDS = "depends"  # fastapi.Depends(dependency, scope=...)
    BACKGROUND_TASKS = "background_tasks"  # fastapi.BackgroundTasks (a handler parameter annotation)
    ANNOTATED = "annotated"  # typing.Annotated[T, metadata...]
    CAST = "cast"  # typing.cast(T, value): the value itself
    FLASK_G = "flask_g"  # flask.g: an attribute namespace that lives as long as the app context
    # Mapping declarations (used by the model index)
    DECLARATIVE_BASE = "declarative_base"
    DECLARATIVE_BASE_FUNC = "declarative_base_func"
    MAPPED_COLUMN = "mapped_column"
    RELATIONSHIP = "relationship"
    DEFERRED = "deferred"
    COLUMN_PROPERTY = "column_property"
    HYBRID = "hybrid"
    ASSOCIATION_PROXY = "association_proxy"
    SQLMODEL = "sqlmodel"
    FLASK_SQLALCHEMY = "flask_sqlalchemy"
    TABLE = "table"  # Table("name", metadata, Column("id", ...), ...): an imperative mapping's columns
    MAPPER = "mapper"  # SQLAlchemy 1.x mapper(Class, table, properties=...)
    # The ``transaction`` package and zope.sqlalchemy (Pyramid's usual unit of work)
    TRANSACTION_JOIN = "transaction_join"  # zope.sqlalchemy.register(session, transaction_manager=..., keep_session=...)
    TRANSACTION_END = "transaction_end"  # transaction.commit() / transaction.abort(): the current manager's
    TRANSACTION_CURRENT = "transaction_current"  # transaction.manager: the thread's manager
    TRANSACTION_GET = "transaction_get"  # transaction.get(): the thread's current transaction (commit/abort alike)
    TRANSACTION_MANAGER = "transaction_manager"  # transaction.TransactionManager(): a manager of its own


#: (canonical qualified name) → construct. A name is canonical once its module prefix is reduced to the
#: package ("sqlalchemy.orm.session.Session" → "sqlalchemy.Session"), see ``canonical_external``.
EXTERNAL_CONSTRUCTS: dict[str, Construct] = {
    "sqlalchemy.Session": Construct.SESSION,
    "sqlalchemy.AsyncSession": Construct.SESSION,
    "sqlmodel.Session": Construct.SESSION,
    "sqlmodel.AsyncSession": Construct.SESSION,  # sqlmodel.ext.asyncio.session.AsyncSession
    "sqlalchemy.sessionmaker": Construct.FACTORY,
    "sqlalchemy.async_sessionmaker": Construct.FACTORY,
    "sqlalchemy.scoped_session": Construct.SCOPED,
    "sqlalchemy.async_scoped_session": Construct.SCOPED,
    "sqlalchemy.select": Construct.SELECT,
    "sqlalchemy.Load": Construct.LOAD,
    "sqlmodel.select": Construct.SELECT,
    "sqlalchemy.make_transient": Construct.MAKE_TRANSIENT,
    "sqlalchemy.make_transient_to_detached": Construct.MAKE_TRANSIENT_TO_DETACHED,
    "sqlalchemy.object_session": Construct.OBJECT_SESSION,
    "sqlalchemy.inspect": Construct.INSPECT,
    "contextlib.contextmanager": Construct.CONTEXTMANAGER,
    "contextlib.asynccontextmanager": Construct.CONTEXTMANAGER,
    "contextlib.ExitStack": Construct.EXIT_STACK,
    "gc.collect": Construct.GC_COLLECT,
    "contextlib.AsyncExitStack": Construct.EXIT_STACK,
    "threading.Thread": Construct.THREAD,
    "concurrent.ThreadPoolExecutor": Construct.EXECUTOR,
    "concurrent.ProcessPoolExecutor": Construct.EXECUTOR,
    "functools.wraps": Construct.WRAPS,
    "functools.cache": Construct.CACHE,
    "functools.lru_cache": Construct.CACHE,
    "functools.cached_property": Construct.CACHE,
    "sqlalchemy.DeclarativeBase": Construct.DECLARATIVE_BASE,
    "sqlalchemy.DeclarativeBaseNoMeta": Construct.DECLARATIVE_BASE,
    "sqlalchemy.declarative_base": Construct.DECLARATIVE_BASE_FUNC,
    "sqlalchemy.mapped_column": Construct.MAPPED_COLUMN,
    "sqlalchemy.Table": Construct.TABLE,
    "sqlalchemy.mapper": Construct.MAPPER,
    "sqlalchemy.Column": Construct.MAPPED_COLUMN,
    "sqlmodel.Field": Construct.MAPPED_COLUMN,
    "sqlalchemy.relationship": Construct.RELATIONSHIP,
    "sqlalchemy.relation": Construct.RELATIONSHIP,
    "sqlmodel.Relationship": Construct.RELATIONSHIP,
    "sqlalchemy.deferred": Construct.DEFERRED,
    "sqlalchemy.column_property": Construct.COLUMN_PROPERTY,
    "sqlalchemy.query_expression": Construct.DEFERRED,
    "sqlalchemy.hybrid_property": Construct.HYBRID,
    "sqlalchemy.hybrid_method": Construct.HYBRID,
    "sqlalchemy.association_proxy": Construct.ASSOCIATION_PROXY,
    "sqlmodel.SQLModel": Construct.SQLMODEL,
    "flask_sqlalchemy.SQLAlchemy": Construct.FLASK_SQLALCHEMY,
    "asyncio.get_running_loop": Construct.EVENT_LOOP,
    "asyncio.get_event_loop": Construct.EVENT_LOOP,
    "asyncio.new_event_loop": Construct.EVENT_LOOP,
    "asyncio.to_thread": Construct.TO_THREAD,
    "fastapi.Depends": Construct.DEPENDS,
    "fastapi.Security": Construct.DEPENDS,
    "fastapi.BackgroundTasks": Construct.BACKGROUND_TASKS,
    "starlette.BackgroundTasks": Construct.BACKGROUND_TASKS,
    "typing.Annotated": Construct.ANNOTATED,
    "typing.cast": Construct.CAST,
    "typing_extensions.cast": Construct.CAST,
    "typing_extensions.Annotated": Construct.ANNOTATED,
    "flask.g": Construct.FLASK_G,
    "zope.register": Construct.TRANSACTION_JOIN,  # zope.sqlalchemy.register
    "transaction.commit": Construct.TRANSACTION_END,
    "transaction.abort": Construct.TRANSACTION_END,
    "transaction.manager": Construct.TRANSACTION_CURRENT,
    "transaction.get": Construct.TRANSACTION_GET,
    "transaction.TransactionManager": Construct.TRANSACTION_MANAGER,
    "transaction.ThreadTransactionManager": Construct.TRANSACTION_MANAGER,
}

#: Factory/session keyword → meaning.
EXPIRE_ON_COMMIT_KEYWORD = "expire_on_commit"

#: Packages whose names are recognised without resolving them (the user may not have them installed).
KNOWN_PACKAGES = ("sqlalchemy", "sqlmodel", "flask_sqlalchemy", "contextlib", "threading", "functools", "concurrent",
                  "asyncio", "fastapi", "starlette", "typing", "typing_extensions", "flask", "pydantic", "transaction",
                  "zope")

#: Executor methods that run a function elsewhere: name → index of the function argument.
HAND_OFF_METHODS = {"submit": 0, "map": 0, "run_in_executor": 1}

#: Methods of a Celery task that send it to a worker: name → how its arguments are passed ("call": like the
#: task itself, "args": ``apply_async(args=(...), kwargs={...})``). The worker gets a serialized copy of each
#: argument: an ORM instance arrives detached, with only the attributes that were loaded when it was sent.
TASK_SEND_METHODS = {"delay": "call", "apply_async": "args"}

#: Pydantic class methods that read a model's fields from an object's attributes (``from_attributes``).
FROM_ATTRIBUTES_METHODS = {"model_validate", "from_orm"}
#: Class methods of a mapped SQLModel table model that make a new instance of it: ``Hero.model_validate(data)``
#: builds a transient ``Hero`` from the fields ``data`` holds, as ``Hero(**data)`` does (observed).
TABLE_MODEL_CONSTRUCTORS = {"model_validate"}

#: Pydantic validators built around a type (``RootModel[list[M]]``, ``TypeAdapter(list[M])``): name → how the type
#: is given ("subscript" or "call"), and their methods that validate a value (reading attributes of its items).
PYDANTIC_VALIDATORS = {"pydantic.RootModel": "subscript", "pydantic.TypeAdapter": "call"}
VALIDATOR_METHODS = {"model_validate", "validate_python", "from_orm"}

#: Names a Flask-SQLAlchemy extension object re-exports from SQLAlchemy (``db.select(User)``), as far as the engine
#: knows them: they act as ``sqlalchemy.<name>``.
FLASK_SQLALCHEMY_REEXPORTS = {"select", "selectinload", "joinedload", "subqueryload", "immediateload", "contains_eager",
                              "lazyload", "load_only", "defer", "undefer", "raiseload", "noload"}
#: A transaction manager's method → what it does to each session joined to it, by the session's
#: ``keep_session`` (observed by running zope.sqlalchemy 4 with transaction 5): commit commits, then closes the
#: session unless keep_session; abort closes it without expiring anything, or with keep_session rolls it back.
#: ``with manager:`` commits on a normal exit and aborts on an exception. Any other method (begin, get, doom,
#: savepoint, ...) changes no session.
TRANSACTION_ENDINGS: dict[tuple[str, bool], tuple[SessionEffect, ...]] = {
    ("commit", False): (SessionEffect.COMMIT, SessionEffect.CLOSE),
    ("commit", True): (SessionEffect.COMMIT,),
    ("abort", False): (SessionEffect.CLOSE,),
    ("abort", True): (SessionEffect.ROLLBACK,),
}

#: The key of the thread's transaction manager (``transaction.manager``; pyramid_tm's ``request.tm`` by default).
CURRENT_TRANSACTION_MANAGER = ("transaction.manager",)

#: pyramid_services: the request method that returns the service a project registered (interp/request_methods.py)
FIND_SERVICE = "find_service"
#: Attributes a framework adds to every request object, besides the project's own ``config.add_request_method``:
#: pyramid_tm's ``request.tm`` is the request's transaction manager.
FRAMEWORK_REQUEST_ATTRIBUTES = {"pyramid_tm": {"tm": Construct.TRANSACTION_CURRENT}}

#: Flask-SQLAlchemy's ``db`` helpers that load through ``db.session``: name → what their first argument is
#: ("model": ``db.get_or_404(User, id)``, like ``Session.get``; "statement": ``db.first_or_404(select(User))``,
#: like ``Session.execute(stmt).scalar()``). Any other ``db.<name>`` is SQLAlchemy's own (``db.select``).
FLASK_DB_LOADERS = {"get_or_404": "model", "first_or_404": "statement", "one_or_404": "statement"}

#: Flask-SQLAlchemy's ``Model.query``: a legacy ``Query`` of the model on ``db.session``.
FLASK_MODEL_QUERY = "query"

#: Flask: ``with app.<method>(...)`` pushes an app context; its exit removes Flask-SQLAlchemy's ``db.session``
#: (closing it) and drops ``flask.g``.
APP_CONTEXT_METHODS = {"app_context", "test_request_context", "request_context"}

#: FastAPI ``Depends(..., scope=...)``: when a yield dependency's exit code runs, relative to the background
#: tasks of the request (checked against the installed FastAPI by tests/test_corpus_frameworks.py). Response
#: serialization happens before the exit in both scopes.
DEPENDENCY_EXIT = {"request": "after_background_tasks", "function": "before_background_tasks"}

#: Container methods that store their argument(s): name → which argument ("element" of an iterable for extend).
CONTAINER_STORES = {"append": 0, "add": 0, "appendleft": 0, "insert": 1, "setdefault": 1, "extend": "element",
                    "update": "element"}

#: Async constructs: a session made by these raises MissingGreenlet on implicit IO.
ASYNC_NAMES = {"AsyncSession", "async_sessionmaker", "async_scoped_session"}


def canonical_external(qualified: str) -> str:
    """Reduce a dotted name inside a known package to ``package.Name``."""
    package, _, rest = qualified.partition(".")
    if package in KNOWN_PACKAGES and rest:
        return f"{package}.{rest.rpartition('.')[2]}"
    return qualified


def construct_of(qualified: str) -> Construct | None:
    return EXTERNAL_CONSTRUCTS.get(canonical_external(qualified))


def validator_kind(qualified: str) -> str | None:
    """How a Pydantic validator (``PYDANTIC_VALIDATORS``) is given its type, if ``qualified`` names one."""
    return PYDANTIC_VALIDATORS.get(canonical_external(qualified))


def is_async_name(qualified: str) -> bool:
    return qualified.rpartition(".")[2] in ASYNC_NAMES
