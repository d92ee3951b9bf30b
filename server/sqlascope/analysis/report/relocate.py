"""Moving a cached result with its code when an edit only shifted it.

Moving a cached result with its code: when an edit shifts unchanged functions up or down, their issues are
the same issues on other lines. Re-analysing them would give the same answer, only slower.

A move is a list of regions of the edited file (a function root, a definition it consulted), each with the line
delta it moved by. Every location of that file inside a cached issue must lie in one region, and moves with it;
a location in none of them (module-level code that is not a consulted definition) makes the result unmovable,
and the root is analysed again.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Callable

from ..findings import Location
from ..orm.models import MappedAttribute, MappedClass

Region = tuple[int, int]  # first and last line, 1-based, inclusive
#: Kept as they are: they describe models (their own positions are never shown from a cached issue).
_OPAQUE = (MappedClass, MappedAttribute)


class Unmovable(Exception):
    """A location of the edited file lies outside every region that is known to have moved as one block."""


def line_mover(path: str, moves: list[tuple[Region, int]]) -> Callable[[Location], Location]:
    """A function moving locations of ``path`` by the delta of the region that holds them."""

    def move(location: Location) -> Location:
        if location.path != path:
            return location
        for (first, last), delta in moves:
            if first <= location.line and location.end_line <= last:
                if not delta:
                    return location
                return dataclasses.replace(location, line=location.line + delta, end_line=location.end_line + delta)
        raise Unmovable(location)

    return move


def relocate(value, move: Callable[[Location], Location]):
    """``value`` (an issue, a fact, an event, or collections of them) with every Location passed through ``move``."""
    if isinstance(value, Location):
        return move(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        return type(value)(relocate(v, move) for v in value)
    fields = _movable_fields(type(value))
    if not fields:
        return value
    changes = {}
    for name in fields:
        old = getattr(value, name)
        new = relocate(old, move)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


@functools.cache
def _movable_fields(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass that may hold locations; none for anything else (asking ``is_dataclass`` of
    every enum member and string on each move is what made moving slow)."""
    if not dataclasses.is_dataclass(kind) or issubclass(kind, _OPAQUE):
        return ()
    return tuple(f.name for f in dataclasses.fields(kind) if f.init)
