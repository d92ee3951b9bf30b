"""Primary-key values the identity map can match: a constant, or the key of an instance the program holds.

``session.get(M, obj.id)`` and ``select(M).where(M.id == obj.id)`` name ``obj``'s own row, so while ``obj`` is
persistent in that session they give back ``obj`` itself, as it is (observed)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Hashable

from ..orm.models import MappedClass
from .frame import State
from .values import UNKNOWN, Const, InstanceRef, members


@dataclass(frozen=True)
class KeyOf:
    """The primary key value of instance ``iid``."""

    iid: Hashable


def key_value(expr: ast.expr, cls: MappedClass, state: State):
    """The key ``expr`` gives for a row of ``cls``: a ``Const`` for a literal or a local bound to one, ``KeyOf``
    for ``obj.<primary key>`` of a local instance of ``cls``; UNKNOWN otherwise."""
    if isinstance(expr, ast.Constant):
        return Const(expr.value)
    if isinstance(expr, ast.Name):
        value = state.env.get(expr.id, UNKNOWN)
        return value if isinstance(value, Const) else UNKNOWN
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.attr in single_key(cls):
        held = tuple(members(state.env.get(expr.value.id, UNKNOWN)))
        if len(held) == 1 and isinstance(held[0], InstanceRef):
            fact = state.heap.instances.get(held[0].iid)
            if fact is not None and fact.cls is cls:
                return KeyOf(held[0].iid)
    return UNKNOWN


def single_key(cls: MappedClass) -> tuple[str, ...]:
    """The name of ``cls``'s primary key column, when it has exactly one (a 1-tuple); else empty."""
    keys = tuple(a.name for a in cls.attributes.values() if a.primary_key)
    return keys if len(keys) == 1 else ()
