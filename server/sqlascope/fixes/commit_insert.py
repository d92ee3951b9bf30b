"""SQS103: ``refresh()`` of an instance whose INSERT was flushed but never committed, so that the session's end
rolled the row back → commit it where it was flushed: ``session.flush()`` becomes ``session.commit()``.

The commit writes the same INSERT and keeps the row, so the instance, re-attached later, has a row to reload. The
commit also expires what the session holds (unless ``expire_on_commit=False``); that is the refresh the code asked
for anyway. Offered only where the INSERT came from an explicit ``flush()`` call on its own line, and not when the
instance was then given its identity back by ``make_transient_to_detached``: that needs ``make_transient`` first,
which forgets what the commit expired, the primary key included (observed), so the instance would name no row.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from ..analysis.orm.lifecycle import INSERT_UNDONE
from ..analysis.orm.sqla_api import Construct
from .edits import Fix, TextEdit
from .syntax import callee_name, node_at, statement_containing

KIND = "commit-insert"


def commit_the_insert(finding: Finding, source_of) -> list[Fix]:
    fixes = []
    events = finding.data.get("events") or ()
    if any(effect == Construct.MAKE_TRANSIENT_TO_DETACHED.value for _span, effect in events):
        return fixes
    for span, effect in events:
        if effect != INSERT_UNDONE:
            continue
        source = source_of(span[0])
        call = node_at(source, span, ast.Call) if source is not None else None
        if call is None or callee_name(call) != "flush" or call.args or call.keywords:
            continue
        if not isinstance(call.func, ast.Attribute) or not isinstance(statement_containing(source, call), ast.Expr):
            continue
        name_end = source.char_column(call.func.end_lineno, call.func.end_col_offset)
        edit = TextEdit(source.path, call.func.end_lineno, name_end - len("flush"), call.func.end_lineno, name_end,
                        "commit")
        session = source.segment(call.func.value)
        fixes.append(Fix(f"Commit the INSERT: `{session}.commit()` instead of `{session}.flush()`", finding.code,
                         KIND, (edit,), preferred=True))
    return fixes
