"""Eager-load what the faulting read needs, in the query that produced the instance.

``session.get(Model, id)`` gains ``options=[selectinload(Model.rel)]``; ``select(Model)`` / ``session.query(Model)``
gains ``.options(selectinload(Model.rel))``, or the loader joins an ``.options(...)`` already in the chain. A
statement built in a variable (``stmt = select(Model)…``; ``session.scalars(stmt)``) is followed to where it is
built. Many-to-one relationships use ``joinedload``; deferred columns use ``undefer``. A column left out by the
query's own ``load_only(...)`` joins its list, and one it ``defer(...)``s loses that option. A relationship the query
loads with ``lazyload``/``noload``/``raiseload`` gets the eager loader in that option's place (two strategies for one
relationship fail when the query compiles). The loader is imported from ``sqlalchemy.orm`` if the file lacks it.

``eager_load_and_keep`` is for a relationship that a commit expired: loading it eagerly is not enough (the commit
expires it again), so it also sets ``expire_on_commit=False`` where the session's factory is made.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, TextEdit, insertion
from .expire_on_commit import factory_edit
from .imports import ensure_import
from .syntax import ancestors, append_argument, callee_name, calls_in, enclosing_function, node_at, walk_local

_ENTITY_CALLS = {"select", "query", "exec"}
_QUERY_PROPERTY = "query"  # Flask-SQLAlchemy: ``Model.query`` is ``db.session.query(Model)``
KIND = "eager-load"
KEEP_KIND = "eager-load+expire-on-commit"


def _loader(data: dict) -> str | None:
    if data.get("attribute_kind") == "relationship" and data.get("strategy") == "lazy":
        return "joinedload" if data.get("uselist") is False else "selectinload"
    if data.get("attribute_kind") == "column" and data.get("strategy") == "deferred":
        return "undefer"
    return None


def eager_load(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("fault") == "detached_expired" or data.get("fault") == "greenlet" and data.get("expired_by"):
        return []  # expired by a commit, rollback or expire(): that expires eager-loaded attributes too
    return _eager_fix(finding, source_of, KIND)


def eager_load_and_keep(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("fault") != "detached_expired" or data.get("expired_by") != ["commit"]:
        return []
    if data.get("attribute_kind") != "relationship" and data.get("strategy") != "deferred":
        return []
    keep = factory_edit(data, source_of)
    if keep is None:
        return []
    if _already_eager(data, source_of):
        title = f"Keep `{data['attribute']}` (loaded by the query) after commit: `expire_on_commit=False` at the factory"
        return [Fix(title, finding.code, KEEP_KIND, (keep,), preferred=True)]
    eager = _eager_fix(finding, source_of, KEEP_KIND)
    if not eager:
        return []
    fix = eager[0]
    title = f"{fix.title}, and keep it loaded after commit: `expire_on_commit=False`"
    return [Fix(title, finding.code, KEEP_KIND, fix.edits + (keep,), preferred=True)]


#: faults of an attribute that was never loaded (eager_load has already set aside the expired ones)
_NOT_LOADED = {"detached_unloaded", "greenlet"}
#: (``contains_eager`` counts: a second loader for the same attribute is a conflict SQLAlchemy refuses)
_EAGER_LOADERS = {"selectinload", "joinedload", "subqueryload", "immediateload", "undefer", "contains_eager"}


def _already_eager(data: dict, source_of) -> bool:
    """The query that loaded the instance already names a loader for this attribute."""
    span = data.get("load")
    source = source_of(span[0]) if span else None
    load = node_at(source, span, ast.Call) if source else None
    if load is None:
        return False
    model, attribute = data.get("model"), data.get("attribute")
    for expression in query_expressions(source, load):
        for call in calls_in(expression):
            if callee_name(call) in _EAGER_LOADERS and call.args and _names_attribute(call.args[0], model, attribute):
                return True
    return False


def _eager_fix(finding: Finding, source_of, kind: str) -> list[Fix]:
    data = finding.data
    span = data.get("load")
    source = source_of(span[0]) if span else None
    load = node_at(source, span, ast.Call) if source else None
    if load is None:
        return []
    model, attribute = data.get("model"), data.get("attribute")
    if not model or not attribute:
        return []
    if data.get("attribute_kind") == "column" and data.get("strategy") == "column" and data.get("fault") in _NOT_LOADED:
        return _unexclude(finding, source, load, model, attribute, kind)  # never loaded: the query left it out
    loader = _loader(data)
    if loader is None or _already_eager(data, source_of) or _repopulated_after(source, load):
        return []
    option = f"{loader}({model}.{attribute})"
    conflicting = _lazy_option(source, load, model, attribute)
    if conflicting is not None:
        # a second strategy for the same relationship fails when the query compiles ("in conflict with existing
        # strategy"): the eager loader takes the lazy option's place
        name = conflicting.func
        edit = TextEdit(source.path, name.lineno, source.char_column(name.lineno, name.col_offset),
                        name.end_lineno, source.char_column(name.end_lineno, name.end_col_offset), loader)
        title = f"Load `{attribute}` eagerly: `{option}` instead of `{source.segment(conflicting)}`"
        return [Fix(title, finding.code, kind, (edit, *ensure_import(source, "sqlalchemy.orm", loader)), preferred=True)]
    edit = _get_options_edit(source, load, model, option) or _select_options_edit(source, load, model, option)
    if edit is None:
        return []
    edits = (edit, *ensure_import(source, "sqlalchemy.orm", loader))
    title = f"Load `{attribute}` eagerly: `{option}` in the query"
    return [Fix(title, finding.code, kind, edits, preferred=True)]


def _repopulated_after(source, load: ast.Call) -> bool:
    """A ``populate_existing`` query runs after the load in the same function: it overwrites the instances it
    returns with what its own loader options load, so a relationship the first query loaded is unloaded again."""
    function = enclosing_function(source.tree, load)
    for node in walk_local(function if function is not None else source.tree):
        if not isinstance(node, ast.Call) or node.lineno <= load.end_lineno:
            continue
        if callee_name(node) == "populate_existing" or any(
                k.arg == "populate_existing" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                for k in node.keywords):
            return True
    return False


def _names_model(call: ast.Call, model: str) -> bool:
    return bool(call.args) and isinstance(call.args[0], ast.Name) and call.args[0].id == model


def _selects_model(call: ast.Call, model: str) -> bool:
    """``select(A, B)`` / ``session.query(A, B)`` names ``model`` as one of its entities (options apply to any)."""
    return any(isinstance(a, ast.Name) and a.id == model for a in call.args)


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
    return append_argument(source, load, f"options=[{option}]")


def query_expressions(source, load: ast.Call, depth: int = 4) -> list[ast.AST]:
    """The load call, and the expressions assigned to the names it uses (``stmt = select(User)…``), followed back
    through reassignments in the same function."""
    found: list[ast.AST] = [load]
    todo = [load]
    function = enclosing_function(source.tree, load)
    scope = function if function is not None else source.tree
    while todo and depth > 0:
        depth -= 1
        current = todo.pop()
        for name in {n.id for n in ast.walk(current) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}:
            value = _last_assignment(scope, name, current.lineno)
            if value is not None and all(value is not f for f in found):
                found.append(value)
                todo.append(value)
    return found


def _last_assignment(scope: ast.AST, name: str, before: int) -> ast.AST | None:
    best = None
    for node in walk_local(scope):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == name and node.lineno < before and (best is None or node.lineno > best.lineno):
                best = node
    return best.value if best is not None else None


def _entity_call(source, load: ast.Call, model: str) -> ast.AST | None:
    """Where the query names its entity: ``select(Model)``, ``session.query(Model)``, ``session.exec(...)``, or
    Flask-SQLAlchemy's query property ``Model.query``: loader options chain on right after it."""
    for expression in query_expressions(source, load):
        for call in calls_in(expression):
            if callee_name(call) in _ENTITY_CALLS and _selects_model(call, model):
                return call
        for node in ast.walk(expression):
            if isinstance(node, ast.Attribute) and node.attr == _QUERY_PROPERTY and _names_attribute(node, model) \
                    and isinstance(node.ctx, ast.Load):
                return node
    return None


