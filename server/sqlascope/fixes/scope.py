"""Wrap in, or extend, the session scope so the faulting read runs while the session is still open.

Three shapes, all in the function that reads (the session must end there too):

- ``with Factory() as s: …`` followed by the read: the statements up to and including the read move into the
  block (re-indented). Not for ``async with`` (inside an AsyncSession the read would need IO: MissingGreenlet),
  and not for a ``with Factory.begin()`` block that created the instance (before the commit it has no key yet).
- a bare ``s = Factory()`` … ``s.close()`` … read in one block: the assignment becomes ``with Factory() as s:``,
  the body up to the read is re-indented, and the ``close()`` goes (the block's exit closes).
- ``s.close()`` in a loop body that reads an instance the next time round: the ``close()`` moves after the loop;
  ``s.close()`` before the read in the same block (session made elsewhere): it moves after the read.

``move_read_up`` is for a session that ends in a callee: the read moves up to just after the statement that
produced the instance, when it is a plain read (no calls) that the statements it jumps over do not touch.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..analysis.findings import Finding
from ..analysis.index.source import SourceFile
from .edits import Fix, TextEdit, insertion, replace_lines
from .syntax import (
    ancestors,
    block_and_read,
    block_of,
    can_move_across,
    callee_name,
    enclosing_function,
    indent_step,
    indent_unit,
    indentation,
    is_constructor_of,
    names_bound,
    node_at,
    owns_lines,
    reindent,
    statement_containing,
    trailing_comment,
    walk_local,
)

KIND = "scope"
MOVE_KIND = "move-read"
_LOOPS = (ast.For, ast.While, ast.AsyncFor)


@dataclass
class Site:
    """The faulting read, in its file: the node, its function, and the session-ending events seen there."""

    source: SourceFile
    node: ast.AST
    statement: ast.stmt
    function: ast.AST | None
    events: list[tuple[list, str]]  # (span, effect) of the instance's history in this file


def site_of(finding: Finding, source_of) -> Site | None:
    location = finding.location
    source = source_of(location.path)
    if source is None or source.tree is None:
        return None
    span = [location.path, location.line, location.column, location.end_line, location.end_column]
    node = node_at(source, span, ast.expr) or node_at(source, span)
    if node is None:
        return None
    statement = node if isinstance(node, ast.stmt) else statement_containing(source, node)
    if statement is None:
        return None
    events = [(span, effect) for span, effect in finding.data.get("events", []) if span and span[0] == location.path]
    return Site(source, node, statement, enclosing_function(source.tree, node), events)


def _in_function(site: Site, node: ast.AST) -> bool:
    return enclosing_function(site.source.tree, node) is site.function


def _loaded_new(site: Site, finding: Finding) -> bool:
    """The instance was created by ``Model(...)`` (pending until a flush gives it a key)."""
    load = finding.data.get("load")
    if not load:
        return False
    source = site.source if load[0] == site.source.path else None
    node = node_at(source, load, ast.Call) if source else None
    return is_constructor_of(node, finding.data.get("model"))


def _ending_withs(site: Site) -> list[tuple[ast.AST, set[str]]]:
    """``with`` statements of the reading function whose exit ended the session or committed (per the instance's
    history), with what the exit did: ``close``/``remove`` and/or ``commit`` (a ``begin()`` block, or a context
    manager whose ``__exit__`` commits)."""
    found: dict[int, tuple[ast.AST, set[str]]] = {}
    for span, effect in site.events:
        if effect not in _EXIT_EFFECTS:
            continue
        expr = node_at(site.source, span, ast.expr)
        if expr is None:
            continue
        for parent in ancestors(site.source.tree, expr):
            if isinstance(parent, (ast.With, ast.AsyncWith)) and any(item.context_expr is expr for item in parent.items):
                if _in_function(site, parent):
                    found.setdefault(id(parent), (parent, set()))[1].add(effect)
                break
    return list(found.values())


_EXIT_EFFECTS = {"close", "remove", "commit"}
#: effects after which the instance is detached whatever its sessions do
_DETACHES_ON_ITS_OWN = {"make_transient_to_detached"}


def detached_by_the_code(finding: Finding) -> bool:
    """The code itself made the instance detached (``make_transient_to_detached``): no session scope did, so
    neither a longer scope nor a load before the session ends changes the read."""
    return any(effect in _DETACHES_ON_ITS_OWN for _span, effect in finding.data.get("events", []))
_ENDS_SESSION = {"close", "remove"}


def _closing_calls(site: Site) -> list[tuple[ast.Expr, str]]:
    """``s.close()`` statements of the reading function that closed the session, with the session's text."""
    found = []
    for span, effect in site.events:
        if effect != "close":
            continue
        call = node_at(site.source, span, ast.Call)
        if call is None or callee_name(call) != "close" or not isinstance(call.func, ast.Attribute) or call.args:
            continue
        statement = statement_containing(site.source, call)
        if isinstance(statement, ast.Expr) and statement.value is call and _in_function(site, statement):
            if not isinstance(call.func.value, ast.Name):
                continue
            found.append((statement, call.func.value.id))
    return found


