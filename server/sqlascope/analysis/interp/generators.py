"""Generators follow the generator protocol: calling one runs nothing; iterating it runs its body, suspended at each
``yield`` while the loop body runs (a ``with Session()`` around the ``yield`` is still open there) and finished when
the loop ends; ``list()`` and comprehensions run it to the end at once; ``next()``/``anext()`` run it to its first
``yield`` and ``close()``/``aclose()`` finish it; ``yield from`` hands the inner generator's yields through."""

from __future__ import annotations

import ast

from .frame import Frame, State
from .host import Evaluating
from .values import UNKNOWN, Context, ContextKind, Generator, Many, join_all, members


#: environment slot of the generator a suspended ``yield from`` delegates to
DELEGATED = "<yield from: suspended inner generator>"
#: methods of a generator object that finish it
CLOSING_METHODS = {"close", "aclose", "throw", "athrow"}
#: builtins that advance a generator to its next yield
ADVANCING_BUILTINS = {"next", "anext"}


def _context(generator: Generator) -> Context:
    return Context(ContextKind.GENERATOR, (generator.function, generator.args, generator.kwargs),
                   generator.function.node.name)


def _suspended_slot(generator: Generator) -> str:
    return f"<generator suspended:{hash(generator)}>"


def start(ev: Evaluating, frame: Frame, value, node: ast.AST, state: State):
    """Run each generator ``value`` may be to its first yield: the yielded values, and how to finish it."""
    yielded, resumes = [], []
    for member in members(value):
        if isinstance(member, Generator):
            entered, resume = ev.engine.enter_generator(ev, frame, _context(member), node, state)
            yielded.append(entered)
            if resume is not None:
                resumes.append(resume)
    return join_all(yielded), tuple(resumes)


def resumes_in(kept) -> tuple:
    """Every resumption a slot holds: a tuple of them as ``start`` kept it, or, where paths met (a loop's back
    edge, an ``if``), the join of such tuples; UNKNOWN (a join grown too wide) holds none that can run."""
    if isinstance(kept, tuple):
        return kept
    return tuple(resume for member in members(kept) if isinstance(member, tuple) for resume in member)


def finish(ev: Evaluating, frame: Frame, resumes, node: ast.AST, state: State) -> None:
    """Finish the generators suspended in ``resumes``: one after another when they are the generators of one path;
    when the slot holds the join of several paths' generators, each may be the one suspended, so their outcomes
    are joined."""
    if resumes is None or isinstance(resumes, tuple):
        for resume in resumes or ():
            ev.engine.exit_generator(ev, frame, resume, node, state)
        return
    alternatives = resumes_in(resumes)
    if alternatives:
        ev.engine.exit_generator(ev, frame, join_all(list(alternatives)), node, state)


def run_to_end(ev: Evaluating, frame: Frame, value, node: ast.AST, state: State):
    """``list(gen)``, a comprehension: every yield happens, then the body finishes; gives the elements."""
    yielded, resumes = start(ev, frame, value, node, state)
    finish(ev, frame, resumes, node, state)
    return Many(yielded)


def advance(ev: Evaluating, frame: Frame, value, node: ast.AST, state: State):
    """``next(gen)``: the first time, run to the first yield and keep the generator suspended there (any yield
    may be the one reached: their values are joined). A generator made in the call itself (``next(rows())``)
    is referred to by nothing once ``next`` returns: it is finished there, its ``with`` blocks exit (observed)."""
    if made_here(node):
        yielded, resumes = start(ev, frame, value, node, state)
        finish(ev, frame, resumes, node, state)
        return yielded
    results = []
    for member in members(value):
        if not isinstance(member, Generator):
            results.append(UNKNOWN)
            continue
        slot = _suspended_slot(member)
        if slot not in state.env:
            state.env[slot] = start(ev, frame, member, node, state)
        results.append(_yielded_in(state.env[slot]))
    return join_all(results)


def made_here(call: ast.AST) -> bool:
    """Is the first argument of ``call`` a call itself: an object made for it that nothing else refers to?"""
    return isinstance(call, ast.Call) and bool(call.args) and isinstance(call.args[0], ast.Call)


def close(ev: Evaluating, frame: Frame, value, node: ast.AST, state: State) -> None:
    """``gen.close()``: a suspended generator finishes (its ``with`` blocks exit)."""
    for member in members(value):
        if isinstance(member, Generator):
            finish(ev, frame, _resumes_kept(state.env.pop(_suspended_slot(member), (UNKNOWN, ()))), node, state)


def _yielded_in(kept):
    """The value a suspended generator yielded: ``(yielded, resumes)``, or the join of such pairs."""
    return join_all([m[0] if isinstance(m, tuple) else UNKNOWN for m in members(kept)])


def _resumes_kept(kept):
    """The resumptions of a suspended generator's slot, in the form ``finish`` takes."""
    if isinstance(kept, tuple):
        return kept[1]
    return join_all([m[1] for m in members(kept) if isinstance(m, tuple)] or [()])


def loop_slot(stmt: ast.AST) -> str:
    return f"<generator loop:{id(stmt)}>"
