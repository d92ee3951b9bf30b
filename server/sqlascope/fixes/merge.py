"""Re-attach a detached instance with ``merge()`` and use the attached copy.

- SQS104: ``session.merge(obj)`` on its own line → ``obj = session.merge(obj)``.
- SQS103: ``session.refresh(obj)`` of an instance that is not in ``session`` → re-attach it first:
  ``obj = session.merge(obj)`` on the line before (``refresh`` then reloads the attached copy).
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from ..analysis.index.source import SourceFile
from ..analysis.orm.lifecycle import NO_ROW
from .edits import Fix, insertion
from .syntax import indentation, is_awaited, node_at, statement_containing


def assign_merge_result(finding: Finding, source_of) -> list[Fix]:
    span = finding.data.get("merge")
    source = source_of(span[0]) if span else None
    call = node_at(source, span, ast.Call) if source else None
    if call is None or not call.args or not isinstance(call.args[0], ast.Name):
        return []
    statement = statement_containing(source, call)
    if not isinstance(statement, ast.Expr):
        return []
    name = call.args[0].id
    column = source.char_column(statement.lineno, statement.col_offset)
    edit = insertion(source.path, statement.lineno, column, f"{name} = ")
    return [Fix(f"Use the attached copy: `{name} = {source.segment(statement.value)}`", finding.code, "merge", (edit,), preferred=True)]


#: The SQS103 operations that reload from the row, which a merged copy makes possible.
_RELOADING = {"refresh", "expire"}
#: States from which ``merge()`` gives an attached copy that has a row to refresh from.
_HAS_A_ROW = {"detached", "persistent"}


def merge_before_refresh(finding: Finding, source: SourceFile) -> list[Fix]:
    """Not for an instance that has no row: a transient one (never flushed, or inserted and rolled back), one
    whose row a commit deleted, or one whose INSERT its session's end undid; ``merge()`` of it makes a new pending
    copy, and refreshing that raises too."""
    data = finding.data
    if not set(data.get("life") or ["detached"]) <= _HAS_A_ROW or any(
            effect in NO_ROW for _span, effect in data.get("events", [])):
        return []
    location = finding.location
    call = node_at(source, [location.path, location.line, location.column, location.end_line, location.end_column], ast.Call)
    if call is None or not isinstance(call.func, ast.Attribute) or not call.args or not isinstance(call.args[0], ast.Name):
        return []
    if call.func.attr not in _RELOADING:
        return []  # expunge() of a copy merge() just attached would detach that copy: nothing gained
    session, name = source.segment(call.func.value), call.args[0].id
    statement = statement_containing(source, call)
    if statement is None:
        return []
    awaiting = "await " if is_awaited(source, call) else ""
    line = f"{indentation(source, statement.lineno)}{name} = {awaiting}{session}.merge({name})\n"
    edit = insertion(source.path, statement.lineno, 0, line)
    return [Fix(f"Re-attach first: `{name} = {awaiting}{session}.merge({name})`", finding.code, "merge", (edit,), preferred=True)]
