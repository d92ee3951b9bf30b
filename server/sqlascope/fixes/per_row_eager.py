"""SQS201: load per-row lazy reads with the query that produced the rows.

The loader goes into the originating query's ``.options(...)``, in whatever function and module the query is:
``selectinload(Model.rel)`` for a collection, ``joinedload`` for a many-to-one, ``undefer`` for a deferred column,
chained along the relationships the loop followed (``selectinload(A.b).selectinload(B.c)``). ``immediateload(...)``
becomes ``selectinload(...)``. In an ``awaitable_attrs`` loop the ``await obj.awaitable_attrs.rel`` becomes a plain
read. The fix is preferred only when the query's function has no other caller (each would load more); otherwise it is
offered as a non-preferred alternative. Expired columns and dynamic relationships have no loader: no fix.
"""

from __future__ import annotations

import ast
import os
import weakref

from ..analysis.findings import Finding
from ..analysis.orm.sqla_api import QUERY_STRATEGIES
from .eager_load import _existing_options, _get_options_edit, _select_options_edit
from .edits import Fix, TextEdit, insertion
from .imports import ensure_import
from .syntax import ancestors, callee_name, calls_in, enclosing_function, node_at

KIND = "eager-load-per-row"
_ORM = "sqlalchemy.orm"


def _loader(uselist, kind: str, strategy: str | None) -> str | None:
    if kind == "relationship":
        return "joinedload" if uselist is False else "selectinload"
    if kind == "column" and strategy == "deferred":
        return "undefer"
    return None


def per_row_eager_load(finding: Finding, source_of) -> list[Fix]:
    data = finding.data
    span, chain = data.get("query"), data.get("chain")
    source = source_of(span[0]) if span else None
    query = (node_at(source, span, ast.Call) or node_at(source, span, ast.Attribute)) if source is not None else None
    if query is None or not chain or data.get("strategy") in QUERY_STRATEGIES:
        return []
    if data.get("immediate"):
        return _instead_of_immediate(finding, source, query)
    links = []
    for index, (owner, name, uselist, kind) in enumerate(chain):
        strategy = data.get("strategy") if index == len(chain) - 1 else "lazy"
        loader = _loader(uselist, kind, strategy)
        if loader is None:
            return []
        links.append((loader, owner, name))
    option = ".".join(f"{loader}({owner}.{name})" for loader, owner, name in links)
    edit = _options_edit(source, query, data.get("entity") or chain[0][0], option)
    if edit is None:
        return []
    edits = [edit]
    for loader in dict.fromkeys(loader for loader, _, _ in links):
        edits.extend(ensure_import(source, _ORM, loader))
    for owner in dict.fromkeys(owner for _, owner, _ in links[1:]):
        imported = _import_model(source, owner, data, source_of)
        if imported is None:
            return []
        edits.extend(imported)
    if data.get("awaitable"):
        plain = _plain_read(finding, source_of)
        if plain is None:
            return []
        edits.append(plain)
    preferred = _sole_caller(source, query, source_of)
    where = "" if source.path == finding.location.path else f" (in {os.path.basename(source.path)})"
    title = f"Load `{chain[-1][1]}` with the query{where}: `{option}`"
    if not preferred:
        title += " (the query's function has other callers: they load it too)"
    return [Fix(title, finding.code, KIND, tuple(edits), preferred=preferred)]


def _instead_of_immediate(finding: Finding, source, query: ast.Call) -> list[Fix]:
    """``immediateload(X.rel)`` → ``selectinload(X.rel)``; ``lazy="immediate"`` gets a ``selectinload`` option."""
    data = finding.data
    owner, name = data["chain"][-1][0], data["chain"][-1][1]
    statement = next((a for a in ancestors(source.tree, query) if isinstance(a, ast.stmt)), None)
    scope = statement if statement is not None else query
    for call in calls_in(scope):
        if callee_name(call) == "immediateload" and isinstance(call.func, ast.Name) and call.args \
                and isinstance(call.args[0], ast.Attribute) and call.args[0].attr == name:
            func = call.func
            edit = TextEdit(source.path, func.lineno, source.char_column(func.lineno, func.col_offset),
                            func.end_lineno, source.char_column(func.end_lineno, func.end_col_offset), "selectinload")
            edits = (edit, *ensure_import(source, _ORM, "selectinload"))
            return [Fix(f"Load `{name}` with one more query instead of one per row: `selectinload`", finding.code,
                        KIND, edits, preferred=True)]
    option = f"selectinload({owner}.{name})"
    edit = _options_edit(source, query, data.get("entity") or owner, option)
    if edit is None:
        return []
    return [Fix(f"Load `{name}` with one more query instead of one per row: `{option}`", finding.code, KIND,
                (edit, *ensure_import(source, _ORM, "selectinload")), preferred=True)]


