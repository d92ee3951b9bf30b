"""Finding the syntax a finding points at, and small helpers shared by the fixes."""

from __future__ import annotations

import ast
from typing import Iterator

from ..analysis.index.source import SourceFile
from .edits import insertion


def node_at(source: SourceFile, span: list | tuple, kind: type = ast.AST) -> ast.AST | None:
    """The node of ``kind`` whose range is exactly ``span`` ([path, line, col, end_line, end_col], code points)."""
    if source.tree is None or span is None:
        return None
    _, line, column, end_line, end_column = span
    for node in ast.walk(source.tree):
        if isinstance(node, kind) and getattr(node, "lineno", None) == line and node.end_lineno == end_line:
            if (source.char_column(line, node.col_offset), source.char_column(end_line, node.end_col_offset)) == (column, end_column):
                return node
    return None


def statement_containing(source: SourceFile, target: ast.AST) -> ast.stmt | None:
    """The innermost statement that contains ``target`` (``target`` itself when it is one)."""
    if isinstance(target, ast.stmt):
        return target
    return next((node for node in ancestors(source.tree, target) if isinstance(node, ast.stmt)), None)


def is_awaited(source: SourceFile, call: ast.AST) -> bool:
    return any(isinstance(n, ast.Await) and n.value is call for n in ast.walk(source.tree))


def indentation(source: SourceFile, line: int) -> str:
    text = source.lines[line - 1]
    return text[: len(text) - len(text.lstrip())]


def calls_in(node: ast.AST) -> Iterator[ast.Call]:
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            yield child


def callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


# -- structure: parents, blocks, functions -------------------------------------------------------------------
_PARENTS: dict = {}
_STRING_LINES: dict = {}


def _remembered(cache: dict, owner, compute):
    """``compute(owner)``, kept for the last few owners (a tree, a source file): computing the fixes of one
    diagnostic asks for the same one many times. Keyed by identity, the owner kept alive with its value."""
    hit = cache.get(id(owner))
    if hit is not None and hit[0] is owner:
        return hit[1]
    value = compute(owner)
    if len(cache) > 16:
        cache.clear()
    cache[id(owner)] = (owner, value)
    return value


def parents(tree: ast.AST) -> dict[int, ast.AST]:
    """``id(child) → parent`` for every node of ``tree``."""
    return _remembered(_PARENTS, tree, lambda t: {id(child): node for node in ast.walk(t)
                                                 for child in ast.iter_child_nodes(node)})


def ancestors(tree: ast.AST, node: ast.AST) -> Iterator[ast.AST]:
    """The nodes enclosing ``node``, innermost first (``node`` itself excluded)."""
    up = parents(tree)
    current = up.get(id(node))
    while current is not None:
        yield current
        current = up.get(id(current))


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def enclosing_function(tree: ast.AST, node: ast.AST) -> ast.AST | None:
    """The innermost function (or lambda) around ``node``; None at module level."""
    return next((a for a in ancestors(tree, node) if isinstance(a, FUNCTIONS)), None)


def block_of(tree: ast.AST, stmt: ast.stmt) -> tuple[ast.AST, str, list[ast.stmt]] | None:
    """(owner, field, statements): the statement list that holds ``stmt``."""
    owner = parents(tree).get(id(stmt))
    if owner is None:
        return None
    for name in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(owner, name, None)
        if isinstance(block, list) and any(s is stmt for s in block):
            return owner, name, block
    return None


def block_and_read(tree: ast.AST, stmt: ast.stmt, node: ast.AST) -> tuple[ast.AST, str, list[ast.stmt], int, int] | None:
    """(owner, field, statements, index of ``stmt``, index of the statement holding ``node``), when ``node`` lies
    in the statement list that holds ``stmt``."""
    held = block_of(tree, stmt)
    if held is None:
        return None
    owner, field, block = held
    target = sibling_containing(tree, block, node)
    if target is None:
        return None
    return owner, field, block, next(i for i, s in enumerate(block) if s is stmt), target


