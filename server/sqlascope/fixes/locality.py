"""Whether a fix stays local: all its edits lie in the function that holds the finding (or add an import), so
no other caller's behaviour changes. Editing a shared helper's query or the app-wide session factory is not."""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, TextEdit

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_IMPORTS = (ast.Import, ast.ImportFrom)


def enclosing_function(tree: ast.AST, line: int) -> ast.AST | None:
    """The innermost ``def`` whose lines include ``line``."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, _FUNCTIONS) and node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is None or node.lineno >= best.lineno:
                best = node
    return best


def _adds_an_import(tree: ast.Module, edit: TextEdit) -> bool:
    if edit.new_text.lstrip().startswith(("import ", "from ")) and edit.line == edit.end_line:
        return not any(isinstance(n, _FUNCTIONS) and n.lineno < edit.line <= (n.end_lineno or n.lineno)
                       for n in tree.body)
    return any(isinstance(n, _IMPORTS) and n.lineno <= edit.line and edit.end_line <= (n.end_lineno or n.lineno)
               for n in tree.body)


def is_local(fix: Fix, finding: Finding, source_of) -> bool:
    home_source = source_of(finding.location.path)
    if home_source is None or home_source.tree is None:
        return True
    home = enclosing_function(home_source.tree, finding.location.line)
    if home is None:  # a finding at module level: there is no caller to protect
        return True
    for edit in fix.edits:
        source = source_of(edit.path)
        if source is None or source.tree is None:
            return False
        if _adds_an_import(source.tree, edit):
            continue
        if edit.path == finding.location.path and home.lineno <= edit.line <= (home.end_lineno or home.lineno):
            continue
        return False
    return True
