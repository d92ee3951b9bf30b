"""AsyncSession: do the IO explicitly, with ``await``, instead of implicitly on attribute access.

- A lazy relationship read while the session is open: ``await obj.awaitable_attrs.rel`` in place of
  ``obj.rel`` when the model has the ``AsyncAttrs`` mixin.
- An attribute a commit or rollback expired, or a relationship never loaded, while the session is open:
  ``await session.refresh(obj)`` (``await session.refresh(obj, ["rel"])`` for a relationship) before the read.

Both need the read to be directly in an ``async def`` (not in a lambda, a nested ``def`` or a generator
expression, where ``await`` would change what the code means).
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from ..analysis.orm.sqla_api import QUERY_STRATEGIES
from .edits import Fix, TextEdit, insertion
from .scope import site_of
from .syntax import ancestors, function_binds, indentation, owns_lines

AWAITABLE_KIND = "awaitable-attrs"
REFRESH_KIND = "async-refresh"
_NO_PARENS = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Expr, ast.comprehension, ast.keyword,
              ast.FormattedValue, ast.For, ast.AsyncFor, ast.List, ast.Tuple, ast.Set)


def _awaitable_here(tree: ast.AST, node: ast.AST) -> bool:
    """``await`` may go at ``node``: the innermost function is an ``async def`` and no generator expression (other
    than through its first iterable, which runs outside it) lies in between."""
    child = node
    for parent in ancestors(tree, node):
        if isinstance(parent, ast.AsyncFunctionDef):
            return True
        if isinstance(parent, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(parent, ast.GeneratorExp) and not (parent.generators and parent.generators[0].iter is child):
            return False
        child = parent
    return False


def awaitable_attrs(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if (data.get("fault") != "greenlet" or data.get("attribute_kind") != "relationship" or data.get("expired_by")
            or data.get("strategy") in QUERY_STRATEGIES):
        return []
    if not has_async_attrs(data.get("model_at"), data.get("model"), source_of):
        return []
    site = site_of(finding, source_of)
    node = site.node if site else None
    if not (isinstance(node, ast.Attribute) and node.attr == data.get("attribute") and isinstance(node.ctx, ast.Load)):
        return []
    source = site.source
    if not _awaitable_here(source.tree, node):
        return []
    parent = next(ancestors(source.tree, node), None)
    text = f"await {source.segment(node.value)}.awaitable_attrs.{node.attr}"
    bare = isinstance(parent, _NO_PARENS) or (isinstance(parent, ast.Call) and parent.func is not node)
    text = text if bare else f"({text})"
    edit = TextEdit(source.path, node.lineno, source.char_column(node.lineno, node.col_offset),
                    node.end_lineno, source.char_column(node.end_lineno, node.end_col_offset), text)
    title = f"Load `{node.attr}` with an explicit await: `await {source.segment(node.value)}.awaitable_attrs.{node.attr}`"
    return [Fix(title, finding.code, AWAITABLE_KIND, (edit,), preferred=True)]


def async_refresh(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    session, instance = data.get("session") or "", data.get("instance") or ""
    if (data.get("fault") != "greenlet" or not session.isidentifier() or not instance.isidentifier()
            or data.get("strategy") in QUERY_STRATEGIES):
        return []
    kind = data.get("attribute_kind")
    # a refresh that names nothing loads no lazy relationship, even one a commit expired: name it
    named = not data.get("expired_by") or data.get("strategy") == "lazy"
    if kind == "relationship" and named and data.get("refresh_loads", True):
        names = f', ["{data["attribute"]}"]'
    elif data.get("expired_by") and set(data["expired_by"]) <= {"commit", "rollback", "expire", "expire_all"}:
        names = ""  # every column expired: reload them all
    else:
        return []
    site = site_of(finding, source_of)
    if site is None or not isinstance(site.function, ast.AsyncFunctionDef):
        return []
    source, statement = site.source, site.statement
    if not _awaitable_here(source.tree, statement) or not owns_lines(source, statement):
        return []
    if not function_binds(site.function, session, source.tree) or not function_binds(site.function, instance, source.tree):
        return []
    line = f"{indentation(source, statement.lineno)}await {session}.refresh({instance}{names})\n"
    title = f"Reload before reading: `await {session}.refresh({instance}{names})`"
    return [Fix(title, finding.code, REFRESH_KIND, (insertion(source.path, statement.lineno, 0, line),), preferred=True)]


# -- does the model have AsyncAttrs? ----------------------------------------------------------------------------
def has_async_attrs(model_at, model: str | None, source_of, depth: int = 6) -> bool:
    if not model_at or not model:
        return False
    source = source_of(model_at[0])
    if source is None or source.tree is None:
        return False
    return _class_has(source, model, source_of, depth, set())


def _class_has(source, name: str, source_of, depth: int, seen: set) -> bool:
    key = (source.path, name)
    if depth <= 0 or key in seen:
        return False
    seen.add(key)
    for stmt in source.tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == name:
            for base in stmt.bases:
                base_name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
                if base_name == "AsyncAttrs":
                    return True
                if isinstance(base, ast.Name) and _resolve_base(source, base.id, source_of, depth, seen):
                    return True
            return False
    return _resolve_base(source, name, source_of, depth, seen, local=False)


def _resolve_base(source, name: str, source_of, depth: int, seen: set, local: bool = True) -> bool:
    if local and any(isinstance(s, ast.ClassDef) and s.name == name for s in source.tree.body):
        return _class_has(source, name, source_of, depth - 1, seen)
    import os

    for stmt in source.tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.level == 0:
            for alias in stmt.names:
                if (alias.asname or alias.name) == name:
                    path = os.path.join(os.path.dirname(source.path), *stmt.module.split(".")) + ".py"
                    other = source_of(path) if os.path.isfile(path) else None
                    if other is not None and other.tree is not None:
                        return _class_has(other, alias.name, source_of, depth - 1, seen)
    return False


__all__ = ["async_refresh", "awaitable_attrs", "has_async_attrs"]
