"""What a flush and a commit write to the tables the heap knows (``database.Table``), and what a load by key reads
back from them: which relationships each row has nothing for (``InstanceFact.null_keys``, ``empty_collections``).

A flush gives each new row its primary key: the one the object was given, else the table's next autoincrement
key (``Table.next_key``). The rows reach the table at the commit, as the transaction's rollback would undo them;
a committed delete takes its row away. A change of a row the program cannot name (no key known) leaves nothing
known of its table.
"""

from __future__ import annotations

from dataclasses import replace

from .database import Table, table_of
from .state import Heap, InstanceFact, Life, SessionId


def assign_keys(heap: Heap, session: SessionId) -> None:
    """The flush of ``session``'s pending instances: each gets the key its INSERT gives the row, in the order the
    session holds them (SQLAlchemy inserts the rows of one table in the order they were added)."""
    taken: dict[str, set] = {}  # by class: the keys flushed and not committed yet, these included
    for iid, fact in list(heap.held_by(session)):
        if Life.PENDING not in fact.life or fact.identity is not None:
            continue
        table = table_of(heap.tables, fact.cls.name)
        if fact.cls.name not in taken:
            taken[fact.cls.name] = _uncommitted_keys(heap, fact.cls.name)
        key = table.next_key(taken[fact.cls.name]) if table and fact.life == {Life.PENDING} else None
        if key is None:
            _forget(heap, fact)
            continue
        taken[fact.cls.name].add(key)
        heap.instances[iid] = replace(fact, identity=(fact.cls, key))


def record_flush(heap: Heap, session: SessionId) -> None:
    """A flush of ``session``: keys for its new rows, and a changed row keeps only the NULLs the change left (a
    rollback would restore the rest, which is then merely unknown)."""
    assign_keys(heap, session)
    written = []
    for _iid, fact in list(heap.held_by(session)):
        if fact.dirty and Life.PERSISTENT in fact.life:
            _write(heap, fact, _row(heap, fact, frozenset()) & holds_nothing(fact))
        if fact.dirty or Life.PENDING in fact.life:
            written.append(fact)
    _joinable_by(heap, written)


def record_commit(heap: Heap, session: SessionId) -> None:
    """The commit of ``session``'s transaction: its inserted rows are in their tables, with the many-to-ones known
    NULL and the collections known empty; its deleted rows are gone."""
    record_flush(heap, session)
    for _iid, fact in list(heap.instances.items()):
        inserted = fact.insert is not None and fact.insert.session == session
        if not inserted and session not in fact.sessions:
            continue
        if fact.life == {Life.DELETED}:
            _write(heap, fact, None)
        elif inserted and fact.life <= {Life.PERSISTENT, Life.DETACHED} or fact.life == {Life.PENDING}:
            _write(heap, fact, holds_nothing(fact))


def holds_nothing(fact: InstanceFact) -> frozenset[str]:
    """The relationships ``fact``'s row has nothing for: its NULL many-to-ones and its empty collections."""
    return fact.null_keys | fact.empty_collections


def may_change(heap: Heap, fact: InstanceFact, name: str | None) -> None:
    """Relationship ``name`` of ``fact`` (None: any) may get something: its row no longer says it has nothing."""
    nothing = _row(heap, fact, None) if fact.identity is not None else None
    if nothing is not None and (name is None or name in nothing):
        _write(heap, fact, frozenset() if name is None else nothing - {name})


def loaded_nothing(heap: Heap, identity) -> frozenset[str]:
    """The relationships the row ``identity`` ((class, key)) has nothing for, as far as known."""
    if identity is None:
        return frozenset()
    table = table_of(heap.tables, identity[0].name)
    nulls = table.row(identity[1]) if table is not None else None
    return nulls or frozenset()


def _joinable_by(heap: Heap, written: list[InstanceFact]) -> None:
    """Rows ``written`` (inserted or changed) may hold a foreign key to rows of other tables: the one-to-many
    collections over that key are no longer known empty, in memory and in the tables, unless each such row's
    many-to-ones to the collection's owner are known NULL."""
    if not written:
        return
    for name, table in list(heap.tables.items()):
        names = frozenset().union(*(_collections_over(table.cls, row) for row in written)) if table.cls else None
        if names:
            heap.tables[name] = table.without_nothing(names)
    for iid, fact in list(heap.instances.items()):
        if fact.empty_collections:
            names = frozenset().union(*(_collections_over(fact.cls, row) for row in written)) & fact.empty_collections
            if names:
                heap.instances[iid] = replace(fact, empty_collections=fact.empty_collections - names)


def _collections_over(owner, row: InstanceFact) -> frozenset[str]:
    """The one-to-many collections of ``owner`` (a mapped class) that ``row``, an instance of their target, may
    join."""
    names = frozenset(a.name for a in owner.loadable() if a.points_at(row.cls.name) and a.uselist and not a.secondary)
    keys = {a.name for a in row.cls.loadable() if a.points_at(owner.name) and a.uselist is False}
    return frozenset() if names and keys and keys <= row.null_keys else names


def _row(heap: Heap, fact: InstanceFact, default):
    table = table_of(heap.tables, fact.cls.name)
    nulls = table.row(fact.identity[1]) if table is not None and fact.identity is not None else None
    return default if nulls is None else nulls


def _write(heap: Heap, fact: InstanceFact, nulls: frozenset[str] | None) -> None:
    """Row ``fact.identity`` now holds ``nulls`` (None: the row is gone)."""
    if fact.identity is None:
        _forget(heap, fact)
        return
    table = replace(table_of(heap.tables, fact.cls.name) or Table(), cls=fact.cls)
    key = fact.identity[1]
    heap.tables[fact.cls.name] = table.without(key) if nulls is None else table.with_row(key, nulls)


def _forget(heap: Heap, fact: InstanceFact) -> None:
    """A row of ``fact``'s table changed that the program cannot name: nothing is known of that table any more."""
    if table_of(heap.tables, fact.cls.name) is not None:
        heap.tables[fact.cls.name] = Table()


def _uncommitted_keys(heap: Heap, class_name: str) -> set:
    """Keys of rows of ``class_name``'s table flushed and not committed yet: the next autoincrement key is past
    them too."""
    return {fact.identity[1] for fact in heap.instances.values()
            if fact.cls.name == class_name and fact.identity is not None
            and (fact.insert is not None or Life.PENDING in fact.life)}
