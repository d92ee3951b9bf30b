"""The database as the program's own writes describe it: the rows of each table by primary key, and which of
its relationships each row has nothing for (a many-to-one whose foreign key is NULL, a collection no row joins).

A load by key then knows what it finds: an ``immediate`` self-referential many-to-one whose key is NULL is filled
with None, and reading such a relationship gives None without a query (observed). Nothing is known of a table the
program did not create (``metadata.create_all``): rows may be there that it never wrote, so its autoincrement keys
are unknown; a row it inserted with a key it gave is known all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

#: ``Heap.tables`` key of the table every mapped class has when ``create_all`` made them all, empty
EVERY_TABLE = "*"


@dataclass(frozen=True)
class Table:
    """The rows known to be in one table: (primary key value, the relationships it has nothing for), in key order. ``complete``: the program created the table, so it holds no row it did not write, and the next
    autoincrement key is one past the largest (SQLite's rule for an INTEGER PRIMARY KEY; observed)."""

    rows: tuple[tuple[object, frozenset[str]], ...] = ()
    complete: bool = False
    #: the mapped class whose rows these are (``models.MappedClass``), once one is written
    cls: Any = field(default=None, compare=False)

    def row(self, key) -> frozenset[str] | None:
        for known, nulls in self.rows:
            if known == key:
                return nulls
        return None

    def with_row(self, key, nulls: frozenset[str]) -> Table:
        rows = dict(self.rows)
        rows[key] = nulls
        return replace(self, rows=tuple(sorted(rows.items(), key=lambda r: repr(r[0]))))

    def without(self, key) -> Table:
        return replace(self, rows=tuple(r for r in self.rows if r[0] != key))

    def without_nothing(self, names: frozenset[str]) -> Table:
        """The rows no longer known to have nothing for relationships ``names``."""
        return replace(self, rows=tuple((k, nothing - names) for k, nothing in self.rows))

    def next_key(self, taken: set) -> int | None:
        """The key an INSERT that gives none gets; ``taken``: keys of rows flushed but not yet committed."""
        keys = {k for k, _ in self.rows} | taken
        if not self.complete or not all(type(k) is int for k in keys):
            return None
        return max(keys, default=0) + 1

    def join(self, other: Table) -> Table:
        """What both paths agree on: rows both hold (with nothing where both have nothing), complete only if neither
        holds a row the other does not."""
        if self == other:
            return self
        mine, theirs = dict(self.rows), dict(other.rows)
        common = tuple((k, mine[k] & theirs[k]) for k, _ in self.rows if k in theirs)
        return Table(common, self.complete and other.complete and mine.keys() == theirs.keys(), self.cls or other.cls)


def join_tables(a: dict[str, Table], b: dict[str, Table]) -> dict[str, Table]:
    """Tables known on both paths; one that a path knows nothing of is unknown after the join."""
    if a == b:
        return dict(a)
    every = (a.get(EVERY_TABLE), b.get(EVERY_TABLE))
    joined = {}
    for name in a.keys() | b.keys():
        mine = a.get(name, every[0])
        theirs = b.get(name, every[1])
        if mine is not None and theirs is not None:
            joined[name] = mine.join(theirs)
    return joined


def table_of(tables: dict[str, Table], class_name: str) -> Table | None:
    return tables.get(class_name, tables.get(EVERY_TABLE))


def created_tables() -> dict[str, Table]:
    """``metadata.create_all()``: every table there, empty."""
    return {EVERY_TABLE: Table(complete=True)}
