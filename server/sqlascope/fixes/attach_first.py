"""Read after attaching: ``make_transient_to_detached(obj)`` gives ``obj`` an identity and leaves every column it
was never given expired, to be loaded once ``obj`` joins a session. A read of such a column before the
``session.add(obj)`` that follows fails; the read moves to just after that ``add()``, where it loads.

Only straight-line code: the ``add()`` may sit inside ``with``/``try`` bodies that follow the read in its block,
never in a loop or a branch (the read would run another number of times). Not under AsyncSession, where the load
after ``add()`` is implicit IO.
"""

from __future__ import annotations

import ast
from typing import Iterator

from ..analysis.findings import Finding
from .edits import Fix, TextEdit, insertion, replace_lines
from .scope import detached_by_the_code, site_of
from .syntax import LEAVING, block_of, can_move_across, indentation, owns_lines, reindent, walk_local

KIND = "attach-first"
_ATTACHING = {"add"}


def attach_before_read(finding: Finding, source_of) -> list[Fix]:
    site = site_of(finding, source_of)
    instance = finding.data.get("instance") or ""
    if site is None or finding.data.get("is_async") or not instance.isidentifier() or not detached_by_the_code(finding):
        return []
    source, tree = site.source, site.source.tree
    held = block_of(tree, site.statement)
    if held is None or not owns_lines(source, site.statement):
        return []
    block = held[2]
    target = next(i for i, s in enumerate(block) if s is site.statement)
    read = block[target]
    if isinstance(read, LEAVING) or any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)) for n in ast.walk(read)):
        return []
    jumped: list[ast.stmt] = []
    for stmt in _straight_line(block[target + 1:]):
        if _attaches(stmt, instance):
            return _moved(finding, source, read, stmt, jumped, instance)
        jumped.append(stmt)
    return []


def _straight_line(statements: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements in the order they run, entering ``with`` and ``try`` bodies (which run once, in order)."""
    for stmt in statements:
        if isinstance(stmt, (ast.With, ast.AsyncWith, ast.Try)):
            yield from _straight_line(stmt.body)
            return  # past the block: its exit (or handlers) ran, which the read must not jump
        yield stmt


def _attaches(stmt: ast.stmt, instance: str) -> bool:
    """``<session>.add(instance)`` as a statement of its own."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _ATTACHING
            and len(call.args) == 1 and isinstance(call.args[0], ast.Name) and call.args[0].id == instance)


def _moved(finding: Finding, source, read: ast.stmt, add: ast.stmt, jumped: list[ast.stmt], instance: str) -> list[Fix]:
    if not can_move_across(source, read, jumped):
        return []
    if any(isinstance(n, ast.Name) and n.id == instance and isinstance(n.ctx, ast.Store)
           for stmt in jumped for n in walk_local(stmt)):
        return []
    here, there = indentation(source, read.lineno), indentation(source, add.lineno)
    if not there.startswith(here):
        return []
    text = reindent(source, read.lineno, read.end_lineno, add=there[len(here):])
    edits: tuple[TextEdit, ...] = (
        replace_lines(source.path, read.lineno, read.end_lineno, ""),
        insertion(source.path, add.end_lineno + 1, 0, text),
    )
    expression = finding.data.get("expression") or instance
    title = f"Read `{expression}` once `{instance}` is in a session: move this line after `{ast.unparse(add).strip()}`"
    return [Fix(title, finding.code, KIND, edits, preferred=False)]
