"""State transitions: what loading, session methods and attribute reads do to instance facts.

Every transition of the ORM's object lifecycle lives here, one function per ``SessionEffect``; the
interpreter looks them up in ``SESSION_TRANSITIONS`` instead of branching on method names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..findings import Fault, Location
from . import rows
from .models import AttrKind, MappedAttribute, MappedClass
from .sqla_api import (QUERY_STRATEGIES, WILDCARD, EAGER_WILDCARD_KINDS, WILDCARD_KINDS, LoaderOpt, LoaderOption,
                       SessionEffect, Strategy)
from .state import Event, Heap, InstanceFact, Life, Load, SessionId, UncommittedInsert, reached_through

LOADED = frozenset({Load.LOADED})
EXPIRED = frozenset({Load.EXPIRED})
UNLOADED = frozenset({Load.UNLOADED})

_EAGER_STRATEGIES = {Strategy.COLUMN, Strategy.EAGER, Strategy.IMMEDIATE}


# -- loading ---------------------------------------------------------------------------------------------
def load_plan(cls: MappedClass, options: tuple[LoaderOpt, ...],
              by_key: bool = False) -> tuple[tuple[str, frozenset[Load]], tuple]:
    """Attribute states of a freshly loaded instance, and the options left for its related instances (their
    paths still start with the relationship of this instance they go through: see ``related_instance``).

    ``by_key``: a load of the instance's own row by its key (a refresh, an expired row's reload, merge), which
    uses the mapper of the object's real class; a query of ``cls`` leaves a subclass's own columns expired."""
    states = {a.name: _first_state(a, by_key) for a in cls.loadable()}
    if any(_is_wildcard(o) for o in options):
        for attribute in cls.loadable():
            if attribute.kind is AttrKind.RELATIONSHIP:
                states[attribute.name] = UNLOADED  # named eager options below load theirs again
    nested: list[LoaderOpt] = []
    for option in options:
        if not option.path:
            continue
        if option.path == (WILDCARD,) and option.kind in EAGER_WILDCARD_KINDS:
            for attribute in cls.loadable():
                if attribute.kind is AttrKind.RELATIONSHIP:
                    states[attribute.name] = LOADED
                    if option.every_level:
                        nested.append(replace(option, path=(attribute.name, WILDCARD)))
            continue
        head = option.path[0]
        if len(option.path) > 1:  # kept whole: related_instance() picks the ones under its relationship
            nested.append(option)
        if option.kind is LoaderOption.UNDEFER_GROUP and len(option.path) == 1:
            for attribute in cls.loadable():
                if attribute.group in option.columns:
                    states[attribute.name] = LOADED
            continue
        if option.kind is LoaderOption.LOAD_ONLY and len(option.path) == 1:
            keep = set(option.columns)  # a deferred column it names is loaded too (observed)
            for attribute in cls.loadable():
                if attribute.kind is AttrKind.COLUMN and not attribute.primary_key:
                    states[attribute.name] = LOADED if attribute.name in keep else UNLOADED
            continue
        if head not in states:
            continue
        if option.kind in _LOADING_OPTIONS and len(option.path) == 1:
            states[head] = LOADED
        elif option.kind in (LoaderOption.DEFER, LoaderOption.LAZY) and len(option.path) == 1:
            states[head] = UNLOADED
    return tuple(sorted(states.items())), tuple(nested)


def _first_state(attribute: MappedAttribute, by_key: bool) -> frozenset[Load]:
    if attribute.subclass is not None and not (by_key or attribute.polymorphic_loaded):
        return EXPIRED if attribute.kind is AttrKind.COLUMN else UNLOADED  # observed: in `expired_attributes`
    return LOADED if attribute.strategy in _EAGER_STRATEGIES else UNLOADED


def row_load_plan(cls: MappedClass, options: tuple, null_keys: frozenset[str],
                  by_key: bool = False) -> tuple[tuple, tuple]:
    """``load_plan`` for a row whose many-to-ones ``null_keys`` are known NULL: a loader that runs with the row
    ("immediate") fills those with None, unless an option of the query sets their loader (observed; a
    ``defaultload()`` link only leads a chain on, and keeps it)."""
    attrs, nested = load_plan(cls, options, by_key)
    filled = {n for n in null_keys if "load" in cls.attributes[n].fills_null_key
              and not any(o.path == (n,) and o.kind is not LoaderOption.DEFAULT or _is_wildcard(o) for o in options)}
    if filled:
        attrs = tuple((n, LOADED if n in filled else s) for n, s in attrs)
    return attrs, nested


#: Options that load the attribute they name with the row.
_LOADING_OPTIONS = frozenset({LoaderOption.EAGER, LoaderOption.FROM_JOIN, LoaderOption.IMMEDIATE, LoaderOption.UNDEFER})


def _is_wildcard(option: LoaderOpt) -> bool:
    """``lazyload("*")`` & co.: the option applies to every relationship no option of its own names."""
    return option.path == (WILDCARD,) and option.kind in WILDCARD_KINDS


def merged_attrs(source: InstanceFact) -> tuple[tuple[str, frozenset[Load]], ...]:
    """The copy ``merge(obj)`` returns: loaded as a fresh ``get()`` loads it, and every attribute loaded on ``obj``
    copied onto it (a loaded relationship is merged along, an expired or unloaded one is skipped)."""
    fresh = dict(row_load_plan(source.cls, (), source.null_keys, by_key=True)[0])
    merged = {}
    for name, plan in fresh.items():
        given = source.attr(name) or UNLOADED
        merged[name] = frozenset().union(*((LOADED if s is Load.LOADED else plan) for s in given))
    return tuple(sorted(merged.items()))


def merged_copy_history(source: InstanceFact) -> frozenset[Event]:
    """What the copy ``merge(obj)`` returns inherits of ``obj``'s history: why there is no row to load it from."""
    return frozenset(event for event in source.history if event.effect in NO_ROW) if True in source.rowless else frozenset()


def merged_copy_life(source: InstanceFact) -> frozenset[Life]:
    """The copy ``merge(obj)`` returns is loaded by ``obj``'s primary key: persistent, or a new pending object where
    that row is gone, or where ``obj`` has no key (a transient one whose key was never set, or forgotten by
    make_transient() after an expiry) (observed)."""
    keyless = source.life == {Life.TRANSIENT} and any(
        Load.LOADED not in source.attr(a.name) for a in source.cls.loadable() if a.primary_key)
    if keyless:
        return frozenset({Life.PENDING})
    return frozenset(Life.PENDING if gone else Life.PERSISTENT for gone in source.rowless)


def new_loaded_instance(
    cls: MappedClass, label: str, session: SessionId, is_async: bool, options: tuple, where: Location,
    nothing: frozenset[str] = frozenset(),
) -> InstanceFact:
    """An instance a query loads; ``nothing``: the relationships its row is known to have nothing for (``rows``)."""
    null_keys = frozenset(n for n in nothing if cls.attributes[n].uselist is False)
    attrs, nested = row_load_plan(cls, options, null_keys)
    return InstanceFact(
        null_keys=null_keys,
        empty_collections=nothing - null_keys,
        cls=cls,
        label=label,
        life=frozenset({Life.PERSISTENT}),
        sessions=frozenset({session}),
        attrs=attrs,
        is_async=is_async,
        options=nested,
        load_options=options,
        loaded_at=where,
    )


def declared_instance(cls: MappedClass, label: str, is_async: bool, where: Location) -> InstanceFact:
    """An instance the caller hands over (``def f(user: User)``): persistent in the caller's session, with what it
    loaded unknown, so taken as loaded (nothing is reported until this code expires or detaches it)."""
    attrs = tuple(sorted((a.name, LOADED) for a in cls.loadable()))
    return InstanceFact(cls=cls, label=label, life=frozenset({Life.PERSISTENT}), sessions=frozenset({CALLERS_SESSION}),
                        attrs=attrs, is_async=is_async, loaded_at=where)


def new_transient_instance(cls: MappedClass, label: str, given: set[str] | None, where: Location) -> InstanceFact:
    """``User(name=...)``: nothing loads for a new object. What it was given is loaded; the rest is unloaded, which
    reads None while it has no identity (observed). ``given`` None: the constructor is not known to set only its
    keywords (its own ``__init__``, a dataclass, positional arguments), so every column counts as given."""
    attrs = tuple(
        sorted(
            (a.name, LOADED if (a.name in given if given is not None else a.kind is AttrKind.COLUMN) else UNLOADED)
            for a in cls.loadable()
        )
    )
    return InstanceFact(cls=cls, label=label, life=frozenset({Life.TRANSIENT}), sessions=frozenset(), attrs=attrs,
                        loaded_at=where, null_keys=_unset_many_to_ones(cls, given),
                        empty_collections=frozenset() if given is None else frozenset(
                            a.name for a in cls.loadable() if a.kind is AttrKind.RELATIONSHIP and a.uselist
                            and a.name not in given))


def _unset_many_to_ones(cls: MappedClass, given: set[str] | None) -> frozenset[str]:
    """The many-to-ones of a new object whose foreign key stays None: given neither them nor any key column."""
    keys = [a.name for a in cls.loadable() if a.foreign_key]
    if given is None or not keys or given.intersection(keys):
        return frozenset()
    return frozenset(a.name for a in cls.loadable()
                     if a.kind is AttrKind.RELATIONSHIP and a.uselist is False and a.name not in given)


