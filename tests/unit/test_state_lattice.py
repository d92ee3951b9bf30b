"""The abstract state: joins are unions, reads are errors only when every possibility fails."""

from __future__ import annotations

import ast

from sqlascope.analysis.orm import lifecycle
from sqlascope.analysis.findings import Fault, Location
from sqlascope.analysis.interp.frame import State
from sqlascope.analysis.orm.models import AttrKind, MappedAttribute, MappedClass
from sqlascope.analysis.orm.sqla_api import SessionEffect, Strategy
from sqlascope.analysis.orm.state import Event, Heap, InstanceFact, Life, Load, SessionFact
from sqlascope.analysis.interp.values import UNKNOWN, Const, InstanceRef, Union, join_values

HERE = Location("m.py", 1, 0, 1, 1)
NAME = MappedAttribute("name", AttrKind.COLUMN, Strategy.COLUMN)
ADDRESSES = MappedAttribute("addresses", AttrKind.RELATIONSHIP, Strategy.LAZY, target="Address", uselist=True)
BIO = MappedAttribute("bio", AttrKind.COLUMN, Strategy.DEFERRED)
USER = MappedClass("User", "m.py", ast.ClassDef(), {a.name: a for a in (NAME, ADDRESSES, BIO)})


def loaded_user(session="s", is_async=False) -> InstanceFact:
    return lifecycle.new_loaded_instance(USER, "user", session, is_async, (), HERE)


def heap_with(fact: InstanceFact, expire_on_commit=True) -> Heap:
    heap = Heap()
    heap.sessions["s"] = SessionFact("s", fact.is_async, expire_on_commit)
    heap.instances["u"] = fact
    return heap


def event(text="x") -> Event:
    return Event(HERE, text)


def test_fresh_load_plan_marks_columns_loaded_and_lazy_things_unloaded():
    fact = loaded_user()
    assert fact.attr("name") == {Load.LOADED}
    assert fact.attr("addresses") == {Load.UNLOADED}
    assert fact.attr("bio") == {Load.UNLOADED}


def test_close_detaches_but_keeps_loaded_columns_readable():
    heap = heap_with(loaded_user())
    lifecycle.close(heap, "s", event())
    fact = heap.instances["u"]
    assert fact.life == {Life.DETACHED}
    assert lifecycle.read_faults(fact, NAME) == {None}
    assert lifecycle.read_faults(fact, ADDRESSES) == {Fault.DETACHED_UNLOADED}


def test_commit_then_close_expires_everything():
    heap = heap_with(loaded_user())
    lifecycle.commit(heap, "s", event())
    assert lifecycle.read_faults(heap.instances["u"], NAME) == {None}  # still attached: refreshes
    lifecycle.close(heap, "s", event())
    assert lifecycle.read_faults(heap.instances["u"], NAME) == {Fault.DETACHED_EXPIRED}


def test_expire_on_commit_false_keeps_columns_but_rollback_still_expires():
    heap = heap_with(loaded_user(), expire_on_commit=False)
    lifecycle.commit(heap, "s", event())
    assert heap.instances["u"].attr("name") == {Load.LOADED}
    heap.instances["u"] = lifecycle.after_write(heap, heap.instances["u"], "name")  # autobegins a transaction
    lifecycle.rollback(heap, "s", event())
    assert heap.instances["u"].attr("name") == {Load.EXPIRED}


def test_rollback_with_no_transaction_under_way_expires_nothing():
    heap = heap_with(loaded_user(), expire_on_commit=False)
    lifecycle.commit(heap, "s", event())
    lifecycle.rollback(heap, "s", event())
    assert heap.instances["u"].attr("name") == {Load.LOADED}
    lifecycle.transaction_effect(heap, "s", SessionEffect.QUERY)
    lifecycle.rollback(heap, "s", event())
    assert heap.instances["u"].attr("name") == {Load.EXPIRED}


def test_async_reads_of_unloaded_attributes_miss_the_greenlet_even_while_attached():
    fact = loaded_user(is_async=True)
    assert lifecycle.read_faults(fact, ADDRESSES) == {Fault.GREENLET}
    assert lifecycle.read_faults(fact, NAME) == {None}


def test_join_is_a_union_and_mixed_outcomes_mean_some_paths():
    attached = loaded_user()
    heap = heap_with(attached)
    lifecycle.close(heap, "s", event())
    joined = attached.join(heap.instances["u"])
    assert joined.life == {Life.PERSISTENT, Life.DETACHED}
    assert lifecycle.read_faults(joined, ADDRESSES) == {None, Fault.DETACHED_UNLOADED}  # → warning
    assert joined.join(joined) == joined


def test_transition_table_covers_every_bulk_effect():
    for effect in (SessionEffect.CLOSE, SessionEffect.COMMIT, SessionEffect.ROLLBACK, SessionEffect.FLUSH,
                   SessionEffect.EXPIRE_ALL, SessionEffect.EXPUNGE_ALL, SessionEffect.REMOVE):
        assert effect in lifecycle.SESSION_TRANSITIONS
        heap = heap_with(loaded_user())
        lifecycle.SESSION_TRANSITIONS[effect](heap, "s", event())  # must not raise


def test_new_instance_added_flushed_and_closed_keeps_columns_but_not_collections():
    fact = lifecycle.new_transient_instance(USER, "user", set(), HERE)
    fact = lifecycle.attach(heap_with(fact), fact, "s", False)
    heap = heap_with(fact)
    lifecycle.flush(heap, "s", event())
    lifecycle.close(heap, "s", event())
    assert lifecycle.read_faults(heap.instances["u"], NAME) == {None}
    assert lifecycle.read_faults(heap.instances["u"], ADDRESSES) == {Fault.DETACHED_UNLOADED}


def test_value_join_keeps_unknown_as_a_member_and_state_join_merges_environments():
    assert join_values(Const(1), Const(1)) == Const(1)
    joined = join_values(InstanceRef("a"), UNKNOWN)
    assert isinstance(joined, Union) and InstanceRef("a") in joined.members
    left = State({"x": InstanceRef("a")}, Heap())
    right = State({"x": InstanceRef("b"), "y": Const(2)}, Heap())
    merged = left.join(right)
    assert merged.env["x"] == Union(frozenset({InstanceRef("a"), InstanceRef("b")}))
    assert merged.env["y"] == Const(2)
