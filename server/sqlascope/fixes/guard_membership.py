"""``session.expunge/refresh/expire(obj)`` of an instance the session may not hold: call it only when it does.

``expunge()`` raises for an instance the session does not hold (closed, expunged, never added, in another
session); when it does not hold it there is nothing to detach, so ``if obj in session:`` keeps the intent.
``obj in session`` is true for pending, persistent and deleted instances of that session, as expunge() requires.
``refresh()``/``expire()`` need more (persistent in that session), so they are guarded the same way only where the
instance has no row to reload (its row deleted and committed, its insert rolled back, never inserted): then
``obj in session`` is false exactly when the call would raise. An object that still has a row gets the merge fix.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from ..analysis.orm.lifecycle import NO_ROW
from .edits import Fix, replace_lines
from .syntax import callee_name, indent_unit, indentation, is_awaited, node_at, owns_lines, raw_lines, reindent, statement_containing

KIND = "guard-membership"

#: methods guarded whatever the instance's state (expunge() has nothing to detach where the session does not hold it)
_ANY_STATE = {"expunge"}
#: methods guarded only where the instance has no row to reload (refresh()/expire() of an object that still has a
#: row want it re-attached instead: the merge fix)
_NO_ROW = {"refresh", "expire"}


def _has_no_row(data: dict) -> bool:
    """Never inserted or its insert rolled back (transient only), or its row deleted and committed, or its INSERT
    undone, where it is not in a session: a persistent or pending one is, so the guard would not skip the call."""
    lives = set(data.get("life") or ("unknown",))
    return lives == {"transient"} or not lives & {"persistent", "pending"} and any(
        effect in NO_ROW for _where, effect in data.get("events") or ())


def only_if_held(finding: Finding, source_of) -> list[Fix]:
    location = finding.location
    source = source_of(location.path)
    if source is None or source.tree is None:
        return []
    span = [location.path, location.line, location.column, location.end_line, location.end_column]
    call = node_at(source, span, ast.Call)
    if call is None or not isinstance(call.func, ast.Attribute) or len(call.args) != 1:
        return []
    method = callee_name(call)
    if not (method in _ANY_STATE or method in _NO_ROW and _has_no_row(finding.data)):
        return []
    statement = statement_containing(source, call)
    if not isinstance(statement, ast.Expr) or statement.value is not call or is_awaited(source, call):
        return []
    if not owns_lines(source, statement):
        return []
    session, instance = source.segment(call.func.value), source.segment(call.args[0])
    guard = f"if {instance} in {session}:"
    first_line = raw_lines(source)[statement.lineno - 1]
    ending = first_line[len(first_line.rstrip("\r\n")):] or "\n"
    text = (f"{indentation(source, statement.lineno)}{guard}{ending}"
            + reindent(source, statement.lineno, statement.end_lineno, add=indent_unit(source)))
    edit = replace_lines(source.path, statement.lineno, statement.end_lineno, text)
    title = f"Call `{callee_name(call)}()` only when the session holds `{instance}`: `{guard}`"
    return [Fix(title, finding.code, KIND, (edit,), preferred=True)]
