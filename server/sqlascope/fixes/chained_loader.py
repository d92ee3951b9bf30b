"""Eager loading one level further: chain the loader onto the option that loaded the instance's parent.

An instance reached through a relationship that a loader option loaded (``book = author.books[0]`` after
``selectinload(Author.books)``) has its own lazy relationships unloaded. Its loader goes at the end of that option's
path: ``selectinload(Author.books).selectinload(Book.chapters)``.

Conditions: the instance was read as ``parent.rel`` (possibly indexed, or as a ``for`` target over it); the same
function names exactly one loader option whose path ends in ``Owner.rel`` (a path that goes on past ``rel`` is left
alone); the model's name is bound at the top of that module.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, insertion
from .imports import ensure_import
from .syntax import ancestors, callee_name, enclosing_function, module_binds, node_at, walk_local

KIND = "eager-load"
_PATH_LOADERS = {"selectinload", "joinedload", "subqueryload", "immediateload", "defaultload"}


def _loader(data: dict) -> str | None:
    if data.get("attribute_kind") == "relationship" and data.get("strategy") == "lazy":
        return "joinedload" if data.get("uselist") is False else "selectinload"
    if data.get("attribute_kind") == "column" and data.get("strategy") == "deferred":
        return "undefer"
    return None


def chain_to_parent_option(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("fault") != "detached_unloaded":
        return []
    loader, model, attribute, span = _loader(data), data.get("model"), data.get("attribute"), data.get("load")
    source = source_of(span[0]) if span else None
    if loader is None or not model or not attribute or source is None or source.tree is None \
            or not module_binds(source, model):
        return []
    load = node_at(source, span, ast.expr)
    relationship = _relationship_read(load)
    if relationship is None:
        return []
    function = enclosing_function(source.tree, load)
    ends = [call for call in walk_local(function if function is not None else source.tree)
            if isinstance(call, ast.Call) and _path_ends_in(source, call, relationship)]
    if len(ends) != 1:
        return []
    end = ends[0]
    option = f"{loader}({model}.{attribute})"
    edit = insertion(source.path, end.end_lineno, source.char_column(end.end_lineno, end.end_col_offset), f".{option}")
    title = f"Load `{attribute}` eagerly: chain `.{option}` onto `{source.segment(end)}`"
    return [Fix(title, finding.code, KIND, (edit, *ensure_import(source, "sqlalchemy.orm", loader)), preferred=True)]


def _relationship_read(load: ast.AST | None) -> str | None:
    """``parent.rel`` in ``parent.rel``, ``parent.rel[0]``: the relationship the instance came through."""
    if isinstance(load, ast.Subscript):
        load = load.value
    if isinstance(load, ast.Attribute) and isinstance(load.value, ast.Name) and isinstance(load.ctx, ast.Load):
        return load.attr
    return None


def _path_ends_in(source, call: ast.Call, relationship: str) -> bool:
    """``loader(Owner.rel)`` or ``….loader(Owner.rel)``, not followed by a further ``.loader(...)`` link."""
    if callee_name(call) not in _PATH_LOADERS or len(call.args) != 1 or call.keywords:
        return False
    target = call.args[0]
    if not (isinstance(target, ast.Attribute) and target.attr == relationship and isinstance(target.value, ast.Name)):
        return False
    parent = next(ancestors(source.tree, call), None)
    return not (isinstance(parent, ast.Attribute) and parent.value is call)