def sibling_containing(tree: ast.AST, block: list[ast.stmt], node: ast.AST) -> int | None:
    """Index of the statement of ``block`` that is ``node`` or encloses it."""
    for index, stmt in enumerate(block):
        if stmt is node:
            return index
    chain = list(ancestors(tree, node))
    for index, stmt in enumerate(block):
        if any(a is stmt for a in chain):
            return index
    return None


def names_bound(node: ast.AST) -> set[str]:
    """Names a statement assigns (targets, loop variables, ``with … as``, imports, walrus), not in nested defs."""
    bound: set[str] = set()
    for child in walk_local(node):
        if isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
            bound.add(child.id)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and child is not node:
            bound.add(child.name)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).partition(".")[0] for a in child.names)
    return bound


#: statements that leave their block: a statement cannot be moved across one
LEAVING = (ast.Return, ast.Raise, ast.Break, ast.Continue)


def can_move_across(source: SourceFile, moved: ast.stmt, jumped: list[ast.stmt]) -> bool:
    """Can ``moved`` run before or after ``jumped`` instead, and each see the same names: none of ``jumped`` leaves
    the block or shares lines with other code, binds a name ``moved`` uses or binds, or reads one ``moved`` binds."""
    reads, binds = names_read(moved), names_bound(moved)
    for stmt in jumped:
        if isinstance(stmt, LEAVING) or not owns_lines(source, stmt):
            return False
        if names_bound(stmt) & (reads | binds) or names_read(stmt) & binds:
            return False
    return True


def names_read(node: ast.AST) -> set[str]:
    return {c.id for c in ast.walk(node) if isinstance(c, ast.Name) and isinstance(c.ctx, ast.Load)}


def walk_local(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk`` that does not descend into nested functions, lambdas or classes."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, (*FUNCTIONS, ast.ClassDef)):
                todo.append(child)
            else:
                yield child


def function_binds(function: ast.AST | None, name: str, tree: ast.AST) -> bool:
    """Whether ``name`` is a parameter or a local binding of ``function`` (or a module-level name)."""
    scope = function if function is not None else tree
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = scope.args
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        if any(p is not None and p.arg == name for p in params):
            return True
    return any(name in names_bound(stmt) for stmt in getattr(scope, "body", []) if isinstance(stmt, ast.stmt)) \
        or any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in walk_local(scope))


def module_binds(source: SourceFile, name: str) -> bool:
    """``name`` is a class defined, or a name imported, at the top of the module (so new code there can use it)."""
    for stmt in source.tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == name:
            return True
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name) == name for a in stmt.names):
            return True
    return False


def is_constructor_of(node: ast.AST | None, model: str | None) -> bool:
    """``Model(...)``: a new object, not one loaded by a query."""
    if not isinstance(node, ast.Call) or not model:
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == model) or (isinstance(func, ast.Attribute) and func.attr == model)


# -- lines and indentation ---------------------------------------------------------------------------------
def raw_lines(source: SourceFile) -> list[str]:
    """The file's lines with their line endings (what edits replace)."""
    return source.text.splitlines(keepends=True)


def string_continuation_lines(source: SourceFile) -> frozenset[int]:
    """1-based lines that start inside a multi-line string: re-indenting them would change the string."""
    return _remembered(_STRING_LINES, source, _string_continuation_lines)


def _string_continuation_lines(source: SourceFile) -> frozenset[int]:
    import io
    import tokenize

    inside: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source.text).readline):
            if token.type == tokenize.STRING or getattr(tokenize, "FSTRING_MIDDLE", -1) == token.type:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return frozenset(inside)


def indent_step(source: SourceFile, outer_line: int, inner_line: int) -> str | None:
    """What ``inner_line``'s indentation adds to ``outer_line``'s (a block's body to its header), or None when
    it adds nothing or doesn't extend it (tabs against spaces)."""
    outer, inner = indentation(source, outer_line), indentation(source, inner_line)
    return inner[len(outer):] if inner.startswith(outer) and len(inner) > len(outer) else None


