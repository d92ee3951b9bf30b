"""Imperative (classical) mappings: ``registry.map_imperatively(Class, table, properties={...})`` and the 1.x
``mapper(Class, table, properties={...})``.

The class body of an imperatively mapped class says nothing about the mapping (its ``Mapped[...]`` annotations,
if any, are only type hints): the columns come from the ``Table(...)`` and the relationships, deferred columns
and column properties from ``properties=``. This module only reads syntax; ``models.py`` resolves names.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

#: The attribute a registry maps a plain class with.
MAP_IMPERATIVELY = "map_imperatively"
#: SQLAlchemy 1.x's module-level function with the same arguments.
CLASSICAL_MAPPER = "mapper"


@dataclass(frozen=True)
class ImperativeMapping:
    path: str
    call: ast.Call
    mapped: ast.expr  # the class argument
    table: ast.expr | None  # the local table argument
    properties: dict[str, ast.expr]  # attribute name → its declaration (relationship(...), deferred(...), ...)

    @property
    def class_name(self) -> str | None:
        node = self.mapped
        if isinstance(node, ast.Attribute):
            return node.attr
        return node.id if isinstance(node, ast.Name) else None


def mapping_calls(path: str, tree: ast.Module) -> Iterator[ImperativeMapping]:
    """The mapping calls a module makes at its top level or in its top-level functions (``def setup_mappers():``).

    ``mapper(...)`` is offered by name; the caller decides whether the name is SQLAlchemy's."""
    for stmt in _statements(tree):
        call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
        if not isinstance(call, ast.Call) or not call.args:
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in (MAP_IMPERATIVELY, CLASSICAL_MAPPER):
            continue
        table = call.args[1] if len(call.args) > 1 else _keyword(call, "local_table")
        yield ImperativeMapping(path, call, call.args[0], table, _properties(_keyword(call, "properties")))


def table_columns(table: ast.Call) -> Iterator[tuple[str, ast.Call]]:
    """``Table("name", metadata, Column("id", ..., primary_key=True), ...)``: each named column's call."""
    for arg in table.args[2:]:
        if isinstance(arg, ast.Call) and arg.args and isinstance(arg.args[0], ast.Constant) \
                and isinstance(arg.args[0].value, str):
            yield arg.args[0].value, arg


def _statements(tree: ast.Module) -> Iterator[ast.stmt]:
    for stmt in tree.body:
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.If, ast.Try)):
            yield from stmt.body


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _properties(node: ast.expr | None) -> dict[str, ast.expr]:
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "dict":  # properties=dict(name=...)
        return {k.arg: k.value for k in node.keywords if k.arg}
    if not isinstance(node, ast.Dict):
        return {}
    return {key.value: value for key, value in zip(node.keys, node.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)}
