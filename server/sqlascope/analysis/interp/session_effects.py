"""Session methods and their effects: new and shared sessions, commit/close/..., loads, and per-instance effects."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..findings import Fault, Severity
from ..orm import lifecycle, rows
from ..orm.sqla_api import EXPIRE_ON_COMMIT_KEYWORD, INSTANCE_ARGUMENT_EFFECTS, SessionEffect
from ..orm.state import (FactoryConfig, Life, Origin, SessionFact, configured_expire_on_commit,
                         factory_config_key)
from . import per_row, unpacked_rows
from .identity_keys import KeyOf, key_value
from ..report.issues import Issue
from .frame import State
from .loader_options import flatten_options, options_for
from .values import (
    BoundMethod,
    ClassRef,
    Const,
    Factory,
    Function,
    InstanceRef,
    Items,
    Keyed,
    Many,
    Query,
    Registry,
    SessionRef,
    UNKNOWN,
    members,
    selected_entities,
)


class SessionEffects:
    """What session calls do to the heap (a mixin of ``Calls``)."""

    # -- sessions ----------------------------------------------------------------------------------------
    def new_session(self, ev, frame, factory: Factory, node: ast.AST, state: State, tag: str = "session",
                    expire_on_commit: bool | None = None) -> SessionRef:
        """``tag``: ``lifecycle.DECLARED_SESSION`` for a session known only from a declaration.
        ``expire_on_commit``: the call's own keyword (``factory(expire_on_commit=False)``), which wins over the
        factory's and over a later ``configure()`` (observed)."""
        sid = frame.alloc(node, tag)
        label = factory.label
        expire, factory_origin = configured_expire_on_commit(state.heap, factory, factory.expire_on_commit,
                                                             factory.origin)
        if expire_on_commit is not None:
            expire, factory_origin = expire_on_commit, ev.location(frame, node)  # the quick fix edits this call
        state.heap.sessions[sid] = SessionFact(label, factory.is_async, expire,
                                               origin=ev.location(frame, node), factory_origin=factory_origin)
        return SessionRef(sid)

    @staticmethod
    def configure_factory(ev, frame, factory: Factory, kwargs, node: ast.AST, state: State):
        """``factory.configure(expire_on_commit=...)`` (also through a scoped registry): sessions the factory makes
        from now on use it; sessions that exist already keep theirs."""
        value = kwargs.get(EXPIRE_ON_COMMIT_KEYWORD)
        if value is None:
            return Const(None)
        known = value.value if isinstance(value, Const) and isinstance(value.value, bool) else None
        state.heap.objects[factory_config_key(factory)] = FactoryConfig(
            frozenset({known}) if known is not None else frozenset({True, False}), ev.location(frame, node))
        return Const(None)

    @staticmethod
    def store_session_attribute(ev, frame, receiver, name: str, value, node: ast.AST, state: State) -> None:
        """``session.expire_on_commit = False``: a sync ``Session`` reads the flag at each commit, so it applies from
        then on. An ``AsyncSession`` does not pass the attribute on to its sync session (observed: its commits still
        expire); ``async_session.sync_session.expire_on_commit`` does. ``node``: the value stored, which the
        expire_on_commit quick fix edits from then on."""
        if name != EXPIRE_ON_COMMIT_KEYWORD or not (isinstance(value, Const) and isinstance(value.value, bool)):
            return
        if isinstance(receiver, BoundMethod) and receiver.name == "sync_session":
            receiver, through_sync = receiver.receiver, True
        else:
            through_sync = False
        fact = state.heap.sessions.get(receiver.sid) if isinstance(receiver, SessionRef) else None
        if fact is not None and (through_sync or not fact.is_async):
            state.heap.sessions[receiver.sid] = replace(fact, expire_on_commit=value.value,
                                                        factory_origin=ev.location(frame, node))

    def shared_session(self, ev, frame, registry: Registry, node: ast.AST, state: State):
        frame.needs_roots()
        sid = state.heap.registries.get(registry.key)
        if sid is None:
            sid = (registry.key, "current")
            state.heap.registries[registry.key] = sid
        if sid not in state.heap.sessions:
            factory = registry.factory
            expire, factory_origin = configured_expire_on_commit(state.heap, factory, factory.expire_on_commit,
                                                                 factory.origin)
            state.heap.sessions[sid] = SessionFact(registry.label, factory.is_async, expire,
                                                   factory_origin=factory_origin)
        return sid

    @staticmethod
    def name_session(state, value, label: str) -> None:
        """Call a new session by the variable it is bound to, for messages."""
        if isinstance(value, SessionRef) and label and value.sid in state.heap.sessions:
            fact = state.heap.sessions[value.sid]
            if fact.label in ("session", "Session", "AsyncSession") or fact.label == "":
                state.heap.sessions[value.sid] = replace(fact, label=label)

    def end_savepoint(self, ev, frame, savepoint, ending: SessionEffect, node, state, message: str | None = None) -> None:
        """A savepoint's ``commit()``/``rollback()``, or leaving ``with`` on it (``lifecycle.SAVEPOINT_ENDINGS``)."""
        _sid, label = self._session_of(ev, frame, SessionRef(savepoint.sid), node, state)
        event = ev.event(frame, node, message or lifecycle.EVENT_WORDING[ending].format(session=label), ending.value)
        lifecycle.SAVEPOINT_ENDINGS[ending](state.heap, savepoint.sid, event, savepoint.depth)

    def _session_of(self, ev, frame, receiver, node, state):
        """(session id, label) for a session-like receiver: a session value or a scoped registry."""
        if isinstance(receiver, SessionRef):
            fact = state.heap.sessions.get(receiver.sid)
            return receiver.sid, (fact.label if fact else "session")
        if isinstance(receiver, Registry):
            return self.shared_session(ev, frame, receiver, node, state), receiver.label
        return None, ""

    def _run_sync(self, ev, frame, sid, args, kwargs, node, state):
        """``await async_session.run_sync(fn, *args)``: ``fn`` gets the synchronous session and runs inside the
        greenlet bridge, so its implicit IO (lazy loads, refreshes) works; a detached instance still cannot load."""
        if not args:
            return UNKNOWN
        bridged = {iid for iid, fact in state.heap.instances.items() if fact.is_async}
        sessions = {s for s, fact in state.heap.sessions.items() if fact.is_async}
        for iid in bridged:
            state.heap.instances[iid] = replace(state.heap.instances[iid], is_async=False)
        for s in sessions:
            state.heap.sessions[s] = replace(state.heap.sessions[s], is_async=False)
        result = UNKNOWN
        for member in members(args[0]):
            if isinstance(member, Function):
                result = self.engine.call(ev, frame, member, [SessionRef(sid), *args[1:]], kwargs, node, state)
        for iid in bridged:
            if iid in state.heap.instances:
                state.heap.instances[iid] = replace(state.heap.instances[iid], is_async=True)
        for s in sessions:
            if s in state.heap.sessions:
                state.heap.sessions[s] = replace(state.heap.sessions[s], is_async=True)
        return result

    def _remove(self, ev, frame, registry: Registry, node, state):
        frame.needs_roots()
        sid = state.heap.registries.get(registry.key)
        if sid is not None and sid in state.heap.sessions:
            label = ev.text(frame, node.func.value) if isinstance(node.func, ast.Attribute) else registry.label
            lifecycle.close(state.heap, sid, ev.event(frame, node, f"`{label}.remove()` closed the shared session",
                                                      SessionEffect.REMOVE.value))
        state.heap.registries[registry.key] = (registry.key, frame.alloc(node, "after-remove"))
        return Const(None)

    def transition(self, ev, frame, sid, effect: SessionEffect, event, node, state) -> None:
        """Apply ``effect``'s transition to every instance ``sid`` holds (``lifecycle.SESSION_TRANSITIONS``).

        A commit treats a deleted instance and the rows it had loaded differently: the deleted one keeps its loaded
        values, while those rows, still persistent, expire. So the related instances its loaded relationships hold
        are made first, as the persistent instances they are (a read would otherwise make them later as copies of
        the deleted parent)."""
        if effect is SessionEffect.COMMIT:
            for iid, fact in list(state.heap.held_by(sid)):
                if Life.DELETED in fact.life:
                    state.heap.instances[iid] = lifecycle.deletion_flushed(fact)  # what the DELETE's flush loads
                    ev.keep_loaded_related(frame, iid, node, state)
        lifecycle.SESSION_TRANSITIONS[effect](state.heap, sid, event)

    def session_effect(self, ev, frame, sid, label, effect: SessionEffect, args, kwargs, node, state):
        lifecycle.transaction_effect(state.heap, sid, effect)
        if effect in lifecycle.SESSION_TRANSITIONS:
            wording = lifecycle.EVENT_WORDING[effect].format(session=label)
            self.transition(ev, frame, sid, effect, ev.event(frame, node, wording, effect.value), node, state)
            return Const(None)
        if effect is SessionEffect.LOAD:
            return self._load(ev, frame, sid, label, args, kwargs, node, state)
        if effect is SessionEffect.QUERY:
            first = args[0] if args else UNKNOWN
            if isinstance(first, ClassRef) and first.mapped is not None:  # legacy session.query(A[, B, ...])
                also = selected_entities(args[1:])
                return Query(first.mapped, (), sid, executed=True, origin=ev.location(frame, node), also=also,
                             rows=bool(also))
            if isinstance(first, Query):
                method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
                # execute() gives rows; SQLModel's exec() gives rows only for several entities (observed)
                rows = method == "execute" or method == "exec" and bool(first.also)
                return replace(first, session=sid, executed=True, rows=rows)
            state.heap.tables = {}  # a statement not known to be an ORM select may write any table
            return UNKNOWN
        if effect in INSTANCE_ARGUMENT_EFFECTS or effect is SessionEffect.ADD_ALL:
            return self._instance_effect(ev, frame, sid, label, effect, args, kwargs, node, state)
        return UNKNOWN

    def _load(self, ev, frame, sid, label, args, kwargs, node, state):
        first = args[0] if args else UNKNOWN
        name = node.func.attr if isinstance(node.func, ast.Attribute) else "get"
        if isinstance(first, ClassRef) and first.mapped is not None:
            identity = _get_identity(first.mapped, args, node, state)
            known = self._identity_lookup(state, sid, identity)
            if known is not None and not _populates_existing(kwargs):
                # already in the identity map: returned as is (options ignored), refreshed if it had expired
                fact = state.heap.instances[known.iid]
                state.heap.instances[known.iid] = lifecycle.reloaded_expired(fact)
                return known
            options = kwargs.get("options")
            opts = flatten_options(members(options.element)) if isinstance(options, Many) else ()
            query = Query(first.mapped, opts, sid, executed=True, origin=ev.location(frame, node))
            # populate_existing: the object the identity map holds, loaded over as the query loads it
            return self.materialize(ev, frame, query, node, state, _stored(identity),
                                    iid=known.iid if known is not None else None)
        if isinstance(first, Query) and name == "scalar":
            return self.materialize(ev, frame, replace(first, session=sid, executed=True), node, state)
        return UNKNOWN

    def _identity_lookup(self, state, sid, identity) -> InstanceRef | None:
        if identity is None:
            return None
        if isinstance(identity[1], KeyOf):
            fact = state.heap.instances.get(identity[1].iid)
            held = fact is not None and sid in fact.sessions and fact.life == frozenset({Life.PERSISTENT})
            return InstanceRef(identity[1].iid) if held else None
        candidates = [(iid, fact) for iid, fact in state.heap.held_by(sid) if fact.life == frozenset({Life.PERSISTENT})]
        for iid, fact in candidates:
            if fact.identity == identity:
                return InstanceRef(iid)
        for iid, fact in candidates:  # the rows of a query for every row of the table are all held
            if fact.cls is identity[0] and fact.origin is not None and fact.origin.every_row:
                return InstanceRef(iid)
        return None

    def result_row(self, ev, frame, query: Query, node: ast.AST, state, many: bool = False) -> Items:
        """A row of an executed query: an instance of each selected entity (UNKNOWN for a plain column), each
        loaded per the options that name it."""
        entities = (query.cls, *query.also)
        items: list = []
        for position, cls in enumerate(entities):
            if cls is None:
                items.append(UNKNOWN)
                continue
            one = (replace(query, cls=cls, also=(), options=options_for(query.options, cls, entities), every_row=False)
                   if query.also else query)
            iid = _joined_instance(query, entities, items, cls)
            if iid is not None and iid in state.heap.instances:
                items.append(InstanceRef(iid))
                continue
            items.append(self.materialize(ev, frame, one, node, state, many=many, position=position, iid=iid))
        return Items(tuple(items), tuple(cls.name if cls is not None else "" for cls in entities))

    def materialize(self, ev, frame, query: Query, node: ast.AST, state, identity=None,
                    many: bool = False, position: int = 0, iid=None) -> InstanceRef | object:
        """Instances coming out of an executed query: persistent in its session, loaded per its options.

        ``many``: the instance stands for each row of a result of several rows (iterated, or ``.all()``).
        ``position``: the entity's column in a row of several."""
        if query.session is None:
            return UNKNOWN
        session = state.heap.sessions.get(query.session)
        is_async = session.is_async if session else False
        if iid is None:
            iid = frame.alloc(node, "instance" if position == 0 else f"instance:{position}")
        label = query.cls.name.lower()
        if identity is None and query.key is not None and query.key[0] is query.cls and not many:
            known = self._identity_lookup(state, query.session, query.key)
            if known is not None:  # the same object, whatever names it
                state.heap.instances[known.iid] = lifecycle.queried_again(state.heap.instances[known.iid],
                                                                          query.options)
                return InstanceRef(known.iid)
            identity = _stored(query.key)
        fact = lifecycle.new_loaded_instance(query.cls, label, query.session, is_async, query.options,
                                             ev.location(frame, node), rows.loaded_nothing(state.heap, identity))
        every_row = many and query.every_row and not query.one_row
        if every_row:
            _fill_held(state.heap, query)
            fact = lifecycle.with_every_row_held(fact)
        origin = (Origin(query.origin, query.cls.name, many=many and not query.one_row, every_row=every_row)
                  if query.origin else None)
        fact = replace(fact, identity=identity, factory_origin=session.factory_origin if session else None, origin=origin)
        if origin is not None and origin.many:
            fact = per_row.loaded_earlier(fact, iid, state.heap)
            if ev.engine.per_row:
                per_row.check_query(ev, frame, fact, query, node, state)
        state.heap.instances[iid] = fact
        return InstanceRef(iid)

    def _instance_effect(self, ev, frame, sid, label, effect, args, kwargs, node, state):
        target = args[0] if args else UNKNOWN
        if effect is SessionEffect.ADD_ALL:
            target = target.element if isinstance(target, Many) else target
        result = Const(None)
        session = state.heap.sessions.get(sid)
        is_async = session.is_async if session else False
        names = _attribute_names(args[1] if len(args) > 1 else kwargs.get("attribute_names"))
        candidates = members(target) if not isinstance(target, Items) else target.items
        if effect is SessionEffect.MERGE and not all(isinstance(m, InstanceRef) and m.iid in state.heap.instances
                                                     for m in candidates):
            lifecycle.merge_begins(state.heap, sid, None)
        for member in candidates:
            if not isinstance(member, InstanceRef) or member.iid not in state.heap.instances:
                continue
            fact = state.heap.instances[member.iid]
            text = ev.text(frame, node)
            if effect in lifecycle.REQUIRED_MEMBERSHIP:
                self._check_membership(ev, frame, fact, sid, label, effect, node, state)
                if False not in lifecycle.not_member_of(fact, sid, effect):
                    # it always raises here; code after it never sees this instance, so report nothing more
                    state.heap.instances[member.iid] = fact.map_attrs(lambda _n, _s: lifecycle.LOADED)
                    continue
            if effect in (SessionEffect.REFRESH, SessionEffect.EXPIRE):
                if effect is SessionEffect.REFRESH:
                    state.heap.instances[member.iid] = fact
                    lifecycle.refresh(state.heap, member.iid, names)
                    fact = state.heap.instances[member.iid]
                else:
                    fact = lifecycle.expire_one(fact, names, ev.event(frame, node, f"`{text}` expired it here", "expire"))
            elif effect is SessionEffect.EXPUNGE:
                ev.keep_loaded_related(frame, member.iid, node, state)
                fact = lifecycle.detach_one(fact, sid, ev.event(frame, node, f"`{text}` detached it here"))
            elif effect in (SessionEffect.ADD, SessionEffect.ADD_ALL):
                fact = lifecycle.attach(state.heap, fact, sid, is_async)
                if fact.factory_origin is None and session is not None:  # for the expire_on_commit quick fix
                    fact = replace(fact, factory_origin=session.factory_origin)
                state.heap.instances[member.iid] = fact
                lifecycle.attach_related(state.heap, member.iid, sid, is_async)
                continue
            elif effect is SessionEffect.DELETE:
                fact = lifecycle.marked_deleted(fact, sid)
            elif effect is SessionEffect.MERGE:
                lifecycle.merge_begins(state.heap, sid, fact)
                if lifecycle.merge_hands_back(fact, sid):
                    result = member
                    continue
                copy_id = frame.alloc(node, "merged")
                state.heap.instances[copy_id] = replace(
                    fact,
                    life=lifecycle.merged_copy_life(fact),
                    insert=None,
                    rowless=frozenset({False}),
                    sessions=frozenset({sid}),
                    attrs=lifecycle.merged_attrs(fact),
                    is_async=is_async,
                    loaded_at=ev.location(frame, node),
                    history=lifecycle.merged_copy_history(fact),
                    merge_discarded=frozenset(),
                )
                result = InstanceRef(copy_id)
                continue
            state.heap.instances[member.iid] = fact
        for member in candidates:
            if isinstance(member, InstanceRef):
                unpacked_rows.reflect(state.heap, member.iid)
        return result

    def _check_not_begun(self, ev, frame, sid, label, node, state) -> None:
        fact = state.heap.sessions.get(sid)
        if fact is None or True not in fact.in_transaction or not frame.reporting:
            return
        ev.report(frame, Issue(
            fault=Fault.ALREADY_BEGUN,
            severity=Severity.ERROR if False not in fact.in_transaction else Severity.WARNING,
            location=ev.location(frame, node),
            expression=ev.text(frame, node),
            instance="",
            fact=None,
            session_label=label,
        ))

    def _check_membership(self, ev, frame, fact, sid, label, effect, node, state) -> None:
        outcomes = lifecycle.not_member_of(fact, sid, effect)
        if True not in outcomes or not frame.reporting:
            return
        argument = node.args[0] if node.args else node
        ev.report(frame, Issue(
            fault=Fault.NOT_PERSISTENT,
            severity=Severity.ERROR if False not in outcomes else Severity.WARNING,
            location=ev.location(frame, node),
            expression=ev.text(frame, node),
            instance=ev.text(frame, argument),
            fact=fact,
            operation=effect.value,
            session_label=label,
        ))


