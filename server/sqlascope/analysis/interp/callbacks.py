"""Callbacks a library calls right away (sort keys, map, filter, reduce, json's default, re.sub's repl, groupby):
the callback runs at the call, with its captured variables, on the values the library passes it."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .frame import Frame, State, element_of
from .host import Evaluating
from .values import UNKNOWN, Items, Many, join_values


@dataclass(frozen=True)
class Callback:
    """Where a library call takes its callback, and what it passes it."""

    keyword: str | None  # the callback's keyword, if it may be given by keyword
    position: int | None  # its positional index, if it may be given positionally
    passes: str  # "element": one element of the first argument; "zipped": one element of each later argument;
    #             "fold": (accumulator, element) of the second argument; "whole": the first argument or one of
    #             its elements (json's default sees the objects it cannot encode); "opaque": values we do not track


#: builtins / qualified library functions → their callback. `list.sort` is the "sort" method of a list value.
IMMEDIATE_CALLBACKS = {
    "sorted": Callback("key", None, "element"),
    "min": Callback("key", None, "element"),
    "max": Callback("key", None, "element"),
    "map": Callback(None, 0, "zipped"),
    "filter": Callback(None, 0, "zipped"),
    "functools.reduce": Callback(None, 0, "fold"),
    "json.dumps": Callback("default", None, "whole"),
    "json.dump": Callback("default", None, "whole"),
    "re.sub": Callback("repl", 1, "opaque"),
    "re.subn": Callback("repl", 1, "opaque"),
    "itertools.groupby": Callback("key", 1, "element"),
    "list.sort": Callback("key", None, "receiver"),
}


def run_callback(ev: Evaluating, frame: Frame, name: str, args: list, kwargs: dict, node: ast.Call,
                 state: State, receiver=None) -> None:
    """If ``name`` calls a callback right away, run it now (each possible callback as an alternative)."""
    spec = IMMEDIATE_CALLBACKS.get(name)
    if spec is None:
        return
    callback = kwargs.get(spec.keyword) if spec.keyword else None
    if callback is None and spec.position is not None and len(args) > spec.position:
        callback = args[spec.position]
    if callback is None or callback is UNKNOWN:
        return
    passed = _passed(ev, frame, spec.passes, args, node, state, receiver)

    def run():
        return ev.alternatives(callback, lambda member: ev.apply(frame, member, passed, {}, node, state), state)

    if spec.passes in _PER_ELEMENT:
        # the library calls it once per element: a read in it runs once per row when the elements are rows
        ev.per_element(frame, Items(tuple(passed)), node, f"`{name.rpartition('.')[2]}()`", state, run)
    else:
        run()


#: what the callback is passed when the library calls it once for each element of an iterable
_PER_ELEMENT = {"element", "receiver", "zipped", "fold"}


def _passed(ev, frame, passes: str, args: list, node, state, receiver) -> list:
    def element(value):
        return element_of(ev.iterable(frame, value, node, state))

    if passes == "element":
        return [element(args[0])] if args else [UNKNOWN]
    if passes == "receiver":
        return [element(receiver)]
    if passes == "zipped":
        return [element(a) for a in args[1:]] or [UNKNOWN]
    if passes == "fold":
        item = element(args[1]) if len(args) > 1 else UNKNOWN
        accumulator = join_values(args[2], item) if len(args) > 2 else item
        return [accumulator, item]
    if passes == "whole":
        first = args[0] if args else UNKNOWN
        return [element(first) if isinstance(first, Many) else first]
    return [UNKNOWN]
