"""Abstract values that variables hold: references to heap facts, factories, queries, functions, ...

Values are immutable and hashable; a variable that holds different values on different paths holds a
``Union`` of them.
"""

from __future__ import annotations

import ast
import enum
import re
from dataclasses import dataclass, replace
from typing import Hashable

from ..findings import Location
from ..orm.models import MappedClass
from ..orm.sqla_api import LoaderOpt


class _Unknown:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class Const:
    value: object


@dataclass(frozen=True)
class SessionRef:
    sid: Hashable


@dataclass(frozen=True)
class InstanceRef:
    iid: Hashable


@dataclass(frozen=True)
class Loop:
    """Code that runs once per element of a collection of instances (per_row.py)."""

    header: Location  # the `for ... in ...` line, the comprehension, the map()/validation call, the return
    iids: frozenset  # the instances iterated: each stands for every row of a multi-row result
    kind: str  # how the message names it: "`for` loop", "comprehension", "`map()`", ...


@dataclass(frozen=True)
class Many:
    """A list, result or collection whose elements are ``element``.

    ``kind`` is "set" or "dict" when the container hashes what goes in (so a model's ``__hash__`` runs), else ""."""

    element: object
    kind: str = ""
    #: built by an empty literal (``[]``, ``{}``): its first store gives the element, rather than joining it
    empty: bool = False
    #: a dict literal whose keys are all constants (``{"short": f, "full": g}``): each key's value, so that
    #: ``d["short"]`` and ``d.get("short")`` give that one rather than any. A store into it forgets them.
    entries: tuple[tuple[object, object], ...] = ()

    def grown(self, stored) -> "Many":
        """This container after ``stored`` went in (``append``, ``d[k] = v``, ...)."""
        return Many(stored if self.empty else join_values(self.element, stored), self.kind)

    def entry(self, key):
        """The value a constant key names in a dict literal's entries; None when the entries do not say."""
        for known, value in self.entries:
            if known == key:
                return value
        return None


@dataclass(frozen=True)
class Items:
    """A tuple literal, kept positionally for unpacking; or a result row, one item per selected column."""

    items: tuple
    #: a result row's column names (an entity's class name), read as ``row.User`` and ``row._mapping["User"]``
    names: tuple[str, ...] = ()
    #: ``(instance id, relationship)`` when this is that relationship collection, read empty: appending to it
    #: through any name adds to the relationship
    collection: tuple | None = None


@dataclass(frozen=True)
class Keyed:
    """A dict with known string keys, such as a wrapper's ``**kwargs``."""

    items: tuple[tuple[str, object], ...]

    def get(self, key: str, default=None):
        return dict(self.items).get(key, default)

    def with_item(self, key: str, value) -> "Keyed":
        return Keyed(tuple(sorted({**dict(self.items), key: value}.items())))


@dataclass(frozen=True)
class Factory:
    is_async: bool
    expire_on_commit: bool
    label: str
    origin: Location | None = None  # the sessionmaker(...) / Session(...) call, for the expire_on_commit fix


@dataclass(frozen=True)
class Registry:
    """A scoped_session registry (or Flask-SQLAlchemy ``db.session``): one shared session per thread."""

    key: Hashable
    factory: Factory
    label: str


@dataclass(frozen=True)
class QueryProperty:
    """``scoped_session.query_property()``: a class attribute whose read on a mapped class (``Model.query``) is a
    query of that class in the registry's session."""

    registry: Registry


@dataclass(frozen=True)
class FlaskSQLAlchemy:
    """A Flask-SQLAlchemy extension object: its ``.session`` is a scoped registry."""

    session: Registry


@dataclass(frozen=True)
class Query:
    """``select(X)``, ``session.query(X)`` or a result of executing one."""

    cls: MappedClass
    options: tuple[LoaderOpt, ...] = ()
    session: Hashable | None = None
    executed: bool = False  # a Result: iterating yields instances (or rows for execute())
    rows: bool = False  # Result of execute(): rows, not instances, until .scalars()
    origin: Location | None = None  # the select(...) / session.query(...) call that names the entity
    one_row: bool = False  # limited to one row (``.limit(1)``)
    #: (class, primary key value) when a criterion names the row by its constant key (``.where(A.id == 1)``)
    key: tuple | None = None
    #: the further columns of ``select(A, B, ...)`` / ``query(A, B)``: a mapped class, or None for a plain column;
    #: each row then holds an instance of every entity
    also: tuple = ()
    #: (class name, relationship) for each ``.join(A.rel)``: in a row, the entity of ``rel``'s class is the instance
    #: related to that row's ``A`` (it is in ``a.rel``), not an unrelated one
    joins: tuple[tuple[str, str], ...] = ()
    #: no criterion narrows its rows (no where, filter, join, limit, ...): a result of it holds every row of the
    #: table, so the identity map then holds them all (``sqla_api.ROW_PRESERVING_QUERY_METHODS``)
    every_row: bool = True


