"""``expire_on_commit=False`` where the session's factory (or the ``Session(...)`` call) is made.

Offered only when a commit, and nothing else, expired the attribute: rollback expires regardless of the setting,
and a lazy relationship would still be unloaded. The edit may be in another module (a WorkspaceEdit).
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, TextEdit, insertion
from .syntax import node_at

KEYWORD = "expire_on_commit"


def keep_loaded_on_commit(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("attribute_kind") != "column" or data.get("expired_by") != ["commit"] or not data.get("factory"):
        return []
    span = data["factory"]
    source = source_of(span[0])
    call = node_at(source, span, ast.Call) if source else None
    if call is None:
        return []
    edit = _set_keyword(source, call)
    title = f"Keep attributes loaded after commit: `{KEYWORD}=False` at {source.segment(call.func)}(...)"
    return [Fix(title, finding.code, "expire-on-commit", (edit,), preferred=True)] if edit else []


def _set_keyword(source, call: ast.Call) -> TextEdit | None:
    for keyword in call.keywords:
        if keyword.arg == KEYWORD:
            value = keyword.value
            return TextEdit(source.path, value.lineno, source.char_column(value.lineno, value.col_offset),
                            value.end_lineno, source.char_column(value.end_lineno, value.end_col_offset), "False")
    column = source.char_column(call.end_lineno, call.end_col_offset) - 1  # before the closing parenthesis
    separator = ", " if call.args or call.keywords else ""
    return insertion(source.path, call.end_lineno, column, f"{separator}{KEYWORD}=False")
