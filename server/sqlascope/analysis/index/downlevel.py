"""Newer statement syntax rewritten into syntax this interpreter parses, keeping every position that matters.

sqlascope parses with the interpreter it runs on. A project written for a newer Python (PEP 695 generics and
``type`` aliases, 3.12; PEP 758 ``except A, B:``, 3.14) would otherwise lose those files, and with them the
models and session helpers other files import. The rewrites change nothing the analysis reads:
- ``class C[T: Bound](Base):`` and ``def f[T](x):`` lose their type parameter list, replaced by as many spaces,
  so every column after it stays where it was;
- ``type Alias[T] = value`` becomes ``Alias = value``, padded so that ``value`` keeps its columns;
- ``except A, B:`` becomes ``except(A, B):`` (one column longer, at the end of the line).
Only lines that start such a statement are touched; anything else newer than this interpreter still fails to
parse and is reported as before.
"""

from __future__ import annotations

import re

_GENERIC_HEAD = re.compile(r"^(\s*(?:async\s+)?(?:def|class)\s+\w+\s*)\[")
_TYPE_ALIAS = re.compile(r"^(\s*)type(\s+)([A-Za-z_]\w*)\s*(\[)?")
_BARE_EXCEPT_TUPLE = re.compile(r"^(\s*except)(\s*\*?\s*)([^(:\s][^:]*,[^:]*)(:.*)$")


def downlevel(text: str) -> str | None:
    """``text`` with the newer statements rewritten, or None when there is nothing to rewrite."""
    lines = text.split("\n")
    changed = False
    for number, line in enumerate(lines):
        rewritten = _rewrite(line)
        if rewritten is not None and rewritten != line:
            lines[number] = rewritten
            changed = True
    return "\n".join(lines) if changed else None


def _rewrite(line: str) -> str | None:
    head = _GENERIC_HEAD.match(line)
    if head is not None:
        end = _closing_bracket(line, head.end() - 1)
        return None if end is None else line[:head.end() - 1] + " " * (end + 1 - (head.end() - 1)) + line[end + 1:]
    alias = _TYPE_ALIAS.match(line)
    if alias is not None and "=" in line[alias.end():]:
        after = alias.end()
        if alias.group(4):  # `type Pair[T] = ...`: drop the parameters too
            end = _closing_bracket(line, after - 1)
            if end is None:
                return None
            after = end + 1
        equals = line.index("=", after)
        target = alias.group(1) + alias.group(3)
        return target + " " * (equals - len(target)) + line[equals:]
    bare = _BARE_EXCEPT_TUPLE.match(line)
    if bare is not None and " as " not in bare.group(3):
        return f"{bare.group(1)}{bare.group(2).rstrip() or ''}({bare.group(3).strip()}){bare.group(4)}"
    return None


def _closing_bracket(line: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(line)):
        if line[index] == "[":
            depth += 1
        elif line[index] == "]":
            depth -= 1
            if depth == 0:
                return index
    return None