def _existing_options(source, call: ast.AST) -> ast.Call | None:
    """The ``.options(...)`` call further along the method chain that starts at ``call``, if any."""
    current: ast.AST = call
    chain = ancestors(source.tree, current)
    for parent in chain:
        if not (isinstance(parent, ast.Attribute) and parent.value is current):
            return None
        outer = next(chain, None)
        if not (isinstance(outer, ast.Call) and outer.func is parent):
            return None
        if parent.attr == "options" and not any(isinstance(a, ast.Starred) for a in outer.args) and not outer.keywords:
            return outer
        current = outer
    return None


def _select_options_edit(source, load: ast.Call, model: str, option: str):
    call = _entity_call(source, load, model)
    if call is None:
        return None
    options = _existing_options(source, call)
    if options is not None and options.args:
        last = options.args[-1]
        return insertion(source.path, last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset), f", {option}")
    column = source.char_column(call.end_lineno, call.end_col_offset)
    return insertion(source.path, call.end_lineno, column, f".options({option})")


# -- a column the query itself left out -------------------------------------------------------------------------
_LAZY_LOADERS = {"lazyload", "noload", "raiseload"}


def _lazy_option(source, load: ast.Call, model: str, attribute: str) -> ast.Call | None:
    """A ``lazyload``/``noload``/``raiseload(Model.attr)`` the query already gives this relationship."""
    for expression in query_expressions(source, load):
        for call in calls_in(expression):
            if (isinstance(call.func, ast.Name) and call.func.id in _LAZY_LOADERS and len(call.args) == 1
                    and not call.keywords and _names_attribute(call.args[0], model, attribute)):
                return call
    return None


