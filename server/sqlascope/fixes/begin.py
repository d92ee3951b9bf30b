"""SQS107: ``with session.begin():`` after the session already began a transaction on its own (autobegin).

Preferred: drop the ``begin()`` block and commit explicitly where it ended. The block's statements run in the
transaction the session already has, and ``session.commit()`` ends it as the block's exit would have (an exception
still ends without a commit). Not offered when the block can be left early (``return``/``break``/``continue``),
which would skip the commit, or when it binds ``as``.
Alternative: commit what is pending first, so the ``begin()`` starts a fresh transaction.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, insertion, replace_lines
from .syntax import callee_name, comments_in, indent_step, indentation, node_at, owns_lines, reindent, walk_local

KIND = "explicit-commit"
_EXITS = (ast.Return, ast.Break, ast.Continue, ast.Yield, ast.YieldFrom)


def commit_instead_of_begin(finding: Finding, source_of) -> list[Fix]:
    location = finding.location
    source = source_of(location.path)
    if source is None or source.tree is None:
        return []
    call = node_at(source, [location.path, location.line, location.column, location.end_line, location.end_column], ast.Call)
    if call is None or callee_name(call) != "begin" or not isinstance(call.func, ast.Attribute) or call.args:
        return []
    block = next((w for w in ast.walk(source.tree) if isinstance(w, (ast.With, ast.AsyncWith))
                  and len(w.items) == 1 and w.items[0].context_expr is call), None)
    session = source.segment(call.func.value)
    awaiting = "await " if isinstance(block, ast.AsyncWith) else ""
    fixes = []
    if block is not None and block.items[0].optional_vars is None and owns_lines(source, block):
        fix = _unwrap(finding, source, block, session, awaiting)
        if fix is not None:
            fixes.append(fix)
    if block is not None and owns_lines(source, block):
        line = f"{indentation(source, block.lineno)}{awaiting}{session}.commit()\n"
        title = f"Commit the transaction `{session}` already began, before `{session}.begin()`"
        fixes.append(Fix(title, finding.code, KIND, (insertion(source.path, block.lineno, 0, line),), preferred=False))
    return fixes


def _unwrap(finding, source, block, session: str, awaiting: str) -> Fix | None:
    body = block.body
    if body[0].lineno == block.lineno:
        return None
    if any(isinstance(n, _EXITS) for stmt in body for n in walk_local(stmt)):
        return None
    step = indent_step(source, block.lineno, body[0].lineno)
    if step is None:
        return None
    item = block.items[0]
    header_end = max(item.context_expr.end_lineno, item.optional_vars.end_lineno if item.optional_vars else 0)
    if header_end >= body[0].lineno:
        return None
    try:
        text = reindent(source, header_end + 1, block.end_lineno, remove=step)
    except ValueError:
        return None
    comments = comments_in(source, block.lineno, header_end)
    tail = ("  " + " ".join(comments)) if comments else ""
    text += f"{indentation(source, block.lineno)}{awaiting}{session}.commit(){tail}\n"
    title = f"Use the transaction `{session}` already began: drop `with {session}.begin():` and commit at its end"
    return Fix(title, finding.code, KIND, (replace_lines(source.path, block.lineno, block.end_lineno, text),), preferred=True)
