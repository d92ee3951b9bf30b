"""``expire_on_commit=False`` where the session's factory (or the ``Session(...)`` call) is made.

Offered only when a commit, and nothing else, expired the attribute: rollback expires regardless of the setting,
and a lazy relationship or a deferred column would still be unloaded (``eager_load_and_keep`` loads those too). The edit may be in another module (a WorkspaceEdit). When the
factory already passes ``expire_on_commit=<something computed>``, overriding it is offered but never preferred.
Not offered when the function also uses one of the instance's dynamic or write-only relationships: the fix leaves
the instance detached, and such a relationship then queries nothing (a detached ``.count()`` is silently 0).
"""

from __future__ import annotations

import ast

from ..analysis.findings import Finding
from .edits import Fix, TextEdit, insertion
from .syntax import append_argument, callee_name, enclosing_function, node_at

KEYWORD = "expire_on_commit"
KIND = "expire-on-commit"


def keep_loaded_on_commit(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    if data.get("attribute_kind") != "column" or data.get("expired_by") != ["commit"] or not data.get("factory"):
        return []
    if data.get("strategy") == "deferred":
        return []  # it may never have been loaded before the commit: see eager_load_and_keep (undefer it too)
    if _uses_query_relationship(finding, source_of):
        return []
    call = _factory_call(data, source_of)
    if call is None:
        return []
    source, call = call
    edit = _set_keyword(source, call)
    if edit is None:
        return []
    where = (f"at {source.segment(call.func)}(...)" if isinstance(call, ast.Call)
             else "where the session sets it")
    title = f"Keep attributes loaded after commit: `{KEYWORD}=False` {where}"
    return [Fix(title, finding.code, KIND, (edit,), preferred=not _overrides_computed(call))]


def _uses_query_relationship(finding: Finding, source_of) -> bool:
    names, instance = set(finding.data.get("query_relationships") or ()), finding.data.get("instance")
    source = source_of(str(finding.location.path)) if names and instance else None
    if source is None or source.tree is None:
        return False
    read = node_at(source, [str(finding.location.path), finding.location.line, finding.location.column,
                            finding.location.end_line, finding.location.end_column])
    scope = enclosing_function(source.tree, read) if read is not None else None
    return any(isinstance(node, ast.Attribute) and node.attr in names and isinstance(node.value, ast.Name)
               and node.value.id == instance for node in ast.walk(scope or source.tree))


def factory_edit(data: dict, source_of) -> TextEdit | None:
    """The ``expire_on_commit=False`` edit alone, for fixes that combine it with another."""
    found = _factory_call(data, source_of) if data.get("factory") else None
    if found is None or _overrides_computed(found[1]):
        return None
    return _set_keyword(*found)


def _factory_call(data: dict, source_of):
    """The call that made the session's factory (or the session), or the value of a ``session.expire_on_commit =
    True`` that set the flag later."""
    span = data["factory"]
    source = source_of(span[0])
    if source is None:
        return None
    call = node_at(source, span, ast.Call) or node_at(source, span, ast.Constant)
    return (source, call) if call is not None else None


def _overrides_computed(call: ast.Call | ast.Constant) -> bool:
    """The factory call sets the option from something computed (or passes ``**kwargs``): overriding it is a choice."""
    if isinstance(call, ast.Constant):
        return False
    keywords = list(call.keywords)
    if callee_name(call) == "SQLAlchemy":
        options = next((k.value for k in keywords if k.arg == "session_options"), None)
        if options is not None and not isinstance(options, ast.Dict):
            return True
        keywords = [ast.keyword(arg=k.value, value=v) for k, v in zip(options.keys, options.values)
                    if isinstance(k, ast.Constant)] if isinstance(options, ast.Dict) else []
    return any(k.arg == KEYWORD and not isinstance(k.value, ast.Constant) for k in keywords) or any(
        k.arg is None for k in call.keywords)


def _set_keyword(source, call: ast.Call | ast.Constant) -> TextEdit | None:
    if isinstance(call, ast.Constant):  # `session.expire_on_commit = True`
        return TextEdit(source.path, call.lineno, source.char_column(call.lineno, call.col_offset),
                        call.end_lineno, source.char_column(call.end_lineno, call.end_col_offset), "False")
    if callee_name(call) == "SQLAlchemy":
        return _flask_session_option(source, call)
    for keyword in call.keywords:
        if keyword.arg == KEYWORD:
            value = keyword.value
            return TextEdit(source.path, value.lineno, source.char_column(value.lineno, value.col_offset),
                            value.end_lineno, source.char_column(value.end_lineno, value.end_col_offset), "False")
    return append_argument(source, call, f"{KEYWORD}=False")


def _flask_session_option(source, call: ast.Call) -> TextEdit | None:
    """Flask-SQLAlchemy: ``SQLAlchemy(session_options={"expire_on_commit": False})``."""
    entry = f'"{KEYWORD}": False'
    for keyword in call.keywords:
        if keyword.arg != "session_options":
            continue
        options = keyword.value
        if not isinstance(options, ast.Dict) or None in options.keys:
            return None
        for key, value in zip(options.keys, options.values):
            if isinstance(key, ast.Constant) and key.value == KEYWORD:
                return TextEdit(source.path, value.lineno, source.char_column(value.lineno, value.col_offset),
                                value.end_lineno, source.char_column(value.end_lineno, value.end_col_offset), "False")
        if options.values:
            last = options.values[-1]
            return insertion(source.path, last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset), f", {entry}")
        return insertion(source.path, options.end_lineno, source.char_column(options.end_lineno, options.end_col_offset) - 1, entry)
    return append_argument(source, call, f"session_options={{{entry}}}")
