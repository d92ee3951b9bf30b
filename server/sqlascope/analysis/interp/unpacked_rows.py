"""A multi-row result unpacked into names (``a, b = s.scalars(q).all()``): each name holds its own row.

An instance that comes out of a multi-row result is one fact for every row (``Origin.many``), which is right while
the rows are only iterated: a loop does the same to each of them. Unpacked into a fixed number of names they are
distinct objects, and expiring, changing or expunging one leaves the others as they were (observed). So each name
gets a copy of the fact, and of the facts of the instances reached from it, under an id of its own position.

Only a result nothing else refers to is split (the right-hand side is a call, not a name): a list still held
under another name would otherwise no longer see what happens to the rows taken out of it.
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
    if not isinstance(value, Many) or not isinstance(value.element, InstanceRef):
        return None
    summary = value.element.iid
    fact = heap.instances.get(summary)
    if fact is None or fact.origin is None or not fact.origin.many or fact.origin.path:
        return None
    values = []
    for position, target in enumerate(targets):
        values.append(value if isinstance(target, ast.Starred) else InstanceRef(_copy_row(heap, summary, position)))
    if not any(isinstance(t, ast.Starred) for t in targets):
        heap.instances[summary] = lifecycle.forgotten_by_identity_map(fact)  # no name holds the list any more
    return values


def _copy_row(heap: Heap, summary: Hashable, position: int) -> Hashable:
    row = (summary, "row", position)
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
