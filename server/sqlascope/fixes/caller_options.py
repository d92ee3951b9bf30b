"""Eager loading through a helper that loads a model its caller chooses: the caller passes the loader option.

A helper such as ``def _get(Session, model, key): ... session.get(model, key)`` or a generic repository's
``session.get(self.model, item_id)`` cannot name ``User.addresses`` in its query: it loads other models for other
callers, and an option for another entity makes their query raise. The helper gets an ``options=()`` parameter
that it hands to its query (``session.get(..., options=options)`` / ``.options(*options)``), and the caller whose
instance faults passes ``options=[selectinload(User.addresses)]``. Other callers keep loading what they loaded.

Conditions: the query's entity is not the model's own name; the function that reads bound the instance with
``name = helper(...)`` (or ``obj.helper(...)``), whose callee is the function holding the query; the model's name is
bound at the top of the caller's module; the helper takes no ``*args``/``**kwargs`` of its own and no parameter
named ``options`` that its query ignores.
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, TextEdit, insertion
from .imports import ensure_import
from .syntax import ancestors, append_argument, callee_name, enclosing_function, module_binds, node_at, walk_local

KIND = "eager-load"
PARAMETER = "options"
_GET_CALLS = {"get", "get_one"}
_ENTITY_CALLS = {"select", "query"}


def _loader(data: dict) -> str | None:
    if data.get("attribute_kind") == "relationship" and data.get("strategy") == "lazy":
        return "joinedload" if data.get("uselist") is False else "selectinload"
    if data.get("attribute_kind") == "column" and data.get("strategy") == "deferred":
        return "undefer"
    return None


def options_from_caller(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("fault") != "detached_unloaded" or data.get("is_async"):
        return []
    loader, model, attribute = _loader(data), data.get("model"), data.get("attribute")
    span, location = data.get("load"), finding.location
    if loader is None or not model or not attribute or not span:
        return []
    helper_source, caller_source = source_of(span[0]), source_of(location.path)
    if helper_source is None or caller_source is None or helper_source.tree is None or caller_source.tree is None:
        return []
    load = node_at(helper_source, span, ast.Call)
    helper = enclosing_function(helper_source.tree, load) if load is not None else None
    if helper is None or not _entity_from_elsewhere(load, model):
        return []
    call = _call_binding_instance(caller_source, location, data.get("instance") or "", helper.name)
    if call is None or not module_binds(caller_source, model) or any(k.arg == PARAMETER for k in call.keywords):
        return []
    plumbing = _plumbing(helper_source, helper, load)
    if plumbing is None:
        return []
    option = f"{loader}({model}.{attribute})"
    edits: tuple[TextEdit, ...] = (*plumbing, append_argument(caller_source, call, f"{PARAMETER}=[{option}]"),
                                   *ensure_import(caller_source, "sqlalchemy.orm", loader))
    title = f"Load `{attribute}` eagerly: pass `{PARAMETER}=[{option}]` to `{helper.name}(...)`"
    if plumbing:
        title += f" (a new `{PARAMETER}` parameter that it hands to its query)"
    return [Fix(title, finding.code, KIND, edits, preferred=True)]


def _entity_from_elsewhere(load: ast.Call, model: str) -> bool:
    """The query's entity is an expression (a parameter, ``self.model``, ``cls.model``), not the model's name."""
    entity = _entity_of(load)
    return entity is not None and not (isinstance(entity, ast.Name) and entity.id == model)


def _entity_of(load: ast.Call) -> ast.AST | None:
    if callee_name(load) in _GET_CALLS and load.args:
        return load.args[0]
    for node in ast.walk(load):
        if isinstance(node, ast.Call) and callee_name(node) in _ENTITY_CALLS and len(node.args) == 1:
            return node.args[0]
    return None


def _call_binding_instance(source, location, instance: str, helper: str) -> ast.Call | None:
    """The ``instance = helper(...)`` statement, before the read, in the function that reads."""
    read = node_at(source, [location.path, location.line, location.column, location.end_line, location.end_column])
    if read is None or not instance.isidentifier():
        return None
    function = enclosing_function(source.tree, read)
    found = None
    for node in walk_local(function if function is not None else source.tree):
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == instance and node.lineno < location.line
                and (found is None or node.lineno > found.lineno)):
            found = node
    if found is None or not isinstance(found.value, ast.Call) or callee_name(found.value) != helper:
        return None
    return found.value


def _plumbing(source, helper: ast.AST, load: ast.Call) -> list[TextEdit] | None:
    """The edits that give ``helper`` an ``options`` parameter handed to its query ([] when it has one already)."""
    arguments = helper.args
    names = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
    if PARAMETER in names:
        return [] if _hands_on(load) else None
    if arguments.vararg is not None or arguments.kwarg is not None or not arguments.args:
        return None
    query = _query_edit(source, load)
    if query is None:
        return None
    last = (arguments.kwonlyargs or arguments.args)[-1]
    default = next((d for d in reversed(arguments.kw_defaults if arguments.kwonlyargs else arguments.defaults) if d), None)
    end = default if default is not None and (default.lineno, default.col_offset) > (last.lineno, last.col_offset) else last
    column = source.char_column(end.end_lineno, end.end_col_offset)
    return [insertion(source.path, end.end_lineno, column, f", {PARAMETER}=()"), query]


def _hands_on(load: ast.Call) -> bool:
    """The query already uses the ``options`` name (``options=options``, ``.options(*options)``)."""
    return any(isinstance(n, ast.Name) and n.id == PARAMETER for n in ast.walk(load))


def _query_edit(source, load: ast.Call) -> TextEdit | None:
    if callee_name(load) in _GET_CALLS:
        if any(k.arg == PARAMETER or k.arg is None for k in load.keywords):
            return None
        return append_argument(source, load, f"{PARAMETER}={PARAMETER}")
    entity = next((n for n in ast.walk(load) if isinstance(n, ast.Call) and callee_name(n) in _ENTITY_CALLS), None)
    if entity is None:
        return None
    parent = next(ancestors(source.tree, entity), None)
    if isinstance(parent, ast.Attribute) and parent.attr == PARAMETER:
        return None  # an ``.options(...)`` of its own follows: left alone
    column = source.char_column(entity.end_lineno, entity.end_col_offset)
    return insertion(source.path, entity.end_lineno, column, f".{PARAMETER}(*{PARAMETER})")
