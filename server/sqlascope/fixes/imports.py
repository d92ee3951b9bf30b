"""Adding ``from module import name`` to a file, next to its other imports."""

from __future__ import annotations

import ast

from ..analysis.index.source import SourceFile
from .edits import TextEdit, insertion


def ensure_import(source: SourceFile, module: str, name: str) -> list[TextEdit]:
    tree = source.tree
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == module and stmt.level == 0:
            if any(alias.name == name and alias.asname is None for alias in stmt.names):
                return []
            if stmt.lineno == stmt.end_lineno and "(" not in source.lines[stmt.lineno - 1]:
                end = source.char_column(stmt.end_lineno, stmt.end_col_offset)
                return [insertion(source.path, stmt.end_lineno, end, f", {name}")]
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    if imports:
        after = max(s.end_lineno for s in imports)
    else:
        after = 0
        docstring = tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(getattr(tree.body[0], "value", None), ast.Constant)
        if docstring:
            after = tree.body[0].end_lineno
    return [insertion(source.path, after + 1, 0, f"from {module} import {name}\n")]
