"""The dataflow interpreter: runs one function's CFG over abstract states.

A forward worklist analysis reaches a fixpoint first, then replays every block once with the final states to
report issues, so nothing is reported from a half-converged loop. Calls into user functions are analysed in
place with the caller's abstract arguments (a context-sensitive summary, memoised by the engine).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Hashable

from . import cfg as C
from ..findings import Location, Related
from ..orm.state import Heap
from .values import UNKNOWN, Items, Many, join_values

if TYPE_CHECKING:  # pragma: no cover
    from .evaluator import Evaluator

#: Bounds that keep pathological code from stalling the analysis.
MAX_BLOCK_VISITS = 60


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
            env[name] = value if mine is None else join_values(mine, value)
        return State(env, self.heap.join(other.heap))

    def key(self) -> tuple:
        return (frozenset(self.env.items()), self.heap.key())


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

    def alloc(self, node: ast.AST, tag: str = "") -> Hashable:
        return (self.context, self.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0), tag)


@dataclass
class RunResult:
    exit: State | None  # None when the function never completes normally
    raised: State | None
    returned: object
    yields: dict


RETURN_SLOT = "<return>"


def run(evaluator: "Evaluator", frame: Frame, state: State, start: tuple[C.Block, int] | None = None) -> RunResult:
    """Run ``frame``'s graph from ``start`` (a block and the index of its first node), or from the entry."""
    graph = frame.graph
    first_block, first_index = start if start is not None else (graph.entry, 0)
    in_states: dict[int, State] = {}
    visits: dict[int, int] = {}
    blocks = {b.id: b for b in graph.blocks}

    deadline = evaluator.engine.deadline

    def transfer(block: C.Block, state: State, from_index: int) -> None:
        frame.truth = None
        for index in range(from_index, len(block.nodes)):
            deadline.check()
            frame.current = (block.id, index)
            evaluator.execute(frame, block.nodes[index], state)

    def propagate(target: C.Block, state: State, worklist: list[int]) -> None:
        old = in_states.get(target.id)
        if old is None:
            in_states[target.id] = state.copy()
            worklist.append(target.id)
            return
        joined = old.join(state)
        if joined.key() != old.key():
            in_states[target.id] = joined
            visits[target.id] = visits.get(target.id, 0) + 1
            if visits[target.id] <= MAX_BLOCK_VISITS:
                worklist.append(target.id)

    def successors(block: C.Block, state: State, worklist: list[int]) -> None:
        infeasible = {True: C.EdgeKind.FALSE, False: C.EdgeKind.TRUE}.get(frame.truth)
        for target, kind in block.succs:
            if kind is not infeasible:
                propagate(target, state, worklist)

    def fixpoint() -> None:
        worklist: list[int] = []
        state0 = state.copy()
        transfer(first_block, state0, first_index)
        successors(first_block, state0, worklist)
        while worklist:
            block = blocks[worklist.pop()]
            current = in_states[block.id].copy()
            transfer(block, current, 0)
            successors(block, current, worklist)

    frame.reporting = False
    fixpoint()
    # Replay with the converged states; only this pass reports.
    frame.reporting = True
    replay = state.copy()
    transfer(first_block, replay, first_index)
    for block_id, block_state in list(in_states.items()):
        if block_id == first_block.id and first_index:
            continue
        transfer(blocks[block_id], block_state.copy(), 0)

    exit_state = in_states.get(graph.exit.id)
    raised_state = in_states.get(graph.raise_exit.id)
    returned = exit_state.env.get(RETURN_SLOT, UNKNOWN) if exit_state is not None else UNKNOWN
    return RunResult(exit_state, raised_state, returned, dict(frame.yields))


def element_of(value):
    """The value of one element when ``value`` is iterated or indexed."""
    if isinstance(value, Many):
        return value.element
    if isinstance(value, Items):
        result = None
        for item in value.items:
            result = item if result is None else join_values(result, item)
        return result if result is not None else UNKNOWN
    return UNKNOWN


def bind(frame: Frame, target: ast.expr, value, state: State) -> None:
    """Assign ``value`` to an assignment target (names, tuples, starred); other targets are ignored."""
    if isinstance(target, ast.Name):
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
