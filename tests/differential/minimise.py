"""Shrinking a disagreeing program: first its generator choices (to the simplest that still disagree), then
delta debugging over its statements; the result still disagrees with the runtime the same way."""

from __future__ import annotations

import ast
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .classify import Verdict, classify
from .generator import ENTRY, SCENARIO, Program, generate
from .runner import analyze, run_runtime, write_program

#: Definitions every program needs as they are (models, schemas, engine, setup): never shrunk, so trials are
#: spent on the scenario, the helpers and the session operations.
_FIXED_DEFINITIONS = {"Base", "Tag", "Parent", "Child", "ChildOut", "ParentOut", "_setup", "parent_tag", "engine",
                      "factory", "Scoped", "BaseRepository", "ParentRepository", SCENARIO}


@dataclass
class Minimised:
    files: dict[str, str]
    verdict: Verdict
    trials: int
    program: Program | None = None  # the program its generator choices shrank to (its features are exact)


class _Judge:
    """Runs candidate programs in a scratch folder and counts the trials."""

    def __init__(self, keeps: Callable[[Verdict], bool], max_trials: int):
        self.keeps, self.max_trials, self.trials = keeps, max_trials, 0
        self.workdir = Path(tempfile.mkdtemp(prefix="sqlascope-minimise-"))

    @property
    def exhausted(self) -> bool:
        return self.trials >= self.max_trials

    def verdict(self, program: Program) -> Verdict:
        self.trials += 1
        directory = self.workdir / f"t{self.trials}"
        write_program(program, directory)
        result = classify(run_runtime(directory), analyze(directory))
        shutil.rmtree(directory, ignore_errors=True)
        return result

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def shrink_choices(program: Program, verdict: Verdict, judge: _Judge) -> tuple[Program, Verdict]:
    """Force the program's random draws to zero, in chunks then one by one, keeping each step that still
    disagrees the same way (``judge.keeps``)."""
    best, best_verdict = program, verdict
    chunk = max(1, program.draws // 2)
    while chunk >= 1 and not judge.exhausted:
        start = 0
        while start < best.draws and not judge.exhausted:
            zeroed = best.zeroed | frozenset(range(start, start + chunk))
            start += chunk
            if zeroed == best.zeroed:
                continue
            candidate = generate(program.seed, zeroed)
            if candidate.files == best.files:
                best = candidate  # these draws change nothing: keep them zeroed, no run needed
                continue
            got = judge.verdict(candidate)
            if judge.keeps(got):
                best, best_verdict = candidate, got
        chunk //= 2
    return best, best_verdict


def _defines(stmt: ast.stmt) -> set[str]:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, ast.Assign):
        return {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func  # factory.configure(...)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return {func.value.id}
    return set()


def _fixed(stmt: ast.stmt) -> bool:
    return isinstance(stmt, (ast.Import, ast.ImportFrom)) or bool(_defines(stmt) & _FIXED_DEFINITIONS)


def _bodies(tree: ast.Module) -> list[list[ast.stmt]]:
    """The statement lists worth shrinking: the module's own, and every block inside a definition that is not
    fixed (the scenario's body included), outermost first."""
    found: list[list[ast.stmt]] = [tree.body]

    def visit(node: ast.AST) -> None:
        for name in ("body", "orelse", "finalbody"):
            body = getattr(node, name, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                found.append(body)
                for stmt in body:
                    visit(stmt)
        for handler in getattr(node, "handlers", []) or []:
            found.append(handler.body)
            for stmt in handler.body:
                visit(stmt)

    for stmt in tree.body:
        if not _fixed(stmt) or (isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == SCENARIO):
            visit(stmt)
    return found


def _source(tree: ast.Module) -> str:
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def _without(files: dict[str, str], name: str, body_index: int, start: int, stop: int) -> dict[str, str] | None:
    """``files`` with statements [start, stop) of one statement list removed (``pass`` if it empties)."""
    tree = ast.parse(files[name])
    bodies = _bodies(tree)
    if body_index >= len(bodies):
        return None
    body = bodies[body_index]
    if stop > len(body) or any(_fixed(stmt) for stmt in body[start:stop]):
        return None
    del body[start:stop]
    if not body:
        body.append(ast.Pass())
    return {**files, name: _source(tree)}


def minimise(program: Program, verdict: Verdict, max_trials: int = 80,
             keeps: Callable[[Verdict], bool] | None = None) -> Minimised:
    """Shrink ``program`` while it keeps disagreeing the same way: ``keeps`` (by default: the same disagreement
    kind and runtime result) must hold for every accepted step. Generator choices first (at most half the
    trials), then statements: chunks of a statement list (halves, quarters, ...), then single statements; passes
    repeat until nothing more can go or the trials run out."""
    keeps = keeps or (lambda got: got.kind == verdict.kind and got.runtime.status == verdict.runtime.status)
    judge = _Judge(keeps, max_trials // 2)
    try:
        program, best_verdict = shrink_choices(program, verdict, judge)
        judge.max_trials = max_trials
        files, best_verdict = _statement_ddmin(program, judge, best_verdict)
    finally:
        judge.close()
    return Minimised(files, best_verdict, judge.trials, program)


def _statement_ddmin(program: Program, judge: _Judge, best_verdict: Verdict) -> tuple[dict[str, str], Verdict]:
    """Delta debugging over the statement lists that are not fixed definitions, entry module last."""
    files = {name: _source(ast.parse(text)) for name, text in program.files.items()}
    changed = True
    while changed and not judge.exhausted:
        changed = False
        for name in sorted(files, key=lambda n: n == ENTRY):
            body_index = 0
            while body_index < len(_bodies(ast.parse(files[name]))) and not judge.exhausted:
                length = len(_bodies(ast.parse(files[name]))[body_index])
                chunk = max(1, length // 2)
                while chunk >= 1 and not judge.exhausted:
                    for start in range(length - chunk, -1, -chunk):
                        candidate = _without(files, name, body_index, start, start + chunk)
                        if candidate is None or judge.exhausted:
                            continue
                        got = judge.verdict(Program(program.seed, candidate, program.features))
                        if judge.keeps(got):
                            files, best_verdict, changed = candidate, got, True
                            length = len(_bodies(ast.parse(files[name]))[body_index])
                    chunk //= 2
                body_index += 1
    return files, best_verdict


def essentials(files: dict[str, str]) -> dict[str, str]:
    """Each file without its imports and fixed definitions (models, engine, setup): what a reader of a
    minimised program needs to see. The scenario function stays."""
    shown = {}
    for name, text in sorted(files.items()):
        tree = ast.parse(text)
        kept = [stmt for stmt in tree.body if not _fixed(stmt) or SCENARIO in _defines(stmt)]
        if kept:
            shown[name] = "\n".join(ast.unparse(stmt) for stmt in kept) + "\n"
    return shown