def related_instance(
    parent: InstanceFact, attribute: MappedAttribute, target: MappedClass, where: Location, lazily: bool
) -> InstanceFact:
    """An instance reached through ``parent.<attribute>``; it shares the parent's session and life.

    The loader of a relationship mostly leaves its mirror (``back_populates``/``backref``) unloaded on the related
    rows: an eager loader back to the parent is a cycle it stops at. It is loaded when an option of the query
    names it, or where the loaders meet in a way that finds the parent (``MIRROR_LOADED``; observed at run time).
    """
    shifted = path_options(parent, attribute.name)
    mirror = target.attributes.get(attribute.back_populates) if attribute.back_populates else None
    named = mirror is not None and any(o.path == (mirror.name,) for o in shifted)
    if mirror is not None and not named and _mirror_made_lazy(parent, attribute, mirror, lazily):
        shifted = (*shifted, LoaderOpt(LoaderOption.LAZY, (mirror.name,)))
    attrs, nested = load_plan(target, shifted)
    if mirror is not None and not named and not mirror_loaded(parent, attribute, mirror, lazily):
        attrs = tuple((k, UNLOADED if k == mirror.name else v) for k, v in attrs)
    return InstanceFact(
        cls=target,
        label=f"{parent.label}.{attribute.name}",
        life=frozenset(Life.PERSISTENT if life is Life.DELETED else life for life in parent.life),  # no delete cascade
        sessions=parent.sessions,
        attrs=attrs,
        is_async=parent.is_async,
        options=nested,
        load_options=shifted,
        loaded_at=where,
        history=parent.history,
        factory_origin=parent.factory_origin,
        origin=parent.origin.through(parent.cls.name, attribute.name, bool(attribute.uselist)) if parent.origin else None,
    )


def path_options(parent: InstanceFact, relationship: str) -> tuple:
    """The options of the query that loaded ``parent`` for the rows its ``relationship`` loads, relative to them
    (``selectinload(Parent.kids).defer(Kid.title)`` gives ``defer(title)`` for ``kids``)."""
    scoped = tuple(o for o in parent.options if o.path and o.path[0] == relationship)
    return tuple(replace(o, path=o.path[1:]) for o in scoped if len(o.path) > 1)


#: Whether loading a relationship also loads its mirror (``back_populates``/``backref``) on the related rows, by
#: (the relationship holds a collection, the loader that loaded it by ``lazy=`` name, how): the mirror's loaders
#: under which it is loaded. How: "query" for a query's or a lazy load's rows, "by key" for a row loaded again
#: by its primary key (an expired row's reload, ``refresh()``, ``get()`` of it expired). Everywhere else the
#: loader stops at the cycle back to the parent and the mirror stays unloaded (every cell observed, both with the
#: mapper's ``lazy=`` and with the matching ``*load()`` option).
MIRROR_LOADED: dict[tuple[bool, str, str], frozenset[str]] = {
    (True, "joined", "query"): frozenset({"immediate"}),
    (True, "selectin", "query"): frozenset({"joined", "immediate"}),
    (True, "subquery", "query"): frozenset({"joined", "immediate"}),
    (True, "joined", "by key"): frozenset({"selectin", "subquery", "immediate"}),
    # a many-to-one's rows come from a load of the parent by its key, which runs that parent's own eager loaders
    (False, "select", "query"): frozenset({"joined", "immediate"}),
    (False, "joined", "query"): frozenset({"immediate"}),
    (False, "selectin", "query"): frozenset({"joined", "immediate"}),
    (False, "subquery", "query"): frozenset({"joined", "immediate"}),
    (False, "immediate", "query"): frozenset({"joined", "immediate"}),
    (False, "joined", "by key"): frozenset({"selectin", "subquery", "immediate"}),
    (False, "selectin", "by key"): frozenset({"joined", "immediate"}),
    (False, "subquery", "by key"): frozenset({"joined", "immediate"}),
    (False, "immediate", "by key"): frozenset({"joined", "immediate"}),
}


def mirror_loaded(parent: InstanceFact, attribute: MappedAttribute, mirror: MappedAttribute, lazily: bool) -> bool:
    """Is ``mirror`` loaded on the rows that ``parent.<attribute>`` loaded (``MIRROR_LOADED``)? ``lazily``: the
    read of ``attribute`` loaded it (by its own lazy loader, unless the read reloaded the row by key)."""
    loader, how = _row_loader(parent, attribute, lazily)
    return mirror.loader in MIRROR_LOADED.get((attribute.uselist is not False, loader, how), frozenset())


def _row_loader(parent: InstanceFact, attribute: MappedAttribute, lazily: bool) -> tuple[str, str]:
    """The loader (by ``lazy=`` name) that loaded the rows of ``parent.<attribute>``, and how (``MIRROR_LOADED``)."""
    how = "by key" if attribute.name in parent.loaded_by_key else "query"
    if lazily and how == "query":
        return "select", how
    named = [o.loader for o in parent.load_options if o.path == (attribute.name,) and o.loader]
    return (named[-1] if named else attribute.loader), how


#: The loaders that fetch a collection's rows with a lazy load's query, by how the parent's row loaded:
#: ``lazy="select"``, and ``"immediate"``, which runs that query as the parent loads; on a load of the row by its
#: key (a refresh, an expired row's reload) "selectin" and "subquery" run as "immediate" (observed).
_LAZY_QUERY_LOADERS = {"query": frozenset({"select", "immediate"}),
                       "by key": frozenset({"select", "immediate", "selectin", "subquery"})}


def _mirror_made_lazy(parent: InstanceFact, attribute: MappedAttribute, mirror: MappedAttribute, lazily: bool) -> bool:
    """Does the query that loaded the rows of collection ``parent.<attribute>`` give them ``lazyload()`` on their
    many-to-one ``mirror``? A lazy load's query does, so that its rows do not load the parent again, unless the
    mirror is lazy (or raise) already (observed: a noload, joined or selectin mirror then loads lazily, and raises
    once the rows are detached)."""
    loader, how = _row_loader(parent, attribute, lazily)
    return (attribute.uselist is True and mirror.uselist is False
            and mirror.strategy not in (Strategy.LAZY, Strategy.RAISE) and loader in _LAZY_QUERY_LOADERS[how])


# -- reads -----------------------------------------------------------------------------------------------
#: Strategies whose read never loads, whether the attribute is unloaded or expired, attached or not (observed):
#: dynamic/write-only build a query object, noload stays empty, raise fails by design (InvalidRequestError).
_NO_LOAD_STRATEGIES = {Strategy.DYNAMIC, Strategy.WRITE_ONLY, Strategy.RAISE, Strategy.NOLOAD}


#: Loader options that change how an attribute their query left unloaded loads later. They hold until the
#: attribute is expired: an expired attribute loads by the mapper's strategy again (observed).
_OPTION_STRATEGIES = {LoaderOption.LAZY: Strategy.LAZY, LoaderOption.RAISE: Strategy.RAISE, LoaderOption.NOLOAD: Strategy.NOLOAD}


def read_faults(fact: InstanceFact, attribute: MappedAttribute) -> set[Fault | None]:
    """Every outcome of reading ``attribute`` over the fact's possibilities; ``None`` means it reads fine."""
    outcomes: set[Fault | None] = set()
    states = fact.attr(attribute.name) or LOADED
    for life in fact.life:
        if life is Life.PERSISTENT and _null_key_at_hand(fact, attribute):
            outcomes.add(None)
            continue
        for state in states:
            strategy = _load_strategy(fact, attribute, state)
            outcomes.add(_read_outcome(life, state, strategy, fact.is_async))
    return outcomes


def parent_at_hand(heap: Heap, iid, attribute: MappedAttribute):
    """The instance whose relationship ``iid`` was reached through, when ``attribute`` is that relationship's
    many-to-one mirror and its loader would find it in the identity map without a query: both persistent in the
    same session, the parent not expired as a whole (its primary key loaded: columns expired by name, or left
    expired by a refresh, do not count), the child's foreign key loaded (observed: no MissingGreenlet under
    AsyncSession, and the value is the parent itself). None otherwise."""
    through = reached_through(iid)
    if through is None or through[0] not in heap.instances:
        return None
    parent_iid, forward_name = through
    parent, child = heap.instances[parent_iid], heap.instances.get(iid)
    forward = parent.cls.attributes.get(forward_name)
    if (child is None or forward is None or attribute.uselist is not False
            or forward.back_populates != attribute.name or attribute.back_populates != forward_name):
        return None
    if not (parent.life == child.life == {Life.PERSISTENT} and parent.sessions == child.sessions):
        return None
    if _primary_key_expired(parent) or _key_expired(child, attribute):
        return None
    return parent_iid


