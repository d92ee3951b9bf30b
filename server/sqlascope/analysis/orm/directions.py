"""Which way a relationship without a type points: SQLAlchemy's direction, from the tables' foreign keys.

``db.relationship("Task", backref="board")`` says nothing of whether it is a collection. SQLAlchemy decides from
the join: the side whose table holds the foreign key is the many side. A relationship whose own class holds a
foreign key to the target's table is a many-to-one (a scalar); one whose target holds a foreign key to this
class's table is a one-to-many (a list); ``secondary=`` is a many-to-many (a list). A self-referential one is a
one-to-many unless ``remote_side=`` turns it round. Where this is ambiguous (keys both ways, an explicit
``primaryjoin=``/``foreign_keys=``, keys on a base class), the direction stays unknown.
"""

from __future__ import annotations

import ast
import re

_EXPLICIT_JOIN = ("primaryjoin", "foreign_keys")


def table_names(node: ast.ClassDef) -> frozenset[str]:
    """The table a class maps to: its ``__tablename__``, else the names the libraries give one by default
    (Flask-SQLAlchemy's snake case, SQLModel's lower case)."""
    for stmt in node.body:
        targets = (stmt.targets if isinstance(stmt, ast.Assign)
                   else [stmt.target] if isinstance(stmt, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in targets):
            value = stmt.value
            named = isinstance(value, ast.Constant) and isinstance(value.value, str)
            return frozenset({value.value}) if named else frozenset()
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", node.name).lower()
    return frozenset({snake, node.name.lower()})


def foreign_key_tables(node: ast.ClassDef) -> frozenset[str]:
    """The tables the class body's ``ForeignKey("table.column")`` columns point at. Remembered on the class
    statement itself, so it lives as long as that tree: every relationship without a type asks it of both its
    classes, and the model index is rebuilt for each file, so a large model module's body was walked thousands
    of times."""
    known = getattr(node, "_sqlascope_foreign_key_tables", None)
    if known is not None:
        return known
    tables = set()
    for stmt in node.body:
        for call in ast.walk(stmt):
            if isinstance(call, ast.Call) and _name(call.func) == "ForeignKey" and call.args:
                first = call.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and "." in first.value:
                    tables.add(first.value.rpartition(".")[0].rpartition(".")[2])
    node._sqlascope_foreign_key_tables = frozenset(tables)  # type: ignore[attr-defined]
    return node._sqlascope_foreign_key_tables


def collection_by_keys(owner: ast.ClassDef, target: ast.ClassDef | None, call: ast.Call | None,
                       secondary: bool) -> bool | None:
    """Is the relationship a collection, as its foreign keys say (None: they don't say)."""
    if secondary:
        return True
    if target is None or any(k.arg in _EXPLICIT_JOIN for k in (call.keywords if call is not None else ())):
        return None
    if target is owner:
        return self_referential_collection(call) if call is not None else None
    owner_points = bool(foreign_key_tables(owner) & table_names(target))
    target_points = bool(foreign_key_tables(target) & table_names(owner))
    if owner_points != target_points:
        return target_points
    return None


def self_referential_collection(call: ast.Call) -> bool:
    """A relationship from a class to itself is a one-to-many unless ``remote_side=`` turns it round."""
    return not any(k.arg == "remote_side" for k in call.keywords)


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
