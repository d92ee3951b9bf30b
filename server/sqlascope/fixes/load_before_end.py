"""Load what the read needs before the session ends.

Load what the read needs before the session ends: ``session.refresh(obj, ["rel"])`` just before the
``close()`` (or a scoped registry's ``remove()``, refreshing through the registry) or at the end of the ``with``
block (``session.refresh(obj)`` for expired columns).

Offered only where no other fix applies (see ``FALLBACKS`` in ``__init__``): it loads in the place that ends the
session, for every caller, whether they need it or not. Conditions:

- a sync session, ended by ``s.close()``, ``Registry.remove()`` or a plain ``with Factory() as s:`` (not ``Factory.begin()``: its exit
  commits and expires everything again);
- the instance has a name there: it was loaded by ``name = <query>`` in that function;
- whatever expired it (commit, rollback, expire) happened in that function, before the inserted line.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, insertion
from .scope import detached_by_the_code
from .syntax import (
    ancestors,
    callee_name,
    enclosing_function,
    indentation,
    node_at,
    owns_lines,
    statement_containing,
)

KIND = "load-before-end"
_EXPIRING = {"commit", "rollback", "expire", "expire_all"}
#: events that end the session, and the call that does it there: ``s.close()``, a scoped registry's ``remove()``
_ENDING = {"close": "close", "remove": "remove"}


def load_before_end(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("fault") not in ("detached_unloaded", "detached_expired") or data.get("is_async"):
        return []
    if detached_by_the_code(finding):
        return []
    attribute = data.get("attribute")
    if not attribute:
        return []
    names = "" if data.get("fault") == "detached_expired" and data.get("attribute_kind") == "column" else f', ["{attribute}"]'
    for span, effect in data.get("events", []):
        if effect not in _ENDING or not span:
            continue
        source = source_of(span[0])
        if source is None or source.tree is None:
            continue
        spot = _before_end(source, span)
        if spot is None:
            continue
        line, indent, session, function = spot
        name = _instance_name(data, source, function, line)
        if name is None or not _expired_before(data, source, function, line):
            continue
        text = f"{indent}{session}.refresh({name}{names})\n"
        title = f"Load `{attribute}` before the session ends: `{session}.refresh({name}{names})`"
        return [Fix(title, finding.code, KIND, (insertion(source.path, line, 0, text),), preferred=False)]
    return []


def _before_end(source, span):
    """(line to insert before, indentation, session name, function) for a ``close()`` call or a ``with`` exit."""
    expr = node_at(source, span, ast.expr)
    if expr is None:
        return None
    if isinstance(expr, ast.Call) and callee_name(expr) in _ENDING.values() and isinstance(expr.func, ast.Attribute):
        statement = statement_containing(source, expr)
        if isinstance(statement, ast.Expr) and statement.value is expr and _dotted(expr.func.value) \
                and owns_lines(source, statement):
            session = source.segment(expr.func.value)
            return statement.lineno, indentation(source, statement.lineno), session, enclosing_function(source.tree, statement)
        return None
    block = next(ancestors(source.tree, expr), None)
    block = next(ancestors(source.tree, block), None) if isinstance(block, ast.withitem) else None
    if not isinstance(block, ast.With) or (isinstance(expr, ast.Call) and callee_name(expr) == "begin"):
        return None
    item = next((i for i in block.items if i.context_expr is expr), None)
    if item is None or not isinstance(item.optional_vars, ast.Name):
        return None
    last = block.body[-1]
    if not owns_lines(source, last) or last.lineno == block.lineno:
        return None
    line = last.lineno if isinstance(last, ast.Return) else last.end_lineno + 1
    return line, indentation(source, last.lineno), item.optional_vars.id, enclosing_function(source.tree, block)


def _dotted(node: ast.AST) -> bool:
    """``session``, ``self.session``, ``model.Session``: a name, or attributes of one (no calls)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _instance_name(data, source, function, line: int) -> str | None:
    load = data.get("load")
    if not load or load[0] != source.path:
        return None
    node = node_at(source, load, ast.Call) or node_at(source, load, ast.expr)  # a query, or `owner = a.user`
    statement = statement_containing(source, node) if node is not None else None
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)):
        return None
    if enclosing_function(source.tree, statement) is not function or statement.end_lineno >= line:
        return None
    return statement.targets[0].id


def _expired_before(data, source, function, line: int) -> bool:
    for span, effect in data.get("events", []):
        if effect not in _EXPIRING:
            continue
        if span[0] != source.path or span[1] >= line:
            return False
        node = node_at(source, span, ast.expr)
        if node is None or enclosing_function(source.tree, node) is not function:
            return False
    return True
