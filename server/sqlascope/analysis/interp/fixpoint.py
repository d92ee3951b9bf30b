"""The dataflow interpreter: runs one function's CFG over abstract states.

A forward worklist analysis reaches a fixpoint first, then replays every block once with the final states to
report issues, so nothing is reported from a half-converged loop. Calls into user functions are analysed in
place with the caller's abstract arguments (a context-sensitive summary, memoised by the engine).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import graph as C
from .frame import RETURN_SLOT, Frame, State
from .host import Evaluating
from .values import UNKNOWN

#: Bounds that keep pathological code from stalling the analysis.
MAX_BLOCK_VISITS = 60


@dataclass
class RunResult:
    exit: State | None  # None when the function never completes normally
    raised: State | None
    returned: object
    yields: dict


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

    def propagate(target: C.Block, state: State, worklist: list[int]) -> None:
        old = in_states.get(target.id)
        if old is None:
            in_states[target.id] = state.copy()
            worklist.append(target.id)
            return
        joined = old.join(state)
        if not joined.same(old):
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