def target_at_hand(heap: Heap, iid, attribute: MappedAttribute):
    """The instance the lazy loader of ``attribute`` finds in the identity map without a query: the parent
    ``iid`` was reached through (``parent_at_hand``), or, for a many-to-one loaded by key, the rows of a query
    for every row of the target's table that the same session holds, not expired (observed: no MissingGreenlet
    under AsyncSession). None otherwise."""
    found = parent_at_hand(heap, iid, attribute)
    child = heap.instances.get(iid)
    if found is not None or not attribute.by_key or child is None:
        return found
    if child.life != {Life.PERSISTENT} or _key_expired(child, attribute):
        return None
    target = (attribute.target or "").rpartition(".")[2]
    for held, fact in heap.instances.items():
        if (fact.cls.name == target and fact.origin is not None and fact.origin.every_row
                and fact.life == {Life.PERSISTENT} and fact.sessions == child.sessions
                and not _primary_key_expired(fact)):
            return held
    return None


def with_every_row_held(fact: InstanceFact) -> InstanceFact:
    """An instance of a query for every row of its table: the session holds every row it could refer to, so a
    self-referential ``lazy="immediate"`` many-to-one, whose loader looks only in the identity map
    (``fills_null_key`` "load"), finds its target or None there and is loaded (observed)."""
    found = {a.name: LOADED for a in fact.cls.loadable()
             if "load" in a.fills_null_key and a.target == fact.cls.name and Load.UNLOADED in fact.attr(a.name)}
    return fact.with_attrs(found) if found else fact


def forgotten_by_identity_map(fact: InstanceFact) -> InstanceFact:
    """An instance nothing refers to any more: the identity map, which holds it weakly, has let it go, so no lookup
    by its key (``get()``, a lazy many-to-one) finds it."""
    every_row = fact.origin is not None and fact.origin.every_row
    return replace(fact, identity=None, origin=replace(fact.origin, every_row=False) if every_row else fact.origin)


def _primary_key_expired(fact: InstanceFact) -> bool:
    """Is the instance's primary key expired: the instance expired as a whole (``expire(obj)``, a commit), so
    anything that needs its identity's row loads that row again first?"""
    return any(Load.EXPIRED in fact.attr(a.name) for a in fact.cls.loadable() if a.primary_key)


