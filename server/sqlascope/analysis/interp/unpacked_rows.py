"""Rows taken one by one out of a multi-row result: ``a, b = s.scalars(q).all()`` and ``rows[0]``.

An instance that comes out of a multi-row result is one fact for every row (``Origin.many``), which is right while
the rows are only iterated: a loop does the same to each of them. Taken out by position they are distinct objects,
and expiring, changing or refreshing one leaves the others as they were (observed). So each position gets a copy
of the fact, and of the facts of the instances reached from it, under an id of its own.

- Unpacked from a result nothing else refers to (the right-hand side is a call), the names are all there is.
- Indexed by a constant (``rows[0]``) in a list that stays, the row is still one of the list's: what happens to
  it may have happened to "each row" (``reflect`` joins it into the list's fact), while what happens to the other
  rows leaves it alone.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Hashable

from ..orm import lifecycle
from ..orm.state import Heap
from .values import InstanceRef, Many


def is_temporary(expr: ast.expr) -> bool:
    """Does evaluating ``expr`` make a value nothing else holds? (Awaited or not.)"""
    if isinstance(expr, ast.Await):
        expr = expr.value
    return isinstance(expr, ast.Call)


def split(heap: Heap, targets: list[ast.expr], value) -> list | None:
    """The value each of ``targets`` (a tuple target's elements) gets when ``value`` is a result of several rows of
    one entity: a row of its own for each plain target, the rest of the rows for a starred one. None when
    ``value`` is anything else."""
    summary = _rows_of(heap, value)
    if summary is None:
        return None
    fact = heap.instances[summary]
    values = []
    for position, target in enumerate(targets):
        values.append(value if isinstance(target, ast.Starred)
                      else InstanceRef(_copy_row(heap, summary, (summary, "unpacked", position))))
    if not any(isinstance(t, ast.Starred) for t in targets):
        heap.instances[summary] = lifecycle.forgotten_by_identity_map(fact)  # no name holds the list any more
    return values


def row_at(heap: Heap, value, index: int):
    """``rows[index]`` of a list of one entity's rows: that row's own instance (made on first use), or None when
    ``value`` is not such a list."""
    summary = _rows_of(heap, value)
    if summary is None:
        return None
    row = (summary, "row", index)
    return InstanceRef(row if row in heap.instances else _copy_row(heap, summary, row))


def reflect(heap: Heap, iid: Hashable) -> None:
    """After something changed the row ``iid`` taken out of a list: the list's fact, which stands for each of its
    rows, may now be that row's too."""
    if not (isinstance(iid, tuple) and len(iid) == 3 and iid[1] == "row"):
        return
    summary, row = heap.instances.get(iid[0]), heap.instances.get(iid)
    if summary is not None and row is not None:
        joined = summary.join(replace(row, origin=summary.origin))
        if joined != summary:
            heap.instances[iid[0]] = joined


def _rows_of(heap: Heap, value) -> Hashable | None:
    """The id of the instance that stands for each row of ``value``, a list of one entity's query rows."""
    if not isinstance(value, Many) or not isinstance(value.element, InstanceRef):
        return None
    fact = heap.instances.get(value.element.iid)
    if fact is None or fact.origin is None or not fact.origin.many or fact.origin.path:
        return None
    return value.element.iid


def _copy_row(heap: Heap, summary: Hashable, row: tuple) -> Hashable:
    for iid, fact in list(heap.instances.items()):
        rebased = _rebased(iid, summary, row)
        if rebased is None:
            continue
        if iid == summary:
            fact = replace(fact, origin=replace(fact.origin, many=False))
        heap.instances[rebased] = fact
    return row


def _rebased(iid: Hashable, old: Hashable, new: Hashable) -> Hashable | None:
    """``iid`` with the instance ``old`` it is reached from (through relationships, ``state.related_id``) replaced
    by ``new``; None when it is not reached from ``old``."""
    if iid == old:
        return new
    if isinstance(iid, tuple) and len(iid) == 2 and isinstance(iid[1], str):
        parent = _rebased(iid[0], old, new)
        return (parent, iid[1]) if parent is not None else None
    return None