def _options_edit(source, query: ast.AST, model: str, option: str) -> TextEdit | None:
    """The option joins the query's ``.options(...)``, or follows the query: ``select(M)`` / ``M.query``."""
    if isinstance(query, ast.Call):  # `session.get(M, id)` gains `options=[...]`
        return _get_options_edit(source, query, model, option) or _select_options_edit(source, query, model, option)
    existing = _existing_options(source, query)  # Flask-SQLAlchemy `Model.query`
    if existing is not None and existing.args:
        last = existing.args[-1]
        return insertion(source.path, last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset),
                         f", {option}")
    return insertion(source.path, query.end_lineno, source.char_column(query.end_lineno, query.end_col_offset),
                     f".options({option})")


def _plain_read(finding: Finding, source_of) -> TextEdit | None:
    """``await obj.awaitable_attrs.rel`` → ``obj.rel`` (loaded by the query now)."""
    location = finding.location
    source = source_of(location.path)
    span = [location.path, location.line, location.column, location.end_line, location.end_column]
    read = node_at(source, span, ast.Attribute) if source is not None else None
    if read is None or not (isinstance(read.value, ast.Attribute) and read.value.attr == "awaitable_attrs"):
        return None
    awaited = next(ancestors(source.tree, read), None)
    if not isinstance(awaited, ast.Await):
        return None
    text = f"{source.segment(read.value.value)}.{read.attr}"
    return TextEdit(source.path, awaited.lineno, source.char_column(awaited.lineno, awaited.col_offset),
                    awaited.end_lineno, source.char_column(awaited.end_lineno, awaited.end_col_offset), text)


def _import_model(source, name: str, data: dict, source_of) -> list[TextEdit] | None:
    """A class named in a chained option must be bound in the query's module: import it from a sibling module."""
    if any(isinstance(n, (ast.ClassDef, ast.Import, ast.ImportFrom, ast.Assign)) and name in _bound(n)
           for n in source.tree.body):
        return []
    folder = os.path.dirname(source.path)
    for path in _python_files(folder):
        other = source_of(path)
        if other is not None and other.tree is not None and any(
                isinstance(n, ast.ClassDef) and n.name == name for n in other.tree.body):
            module = os.path.relpath(path, folder)[:-3].replace(os.sep, ".")
            return ensure_import(source, module, name)
    return None


def _bound(node: ast.AST) -> set[str]:
    if isinstance(node, ast.ClassDef):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {alias.asname or alias.name.split(".")[0] for alias in node.names}
    return {t.id for t in getattr(node, "targets", ()) if isinstance(t, ast.Name)}


def _python_files(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_")) and d != "node_modules"]
        found.extend(os.path.join(root, f) for f in files if f.endswith(".py"))
    return sorted(found)


def _sole_caller(source, query: ast.Call, source_of) -> bool:
    """The query's function is called from one place at most (in its package), so loading more there changes
    nothing for other callers. A query at module level or in the flagged function itself qualifies."""
    function = enclosing_function(source.tree, query)
    if function is None:
        return True
    name = function.name  # a lambda has none: no fix (AttributeError)
    calls = 0
    for path in _python_files(os.path.dirname(source.path)):
        other = source_of(path)
        if other is None or other.tree is None:
            continue
        calls += _name_uses(other.tree).get(name, 0)
        if calls > 1:
            break
    return calls <= 1


#: per tree: what ``_name_uses`` found (every file of a folder is asked about once per SQS201 finding); held
#: weakly, so that the trees an editor session replaces at each edit are not kept alive by it
_NAME_USES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _name_uses(tree: ast.AST) -> dict[str, int]:
    """Per name, how many callers its uses in ``tree`` stand for: 1 per call of it (``name(...)``,
    ``x.name(...)``), 2 per other read (passed around: a callback, a Depends, whose callers we can't see).
    One walk per tree, remembered: asking per finding walked the whole folder each time."""
    uses = _NAME_USES.get(tree)
    if uses is None:
        uses = _NAME_USES[tree] = _count_name_uses(tree)
    return uses


def _count_name_uses(tree: ast.AST) -> dict[str, int]:
    uses: dict[str, int] = {}
    called: set[int] = set()  # the names a call's function is
    reads: list[ast.Name] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = callee_name(node)
            uses[name] = uses.get(name, 0) + 1
            if isinstance(node.func, ast.Name):
                called.add(id(node.func))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            reads.append(node)
    for node in reads:
        if id(node) not in called:
            uses[node.id] = uses.get(node.id, 0) + 2
    return uses


