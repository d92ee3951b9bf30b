"""Delta debugging over statements: the smallest program that still disagrees with the runtime the same way."""

from __future__ import annotations

import ast
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .classify import Verdict, classify
from .generator import ENTRY, SCENARIO, Program
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
    kind and runtime result) must hold for every accepted step. Chunks of a statement list go first (halves,
    quarters, ...), then single statements; passes repeat until nothing more can go or the trials run out."""
    keeps = keeps or (lambda got: got.kind == verdict.kind and got.runtime.status == verdict.runtime.status)
    workdir = Path(tempfile.mkdtemp(prefix="sqlascope-minimise-"))
    trials = 0
    best_verdict = verdict

    def check(candidate: dict[str, str]) -> Verdict:
        nonlocal trials
        trials += 1
        directory = workdir / f"t{trials}"
        write_program(Program(program.seed, candidate, program.features), directory)
        result = classify(run_runtime(directory), analyze(directory))
        shutil.rmtree(directory, ignore_errors=True)
        return result

    files = {name: _source(ast.parse(text)) for name, text in program.files.items()}
    try:
        changed = True
        while changed and trials < max_trials:
            changed = False
            for name in sorted(files, key=lambda n: n == ENTRY):
                body_index = 0
                while body_index < len(_bodies(ast.parse(files[name]))) and trials < max_trials:
                    length = len(_bodies(ast.parse(files[name]))[body_index])
                    chunk = max(1, length // 2)
                    while chunk >= 1 and trials < max_trials:
                        start = length - chunk
                        while start >= 0 and trials < max_trials:
                            candidate = _without(files, name, body_index, start, start + chunk)
                            if candidate is not None:
                                got = check(candidate)
                                if keeps(got):
                                    files, best_verdict, changed = candidate, got, True
                                    length = len(_bodies(ast.parse(files[name]))[body_index])
                            start -= chunk
                        chunk //= 2
                    body_index += 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return Minimised(files, best_verdict, trials)


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