def selected_entities(columns) -> tuple:
    """``Query.also`` for the further columns of ``select(A, B, func.count())``."""
    return tuple(c.mapped if isinstance(c, ClassRef) and c.mapped is not None else None for c in columns)


@dataclass(frozen=True)
class MappedTable:
    """``Model.__table__`` (or ``obj.__table__``): iterating its ``.columns`` / ``.c`` gives one column per column
    attribute of the model."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class TableColumn:
    """Any one column of a ``MappedTable``: its ``.name`` / ``.key`` is one of ``names``."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class ClassRef:
    path: str
    node: ast.ClassDef
    mapped: MappedClass | None


@dataclass(frozen=True)
class AttrRef:
    """``User.addresses``: a class-bound attribute, as loader options name them."""

    cls: MappedClass
    name: str


@dataclass(frozen=True)
class Function:
    path: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    closure: tuple = ()  # (name, value) pairs captured from the defining frame
    is_contextmanager: bool = False
    #: (parameter, value) of defaults that are not constants, evaluated once where the `def` ran
    defaults: tuple = ()


@dataclass(frozen=True)
class BoundMethod:
    receiver: object  # the value the method is called on
    name: str
    function: Function | None = None  # a user-defined method, if any


@dataclass(frozen=True)
class ModuleValue:
    path: str


@dataclass(frozen=True)
class ExternalValue:
    qualified: str


class ContextKind(enum.Enum):
    SESSION = "session"  # `with Session() as s` / `with factory() as s`: closes on exit
    BEGIN_NEW = "begin_new"  # `with factory.begin() as s`: commits (or rolls back), then closes
    BEGIN = "begin"  # `with s.begin():`: commits (or rolls back); the session stays open
    GENERATOR = "generator"  # a @contextmanager helper
    APP_CONTEXT = "app_context"  # Flask `app.app_context()` / `test_request_context()`: its exit removes db.session
    EXIT_STACK = "exit_stack"  # contextlib.ExitStack(): its exit leaves what `enter_context` entered, last first


@dataclass(frozen=True)
class Context:
    kind: ContextKind
    target: object  # SessionRef, Factory or (Function, args)
    label: str = ""


@dataclass(frozen=True)
class AwaitableAttrs:
    iid: Hashable


@dataclass(frozen=True)
class Savepoint:
    """What ``session.begin_nested()`` returns: its ``commit()``/``rollback()`` (or leaving ``with`` on it) end it."""

    sid: Hashable
    depth: int  # 1 for a savepoint in no other, 2 for one inside it, ...


@dataclass(frozen=True)
class InspectedState:
    """``inspect(obj)`` of an ORM instance: its flags and session are read from the instance's fact."""

    iid: Hashable


@dataclass(frozen=True)
class Validator:
    """A Pydantic validator of a model or of a list of models: ``RootModel[list[M]]``, ``TypeAdapter(list[M])``."""

    schema: ClassRef
    many: bool


@dataclass(frozen=True)
class Union:
    members: frozenset


@dataclass(frozen=True)
class Generator:
    """What calling a generator function gives: its body has not run yet. Iterating it runs it; ``next()``
    runs it to its first ``yield`` (leaving it suspended there), ``close()`` finishes it."""

    function: Function
    args: tuple
    kwargs: tuple


@dataclass(frozen=True)
class Pending:
    """Work handed to a thread or an executor (a Thread, a Future, a to_thread awaitable): it may run at any
    point up to its join (``join()``, ``result()``, ``await``), so it is checked at the hand-off and again there."""

    target: object
    args: tuple


@dataclass(frozen=True)
class Super:
    """``super()`` in a method of ``owner``: attributes are looked up past ``owner`` in the receiver's MRO."""

    receiver: object  # ObjectRef (self) or ClassRef (cls)
    owner: ClassRef


@dataclass(frozen=True)
class ObjectRef:
    """An instance of a plain (unmapped) user class: repositories, services, helpers."""

    oid: Hashable


@dataclass(frozen=True)
class DeclaredRef:
    """An instance of a plain project class known only from a declaration (a parameter's annotation, a field's
    declared type): see interp/declared.py. It is not in the heap; its fields are read from the class."""

    cls: ClassRef
    depth: int = 0  # how many declared fields away from the root's own declarations


@dataclass(frozen=True)
class Executor:
    """A ThreadPoolExecutor / ProcessPoolExecutor: ``submit`` and ``map`` hand instances to other threads."""


@dataclass(frozen=True)
class Dependency:
    """FastAPI ``Depends(target)``: the handler parameter gets what ``target`` returns or yields.

    ``scope`` says when a yield dependency's exit code runs (see ``sqla_api.DEPENDENCY_EXIT``)."""

    target: object
    scope: str = "request"