def _attribute_names(value) -> tuple[str, ...] | None:
    if isinstance(value, Many):
        names = [m.value for m in members(value.element) if isinstance(m, Const) and isinstance(m.value, str)]
        return tuple(names) or None
    if isinstance(value, Items):
        names = [m.value for m in value.items if isinstance(m, Const) and isinstance(m.value, str)]
        return tuple(names) or None
    return None


def _joined_instance(query: Query, entities: tuple, before: list, cls):
    """The id of the instance of ``cls`` in a row of ``query`` when the query joins an earlier entity's relationship
    to ``cls`` (``select(A, B).join(A.bs)``): the related instance of that row's A, as reading ``a.bs`` names it."""
    for position, entity in enumerate(entities[:len(before)]):
        if entity is None or not isinstance(before[position], InstanceRef):
            continue
        for owner, relationship in query.joins:
            attribute = entity.attributes.get(relationship) if owner == entity.name else None
            if attribute is not None and attribute.points_at(cls.name):
                return (before[position].iid, relationship)
    return None


def _fill_held(heap, query: Query) -> None:
    """A query for every row of a table gives back, for each row the session already holds, that same object,
    filled with what the query loads where it was unloaded or expired (observed: a commit's expiry undone by
    ``select(A)``, ``selectinload`` filling a collection of an object held under another name)."""
    for iid, fact in list(heap.held_by(query.session)):
        if fact.cls is query.cls and fact.life == frozenset({Life.PERSISTENT}) and fact.rowless == frozenset({False}):
            heap.instances[iid] = lifecycle.queried_again(fact, query.options)


def _get_identity(cls, args, node: ast.AST, state) -> tuple | None:
    """(class, key) of ``session.get(cls, key)``: a constant key, or the key of an instance held (``obj.id``)."""
    if len(args) < 2:
        return None
    if isinstance(args[1], Const):
        return cls, args[1].value
    given = node.args[1] if isinstance(node, ast.Call) and len(node.args) > 1 else None
    key = key_value(given, cls, state) if given is not None else UNKNOWN
    return (cls, key) if isinstance(key, KeyOf) else None


def _stored(identity: tuple | None) -> tuple | None:
    """The identity an instance loaded under ``identity`` is known by: only a constant key is kept."""
    return None if identity is None or isinstance(identity[1], KeyOf) else identity


def _populates_existing(kwargs: dict) -> bool:
    """``get(..., populate_existing=True)`` (or through ``execution_options``) loads the row even when the identity
    map holds it, overwriting what the object holds."""
    options = kwargs.get("execution_options")
    given = options.get("populate_existing", UNKNOWN) if isinstance(options, Keyed) else UNKNOWN
    flag = kwargs.get("populate_existing", given)
    return isinstance(flag, Const) and bool(flag.value)
