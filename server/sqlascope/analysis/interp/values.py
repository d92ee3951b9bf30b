"""Abstract values that variables hold: references to heap facts, factories, queries, functions, ...

Values are immutable and hashable; a variable that holds different values on different paths holds a
``Union`` of them.
"""

from __future__ import annotations

import ast
import enum
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
class Many:
    """A list, result or collection whose elements are ``element``.

    ``kind`` is "set" or "dict" when the container hashes what goes in (so a model's ``__hash__`` runs), else ""."""

    element: object
    kind: str = ""


@dataclass(frozen=True)
class Items:
    """A tuple literal, kept positionally for unpacking."""

    items: tuple


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


@dataclass(frozen=True)
class Context:
    kind: ContextKind
    target: object  # SessionRef, Factory or (Function, args)
    label: str = ""


@dataclass(frozen=True)
class AwaitableAttrs:
    iid: Hashable


@dataclass(frozen=True)
class Union:
    members: frozenset


@dataclass(frozen=True)
class ObjectRef:
    """An instance of a plain (unmapped) user class: repositories, services, helpers."""

    oid: Hashable


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
