"""Where the interpreter stands: one function's frame in its calling context, and the abstract state (names and heap)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Hashable

from ..findings import Location, Related
from ..orm.state import Heap
from . import graph as C
from .values import UNKNOWN, Items, Many, ObjectFact, Union, join_all, join_values, ordering_key

#: The environment slot that holds what a function returns.
RETURN_SLOT = "<return>"
#: Set in a path's environment when it surely raised here: it read a local variable no assignment on that path
#: had bound (UnboundLocalError), or an attribute whose loader raises by design (``lazy="raise"``). The path goes
#: on only along the exception edges.
PATH_RAISED = "<the path raised here>"
#: A read in the statement running raises on every path: the line it is on. What the statement does on that line
#: still runs in the analysis, so every read the failing line makes is reported there (a serializer's nested
#: reads); its parts on later lines do not (expressions.py), and the path raises once the statement is done
#: (fixpoint.py), so nothing after that line is reported on it.
STATEMENT_FAILS = "<the statement fails>"


class RootsNeeded(Exception):
    """A frame running without the heap's roots reached for one (``Frame.needs_roots``)."""


@dataclass
class State:
    env: dict[str, object]
    heap: Heap

    def copy(self) -> "State":
        return State(dict(self.env), self.heap.copy())

    def join(self, other: "State") -> "State":
        env = dict(self.env)
        for name, value in other.env.items():
            mine = env.get(name)
            if mine is not value:
                env[name] = value if mine is None else join_values(mine, value)
        return State(env, self.heap.join(other.heap))

    def key(self) -> tuple:
        return (frozenset(self.env.items()), self.heap.key())

    def same(self, other: "State") -> bool:
        """``self.key() == other.key()``, without hashing every value: dict equality skips identical values."""
        return self.env == other.env and self.heap.same(other.heap)


@dataclass
class Frame:
    """One function being analysed, in one calling context."""

    path: str
    code: ast.AST  # FunctionDef / AsyncFunctionDef / Module
    graph: C.CFG
    context: tuple  # call-site keys, for allocation ids
    call_chain: tuple[Related, ...] = ()
    reader: str | None = None  # set when user code runs implicitly (property, __repr__)
    reader_call: Location | None = None
    depth: int = 0
    reporting: bool = False
    issues: list = field(default_factory=list)
    #: (block id, node index) → (state at the yield, yielded value), for @contextmanager helpers
    yields: dict[tuple[int, int], tuple[State, object]] = field(default_factory=dict)
    current: tuple[int, int] = (0, 0)
    truth: bool | None = None  # the value of the block's closing condition, when known
    #: when set (hover), the reporting pass records what each name holds: (line, start, end) → description
    probe: dict | None = None
    #: loops (values.Loop) running at the call site that started this frame: they run this frame per row too
    loops: tuple = ()
    #: loops running the expression being evaluated: comprehensions, map()/sorted(), validation of a list
    active: list = field(default_factory=list)
    #: the heap holds facts this frame's calls cannot reach (engine/reach.py): an allocation here must not take an
    #: id that one of them may have, so calls are keyed by their site even on a heap that looks empty
    beside_facts: bool = False
    #: the heap lacks the sessions any code can name without a reference (scoped registries', transaction-joined):
    #: reading one raises ``RootsNeeded`` so that the call runs again on a heap that has them (engine/reach.py)
    without_roots: bool = False
    #: id of a nested ``def`` → the states its statement ran in (engine/closures.py): set on an enclosing function
    #: run only to learn what its nested functions' free names hold
    closures: dict | None = None

    def needs_roots(self) -> None:
        """Called before reading a registry's session or the joined sessions."""
        if self.without_roots:
            raise RootsNeeded()

    def alloc(self, node: ast.AST, tag: str = "") -> Hashable:
        return (self.context, self.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0), tag)


def element_of(value):
    """The value of one element when ``value`` is iterated or indexed; of a value that may be one of several, an
    element of any of them."""
    if isinstance(value, Union):
        return join_all([element_of(member) for member in sorted(value.members, key=ordering_key)])
    if isinstance(value, Many):
        return value.element
    if isinstance(value, Items):
        result = None
        for item in value.items:
            result = item if result is None else join_values(result, item)
        return result if result is not None else UNKNOWN
    return UNKNOWN


def _globals_key(path: str) -> tuple:
    return ("module globals", path)


def rebound_global(state: State, path: str, name: str):
    """What a function of module ``path`` that declares ``global name`` last assigned to it on this path, or None
    when none did: then the name holds what the module bound it to."""
    fact = state.heap.objects.get(_globals_key(path))
    return fact.field(name) if fact is not None else None


def bind(frame: Frame, target: ast.expr, value, state: State) -> None:
    """Assign ``value`` to an assignment target (names, tuples, starred); other targets are ignored. A name the
    function declares ``global`` is the module's: the heap keeps it, so that every later call sees it."""
    if isinstance(target, ast.Name):
        if frame.graph is not None and target.id in frame.graph.rebound_globals:
            key = _globals_key(frame.path)
            state.heap.objects[key] = (state.heap.objects.get(key) or ObjectFact(None)).with_field(target.id, value)
            return
        state.env[target.id] = value
    elif isinstance(target, (ast.Tuple, ast.List)):
        if isinstance(value, Items) and len(value.items) == len(target.elts) and not any(
            isinstance(e, ast.Starred) for e in target.elts
        ):
            for element, item in zip(target.elts, value.items):
                bind(frame, element, item, state)
            return
        item = element_of(value)
        for element in target.elts:
            if isinstance(element, ast.Starred):
                bind(frame, element.value, Many(item) if item is not UNKNOWN else UNKNOWN, state)
            else:
                bind(frame, element, item, state)
    elif isinstance(target, ast.Starred):
        bind(frame, target.value, value, state)