def _read_by_the_caller(site: Site, finding: Finding) -> bool:
    """``return obj`` where the read is not in the returned expression: the caller (a framework filling a response
    model, say) reads after the function has returned, when every ``with`` of the function has exited."""
    if not isinstance(site.statement, ast.Return) or site.statement.value is None:
        return False
    attribute = finding.data.get("attribute")
    value = site.statement.value
    return not any(isinstance(node, ast.Call) or isinstance(node, ast.Attribute) and node.attr == attribute
                   for node in ast.walk(value))


#: Session methods that put an instance in the receiving session, or need it there.
_INSTANCE_METHODS = {"add", "add_all", "merge", "refresh", "expunge", "delete"}


def _hands_to_another_session(moved: list[ast.stmt], with_stmt: ast.AST) -> bool:
    """Do the statements to move in hand instances to a session other than the block's (``s2.add(obj)``)? Inside
    the block those instances still belong to its session, and another session refuses them."""
    own = {item.optional_vars.id for item in with_stmt.items if isinstance(item.optional_vars, ast.Name)}
    own -= {name for stmt in moved for name in names_bound(stmt)}  # `with Session() as session:` again: another one
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr in _INSTANCE_METHODS
               and not (isinstance(node.func.value, ast.Name) and node.func.value.id in own)
               for stmt in moved for node in ast.walk(stmt))


def _is_begin(expr: ast.AST) -> bool:
    return isinstance(expr, ast.Call) and callee_name(expr) == "begin"


def extend_scope(finding: Finding, source_of) -> list[Fix]:
    site = site_of(finding, source_of)
    if site is None or finding.data.get("fault") == "greenlet" or _read_by_the_caller(site, finding):
        return []
    if detached_by_the_code(finding):
        return []
    fixes = []
    for with_stmt, effects in _ending_withs(site):
        fix = _extend_with(site, finding, with_stmt, effects)
        if fix is not None:
            fixes.append(fix)
    for close, session in _closing_calls(site):
        fix = _bare_to_with(site, finding, close, session) or _move_close(site, finding, close, session)
        if fix is not None:
            fixes.append(fix)
    return fixes[:1]


def _extend_with(site: Site, finding: Finding, with_stmt: ast.AST, effects: set[str]) -> Fix | None:
    source, tree = site.source, site.source.tree
    if isinstance(with_stmt, ast.AsyncWith):
        return None
    if not effects & _ENDS_SESSION and any(item.optional_vars is None for item in with_stmt.items):
        return None  # `with s.begin():` on a session made elsewhere: it commits, the session ends later
    if any(_is_begin(item.context_expr) for item in with_stmt.items) and _loaded_new(site, finding):
        return None
    held = block_and_read(tree, with_stmt, site.node)
    if held is None:
        return None
    _owner, _field, block, start, target = held
    if target <= start:
        return None
    moved = block[start + 1: target + 1]
    if "commit" in effects and any(_writes(stmt) for stmt in moved):
        return None  # the block commits on exit: writes moved into it would be saved, and they were not before
    if _hands_to_another_session(moved, with_stmt):
        return None
    body = with_stmt.body
    if body[0].lineno == with_stmt.lineno or not owns_lines(source, moved[0], moved[-1]):
        return None
    step = indent_step(source, with_stmt.lineno, body[0].lineno)
    if step is None:
        return None
    first, last = with_stmt.end_lineno + 1, moved[-1].end_lineno
    text = reindent(source, first, last, add=step)
    header = source.segment(with_stmt.items[0].context_expr)
    what = "this read" if len(moved) == 1 else f"the {len(moved)} statements up to this read"
    title = f"Read while the session is open: move {what} into `with {header}`"
    return Fix(title, finding.code, KIND, (replace_lines(source.path, first, last, text),), preferred=True)


_WRITING_CALLS = {"add", "add_all", "delete", "merge", "execute", "flush", "commit", "append", "remove", "extend",
                  "update", "pop", "clear", "setdefault", "discard"}


def _writes(stmt: ast.stmt) -> bool:
    """Sets or deletes an attribute or an item, or calls something that may write (``session.add``, ``.append``)."""
    for node in walk_local(stmt):
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            return True
        if isinstance(node, ast.Call) and callee_name(node) in _WRITING_CALLS:
            return True
    return False


