"""The tables the program's own writes describe: joins keep only what every path agrees on, and autoincrement
keys are known only for a table the program created."""

from __future__ import annotations

from sqlascope.analysis.orm.database import EVERY_TABLE, Table, created_tables, join_tables, table_of

BOSS = frozenset({"manager"})


def test_next_key_follows_the_largest_key_of_a_created_table():
    table = Table(complete=True)
    assert table.next_key(set()) == 1
    table = table.with_row(1, BOSS).with_row(2, frozenset())
    assert table.next_key(set()) == 3
    assert table.next_key({3}) == 4  # a row flushed but not committed yet takes its key too
    assert table.without(2).next_key(set()) == 2  # SQLite reuses the key past the largest left


def test_next_key_is_unknown_for_a_table_the_program_did_not_create():
    assert Table().with_row(1, BOSS).next_key(set()) is None
    assert Table(complete=True).with_row("a", BOSS).next_key(set()) is None


def test_join_keeps_the_nulls_both_paths_hold():
    one = Table(complete=True).with_row(1, frozenset({"manager", "mentor"}))
    other = Table(complete=True).with_row(1, BOSS)
    joined = one.join(other)
    assert joined.row(1) == BOSS
    assert joined.complete


def test_join_of_different_rows_is_incomplete():
    one = Table(complete=True).with_row(1, BOSS)
    other = Table(complete=True).with_row(1, BOSS).with_row(2, BOSS)
    joined = one.join(other)
    assert joined.row(1) == BOSS and joined.row(2) is None
    assert not joined.complete and joined.next_key(set()) is None


def test_a_table_only_one_path_knows_is_unknown_after_the_join():
    assert join_tables({"User": Table(complete=True)}, {}) == {}
    created = created_tables()
    written = {EVERY_TABLE: Table(complete=True), "User": Table(complete=True).with_row(1, BOSS)}
    joined = join_tables(created, written)
    assert table_of(joined, "User") == Table((), False)
    assert table_of(joined, "Address") == Table(complete=True)