def _names_attribute(node: ast.AST, model: str, attribute: str | None = None) -> bool:
    """``Model.attr``, or the class reached through a name (``db.Model.attr``, ``models.Model.attr``)."""
    if not isinstance(node, ast.Attribute) or attribute is not None and node.attr != attribute:
        return False
    owner = node.value
    return isinstance(owner, ast.Name) and owner.id == model or (
        isinstance(owner, ast.Attribute) and owner.attr == model and isinstance(owner.value, ast.Name))


def _unexclude(finding: Finding, source, load: ast.Call, model: str, attribute: str, kind: str) -> list[Fix]:
    for expression in query_expressions(source, load):
        for call in calls_in(expression):
            name = callee_name(call)
            if name == "load_only" and call.args and all(_names_attribute(a, model) for a in call.args):
                last = call.args[-1]
                named = f"{source.segment(last.value)}.{attribute}"  # as the list names the class
                edit = insertion(source.path, last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset),
                                 f", {named}")
                title = f"Load `{attribute}` with the query: add `{named}` to `load_only(...)`"
                return [Fix(title, finding.code, kind, (edit,), preferred=True)]
            if name == "defer" and len(call.args) == 1 and not call.keywords and _names_attribute(call.args[0], model, attribute):
                edit = _remove_option(source, call)
                if edit is not None:
                    title = f"Load `{attribute}` with the query: remove `{source.segment(call)}`"
                    return [Fix(title, finding.code, kind, (edit,), preferred=True)]
    return []


def _remove_option(source, option: ast.Call) -> TextEdit | None:
    """Delete one loader option: the whole ``.options(...)`` when it is the only one, else the argument and a comma."""
    parent = next(ancestors(source.tree, option), None)
    if not (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "options"):
        return None
    args = parent.args
    index = next((i for i, a in enumerate(args) if a is option), None)
    if index is None or parent.keywords:
        return None

    def at(line, byte_column):
        return line, source.char_column(line, byte_column)

    if len(args) == 1:
        receiver = parent.func.value
        start = at(receiver.end_lineno, receiver.end_col_offset)
        end = at(parent.end_lineno, parent.end_col_offset)
    elif index < len(args) - 1:
        start = at(option.lineno, option.col_offset)
        end = at(args[index + 1].lineno, args[index + 1].col_offset)
    else:
        start = at(args[index - 1].end_lineno, args[index - 1].end_col_offset)
        end = at(option.end_lineno, option.end_col_offset)
    return TextEdit(source.path, start[0], start[1], end[0], end[1], "")