@dataclass(frozen=True)
class TransactionManager:
    """A ``transaction`` manager (``transaction.manager``, ``request.tm``, ``TransactionManager()``): its commit and
    abort end the sessions zope.sqlalchemy joined to it."""

    key: Hashable


@dataclass(frozen=True)
class TaskQueue:
    """FastAPI/Starlette ``BackgroundTasks``: ``add_task(fn, *args)`` runs ``fn`` after the response."""


@dataclass(frozen=True)
class ObjectFact:
    """Fields of a plain user object (``self._factory = factory``)."""

    cls: ClassRef | None
    fields: tuple[tuple[str, object], ...] = ()

    def field(self, name: str):
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def with_field(self, name: str, value) -> "ObjectFact":
        return replace(self, fields=tuple(sorted({**dict(self.fields), name: value}.items(), key=lambda kv: kv[0])))

    def without_field(self, name: str) -> "ObjectFact":
        return replace(self, fields=tuple(kv for kv in self.fields if kv[0] != name))

    def join(self, other: "ObjectFact") -> "ObjectFact":
        if self == other:
            return self
        mine = dict(self.fields)
        for key, value in other.fields:
            mine[key] = value if key not in mine else join_values(mine[key], value)
        return replace(self, fields=tuple(sorted(mine.items(), key=lambda kv: kv[0])))


_MAX_UNION = 8


def join_values(a, b):
    """Join two values. UNKNOWN stays a member, so a known instance is not lost to an unknown path."""
    if a == b:
        return a
    members = set(a.members if isinstance(a, Union) else (a,)) | set(b.members if isinstance(b, Union) else (b,))
    if len(members) > _MAX_UNION:
        return UNKNOWN
    return Union(frozenset(members))


def members(value):
    return value.members if isinstance(value, Union) else (value,)


def join_all(values: list):
    result = None
    for value in values:
        result = value if result is None else join_values(result, value)
    return UNKNOWN if result is None else result


def map_members(value, fn):
    if isinstance(value, Union):
        return join_all([fn(m) for m in value.members])
    return fn(value)


#: values that are always true in a condition
ALWAYS_TRUTHY = (InstanceRef, SessionRef, Function, ClassRef, Factory, Registry, ObjectRef, BoundMethod)


def truthy(value) -> bool | None:
    """The truth of ``value`` when the abstract value decides it, else None."""
    if isinstance(value, Union):
        results = {truthy(m) for m in value.members}
        return results.pop() if len(results) == 1 else None
    if isinstance(value, Const):
        return bool(value.value)
    if isinstance(value, Keyed):
        return bool(value.items)
    if isinstance(value, ALWAYS_TRUTHY):
        return True
    return None


def is_none(value) -> bool | None:
    """Whether ``value`` is None, when the abstract value decides it, else None."""
    if isinstance(value, Union):
        results = {is_none(m) for m in value.members}
        return results.pop() if len(results) == 1 else None
    if isinstance(value, Const):
        return value.value is None
    if value is UNKNOWN:
        return None
    return False


def referenced_names(function: ast.AST) -> frozenset[str]:
    """Names a nested function reads: only those are captured in its closure (memoised on the node)."""
    names = getattr(function, "_sqlascope_reads", None)
    if names is None:
        names = frozenset(n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
        function._sqlascope_reads = names  # type: ignore[attr-defined]
    return names


def is_staticmethod(function) -> bool:
    """A ``@staticmethod``: read through an instance or a class, it binds nothing."""
    return isinstance(function, Function) and any(
        isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.node.decorator_list)


#: decorators that make a method a data descriptor read as an attribute; cached ones store their value on the
#: instance at the first read, so later reads do not run the getter
DESCRIPTORS = {"property": False, "cached_property": True}


def descriptor_kind(function) -> str | None:
    """"property" or "cached_property" when ``function`` is read as an attribute, else None."""
    if not isinstance(function, Function):
        return None
    for decorator in function.node.decorator_list:
        name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", None)
        if name in DESCRIPTORS:
            return name
    return None


def is_generator_function(function: ast.AST) -> bool:
    """Does ``function``'s own body (not nested functions) contain ``yield``? Memoised on the node."""
    cached = getattr(function, "_sqlascope_generator", None)
    if cached is None:
        cached = False
        stack = list(function.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Yield, ast.YieldFrom)):
                cached = True
                break
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            stack.extend(ast.iter_child_nodes(node))
        function._sqlascope_generator = cached  # type: ignore[attr-defined]
    return cached


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def ordering_key(value) -> str:
    """A sort key for abstract values that is the same in every run: their repr without the memory addresses
    that syntax nodes and other plain objects print (those differ from run to run and would reorder output)."""
    return _ADDRESS.sub("", repr(value))
