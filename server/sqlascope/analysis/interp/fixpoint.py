"""The dataflow interpreter: runs one function's CFG over abstract states.

A forward worklist analysis reaches a fixpoint; each block keeps the issues of its latest run, which started from
its converged in-state, so nothing is reported from a half-converged loop (see ``run``). Calls into user functions are analysed in
place with the caller's abstract arguments (a context-sensitive summary, memoised by the engine).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import graph as C
from .frame import RETURN_SLOT, PATH_RAISED, STATEMENT_FAILS, Frame, State
from .host import Evaluating
from .path_join import join_paths
from .values import UNKNOWN

#: Bounds that keep pathological code from stalling the analysis.
MAX_BLOCK_VISITS = 60


@dataclass
class RunResult:
    exit: State | None  # None when the function never completes normally
    raised: State | None
    returned: object
    yields: dict


_START = "start"  # the transfer from the start node, apart from the start block's own in-state
#: the variables still read where paths end: the returned value; nothing once the call raised
_RETURNED = frozenset({RETURN_SLOT})
_NOTHING: frozenset = frozenset()


def run(evaluator: Evaluating, frame: Frame, state: State, start: tuple[C.Block, int] | None = None) -> RunResult:
    """Run ``frame``'s graph from ``start`` (a block and the index of its first node), or from the entry."""
    graph = frame.graph
    first_block, first_index = start if start is not None else (graph.entry, 0)
    in_states: dict[int, State] = {}
    visits: dict[int, int] = {}
    blocks = {b.id: b for b in graph.blocks}

    budget = evaluator.engine.budget

    def transfer(block: C.Block, state: State, from_index: int) -> None:
        frame.truth = None
        for index in range(from_index, len(block.nodes)):
            budget.check()
            frame.current = (block.id, index)
            evaluator.execute(frame, block.nodes[index], state)
            if state.env.pop(STATEMENT_FAILS, False):
                state.env[PATH_RAISED] = True
            if PATH_RAISED in state.env:
                return

    def propagate(target: C.Block, state: State, worklist: list[int]) -> None:
        old = in_states.get(target.id)
        if old is None:
            in_states[target.id] = state.copy()
            worklist.append(target.id)
            return
        live = _RETURNED if target is graph.exit else _NOTHING if target is graph.raise_exit else None
        joined = join_paths(frame, old, state, evaluator.engine.references, live)
        if not joined.same(old):
            in_states[target.id] = joined
            visits[target.id] = visits.get(target.id, 0) + 1
            if visits[target.id] <= MAX_BLOCK_VISITS:
                worklist.append(target.id)

    def successors(block: C.Block, state: State, worklist: list[int]) -> None:
        if PATH_RAISED in state.env:  # the path raised: only a handler or the raise exit sees it
            raised = State({k: v for k, v in state.env.items() if k != PATH_RAISED}, state.heap)
            for target, kind in block.succs:
                if kind is C.EdgeKind.EXCEPTION:
                    propagate(target, raised, worklist)
            return
        infeasible = {True: C.EdgeKind.FALSE, False: C.EdgeKind.TRUE}.get(frame.truth)
        for target, kind in block.succs:
            if kind is not infeasible:
                propagate(target, state, worklist)

    #: per transfer (the start, then each block): the issues of its latest run, and the in-state it ran from
    reported: dict[object, list] = {}
    ran_from: dict[int, State] = {}

    def reporting_transfer(key: object, block: C.Block, state: State, from_index: int) -> None:
        mark = len(frame.issues)
        transfer(block, state, from_index)
        reported[key] = frame.issues[mark:]
        del frame.issues[mark:]

    def fixpoint() -> None:
        worklist: list[int] = []
        state0 = state.copy()
        reporting_transfer(_START, first_block, state0, first_index)
        successors(first_block, state0, worklist)
        while worklist:
            block = blocks[worklist.pop()]
            ran_from[block.id] = in_states[block.id]
            current = in_states[block.id].copy()
            reporting_transfer(block.id, block, current, 0)
            successors(block, current, worklist)

    # One pass reports: each block's latest run started from its converged in-state, so its issues are the ones a
    # second pass over the converged states would report. Only a block whose in-state grew after its last run
    # (past MAX_BLOCK_VISITS) runs once more. The issues keep the order of such a pass: the start, then the blocks.
    frame.reporting = True
    fixpoint()
    for block_id, block_state in list(in_states.items()):
        if ran_from.get(block_id) is not block_state:
            reporting_transfer(block_id, blocks[block_id], block_state.copy(), 0)
    frame.issues.extend(reported[_START])
    for block_id in in_states:
        if not (block_id == first_block.id and first_index):
            frame.issues.extend(reported[block_id])

    exit_state = in_states.get(graph.exit.id)
    raised_state = in_states.get(graph.raise_exit.id)
    returned = exit_state.env.get(RETURN_SLOT, UNKNOWN) if exit_state is not None else UNKNOWN
    return RunResult(exit_state, raised_state, returned, dict(frame.yields))