def _null_key_at_hand(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """A many-to-one whose foreign key is known to be None and is loaded: its loader gives None without a query
    while the instance is attached (no MissingGreenlet under AsyncSession), and raises once it is detached
    (observed)."""
    return attribute.name in fact.null_keys and not _key_expired(fact, attribute)


def _load_strategy(fact: InstanceFact, attribute: MappedAttribute, state: Load) -> Strategy:
    """How ``attribute`` loads when read in ``state``: by the last loader option of the query that loaded the
    instance naming it (``_OPTION_STRATEGIES``) while it is still unloaded from that load, else by the mapper."""
    if state is not Load.UNLOADED:
        return attribute.strategy
    named = wildcard = None
    for option in fact.load_options:
        if option.path == (attribute.name,) and option.kind in _OPTION_STRATEGIES:
            named = _OPTION_STRATEGIES[option.kind]
        elif (_is_wildcard(option) and attribute.kind is AttrKind.RELATIONSHIP
              and attribute.strategy.value not in QUERY_STRATEGIES):  # dynamic, write-only: a query, whatever "*" says
            wildcard = _OPTION_STRATEGIES[option.kind]
    return named or wildcard or attribute.strategy


#: Lives in which an instance has no identity key: no loader of its runs (reads give what it holds, or empty).
_WITHOUT_IDENTITY = frozenset({Life.TRANSIENT, Life.PENDING})


def raises_by_design(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """A read that raises InvalidRequestError on every path: the attribute is not loaded and its loader is
    ``raise`` (``lazy="raise"``, ``raiseload()``), whatever the instance's session. An instance without an
    identity (transient, pending) loads nothing, so it reads empty instead (observed)."""
    states = fact.attr(attribute.name)
    return bool(states) and not fact.life & _WITHOUT_IDENTITY and all(
        s is not Load.LOADED and _load_strategy(fact, attribute, s) is Strategy.RAISE for s in states)


def read_strategy(fact: InstanceFact, attribute: MappedAttribute) -> Strategy:
    """How a read of ``attribute`` would load it now: the query's option where one still governs it (a
    ``lazyload("*")`` over a noload mapping), else the mapper's strategy."""
    unloaded = [s for s in fact.attr(attribute.name) if s is not Load.LOADED]
    return _load_strategy(fact, attribute, min(unloaded, key=lambda s: s.value)) if unloaded else attribute.strategy


def reads_empty(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """A relationship read that loads nothing and gives an empty list or None: noload (by the mapper or by the
    query's option) on every path where it is not loaded, even if it was loaded before and expired; or any
    relationship not loaded of an instance without an identity, whose loaders never run (observed)."""
    states = fact.attr(attribute.name)
    return (attribute.kind is AttrKind.RELATIONSHIP and bool(states) and Load.LOADED not in states
            and (fact.life <= _WITHOUT_IDENTITY
                 or all(_load_strategy(fact, attribute, s) is Strategy.NOLOAD for s in states)
                 or fact.life <= _WITHOUT_IDENTITY | {Life.PERSISTENT} and _null_key_at_hand(fact, attribute)))


def loads_anew(parent: InstanceFact, earlier: InstanceFact | None) -> bool:
    """Does a lazy load of a relationship of ``parent`` give new objects rather than ``earlier``, the instances it
    gave before? Yes when ``parent`` is persistent in a session that does not hold them: they were loaded in
    another session, and its identity map cannot hand them back (observed: an expired collection is not cascaded
    by ``add()``, so the read in the new session loads fresh rows)."""
    return (earlier is not None and parent.life == {Life.PERSISTENT} and len(parent.sessions) == 1
            and not parent.sessions & earlier.sessions)


def load_related(heap: Heap, iid, name: str) -> None:
    """Relationship ``name`` of ``iid`` loads its rows now (a lazy read, or an eager loader run again by a load of
    the row by key). When ``loads_anew`` says they are new objects, the relationship moves to its next generation,
    so that the instances it gave before keep their own state."""
    fact = heap.instances[iid]
    if loads_anew(fact, heap.instances.get(fact.related(iid, name))):
        heap.instances[iid] = fact.next_generation(name)


def known_empty(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """A relationship known to hold nothing, attached or not: a many-to-one loaded while its foreign key is known
    NULL (None), or a collection known to hold no row (an empty list, even if the read still loads it)."""
    if attribute.uselist is False:
        return attribute.name in fact.null_keys and fact.attr(attribute.name) == LOADED
    return attribute.name in fact.empty_collections


def _read_outcome(life: Life, state: Load, strategy: Strategy, is_async: bool) -> Fault | None:
    if state is Load.LOADED or life is Life.PENDING:
        return None
    if life is Life.TRANSIENT and (state is not Load.EXPIRED or strategy is not Strategy.COLUMN):
        # without an identity only the expired row's reload raises: a deferred column's loader gives None and a
        # relationship's an empty value, expired or not (observed)
        return None
    if strategy is Strategy.DYNAMIC and is_async and life is Life.PERSISTENT:
        return Fault.GREENLET  # the dynamic query runs synchronously in the AsyncSession (observed: count(), iteration)
    if strategy in _NO_LOAD_STRATEGIES:
        return None
    if life in (Life.DETACHED, Life.TRANSIENT):
        # a transient instance still expired (an inserted row rolled back after a savepoint expired it) cannot
        # refresh either: no session, no identity (observed)
        return Fault.DETACHED_EXPIRED if state is Load.EXPIRED else Fault.DETACHED_UNLOADED
    if is_async:
        return Fault.GREENLET
    return None


def after_read(heap: Heap, iid, name: str) -> None:
    """A read either loaded the attribute or raised; either way the path that goes on sees it loaded.

    Reading one expired column of an attached instance reloads the whole row (``reload_row``). So does a
    relationship read that loads, when a key column its loader needs is expired (``_key_expired``); one whose
    strategy never loads (noload, dynamic, write-only, raise) does not. A dynamic relationship's query names the
    parent's primary key, so running it on an attached instance whose key is expired reloads the row (observed).
    A relationship read that loads nothing leaves it unloaded: under ``lazy="noload"`` every later read is empty
    again, and on an instance without an identity (transient, pending) the empty value is not kept, so once the
    instance has a row, the relationship loads from it (observed: read while pending, commit, close, read raises).
    """
    fact = heap.instances[iid]
    attribute = fact.cls.attributes.get(name)
    if attribute is not None and attribute.kind is AttrKind.RELATIONSHIP and Load.LOADED not in fact.attr(name) and (
            attribute.strategy is Strategy.NOLOAD or fact.life <= _WITHOUT_IDENTITY):
        return
    loads = attribute is not None and bool(fact.attr(name) - LOADED) and attribute.strategy not in _NO_LOAD_STRATEGIES
    if loads:
        _busy(heap, fact)  # the read ran a SELECT
    if attribute is not None and _read_reloads_row(fact, attribute, loads):
        reload_row(heap, iid)
    group = _group_of(fact.cls, attribute) if loads else []  # a loaded one is read without touching its group
    heap.instances[iid] = heap.instances[iid].with_attrs({name: LOADED, **dict.fromkeys(group, LOADED)})


def collection_grown(heap: Heap, iid, name: str) -> None:
    """``obj.<name>.append(x)`` (and the like): collection ``name`` of ``iid`` holds rows from now on, and is
    loaded: the collection a read gave an instance without an identity is kept once it changes (observed)."""
    heap.instances[iid] = _may_get_rows(heap, heap.instances[iid], name).with_attrs({name: LOADED})


def _may_get_rows(heap: Heap, fact: InstanceFact, name: str | None) -> InstanceFact:
    """Collection ``name`` of ``fact`` (None: any) may hold rows from now on: it is no longer known empty, nor is it
    in ``fact``'s row."""
    if name is None or name in fact.empty_collections:
        rows.may_change(heap, fact, name)
        fact = replace(fact, empty_collections=frozenset() if name is None else fact.empty_collections - {name})
    return fact


def _group_of(cls: MappedClass, attribute: MappedAttribute | None) -> list[str]:
    """The columns of ``attribute``'s deferred group: loading one loads them all (observed)."""
    if attribute is None or attribute.group is None:
        return []
    return [a.name for a in cls.loadable() if a.group == attribute.group]


def reload_row(heap: Heap, iid, loader_options: tuple | None = None, skip: frozenset[str] = frozenset()) -> None:
    """The row of instance ``iid`` loads again (one SELECT), as an expired attribute's refresh loads it (observed):

    - every expired column that the mapper loads with the row comes back (not deferred ones); the query options
      that deferred a column of the instance's own row are not applied again;
    - so does every expired relationship that the instance's load plan loads eagerly (the mapper's joined,
      selectin, subquery or immediate strategy, or an eager option of the query that loaded it, unless an option
      made it lazy), and the related instances' rows with it, loaded again as the eager loader populates them.
      That loader runs with the options of its path again (``loader_options``: ``path_options``), so a column
      they deferred stays as it was (``selectinload(Parent.kids).defer(Kid.title)``), even on an instance that
      came out of a row of the query as an entity of its own. The loader stops at the cycle back to the parent
      (``skip``: the related rows' mirror, unless ``MIRROR_LOADED`` says it loads);
    - every other expired relationship is set up again as the query's options say: unloaded, loading by its
      option (``lazyload``/``noload``/``raiseload``), where before the reload it would load by the mapper's.
    """
    fact = heap.instances[iid]
    plan = _original_plan(fact)
    expired = {name for name, states in fact.attrs if Load.EXPIRED in states and name not in skip
               and fact.cls.attributes[name].kind is AttrKind.RELATIONSHIP}
    eager = {name for name in expired if plan.get(name) == LOADED}
    # the others are set up again as the query's options say: unloaded, each loading by its option (observed)
    reset = {**dict.fromkeys(expired - eager, UNLOADED), **dict.fromkeys(eager, LOADED)}
    by_loader = dict(load_plan(fact.cls, loader_options, by_key=True)[0]) if loader_options is not None else None
    heap.instances[iid] = _loaded_by_key(_row_reloaded(fact, by_loader).with_attrs(reset), eager)
    _reload_related_rows(heap, iid, eager)


def _reload_related_rows(heap: Heap, iid, relationships) -> None:
    """The eager loader of each of ``relationships``, just run again by a load of ``iid``'s row by key, populates
    the rows of the related instances already in the session (observed); those of another session are not
    touched, as the loader gives new objects (``load_related``)."""
    for name in relationships:
        load_related(heap, iid, name)
        fact = heap.instances[iid]
        related = fact.related(iid, name)
        attribute = fact.cls.attributes.get(name)
        if attribute is None or related not in heap.instances or Life.PERSISTENT not in heap.instances[related].life:
            continue
        mirror = heap.instances[related].cls.attributes.get(attribute.back_populates or "")
        stops = {mirror.name} if mirror is not None and not mirror_loaded(fact, attribute, mirror, False) else set()
        reload_row(heap, related, path_options(fact, name), frozenset(stops))


def _loaded_by_key(fact: InstanceFact, names) -> InstanceFact:
    """``fact`` whose relationships ``names`` a load of its row by key just loaded (``MIRROR_LOADED``)."""
    relationships = {n for n in names
                     if n in fact.cls.attributes and fact.cls.attributes[n].kind is AttrKind.RELATIONSHIP}
    return replace(fact, loaded_by_key=fact.loaded_by_key | relationships) if relationships else fact


def _row_reloaded(fact: InstanceFact, plan: dict | None = None) -> InstanceFact:
    """Every expired column the mapper loads with the row comes back (one SELECT of the row), except those the
    load ``plan`` (when given) leaves unloaded."""
    def reloaded(key: str, states: frozenset[Load]) -> frozenset[Load]:
        if Load.EXPIRED not in states or not _reloads_with_row(fact.cls.attributes[key]):
            return states
        if plan is not None and plan.get(key, LOADED) != LOADED:
            return states
        return (states - EXPIRED) | LOADED

    return fact.map_attrs(reloaded)


def after_write(heap: Heap, fact: InstanceFact, name: str | None) -> InstanceFact:
    """``obj.name = value`` holds the new value from then on; setting a column loads nothing, so the instance's other
    expired attributes stay expired (observed: the next read of one still refreshes the row). Inside a savepoint,
    the instance is one its rollback expires. ``name`` None: an attribute the code computes (``setattr``)."""
    _busy(heap, fact)
    fact = replace(fact.with_attrs({name: LOADED}) if name is not None else fact, dirty=Life.PERSISTENT in fact.life)
    if fact.null_keys and (name is None or name in fact.null_keys or _is_foreign_key(fact, name)):
        fact = replace(fact, null_keys=frozenset())  # a key may be set now
    fact = _may_get_rows(heap, fact, name)
    depth = max((savepoint_depth(heap, s) for s in fact.sessions), default=0)
    if depth:
        fact = replace(fact, in_savepoint=fact.in_savepoint | {("changed", depth)})
    return fact


def _is_foreign_key(fact: InstanceFact, name: str) -> bool:
    attribute = fact.cls.attributes.get(name)
    return attribute is not None and attribute.foreign_key


def _read_reloads_row(fact: InstanceFact, attribute: MappedAttribute, loads: bool) -> bool:
    """Does this read load the instance's whole row (see ``after_read``)? ``loads``: the read runs its loader."""
    if _reloads_with_row(attribute):
        return Load.EXPIRED in fact.attr(attribute.name)
    if attribute.strategy is Strategy.DYNAMIC:  # its query needs the attached parent's primary key
        return fact.life == {Life.PERSISTENT} and _primary_key_expired(fact)
    return loads and attribute.kind is AttrKind.RELATIONSHIP and _key_expired(fact, attribute)


def _reloads_with_row(attribute: MappedAttribute) -> bool:
    return attribute.kind is AttrKind.COLUMN and attribute.strategy is Strategy.COLUMN


# -- session methods -------------------------------------------------------------------------------------
def _expire_all(fact: InstanceFact) -> InstanceFact:
    return fact.map_attrs(lambda _name, _states: EXPIRED)


def _per_instance(heap: Heap, session: SessionId, change: Callable[[InstanceFact], InstanceFact]) -> None:
    for iid, fact in list(heap.held_by(session)):
        heap.instances[iid] = change(fact)


def _replace_life(fact: InstanceFact, mapping: dict[Life, Life], drop_session: SessionId | None = None) -> InstanceFact:
    life = frozenset(mapping.get(x, x) for x in fact.life)
    sessions = fact.sessions
    if drop_session is not None and life.isdisjoint({Life.PERSISTENT, Life.PENDING, Life.DELETED}):
        sessions = sessions - {drop_session}
    return replace(fact, life=life, sessions=sessions)


#: The effect recorded on a deleted instance's history by the commit that deleted its row.
ROW_DELETED = "row-deleted"
#: The effect recorded on an instance's history where its session ended without a commit after flushing its INSERT.
INSERT_UNDONE = "insert-undone"
#: The effects after which the instance's identity names no row: nothing reloads it, merge() makes a new copy.
NO_ROW = frozenset({ROW_DELETED, INSERT_UNDONE})


def _inserted_elsewhere(heap: Heap, session: SessionId, change: Callable[[InstanceFact], InstanceFact]) -> None:
    """Apply ``change`` to the instances whose INSERT the transaction of ``session`` holds but which the session no
    longer holds (expunged after the flush): the end of that transaction decides their row too (observed)."""
    for iid, fact in list(heap.instances.items()):
        if _inserted_in(fact, session) and session not in fact.sessions:
            heap.instances[iid] = change(fact)


def _inserted_in(fact: InstanceFact, session: SessionId) -> bool:
    """Does the transaction under way of ``session`` hold the instance's INSERT?"""
    return fact.insert is not None and fact.insert.session == session


def _insert_undone(fact: InstanceFact, event: Event) -> InstanceFact:
    """The session closed without committing the instance's INSERT: it keeps its identity, its row is gone. The
    event points at the flush of that INSERT, where a commit would have kept the row."""
    at = fact.insert.location if fact.insert is not None else event.location
    undone = Event(at, "its INSERT was flushed here but never committed, and was rolled back", INSERT_UNDONE)
    return replace(fact, insert=None, rowless=frozenset({True}), history=fact.history | {undone})


def commit(heap: Heap, session: SessionId, event: Event) -> None:
    _end_savepoints(heap, session)
    _set_idle(heap, session, True)
    _load_rows_the_flush_needs(heap, session)
    rows.record_commit(heap, session)
    expire = heap.sessions[session].expire_on_commit if session in heap.sessions else True

    def change(fact: InstanceFact) -> InstanceFact:
        if not fact.life & {Life.PERSISTENT, Life.PENDING, Life.DELETED}:
            return fact
        if fact.life == {Life.DELETED}:  # deleted → detached at commit, not expired: its loaded values stay readable
            # its row is gone: merge() would make a new pending copy
            label = heap.sessions[session].label if session in heap.sessions else "session"
            gone = replace(event, message=f"`{label}.commit()` deleted its row here", effect=ROW_DELETED)
            deleted = replace(deletion_flushed(fact), sessions=fact.sessions - {session},
                              history=fact.history | {gone}, insert=None, rowless=frozenset({True}))
            # without expiry it keeps its reference to the session, even once that is closed, so what it has not
            # loaded still tries to load (ObjectDeletedError: the row is gone) until the session is freed
            # (observed); it is in no session's identity map any more
            if expire:
                return replace(deleted, life=frozenset({Life.DETACHED}))
            return replace(deleted, weakly_bound=deleted.weakly_bound | {session})
        was_pending = Life.PENDING in fact.life
        fact = _replace_life(fact, {Life.PENDING: Life.PERSISTENT, Life.DELETED: Life.DETACHED})
        if expire:
            fact = replace(_expire_all(fact), history=fact.history | {event})
        elif was_pending:
            fact = flushed(fact, event)
        else:
            fact = updated(fact, event)
        return replace(fact, insert=None, dirty=False)

    _per_instance(heap, session, change)
    _inserted_elsewhere(heap, session, lambda fact: replace(fact, insert=None))  # its row is committed


def savepoint_depth(heap: Heap, session: SessionId) -> int:
    """How many savepoints of ``session`` are under way (the deepest possibility)."""
    return max(heap.sessions[session].savepoints) if session in heap.sessions else 0


def _with_depth(heap: Heap, session: SessionId, depth: int) -> None:
    if session in heap.sessions:
        heap.sessions[session] = replace(heap.sessions[session], savepoints=frozenset({max(depth, 0)}))


def begin_savepoint(heap: Heap, session: SessionId, event: Event) -> None:
    """``begin_nested()`` flushes what is pending, then starts a savepoint inside any under way (observed)."""
    flush(heap, session, event)
    _with_depth(heap, session, savepoint_depth(heap, session) + 1)


def release_savepoint(heap: Heap, session: SessionId, event: Event, depth: int = 1) -> None:
    """A savepoint's ``commit()`` (or a ``with begin_nested():`` block left normally) flushes and expires nothing
    (observed)."""
    flush(heap, session, event)
    _end_savepoints(heap, session, depth)


def _end_savepoints(heap: Heap, session: SessionId, depth: int = 1) -> None:
    """What changed inside the savepoints from ``depth`` down now belongs to the savepoint around them, whose
    rollback would undo it (observed); ``depth`` 1 (commit, close) ends them all."""
    def change(fact: InstanceFact) -> InstanceFact:
        marks = frozenset((kind, min(d, depth - 1)) for kind, d in fact.in_savepoint if min(d, depth - 1) > 0)
        return replace(fact, in_savepoint=marks) if marks != fact.in_savepoint else fact

    _per_instance(heap, session, change)
    _with_depth(heap, session, min(savepoint_depth(heap, session), depth - 1))


def rollback_savepoint(heap: Heap, session: SessionId, event: Event, depth: int = 1) -> None:
    """A savepoint's rollback (and every savepoint inside it): an object added inside it becomes transient (keeping
    its values), an object whose attributes were set inside it is expired whole; the others are left alone, and so
    is what changed in the savepoints around it (observed). ``depth`` 1 (the transaction's rollback) undoes them all."""
    if savepoint_depth(heap, session) < depth:
        return

    def change(fact: InstanceFact) -> InstanceFact:
        undone = {kind for kind, d in fact.in_savepoint if d >= depth}
        if not undone:
            return fact
        fact = replace(fact, in_savepoint=frozenset(m for m in fact.in_savepoint if m[1] < depth))
        if "added" in undone and fact.life <= {Life.PENDING, Life.PERSISTENT}:
            return replace(fact, life=frozenset({Life.TRANSIENT}), sessions=fact.sessions - {session}, insert=None)
        if "changed" in undone:  # its changes are undone: nothing of it is left for the next flush
            return replace(_expire_all(fact), history=fact.history | {event}, dirty=False)
        return fact

    _per_instance(heap, session, change)
    _with_depth(heap, session, depth - 1)


def flushed(fact: InstanceFact, event: Event) -> InstanceFact:
    """A pending instance after its INSERT: every column holds a value (given, a default, the primary key, or None;
    relationships are not loaded), except a database-made one it was not given when the mapper does not fetch
    those back (``eager_defaults=False``): that one is expired (observed)."""
    fetches = fact.cls.eager_defaults is not False

    def after_insert(name: str, states: frozenset[Load]) -> frozenset[Load]:
        attribute = fact.cls.attributes[name]
        if attribute.kind is not AttrKind.COLUMN:
            return states
        if not fetches and "insert" in attribute.generated and Load.UNLOADED in states:
            return EXPIRED
        return LOADED

    inserted = replace(fact.map_attrs(after_insert), rowless=frozenset({False}))
    left = [name for name, states in inserted.attrs if Load.EXPIRED in states and Load.EXPIRED not in fact.attr(name)]
    return _not_fetched_back(inserted, left, "insert", event)


def deletion_flushed(fact: InstanceFact) -> InstanceFact:
    """A deleted instance after its DELETE: the flush loaded the collections whose rows it had to update or delete
    (``loaded_by_delete``; observed), so they stay readable once it is detached. A noload one loads nothing there
    either: it stays as it was, and reads empty. It also loaded each many-to-one whose key is known NULL (with
    None, no query; one whose key is set stays unloaded: observed)."""
    return fact.with_attrs({a.name: LOADED for a in fact.cls.loadable()
                            if a.loaded_by_delete and read_strategy(fact, a) is not Strategy.NOLOAD
                            or _null_key_at_hand(fact, a)})


def updated(fact: InstanceFact, event: Event) -> InstanceFact:
    """A changed persistent instance after its UPDATE: the columns the database sets on update
    (``server_onupdate=``, ``onupdate=func.now()``) are expired unless ``eager_defaults=True`` fetches them back;
    ``"auto"`` fetches only after an INSERT (observed)."""
    if not fact.dirty or Life.PERSISTENT not in fact.life or fact.cls.eager_defaults is True:
        return fact
    names = [a.name for a in fact.cls.loadable() if "update" in a.generated]
    return _not_fetched_back(fact.with_attrs(dict.fromkeys(names, EXPIRED)), names, "update", event)


def _not_fetched_back(fact: InstanceFact, names: list[str], statement: str, event: Event) -> InstanceFact:
    """``fact`` with the event that left ``names`` expired: values the database set during the flush's
    ``statement`` that the mapper's eager_defaults did not read back."""
    if not names:
        return fact
    listed = ", ".join(f"`{n}`" for n in names)
    left = Event(event.location, f"{listed} not fetched back after the {statement.upper()} flushed here", statement,
                 event.via)
    return replace(fact, history=fact.history | {left})


def _load_rows_the_flush_needs(heap: Heap, session: SessionId) -> None:
    """An UPDATE or DELETE names its row by primary key: a changed or deleted instance whose key is expired has
    its row loaded again first, so its expired columns are loaded afterwards (observed)."""
    for iid, fact in list(heap.held_by(session)):
        changed = fact.dirty and fact.life == {Life.PERSISTENT} or fact.life == {Life.DELETED}
        if changed and _primary_key_expired(fact):
            reload_row(heap, iid)


def flush(heap: Heap, session: SessionId, event: Event) -> None:
    """Pending instances are inserted. A changed persistent instance is UPDATEd; when a commit expired its primary
    key, the flush first loads its row again (``reload_row``), so its expired columns are loaded afterwards
    (observed)."""
    _load_rows_the_flush_needs(heap, session)
    rows.record_flush(heap, session)

    def change(fact: InstanceFact) -> InstanceFact:
        fact = replace(updated(fact, event), dirty=False)
        if fact.life == {Life.DELETED}:
            return deletion_flushed(fact)
        if Life.PENDING not in fact.life:
            return fact
        return replace(flushed(_replace_life(fact, {Life.PENDING: Life.PERSISTENT}), event),
                       insert=UncommittedInsert(session, event.location))

    _per_instance(heap, session, change)


def rollback(heap: Heap, session: SessionId, event: Event) -> None:
    """Objects inserted in the rolled-back transaction become transient again, keeping the values they were given
    (or their expired state); objects persistent before it are expired. A savepoint under way is rolled back
    first. With no transaction under way (nothing began one since the last commit or rollback) it changes
    nothing (observed)."""
    fact = heap.sessions.get(session)
    if fact is not None and fact.idle == {True}:
        return
    _set_idle(heap, session, True)
    rollback_savepoint(heap, session, event)

    def change(fact: InstanceFact) -> InstanceFact:
        fact = replace(fact, dirty=False)  # its changes are rolled back with the transaction
        if _inserted_in(fact, session) and fact.life <= {Life.PENDING, Life.PERSISTENT}:  # flushed or not yet
            return replace(fact, life=frozenset({Life.TRANSIENT}), sessions=fact.sessions - {session}, insert=None)
        if Life.PERSISTENT in fact.life:
            fact = replace(_expire_all(fact), history=fact.history | {event})
        return _replace_life(fact, {Life.PENDING: Life.TRANSIENT, Life.DELETED: Life.PERSISTENT}, session)

    _per_instance(heap, session, change)
    # one expunged after its INSERT is made transient too: the rollback restores every state it inserted (observed)
    _inserted_elsewhere(heap, session, lambda fact: _insert_undone(_replace_life(fact, {Life.DETACHED: Life.TRANSIENT}),
                                                                   event))


def close(heap: Heap, session: SessionId, event: Event) -> None:
    _end_savepoints(heap, session)  # closing detaches everything as it is: the savepoints change nothing

    def change(fact: InstanceFact) -> InstanceFact:
        detached = _replace_life(
            fact, {Life.PERSISTENT: Life.DETACHED, Life.DELETED: Life.DETACHED, Life.PENDING: Life.TRANSIENT}, session
        )
        if Life.PERSISTENT in fact.life:
            detached = replace(detached, history=detached.history | {event})
        # closing rolls back the transaction under way but, unlike rollback(), keeps every identity (observed)
        return _insert_undone(detached, event) if _inserted_in(fact, session) else detached

    _per_instance(heap, session, change)
    _inserted_elsewhere(heap, session, lambda fact: _insert_undone(fact, event))
    if session in heap.sessions:
        heap.sessions[session] = replace(heap.sessions[session], closed=frozenset({True}), idle=frozenset({True}))


def freed(heap: Heap, sessions, event: Event) -> None:
    """Sessions nothing refers to any more, as a function that made them returns. One with no transaction under
    way is freed at once (reference counting), and its instances are detached as by close(); one with a
    transaction sits in a reference cycle until the next garbage collection (``collect_garbage``). One holding
    pending objects is kept alive by them (observed)."""
    for session in sessions:
        fact = heap.sessions.get(session)
        if fact is None:
            continue
        if fact.closed == {True}:
            _session_gone(heap, session, event)
            continue
        if any(Life.PENDING in f.life for _, f in heap.held_by(session)):
            continue
        if fact.idle == {True}:
            close(heap, session, event)
            _session_gone(heap, session, event)
        else:
            heap.sessions[session] = replace(fact, unreferenced=frozenset({True}))


def collect_garbage(heap: Heap, event: Event) -> None:
    """``gc.collect()``: every session left only in a reference cycle is freed; its instances are detached."""
    for session, fact in list(heap.sessions.items()):
        if fact.unreferenced == {True} and fact.closed != {True}:
            close(heap, session, event)
            _session_gone(heap, session, event)


def weakly_bound_sessions(heap: Heap) -> set[SessionId]:
    """The sessions some instance refers to only by id (``InstanceFact.weakly_bound``)."""
    return {session for fact in heap.instances.values() for session in fact.weakly_bound}


def _session_gone(heap: Heap, session: SessionId, event: Event) -> None:
    """The session object no longer exists: an instance that referred to it only by id is detached."""
    for iid, fact in list(heap.instances.items()):
        if session in fact.weakly_bound:
            detached = _unbound(fact, session)
            heap.instances[iid] = replace(detached, history=detached.history | {event})


def _unbound(fact: InstanceFact, session: SessionId) -> InstanceFact:
    """``fact`` no longer referring to ``session`` by id: a deleted instance so bound is detached."""
    return replace(_replace_life(fact, {Life.DELETED: Life.DETACHED}), weakly_bound=fact.weakly_bound - {session})


def expire_all(heap: Heap, session: SessionId, event: Event) -> None:
    """Every persistent instance is expired as a whole, which discards its unflushed changes: the next flush
    UPDATEs nothing and so loads no row again (observed)."""
    def change(fact: InstanceFact) -> InstanceFact:
        if Life.PERSISTENT not in fact.life:
            return fact
        return replace(_expire_all(fact), history=fact.history | {event}, dirty=False)

    _per_instance(heap, session, change)


def detach_one(fact: InstanceFact, session: SessionId, event: Event) -> InstanceFact:
    """``expunge(obj)``: detached, attribute states kept; one that referred to the session by id only no longer
    does (observed)."""
    if session in fact.weakly_bound:
        fact = _unbound(fact, session)
    detached = _replace_life(fact, {Life.PERSISTENT: Life.DETACHED, Life.PENDING: Life.TRANSIENT}, session)
    return replace(detached, history=detached.history | {event})


def expire_one(fact: InstanceFact, names: tuple[str, ...] | None, event: Event) -> InstanceFact:
    """``expire(obj)`` discards the unflushed changes with the values, as ``expire_all()`` does (observed).
    ``expire(obj, names)`` leaves the instance marked changed (observed), as other changes may remain."""
    if names:
        fact = fact.with_attrs({n: EXPIRED for n in names if fact.attr(n)})
    else:
        fact = replace(_expire_all(fact), dirty=False)
    return replace(fact, history=fact.history | {event})


def refresh(heap: Heap, iid, names: tuple[str, ...] | None) -> None:
    """``refresh(obj)`` / ``refresh(obj, [names])``. Naming a many-to-one whose key column is expired first loads
    the row again, as reading that key would (every expired column comes back; observed for every strategy but
    joined and noload, which load it without the key). A self-referential one stays unloaded unless its key is
    None (observed): known for a new object given no key (``null_keys``), otherwise a matter of the data. Without
    names, the eager loader the refresh runs for such a many-to-one (loaded by its plan, or a self-referential one
    it fills when the key is None, ``fills_null_key``) reads its key after the row, so when the options left that
    key out, every column they left out comes back with it (observed: ``load_only``, then refresh, whatever the
    key holds). Naming only relationships none of which reads its key still loads the primary key (observed), so
    a later flush of a change does not load the row again."""
    fact = heap.instances[iid]
    named = [fact.cls.attributes[n] for n in names or () if n in fact.cls.attributes]
    if any(_reads_its_key(fact, a) for a in named):
        reload_row(heap, iid)
        fact = heap.instances[iid]
    elif named and all(a.kind is AttrKind.RELATIONSHIP for a in named):
        fact = fact.with_attrs({a.name: LOADED for a in fact.cls.loadable() if a.primary_key})
    reloaded = names or [n for n, states in _original_plan(fact).items() if states == LOADED]
    fact = refreshed(fact, names)
    loaders = [a for a in fact.cls.loadable() if a.name in reloaded or "refresh" in a.fills_null_key]
    if not names and any(_reads_its_key(fact, a) for a in loaders):
        fact = _row_reloaded(fact)
    self_referential = {a.name: LOADED | UNLOADED for a in named if not refresh_loads(fact, a)}
    heap.instances[iid] = fact.with_attrs(self_referential) if self_referential else fact
    _reload_related_rows(heap, iid, [n for n in reloaded if heap.instances[iid].attr(n) == LOADED])


def refresh_loads(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """Does ``refresh(obj, [name])`` load ``attribute``? Not surely for a self-referential many-to-one: that one is
    loaded only when its key is None (observed), which only ``null_keys`` can tell."""
    self_referential = (attribute.kind is AttrKind.RELATIONSHIP and attribute.target == fact.cls.name
                        and not attribute.uselist)
    return not self_referential or attribute.name in fact.null_keys


def _reads_its_key(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """Does loading many-to-one ``attribute`` read its expired key from the row? Not by a JOIN (``joined``, unless
    a self-reference made it lazy: ``_without_self_eager``) nor under noload (observed)."""
    joins = attribute.joined and attribute.strategy is Strategy.EAGER
    return (attribute.kind is AttrKind.RELATIONSHIP and attribute.uselist is False and not joins
            and attribute.strategy is not Strategy.NOLOAD and _key_expired(fact, attribute))


def _key_expired(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """Is a column that ``attribute``'s lazy loader reads from the row expired: the foreign key of a many-to-one,
    the primary key of a collection? When the mapping does not say which, any expired column counts."""
    columns = [a for a in fact.cls.loadable() if a.kind is AttrKind.COLUMN]
    if attribute.uselist is False:
        key = [a for a in columns if a.foreign_key]
    else:
        key = [a for a in columns if a.primary_key]
    return any(Load.EXPIRED in fact.attr(a.name) for a in key or columns)


def refreshed(fact: InstanceFact, names: tuple[str, ...] | None) -> InstanceFact:
    """``refresh(obj)`` reloads what the query that loaded ``obj`` loaded: its loader options applied again over
    the mapper's strategies (eager relationships, ``selectinload``/``joinedload`` options, ``defer``/``load_only``
    and ``lazyload`` exclusions; observed). Everything else is not loaded afterwards, even what was read before: a
    column so left is expired (the refresh expired the whole instance first), so reading one that the row loads
    loads them all again (observed: ``load_only(A.x)``, refresh, read ``a.y`` loads every such column)."""
    if names:  # a noload relationship named stays as it was: its loader still gives nothing (observed)
        named = [n for n in names if fact.attr(n) and fact.cls.attributes[n].strategy is not Strategy.NOLOAD]
        return _loaded_by_key(fact.with_attrs(dict.fromkeys(named, LOADED)), named)
    plan = _original_plan(fact)
    loaded = [name for name, states in plan.items() if states == LOADED]

    def after_refresh(name: str, states: frozenset[Load]) -> frozenset[Load]:
        planned = plan.get(name, states)
        return EXPIRED if planned != LOADED and fact.cls.attributes[name].kind is AttrKind.COLUMN else planned

    return _loaded_by_key(fact.map_attrs(after_refresh), loaded)


def reloaded_expired(fact: InstanceFact) -> InstanceFact:
    """``get()`` of an instance already in the identity map with expired attributes loads them again as reading
    one would: every column the mapper loads with the row, whatever option deferred it (a mapper-deferred one
    stays unloaded, even if undeferred before), and the relationships as the query that loaded it loads them
    (observed); what is not expired stays as it is."""
    plan = _original_plan(fact)
    relationships = [name for name, states in fact.attrs if Load.EXPIRED in states and plan.get(name) == LOADED
                     and fact.cls.attributes[name].kind is AttrKind.RELATIONSHIP]

    def reloaded(name: str, states: frozenset[Load]) -> frozenset[Load]:
        if Load.EXPIRED not in states:
            return states
        attribute = fact.cls.attributes[name]
        if attribute.kind is AttrKind.COLUMN:
            return LOADED if _reloads_with_row(attribute) else UNLOADED
        return plan.get(name, states)

    return _loaded_by_key(fact.map_attrs(reloaded), relationships)


def queried_again(fact: InstanceFact, options: tuple) -> InstanceFact:
    """A query's row for an instance already in the identity map gives that same object: what the query loads
    fills its unloaded and expired attributes; what it holds loaded stays, even where the query's options would
    not load it (observed)."""
    plan, nested = load_plan(fact.cls, options)
    filled = {name for name, states in plan if states == LOADED and fact.attr(name) != LOADED}
    return replace(fact.with_attrs(dict.fromkeys(filled, LOADED)), options=fact.options + nested) if filled else fact


def _original_plan(fact: InstanceFact) -> dict[str, frozenset[Load]]:
    """What loading the instance again by its key (a refresh, an expired row's reload) loads of it, by attribute:
    the query's loader options that name attributes, over the mapper's strategies. Options for every attribute
    (``lazyload("*")``, ``undefer_group()``) and ``contains_eager`` are not applied again (observed). A
    self-referential many-to-one whose key is known None is filled with None where ``fills_null_key`` says
    (observed both for ``refresh()`` and for the reload that reading an expired column runs)."""
    kept = tuple(o for o in fact.load_options if not _not_applied_again(o))
    plan = dict(load_plan(fact.cls, kept, by_key=True)[0])
    plan.update({name: LOADED for name in fact.null_keys if "refresh" in fact.cls.attributes[name].fills_null_key})
    return plan


def _not_applied_again(option: LoaderOpt) -> bool:
    """Options for every attribute, and ``contains_eager`` (it reads the query's own JOIN), which a load by key
    does not repeat."""
    return _is_wildcard(option) or option.kind in (LoaderOption.UNDEFER_GROUP, LoaderOption.FROM_JOIN)


def made_transient(fact: InstanceFact, to_detached: bool) -> InstanceFact:
    """``make_transient(obj)`` / ``make_transient_to_detached(obj)``: see ``_made_transient``. Either drops the
    loaders the query's ``lazyload``/``raiseload``/``noload`` options put on the instance, so its unloaded
    relationships load by the mapper's strategy again (observed)."""
    kept = tuple(o for o in fact.load_options if o.kind not in _OPTION_STRATEGIES)
    return _made_transient(replace(fact, load_options=kept), to_detached)


def _made_transient(fact: InstanceFact, to_detached: bool) -> InstanceFact:
    """``make_transient(obj)``: no session, no identity, and what was expired is forgotten (reads give None, not a
    refresh: observed); ``make_transient_to_detached(obj)``: detached with what it holds. Neither takes its INSERT
    out of the transaction under way, so the end of that transaction still decides its row and state (observed: a
    rollback makes it transient again; ``insert`` is kept)."""
    if to_detached:  # it now has an identity, so what it was never given is a column to load: expired (observed)
        unset = fact.map_attrs(lambda name, states: (states - UNLOADED) | EXPIRED
                               if Load.UNLOADED in states and fact.cls.attributes[name].kind is AttrKind.COLUMN else states)
        return replace(unset, life=frozenset({Life.DETACHED}), sessions=frozenset(), rowless=frozenset({False}))
    forgotten = fact.map_attrs(lambda _name, states: (states - EXPIRED) | UNLOADED if Load.EXPIRED in states else states)
    return replace(forgotten, life=frozenset({Life.TRANSIENT}), sessions=frozenset(), rowless=frozenset({False}))


def marked_deleted(fact: InstanceFact, session: SessionId) -> InstanceFact:
    """``delete(obj)``: a persistent instance is marked for deletion; a detached one is attached to the session
    first and marked too (observed). A transient or pending one raises "is not persisted", which is not ours."""
    if not fact.life & {Life.PERSISTENT, Life.DETACHED}:
        return fact
    return replace(fact, life=frozenset({Life.DELETED}), sessions=frozenset({session}))


def attach_related(heap: Heap, iid, session: SessionId, is_async: bool) -> None:
    """``add(obj)`` cascades ("save-update") along the relationships ``obj`` has loaded: the instances they hold
    join the session too, and theirs in turn (observed; not through ``cascades_add`` false ones)."""
    seen, todo = {iid}, [iid]
    while todo:
        current = todo.pop()
        fact = heap.instances[current]
        related = [fact.related(current, a.name) for a in fact.cls.loadable()
                   if cascades_add(a) and fact.attr(a.name) == LOADED]
        for other in (*related, *sorted(fact.cascades_to, key=repr)):
            if other not in seen and other in heap.instances:
                seen.add(other)
                heap.instances[other] = attach(heap, heap.instances[other], session, is_async)
                todo.append(other)


def cascades_add(attribute: MappedAttribute | None) -> bool:
    """Does adding an instance add what its ``attribute`` holds (a relationship with the "save-update" cascade)?"""
    return attribute is not None and attribute.kind is AttrKind.RELATIONSHIP and attribute.cascades_add


def holding(fact: InstanceFact, attribute: MappedAttribute, instances, known: bool, appended: bool) -> InstanceFact:
    """``fact`` once the code set (or appended ``instances`` to) its relationship ``attribute``: that is what it
    holds from then on, as long as it stays loaded. An append to a relationship whose rows came from the
    database, or a value that is not plainly instances, leaves what it holds unknown."""
    before = fact.given_instances(attribute.name)
    if appended and before is None:
        return fact  # its rows from the database, and these: not known
    kept = tuple(entry for entry in fact.given if entry[0] != attribute.name)
    if not known:
        return replace(fact, given=kept)
    held = frozenset(instances) | (before if appended else frozenset())
    return replace(fact, given=tuple(sorted(kept + ((attribute.name, held),), key=lambda e: e[0])))


def given_to(fact: InstanceFact, attribute: MappedAttribute | None, instances) -> InstanceFact:
    """``fact`` once ``instances`` were given to its relationship ``attribute`` (constructor keyword, attribute
    store, ``append``): adding it cascades to them when the relationship cascades "save-update"."""
    if not cascades_add(attribute) or not instances:
        return fact
    return replace(fact, cascades_to=fact.cascades_to | frozenset(instances))


def attach(heap: Heap, fact: InstanceFact, session: SessionId, is_async: bool) -> InstanceFact:
    """``add(obj)``: transient → pending, detached → persistent again (its expired attributes load on access).
    A new object added inside a savepoint is one that the savepoint's rollback makes transient again."""
    life = frozenset(
        {Life.TRANSIENT: Life.PENDING, Life.DETACHED: Life.PERSISTENT}.get(x, x) for x in fact.life
    )
    marks, depth = fact.in_savepoint, savepoint_depth(heap, session)
    if Life.TRANSIENT in fact.life and depth:
        marks = marks | {("added", depth)}
    return replace(fact, life=life, sessions=frozenset({session}), is_async=is_async, in_savepoint=marks)


#: Lives in which an instance belongs to a session: ``object_session(obj)`` / ``inspect(obj).session`` is that
#: session (None in the others), and ``expunge(obj)`` can detach it.
IN_A_SESSION = frozenset({Life.PENDING, Life.PERSISTENT, Life.DELETED})

#: What each per-instance session method requires of its argument, in *that* session; otherwise it raises
#: InvalidRequestError. refresh() and expire() need the instance in the identity map ("is not persistent within
#: this Session"); expunge() needs it attached in any state ("is not present in this Session").
REQUIRED_MEMBERSHIP: dict[SessionEffect, frozenset[Life]] = {
    SessionEffect.REFRESH: frozenset({Life.PERSISTENT}),
    SessionEffect.EXPIRE: frozenset({Life.PERSISTENT}),
    SessionEffect.EXPUNGE: IN_A_SESSION,
}


#: The per-instance session methods that also take an instance referring to the session by id only (a deleted one
#: committed without expiry: ``InstanceFact.weakly_bound``): ``expunge()`` detaches it (observed).
WEAK_MEMBERSHIP_SUFFICES = frozenset({SessionEffect.EXPUNGE})

#: The per-instance session methods that select the instance's row: for an instance whose row is gone they raise
#: InvalidRequestError ("Could not refresh instance") even where it is persistent in that session (observed).
RELOADS_THE_ROW = frozenset({SessionEffect.REFRESH})


#: The session of an instance known only from a declaration (a parameter ``user: User``): some session the caller
#: holds, which may be any of the sessions this code sees, so whether the instance is in one of them is unknown.
#: It is not in the heap: nothing here can commit or close it.
CALLERS_SESSION: SessionId = ("declared", "the caller's session")


#: The allocation tag of a session known only from a declaration (``session: Session``, a field declared so): it
#: is whatever session the caller passes, which may be one this code also sees under another name.
DECLARED_SESSION = "declared-session"


def is_declared(session: SessionId) -> bool:
    """A session known only from a declaration: the caller's, which code here neither made nor can free."""
    return session == CALLERS_SESSION or isinstance(session, tuple) and bool(session) and session[-1] == DECLARED_SESSION


def _made_by_the_root(session: SessionId) -> bool:
    """A session the analysed function itself constructed (allocated in the root's own frame, whose context is
    empty): it did not exist when the caller handed anything over, so no declared session can be it."""
    return isinstance(session, tuple) and len(session) == 5 and session[0] == () and session[-1] == "session"


def _membership_unknown(fact: InstanceFact, session: SessionId) -> bool:
    """Whether the instance may be in ``session`` under another name: it is not known to be in it, one of the two
    sessions is known only from a declaration, and the other is not one the function itself just made."""
    if session in fact.sessions:
        return False
    return any((is_declared(held) or is_declared(session)) and not (_made_by_the_root(held) or _made_by_the_root(session))
               for held in fact.sessions)


def contained_in(fact: InstanceFact, session: SessionId) -> set[bool]:
    """``obj in session`` per possibility: true for its pending and persistent instances. A deleted one stays in
    until the flush takes it out of the identity map, and a fact does not say whether that flush happened."""
    if _membership_unknown(fact, session):
        return {True, False}
    outcomes = set()
    for life in fact.life:
        mine = session in fact.sessions
        outcomes |= {True, False} if life is Life.DELETED and mine else {mine and life in (Life.PENDING, Life.PERSISTENT)}
    if len(fact.sessions) > 1:
        outcomes.add(False)
    return outcomes


#: ``inspect(obj).<flag>``: the life each state flag names. A deleted object reads ``persistent`` until the flush
#: and ``deleted`` after it, and a fact does not say whether that flush ran (observed).
STATE_FLAGS: dict[str, Life] = {
    "transient": Life.TRANSIENT,
    "pending": Life.PENDING,
    "persistent": Life.PERSISTENT,
    "deleted": Life.DELETED,
    "detached": Life.DETACHED,
}
_FLUSH_DEPENDENT_FLAGS = {"persistent", "deleted"}


def state_flag(fact: InstanceFact, flag: str) -> set[bool]:
    """``inspect(obj).<flag>`` per possibility (``STATE_FLAGS``)."""
    outcomes: set[bool] = set()
    for life in fact.life:
        if life is Life.DELETED and flag in _FLUSH_DEPENDENT_FLAGS:
            outcomes |= {True, False}
        else:
            outcomes.add(life is STATE_FLAGS[flag])
    return outcomes


def not_member_of(fact: InstanceFact, session: SessionId, effect: SessionEffect) -> set[bool]:
    """Per possibility, whether the instance lacks the membership ``effect`` requires (``REQUIRED_MEMBERSHIP``)."""
    lives = REQUIRED_MEMBERSHIP[effect]
    if _membership_unknown(fact, session):
        return {False}  # most likely the caller's session is this one: nothing to report from what is unknown
    held = session in fact.sessions or effect in WEAK_MEMBERSHIP_SUFFICES and session in fact.weakly_bound
    outcomes = {not (life in lives and held) for life in fact.life}
    if fact.life & lives and len(fact.sessions) > 1:
        outcomes.add(True)
    if effect in RELOADS_THE_ROW and False in outcomes and True in fact.rowless:
        outcomes = (outcomes - {False}) | {True} if fact.rowless == {True} else outcomes | {True}
    return outcomes


def with_transaction(heap: Heap, session: SessionId, active: bool) -> None:
    fact = heap.sessions.get(session)
    if fact is not None:
        heap.sessions[session] = replace(fact, in_transaction=frozenset({active}))


#: Effects after which the session has a transaction (autobegin): what talks to the database, and what changes the
#: unit of work (adding, deleting or merging an object autobegins too: observed). expire(), expunge() do not.
AUTOBEGIN_EFFECTS = {SessionEffect.LOAD, SessionEffect.QUERY, SessionEffect.FLUSH, SessionEffect.REFRESH,
                     SessionEffect.SAVEPOINT, SessionEffect.ADD, SessionEffect.ADD_ALL, SessionEffect.DELETE}
#: Effects that end the transaction.
TRANSACTION_ENDING_EFFECTS = {SessionEffect.COMMIT, SessionEffect.ROLLBACK, SessionEffect.CLOSE, SessionEffect.REMOVE}

def transaction_effect(heap: Heap, session: SessionId, effect: SessionEffect) -> None:
    """Whether ``effect`` begins (autobegin) or ends the session's transaction; leaving ``with s.begin():`` ends it."""
    if effect in AUTOBEGIN_EFFECTS:
        _autobegin(heap, session)
    elif effect in TRANSACTION_ENDING_EFFECTS:
        with_transaction(heap, session, False)


def _set_idle(heap: Heap, session: SessionId, idle: bool) -> None:
    fact = heap.sessions.get(session)
    if fact is not None and fact.idle != {idle}:
        heap.sessions[session] = replace(fact, idle=frozenset({idle}))


def _autobegin(heap: Heap, session: SessionId) -> None:
    """The session's transaction began on its own: a rollback now has something to undo, and ``begin()`` raises
    "A transaction is already begun" (observed after a query, a lazy or expired-attribute load, an attribute set,
    add() or delete())."""
    with_transaction(heap, session, True)
    _set_idle(heap, session, False)


def merge_hands_back(fact: InstanceFact, session: SessionId) -> bool:
    """Is ``fact`` already persistent in ``session``? Then ``merge()`` returns the instance itself, without
    touching the database or the unit of work (observed)."""
    return fact.life == {Life.PERSISTENT} and fact.sessions == {session}


def merge_begins(heap: Heap, session: SessionId, fact: InstanceFact | None) -> None:
    """``merge(obj)`` autobegins, except where it hands the instance back (``merge_hands_back``). ``fact`` None:
    an object not known."""
    if fact is None or not merge_hands_back(fact, session):
        _autobegin(heap, session)


def _busy(heap: Heap, fact: InstanceFact) -> None:
    """An attached instance loaded or changed something: its session now has a transaction (autobegin)."""
    if fact.life & {Life.PERSISTENT, Life.PENDING, Life.DELETED}:
        for session in fact.sessions:
            _autobegin(heap, session)


#: SessionEffect → transition applied to every instance the session holds.
SESSION_TRANSITIONS: dict[SessionEffect, Callable[[Heap, SessionId, Event], None]] = {
    SessionEffect.CLOSE: close,
    SessionEffect.COMMIT: commit,
    SessionEffect.ROLLBACK: rollback,
    SessionEffect.FLUSH: flush,
    SessionEffect.EXPIRE_ALL: expire_all,
    SessionEffect.EXPUNGE_ALL: lambda heap, session, event: _per_instance(
        heap, session, lambda fact: detach_one(fact, session, event)
    ),
    SessionEffect.REMOVE: close,
    SessionEffect.SAVEPOINT: begin_savepoint,
}

#: How a savepoint ends → transition of the session's instances, given the savepoint's depth.
SAVEPOINT_ENDINGS: dict[SessionEffect, Callable[[Heap, SessionId, Event, int], None]] = {
    SessionEffect.SAVEPOINT_RELEASE: release_savepoint,
    SessionEffect.SAVEPOINT_ROLLBACK: rollback_savepoint,
}

#: How an event is worded in related information.
EVENT_WORDING: dict[SessionEffect, str] = {
    SessionEffect.CLOSE: "session `{session}` closed here",
    SessionEffect.COMMIT: "`{session}.commit()` expired every attribute here",
    SessionEffect.ROLLBACK: "`{session}.rollback()` expired every attribute here",
    SessionEffect.EXPIRE_ALL: "`{session}.expire_all()` expired every attribute here",
    SessionEffect.EXPUNGE_ALL: "`{session}.expunge_all()` detached every instance here",
    SessionEffect.REMOVE: "`{session}.remove()` closed the shared session here",
    SessionEffect.FLUSH: "flushed here",
    SessionEffect.SAVEPOINT: "`{session}.begin_nested()` flushed and began a savepoint here",
    SessionEffect.SAVEPOINT_RELEASE: "the savepoint of `{session}` was released here",
    SessionEffect.SAVEPOINT_ROLLBACK: "the savepoint of `{session}` was rolled back here, expiring what changed inside it",
}