def indent_unit(source: SourceFile) -> str:
    """The file's indentation step (what one more block level adds), four spaces when it can't be told."""
    for node in ast.walk(source.tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.stmt) and isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            step = indent_step(source, node.lineno, body[0].lineno) if body[0].lineno > node.lineno else None
            if step is not None:
                return step
    return "    "


def owns_lines(source: SourceFile, first: ast.stmt, last: ast.stmt | None = None) -> bool:
    """``first`` … ``last`` start their first line and end their last one (no ``a; b`` sharing, only a comment
    may follow), so they can be moved as whole lines."""
    last = last or first
    head = source.lines[first.lineno - 1]
    if head[: source.char_column(first.lineno, first.col_offset)].strip():
        return False
    tail = source.lines[last.end_lineno - 1][source.char_column(last.end_lineno, last.end_col_offset):]
    return not tail.strip() or tail.strip().startswith("#")


def reindent(source: SourceFile, first: int, last: int, add: str = "", remove: str = "", skip: set[int] = frozenset()) -> str:
    """Lines ``first``…``last`` (1-based, inclusive) with ``add`` prefixed or ``remove`` taken off each, keeping blank
    lines blank and the inside of multi-line strings untouched; lines in ``skip`` are left out."""
    lines = raw_lines(source)
    strings = string_continuation_lines(source)
    out = []
    for number in range(first, last + 1):
        if number in skip or number > len(lines):
            continue
        line = lines[number - 1]
        if number in strings or not line.strip():
            out.append(line)
        elif remove:
            if line.startswith(remove):
                out.append(line[len(remove):])
            elif line.lstrip().startswith("#"):  # a comment indented less than the code: keep what it has
                out.append(line[min(len(remove), len(line) - len(line.lstrip())):])
            else:
                raise ValueError("inconsistent indentation")
        else:
            out.append(add + line)
    return "".join(out)


def trailing_comment(source: SourceFile, stmt: ast.stmt) -> str:
    """The ``# comment`` after a statement on its last line, with the spaces before it, or ''."""
    tail = source.lines[stmt.end_lineno - 1][source.char_column(stmt.end_lineno, stmt.end_col_offset):]
    return tail.rstrip() if tail.strip().startswith("#") else ""


def append_argument(source: SourceFile, call: ast.Call, text: str):
    """An insertion adding the argument ``text`` at the end of ``call``'s arguments. A call laid out one argument
    per line with a trailing comma gets a new line in the same style (comments stay where they are)."""
    given = [*call.args, *call.keywords]
    if not given:
        column = source.char_column(call.end_lineno, call.end_col_offset) - 1  # before the closing parenthesis
        return insertion(source.path, call.end_lineno, column, text)
    last = max(given, key=lambda n: (n.end_lineno, n.end_col_offset))
    comma = _trailing_comma(source, last, call)
    if comma is not None and call.end_lineno > comma[0] and last.lineno == last.end_lineno:
        rest = source.lines[comma[0] - 1][comma[1] + 1:]
        if not rest.strip() or rest.strip().startswith("#"):
            return insertion(source.path, comma[0] + 1, 0, f"{indentation(source, last.lineno)}{text},\n")
    return insertion(source.path, last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset), f", {text}")


def _trailing_comma(source: SourceFile, last: ast.AST, call: ast.Call) -> tuple[int, int] | None:
    """(line, code-point column) of a comma after the last argument, before the closing parenthesis."""
    import io
    import tokenize

    start_line, start_col = last.end_lineno, source.char_column(last.end_lineno, last.end_col_offset)
    lines = source.lines[start_line - 1: call.end_lineno]
    if not lines:
        return None
    lines = [lines[0][start_col:], *lines[1:]]
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if token.type == tokenize.OP:
                if token.string != ",":
                    return None
                row, col = token.start
                return start_line + row - 1, col + (start_col if row == 1 else 0)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return None


def comments_in(source: SourceFile, first: int, last: int) -> list[str]:
    """The ``# comments`` on lines ``first``…``last`` (found by the tokenizer, so never a ``#`` inside a string)."""
    import io
    import tokenize

    text = "".join(raw_lines(source)[first - 1: last])
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                found.append(token.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return found
