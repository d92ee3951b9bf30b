"""Finding the syntax a finding points at, and small helpers shared by the fixes."""

from __future__ import annotations

import ast
from typing import Iterator

from ..analysis.source import SourceFile


def node_at(source: SourceFile, span: list | tuple, kind: type = ast.AST) -> ast.AST | None:
    """The node of ``kind`` whose range is exactly ``span`` ([path, line, col, end_line, end_col], code points)."""
    if source.tree is None or span is None:
        return None
    _, line, column, end_line, end_column = span
    for node in ast.walk(source.tree):
        if isinstance(node, kind) and getattr(node, "lineno", None) == line and node.end_lineno == end_line:
            if (source.char_column(line, node.col_offset), source.char_column(end_line, node.end_col_offset)) == (column, end_column):
                return node
    return None


def statement_containing(source: SourceFile, target: ast.AST) -> ast.stmt | None:
    """The innermost statement that contains ``target``."""
    best = None
    for node in ast.walk(source.tree):
        if isinstance(node, ast.stmt) and any(child is target for child in ast.walk(node)):
            if best is None or (node.lineno, node.col_offset) >= (best.lineno, best.col_offset):
                best = node
    return best


def is_awaited(source: SourceFile, call: ast.AST) -> bool:
    return any(isinstance(n, ast.Await) and n.value is call for n in ast.walk(source.tree))


def indentation(source: SourceFile, line: int) -> str:
    text = source.lines[line - 1]
    return text[: len(text) - len(text.lstrip())]


def calls_in(node: ast.AST) -> Iterator[ast.Call]:
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            yield child


def callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""
