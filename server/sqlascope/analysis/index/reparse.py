"""Reparsing only the top-level statements an edit touched.

The top-level statements of the previous tree that lie wholly before or
wholly after the edited lines (and did not move) are reused; the lines between them are parsed on their own.
An edit inside a class does the same one level down, with the class's own statements.

Parsing is most of what an edit costs (about 12 ms for a 1,000-line module here), and a keystroke changes
one statement. The result is the tree a full parse would give, node for node and position for position
(``tests/unit/test_reparse.py`` checks this on real files under random edits); only the untouched statements
are the previous tree's own objects. Whenever the shortcut can't promise that, it returns None and the caller
parses the whole text:

- the edited lines don't parse on their own (an unclosed bracket or string, an indented line continuing the
  statement above, an ``else:`` that belongs to it, ...): the full parse then decides, with its own message;
- the text has line breaks other than ``\\n`` (``\\r``, form feeds, ...), where lines are counted differently.
"""

from __future__ import annotations

import ast

from .dependencies import node_span

#: Characters that end or reset a line for the tokenizer, or for str.splitlines, other than "\n".
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def reparse(previous_text: str, previous_tree: ast.Module, text: str, filename: str) -> ast.Module | None:
    """The tree of ``text``, reusing ``previous_tree`` (parsed from ``previous_text``) where the edit left it
    alone; None when a full parse must decide. Raises what ``ast.parse`` raises only for reasons unrelated to
    the edit region (there are none known: the region's own errors return None)."""
    if any(mark in text or mark in previous_text for mark in _OTHER_BREAKS) or text.startswith("\ufeff"):
        return None
    old_lines, new_lines = previous_text.split("\n"), text.split("\n")
    prefix = _common_prefix(old_lines, new_lines)
    if prefix == len(old_lines) == len(new_lines):
        return previous_tree  # the same text
    suffix = _common_suffix(old_lines, new_lines, prefix)
    first_changed, last_changed = prefix + 1, len(old_lines) - suffix  # 1-based lines of the old text
    delta = len(new_lines) - len(old_lines)

    body = previous_tree.body
    spans = [node_span(stmt) for stmt in body]
    head, tail = _untouched(spans, first_changed, last_changed, delta)
    end = spans[tail][0] - 1 if tail < len(body) else len(new_lines)  # last line of the region (new text)
    if head < len(body) and isinstance(body[head], ast.ClassDef):
        inside = _reparse_class_body(body[head], new_lines, first_changed, last_changed, delta, end, filename)
        if inside is not None:
            cls, after = inside
            if after is not None or tail == head + 1:
                return ast.Module(body=[*body[:head], cls, *(after or ()), *body[tail:]], type_ignores=[])
    start = spans[head - 1][1] + 1 if head else 1  # first line of the region, the same in both texts
    middle = _parse_lines(new_lines, start, end, filename)
    if middle is None:
        return None
    return ast.Module(body=[*body[:head], *middle, *body[tail:]], type_ignores=[])


def _reparse_class_body(cls: ast.ClassDef, new_lines: list[str], first_changed: int, last_changed: int, delta: int,
                        end: int, filename: str) -> tuple[ast.ClassDef, list[ast.stmt] | None] | None:
    """An edit inside a class (a method of a big service class, a column of a model): the class's own
    statements before it, and after it when they did not move, are kept; the lines from the statement just
    before the edit up to ``end`` (the next kept top-level statement, or the end of the file) are parsed under a
    stand-in ``class`` line. Returns the class rebuilt, and the top-level statements the region held after the
    class, or None for those when the region stayed inside the class; None when this shortcut doesn't apply.

    The region starts with an untouched statement of the class body, so its first line has the body's
    indentation: a line the edit indented further (continuing that statement) is parsed with it, never as the
    first line of a block of its own."""
    inner = cls.body
    spans = [node_span(stmt) for stmt in inner]
    kept, later = _untouched(spans, first_changed, last_changed, delta)
    kept -= 1  # the statement just before the edit opens the region
    if kept < 1:
        return None  # the edit is at the top of the class: the header's lines are not known well enough
    start = spans[kept][0]
    stop = spans[later][0] - 1 if later < len(inner) else end
    parsed = _parse_lines(new_lines, start - 1, stop, filename, header="class _:")
    if not parsed or not isinstance(parsed[0], ast.ClassDef) or parsed[0].name != "_" or parsed[0].lineno != start - 1:
        return None
    if later < len(inner) and len(parsed) > 1:
        return None  # the edit ended the class early: the statements kept after it would not be in the class any more
    new_body = [*inner[:kept], *parsed[0].body, *inner[later:]]
    rebuilt = ast.ClassDef(**{name: getattr(cls, name) for name in cls._fields if name != "body"}, body=new_body,
                           lineno=cls.lineno, col_offset=cls.col_offset,
                           end_lineno=new_body[-1].end_lineno, end_col_offset=new_body[-1].end_col_offset)
    return rebuilt, (parsed[1:] if later == len(inner) else None)


def _untouched(spans: list[tuple[int, int]], first_changed: int, last_changed: int, delta: int) -> tuple[int, int]:
    """Of statements with these line spans: how many lie wholly before the edited lines, and the index from which
    they lie wholly after them (all of them, ``len(spans)``, when the edit moved lines: those must be reparsed)."""
    head = 0
    while head < len(spans) and spans[head][1] < first_changed:
        head += 1
    # A statement sharing its last line with the next one's first (``a = 1; b = 2``) goes with it.
    while head and head < len(spans) and spans[head - 1][1] >= spans[head][0]:
        head -= 1
    tail = len(spans)
    if delta == 0:
        while tail > head and spans[tail - 1][0] > last_changed:
            tail -= 1
        while tail < len(spans) and tail > head and spans[tail - 1][1] >= spans[tail][0]:
            tail += 1
    return head, tail


def _parse_lines(lines: list[str], start: int, end: int, filename: str, header: str | None = None) -> list[ast.stmt] | None:
    """The statements of lines ``start``..``end`` (1-based, inclusive) at their own positions; with ``header``,
    line ``start`` is replaced by it. None when they don't parse on their own."""
    chosen = [header, *lines[start:end]] if header is not None else lines[start - 1:end]
    try:
        return ast.parse("\n" * (start - 1) + "\n".join(chosen), filename=filename, type_comments=False).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _common_prefix(a: list[str], b: list[str]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: list[str], b: list[str], prefix: int) -> int:
    n = min(len(a), len(b)) - prefix
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i
