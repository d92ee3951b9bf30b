"""What an analysis consulted, so that a cached result can be re-validated without re-running it.

A dependency is a top-level binding ``(module path, name)``. While a recording is open, every name the
workspace resolves is noted; caches that skip work (module values, call summaries, mapped classes) note the
dependencies of the work they skip. ``fingerprints.py`` says what a dependency looks like now.
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from typing import Iterable, Iterator

Dependency = tuple[str, str]
#: The "path" of a dependency on a module that was not found: ``(MISSING_MODULE, dotted name)``.
MISSING_MODULE = "<missing module>"


class Dependencies:
    def __init__(self) -> None:
        self._stack: list[set[Dependency]] = []

    @contextmanager
    def recording(self) -> Iterator[set[Dependency]]:
        noted: set[Dependency] = set()
        self._stack.append(noted)
        try:
            yield noted
        finally:
            self._stack.pop()
            if self._stack:
                self._stack[-1] |= noted

    def note(self, path: str, name: str) -> None:
        if self._stack:
            self._stack[-1].add((path, name))

    def note_all(self, dependencies: Iterable[Dependency]) -> None:
        if self._stack:
            self._stack[-1].update(dependencies)


def node_span(node: ast.AST) -> tuple[int, int]:
    """The lines a statement covers, its decorators included (first, last; 1-based)."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    return first, node.end_lineno or node.lineno