def _bare_to_with(site: Site, finding: Finding, close: ast.Expr, session: str) -> Fix | None:
    source, tree = site.source, site.source.tree
    held = block_and_read(tree, close, site.node)
    if held is None:
        return None
    _owner, _field, block, at_close, target = held
    if target <= at_close:
        return None
    assigned = None
    for index in range(at_close - 1, -1, -1):
        stmt = block[index]
        if session in names_bound(stmt):
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(stmt.value, ast.Call)):
                assigned = index
            break
    if assigned is None:
        return None
    assign = block[assigned]
    if any(session in names_bound(s) for s in block[assigned + 1: target + 1]):
        return None  # the name is rebound: the block would not be about one session
    if not owns_lines(source, assign) or not owns_lines(source, close) or not owns_lines(source, block[assigned + 1], block[target]):
        return None
    outer = indentation(source, assign.lineno)
    header = f"{outer}with {source.segment(assign.value)} as {session}:{trailing_comment(source, assign)}{_eol(source, assign.end_lineno)}"
    body = reindent(source, assign.end_lineno + 1, block[target].end_lineno, add=indent_unit(source),
                    skip=set(range(close.lineno, close.end_lineno + 1)))
    title = f"Read while the session is open: use `with {source.segment(assign.value)} as {session}:` around this read"
    edit = replace_lines(source.path, assign.lineno, block[target].end_lineno, header + body)
    return Fix(title, finding.code, KIND, (edit,), preferred=True)


def _move_close(site: Site, finding: Finding, close: ast.Expr, session: str) -> Fix | None:
    source, tree = site.source, site.source.tree
    held = block_and_read(tree, close, site.node)
    if held is None or not owns_lines(source, close):
        return None
    owner, field, block, at_close, target = held
    delete = replace_lines(source.path, close.lineno, close.end_lineno, "")
    if isinstance(owner, _LOOPS) and field == "body" and target < at_close:
        # closed at the end of one iteration, read again in the next: close once, after the loop
        if not owns_lines(source, owner):
            return None
        step = indent_step(source, owner.lineno, close.lineno)
        if step is None:
            return None
        text = reindent(source, close.lineno, close.end_lineno, remove=step)
        after = insertion(source.path, owner.end_lineno + 1, 0, text)
        title = f"Read while the session is open: move `{session}.close()` after the loop"
        return Fix(title, finding.code, KIND, (delete, after), preferred=True)
    if target > at_close and not isinstance(owner, _LOOPS) and owns_lines(source, block[target]):
        text = reindent(source, close.lineno, close.end_lineno)
        after = insertion(source.path, block[target].end_lineno + 1, 0, text)
        title = f"Read while the session is open: move `{session}.close()` after this read"
        return Fix(title, finding.code, KIND, (delete, after), preferred=True)
    return None


def _eol(source: SourceFile, line: int) -> str:
    text = source.text.splitlines(keepends=True)[line - 1]
    return text[len(text.rstrip("\r\n")):] or "\n"


# -- move the read up, when the session ends in a callee ------------------------------------------------------
_PURE = (ast.Assign, ast.AnnAssign, ast.AugAssign)


def move_read_up(finding: Finding, source_of) -> list[Fix]:
    """``x = obj.attr`` after calls that end the session somewhere else: read it right after ``obj`` is made."""
    site = site_of(finding, source_of)
    instance = finding.data.get("instance") or ""
    if site is None or not instance.isidentifier():
        return []
    if _ending_withs(site) or _closing_calls(site):
        return []  # the session ends in this function: the scope fixes know better
    source, tree = site.source, site.source.tree
    held = block_of(tree, site.statement)
    if held is None:
        return []
    block = held[2]
    target = next(i for i, s in enumerate(block) if s is site.statement)
    read = block[target]
    if not isinstance(read, _PURE) or not owns_lines(source, read):
        return []
    if any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda)) for n in ast.walk(read)):
        return []
    made = None
    for index in range(target - 1, -1, -1):
        if instance in names_bound(block[index]):
            made = index
            break
    if made is None or made == target - 1:
        return []
    jumped = block[made + 1: target]
    if not can_move_across(source, read, jumped):
        return []
    for stmt in jumped:
        for node in walk_local(stmt):
            uses = isinstance(node, ast.Name) and node.id == instance
            if uses and not _attribute_read(tree, node):
                return []  # the instance itself is handed on or changed there: reading earlier may differ
    if not any(isinstance(n, ast.Call) for stmt in jumped for n in walk_local(stmt)):
        return []  # nothing in between could have ended the session
    text = reindent(source, read.lineno, read.end_lineno)
    edits: tuple[TextEdit, ...] = (
        replace_lines(source.path, read.lineno, read.end_lineno, ""),
        insertion(source.path, block[made].end_lineno + 1, 0, text),
    )
    title = f"Read `{finding.data.get('expression') or instance}` before the session ends: move this line up, after `{instance}` is loaded"
    return [Fix(title, finding.code, MOVE_KIND, edits, preferred=False)]


def _attribute_read(tree: ast.AST, name: ast.Name) -> bool:
    parent = next(ancestors(tree, name), None)
    return isinstance(parent, ast.Attribute) and parent.value is name and isinstance(parent.ctx, ast.Load)
