"""The abstract state: what is known about each session and each ORM instance at a program point.

Facts are immutable and set-valued, so a join is a union: a fact that differs between two paths keeps every
possibility, and a read is an *error* when it fails for every possibility and a *warning* when it fails for
some. Instance state is tracked per attribute (loaded, expired, unloaded), because the same detached
instance can have one attribute that reads fine and another that raises.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, field, replace
from typing import Any, Hashable, Protocol

from ..findings import Location
from .database import Table, join_tables
from .models import MappedClass


class Life(enum.Enum):
    TRANSIENT = "transient"
    PENDING = "pending"
    PERSISTENT = "persistent"
    DETACHED = "detached"
    DELETED = "deleted"


class Load(enum.Enum):
    LOADED = "loaded"
    EXPIRED = "expired"  # was loaded, then expired by commit/rollback/expire
    UNLOADED = "unloaded"  # lazy relationship, deferred or load_only-excluded column


@dataclass(frozen=True)
class Event:
    """Something that happened to a fact, kept for messages and related locations."""

    location: Location
    message: str
    effect: str = ""  # the SessionEffect value behind it ("commit", "rollback", "close", ...), for fixes
    # the call sites it ran under, outermost first (a helper's commit, a context manager's __exit__): fixes act
    # there when the effect itself is in another function. Not part of equality: the same effect is one event.
    via: tuple[Location, ...] = field(default=(), compare=False)


SessionId = Hashable
InstanceId = Hashable


def related_id(parent: InstanceId, relationship: str, generation: int = 0) -> InstanceId:
    """The id of the instance read through ``parent.<relationship>`` (a collection's elements share it). A load
    in a session that holds none of the instances read before gives new objects: a new ``generation``
    (``InstanceFact.generation``)."""
    return (parent, f"{relationship}@{generation}" if generation else relationship)


def reached_through(iid: InstanceId) -> tuple[InstanceId, str] | None:
    """``(parent, relationship)`` for an id ``related_id`` made; None for any other (allocation sites are longer)."""
    if isinstance(iid, tuple) and len(iid) == 2 and isinstance(iid[1], str):
        return iid[0], iid[1].partition("@")[0]
    return None


class Joinable(Protocol):
    """A fact the heap keeps and joins path-wise without knowing what it describes."""

    def join(self, other: Any) -> Any: ...


@dataclass(frozen=True)
class Origin:
    """The query an instance comes from: for an eager-load fix, and to tell one row from each of many rows."""

    query: Location  # the select(...) / session.query(...) call
    entity: str  # the query's mapped class
    #: the relationships followed from the query's entity to this instance: (owner class, attribute, uselist)
    path: tuple[tuple[str, str, bool], ...] = ()
    many: bool = False  # the instance stands for each of several rows (not one row, e.g. first() or get())
    #: it stands for every row of its table (a query with no criterion): the session's identity map holds them all
    every_row: bool = False

    def through(self, owner: str, attribute: str, uselist: bool) -> "Origin":
        """The instances reached through ``owner.attribute``: one per row of a collection, or one per parent."""
        return replace(self, path=self.path + ((owner, attribute, uselist),), many=self.many or uselist,
                       every_row=False)


@dataclass(frozen=True)
class SessionFact:
    label: str  # how the code names it, for messages
    is_async: bool
    expire_on_commit: bool
    closed: frozenset[bool] = frozenset({False})
    origin: Location | None = None
    #: a transaction is under way (autobegun by a query), so session.begin() would raise
    in_transaction: frozenset[bool] = frozenset({False})
    factory_origin: Location | None = None  # where its factory (or the Session(...) call) is
    #: transaction managers it is joined to (zope.sqlalchemy.register): (manager key, keep_session) pairs
    joined: frozenset[tuple] = frozenset()
    #: how many savepoints (``begin_nested()``) are under way, one inside the other
    savepoints: frozenset[int] = frozenset({0})
    #: True: nothing began a transaction since its last commit or rollback, so a rollback now has nothing to roll
    #: back and expires nothing (observed). False also stands for "not known", as for a session made elsewhere.
    idle: frozenset[bool] = frozenset({False})
    #: True: nothing refers to it any more, but its transaction under way keeps it in a reference cycle, so the
    #: next garbage collection frees it (and detaches its instances: observed)
    unreferenced: frozenset[bool] = frozenset({False})

    def join(self, other: "SessionFact") -> "SessionFact":
        if self == other:
            return self
        return replace(
            self,
            closed=self.closed | other.closed,
            expire_on_commit=self.expire_on_commit and other.expire_on_commit,
            in_transaction=self.in_transaction | other.in_transaction,
            joined=self.joined | other.joined,
            savepoints=self.savepoints | other.savepoints,
            idle=self.idle | other.idle,
            unreferenced=self.unreferenced | other.unreferenced,
        )


@dataclass(frozen=True)
class FactoryConfig:
    """What ``factory.configure(...)`` set on a session factory: it applies to the sessions made afterwards."""

    expire_on_commit: frozenset[bool]
    origin: Location | None = None  # the configure(...) call, which the expire_on_commit quick fix edits

    def join(self, other: "FactoryConfig") -> "FactoryConfig":
        return FactoryConfig(self.expire_on_commit | other.expire_on_commit, self.origin or other.origin)


def factory_config_key(factory: Hashable) -> tuple:
    """Where the heap keeps a factory's configure() overrides (``Heap.objects``)."""
    return ("factory-config", factory)


def configured_expire_on_commit(heap: "Heap", factory: Hashable, default: bool,
                                origin: Location | None) -> tuple[bool, Location | None]:
    """The factory's expire_on_commit for a session made now, and the call that set it: a later configure() wins;
    where paths disagree, it may expire."""
    config = heap.objects.get(factory_config_key(factory))
    if config is None:
        return default, origin
    return True in config.expire_on_commit, config.origin or origin


AttrStates = tuple[tuple[str, frozenset[Load]], ...]


@dataclass(frozen=True)
class UncommittedInsert:
    """An INSERT flushed in the transaction under way of ``session``, at ``location``."""

    session: SessionId
    location: Location


@dataclass(frozen=True)
class InstanceFact:
    cls: MappedClass
    label: str
    life: frozenset[Life]
    sessions: frozenset[SessionId]
    attrs: AttrStates  # sorted (name, states) for every loadable attribute
    is_async: bool = False
    #: loader options still to apply to related instances reached from this one
    options: tuple = ()
    #: the loader options that loaded this instance's own attributes: refresh() applies them again (observed)
    load_options: tuple = ()
    loaded_at: Location | None = None
    history: frozenset[Event] = frozenset()  # where it was detached or expired
    merge_discarded: frozenset[Event] = frozenset()
    identity: tuple | None = None  # (class, primary key) when loaded by get() with a constant key
    factory_origin: Location | None = None  # of the session that loaded it
    #: its INSERT, flushed by this program in a transaction that has not committed yet: that transaction's
    #: rollback makes it transient again, and closing the session undoes the INSERT but leaves it its identity
    insert: UncommittedInsert | None = None
    #: per possibility, whether the row its identity names is gone (deleted and committed, or its INSERT undone):
    #: nothing can reload it, and merge() makes a new pending copy (observed)
    rowless: frozenset[bool] = frozenset({False})
    origin: Origin | None = None  # the query it came from, when known
    #: what happened to it inside the session's savepoints: ("added" | "changed", savepoint depth) pairs; "added":
    #: it became pending there, "changed": an attribute was set there
    in_savepoint: frozenset[tuple[str, int]] = frozenset()
    #: an attribute was set since the last flush, so the next flush UPDATEs its row
    dirty: bool = False
    #: the many-to-one relationships whose foreign key is known to be None (a new object given neither the
    #: relationship nor any foreign key column): what the database would fill them with is known
    null_keys: frozenset[str] = frozenset()
    #: the collections known to hold no row (a new object given none, when nothing else can add to them; its row
    #: loaded back, ``rows``): reading one gives an empty list, even though the read may still need to load it
    empty_collections: frozenset[str] = frozenset()
    #: the relationships last loaded by a load of its row by key (an expired row's reload, ``refresh()``, a
    #: ``get()`` of it expired), not by a query: whether their rows' mirror is loaded depends on which
    #: (``lifecycle.MIRROR_LOADED``)
    loaded_by_key: frozenset[str] = frozenset()
    #: sessions it refers to by id without being in their identity map (a deleted instance after a commit that
    #: expired nothing): what it has not loaded loads through such a session while the session object exists,
    #: and once that is freed it is detached (observed)
    weakly_bound: frozenset[SessionId] = frozenset()
    #: (relationship, generation) for each relationship whose instances were loaded anew (``related_id``)
    generations: tuple[tuple[str, int], ...] = ()
    #: instances of their own given to its relationships that cascade "save-update" (``Hero(team=team)``,
    #: ``hero.team = team``, ``board.tasks.append(task)``): adding it adds them (observed)
    cascades_to: frozenset[InstanceId] = frozenset()
    #: per relationship, the instances the code gave it (``Board(tasks=[task])``, ``task.board = board``, appends
    #: after that) while nothing loaded it from the database: reading it gives those very objects. Kept only
    #: while the relationship stays loaded (``_kept_given``).
    given: tuple[tuple[str, frozenset[InstanceId]], ...] = ()

    def given_instances(self, relationship: str) -> frozenset[InstanceId] | None:
        for name, iids in self.given:
            if name == relationship:
                return iids
        return None

    def generation(self, relationship: str) -> int:
        return dict(self.generations).get(relationship, 0)

    def related(self, iid: InstanceId, relationship: str) -> InstanceId:
        """The id of what ``relationship`` of this instance (id ``iid``) holds now."""
        return related_id(iid, relationship, self.generation(relationship))

    def next_generation(self, relationship: str) -> "InstanceFact":
        """This instance once ``relationship`` has loaded new objects, under a new id."""
        generations = {**dict(self.generations), relationship: self.generation(relationship) + 1}
        return replace(self, generations=tuple(sorted(generations.items())))

    def attr(self, name: str) -> frozenset[Load]:
        for key, states in self.attrs:
            if key == name:
                return states
        return frozenset()

    def with_attrs(self, updates: dict[str, frozenset[Load]]) -> "InstanceFact":
        attrs = tuple((k, updates.get(k, v)) for k, v in self.attrs)
        return replace(self, attrs=attrs, given=_kept_given(self.given, attrs))

    def map_attrs(self, fn) -> "InstanceFact":
        attrs = tuple((k, fn(k, v)) for k, v in self.attrs)
        return replace(self, attrs=attrs, given=_kept_given(self.given, attrs))

    def join(self, other: "InstanceFact") -> "InstanceFact":
        if self == other:
            return self
        mine = dict(self.attrs)
        attrs = tuple((k, mine.get(k, frozenset()) | v) for k, v in other.attrs)
        return replace(
            self,
            life=self.life | other.life,
            sessions=self.sessions | other.sessions,
            attrs=attrs,
            is_async=self.is_async or other.is_async,
            history=self.history | other.history,
            merge_discarded=self.merge_discarded | other.merge_discarded,
            insert=_joined_insert(self, other),
            rowless=self.rowless | other.rowless,
            in_savepoint=self.in_savepoint | other.in_savepoint,
            dirty=self.dirty and other.dirty,
            null_keys=self.null_keys & other.null_keys,
            empty_collections=self.empty_collections & other.empty_collections,
            loaded_by_key=self.loaded_by_key | other.loaded_by_key,
            weakly_bound=self.weakly_bound | other.weakly_bound,
            generations=_later_generations(self.generations, other.generations),
            cascades_to=self.cascades_to | other.cascades_to,
            given=_joined_given(self.given, other.given),
        )


def _kept_given(given: tuple, attrs: AttrStates) -> tuple:
    """What the code gave each relationship stays what it holds while the relationship stays loaded; an expired
    or unloaded one loads from the database next."""
    if not given:
        return given
    states = dict(attrs)
    return tuple((name, iids) for name, iids in given if states.get(name) == frozenset({Load.LOADED}))


def _joined_given(mine: tuple, theirs: tuple) -> tuple:
    """A relationship given instances on one path only holds unknown rows on the other: nothing is kept for it."""
    if mine == theirs:
        return mine
    other = dict(theirs)
    return tuple((name, iids | other[name]) for name, iids in mine if name in other)


def _joined_insert(a: InstanceFact, b: InstanceFact) -> UncommittedInsert | None:
    """A new object not flushed yet has no INSERT to undo, and a rollback makes it transient with its values just as
    it does one whose INSERT it undoes (observed): joined with such a path, the flushed path's INSERT stands."""
    if a.insert == b.insert:
        return a.insert
    if a.insert is None and a.life <= _NOT_INSERTED:
        return b.insert
    if b.insert is None and b.life <= _NOT_INSERTED:
        return a.insert
    return None


_NOT_INSERTED = frozenset({Life.PENDING, Life.TRANSIENT})


def _later_generations(a: tuple, b: tuple) -> tuple:
    if a == b:
        return a
    merged = dict(a)
    for name, generation in b:
        merged[name] = max(generation, merged.get(name, 0))
    return tuple(sorted(merged.items()))


class _Footprints(threading.local):
    """The footprints of the call summaries being computed on this thread, innermost last (engine/summaries.py).

    A footprint is the set of plain-object ids whose facts the call's code looked up or wrote, or
    ``EVERY_OBJECT`` when it went over all of them. A summary is then reused for any later call that agrees
    on those facts only: a widget method does not run again because an unrelated widget's cursor moved."""

    def __init__(self) -> None:
        self.stack: list[set] = []


FOOTPRINTS = _Footprints()
#: in a footprint: the code went over every plain object (iterated them, or asked whether there are any)
EVERY_OBJECT = "<every object>"


class ObjectFacts(dict):
    """``Heap.objects``: a dict that notes, in the innermost footprint being recorded, every key its users
    look up, write or delete, and notes ``EVERY_OBJECT`` when they go over all of them. The heap's own bulk
    operations (copy, join, key) and the engine's reachability walks use ``dict``'s methods directly: they are
    bookkeeping, not the analysed code reading a fact."""

    __slots__ = ()

    def __getitem__(self, key):
        _note(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        _note(key)
        return dict.get(self, key, default)

    def __contains__(self, key) -> bool:
        _note(key)
        return dict.__contains__(self, key)

    def __setitem__(self, key, value) -> None:
        _note(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key) -> None:
        _note(key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        _note(key)
        return dict.pop(self, key, *default)

    def setdefault(self, key, default=None):
        _note(key)
        return dict.setdefault(self, key, default)

    def keys(self):
        _note(EVERY_OBJECT)
        return dict.keys(self)

    def values(self):
        _note(EVERY_OBJECT)
        return dict.values(self)

    def items(self):
        _note(EVERY_OBJECT)
        return dict.items(self)

    def __bool__(self) -> bool:
        _note(EVERY_OBJECT)
        return dict.__len__(self) > 0


def _note(key) -> None:
    stack = FOOTPRINTS.stack
    if stack:
        stack[-1].add(key)


@dataclass
class Heap:
    """Facts about objects; shared by every frame of one analysis path (callers and callees)."""

    sessions: dict[SessionId, SessionFact] = field(default_factory=dict)
    instances: dict[InstanceId, InstanceFact] = field(default_factory=dict)
    #: scoped registry key → the id of the session it currently hands out
    registries: dict[Hashable, SessionId] = field(default_factory=dict)
    #: facts about plain user objects (``values.ObjectFact``): the interpreter's, joined like the others
    objects: ObjectFacts = field(default_factory=ObjectFacts)
    #: what the database holds, by the program's own writes (``database.Table``), by mapped class name
    tables: dict[str, Table] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if type(self.objects) is not ObjectFacts:
            self.objects = ObjectFacts(self.objects)

    def copy(self) -> "Heap":
        return Heap(dict(self.sessions), dict(self.instances), dict(self.registries), ObjectFacts(self.objects),
                    dict(self.tables))

    def join(self, other: "Heap") -> "Heap":
        return Heap(
            _join_maps(self.sessions, other.sessions),
            _join_maps(self.instances, other.instances),
            {**other.registries, **self.registries} if self.registries != other.registries else dict(self.registries),
            _join_maps(self.objects, other.objects),
            join_tables(self.tables, other.tables),
        )

    def size(self) -> int:
        return len(self.sessions) + len(self.instances) + len(self.registries) + len(self.objects) + len(self.tables)

    def is_empty(self) -> bool:
        return not (self.sessions or self.instances or self.registries or len(self.objects) or self.tables)

    def key(self) -> tuple:
        return (*self.key_without_objects(), frozenset(dict.items(self.objects)))

    def key_without_objects(self) -> tuple:
        return (
            frozenset(self.sessions.items()),
            frozenset(self.instances.items()),
            frozenset(self.registries.items()),
            frozenset(self.tables.items()),
        )

    def same(self, other: "Heap") -> bool:
        """``self.key() == other.key()``, without hashing every fact."""
        return (self.sessions == other.sessions and self.instances == other.instances
                and self.registries == other.registries and self.objects == other.objects
                and self.tables == other.tables)

    def held_by(self, session: SessionId):
        for iid, fact in self.instances.items():
            if session in fact.sessions:
                yield iid, fact


def _join_maps(a: dict, b: dict) -> dict:
    """(Raw dict operations: a join is bookkeeping, not a read of the facts; see ``ObjectFacts``.)"""
    if a is b or a == b:
        return type(a)(a)
    merged = type(a)(a)
    for key, value in dict.items(b):
        mine = dict.get(merged, key)
        dict.__setitem__(merged, key, value if mine is None else mine.join(value))
    return merged
