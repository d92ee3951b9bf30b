"""Eager-load what the faulting read needs, in the query that produced the instance.

``session.get(Model, id)`` gains ``options=[selectinload(Model.rel)]``; ``select(Model)`` / ``session.query(Model)``
gains ``.options(selectinload(Model.rel))``. Many-to-one relationships use ``joinedload``; deferred columns use
``undefer``. The loader is imported from ``sqlalchemy.orm`` if the file lacks it.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, insertion
from .imports import ensure_import
from .syntax import callee_name, calls_in, node_at

_ENTITY_CALLS = {"select", "query", "exec"}


def _loader(data: dict) -> str | None:
    if data.get("attribute_kind") == "relationship" and data.get("strategy") == "lazy":
        return "joinedload" if data.get("uselist") is False else "selectinload"
    if data.get("attribute_kind") == "column" and data.get("strategy") == "deferred":
        return "undefer"
    return None


def eager_load(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    loader, span = _loader(data), data.get("load")
    if loader is None or span is None:
        return []
    source = source_of(span[0])
    load = node_at(source, span, ast.Call) if source else None
    if load is None:
        return []
    model, attribute = data["model"], data["attribute"]
    option = f"{loader}({model}.{attribute})"
    edit = _get_options_edit(source, load, model, option) or _select_options_edit(source, load, model, option)
    if edit is None:
        return []
    edits = (edit, *ensure_import(source, "sqlalchemy.orm", loader))
    title = f"Load `{attribute}` eagerly: `{option}` in the query"
    return [Fix(title, finding.code, "eager-load", edits, preferred=True)]


def _names_model(call: ast.Call, model: str) -> bool:
    return bool(call.args) and isinstance(call.args[0], ast.Name) and call.args[0].id == model


def _get_options_edit(source, load: ast.Call, model: str, option: str):
    if callee_name(load) != "get" or not _names_model(load, model):
        return None
    for keyword in load.keywords:
        if keyword.arg == "options":
            if not isinstance(keyword.value, ast.List):
                return None
            end = keyword.value
            column = source.char_column(end.end_lineno, end.end_col_offset) - 1  # before the closing bracket
            prefix = ", " if end.elts else ""
            return insertion(source.path, end.end_lineno, column, f"{prefix}{option}")
    column = source.char_column(load.end_lineno, load.end_col_offset) - 1  # before the closing parenthesis
    return insertion(source.path, load.end_lineno, column, f", options=[{option}]")


def _select_options_edit(source, load: ast.Call, model: str, option: str):
    for call in calls_in(load):
        if callee_name(call) in _ENTITY_CALLS and _names_model(call, model):
            column = source.char_column(call.end_lineno, call.end_col_offset)
            return insertion(source.path, call.end_lineno, column, f".options({option})")
    return None
