"""What a nested function's free names hold when it is analysed as a root: the values its enclosing function gave
them where the ``def`` ran, with the facts they refer to (a Flask app factory's routes read the ``db_session``
the factory made; a callback reads the session of the function that defined it).

The enclosing function is run once (seeded the same way when it is nested itself), recording the state at each
``def`` of its own body; the nested root then starts from that state's values for the names it reads.
"""

from __future__ import annotations

import ast

from ..interp.fixpoint import run
from ..interp.frame import Frame, State
from ..interp.values import referenced_names

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Closures:
    """The engine's closure states (a mixin of ``Engine``)."""

    def closure_state(self, path: str, code: ast.AST) -> State | None:
        """The state a nested function ``code`` starts from as a root: its free names as its enclosing function
        left them at the ``def`` (joined over the paths that reach it), and the heap then. None for a function
        that is not nested, or whose enclosing function gave it nothing it reads."""
        outer = self.enclosing_function(path, code)
        if outer is None:
            return None
        captured = self._def_states(path, outer).get(id(code))
        if not captured:
            return None
        joined = captured[0]
        for state in captured[1:]:
            joined = joined.join(state)
        reads = referenced_names(code)
        env = {name: value for name, value in joined.env.items() if name in reads}
        return State(env, joined.heap.copy()) if env else None

    def enclosing_function(self, path: str, code: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function whose own body (not a class inside it) holds the ``def`` of ``code``."""
        source = self.workspace.files.get(path)
        if source is None or source.tree is None:
            return None
        key = (path, id(source.tree))
        parents = self._enclosing.get(key)
        if parents is None:
            parents = self._enclosing[key] = _enclosing_functions(source.tree)
        return parents.get(id(code))

    def _def_states(self, path: str, outer: ast.AST) -> dict[int, list[State]]:
        key = ("closures", path, id(self.workspace.files[path].tree), id(outer))
        cached = self._closure_states.get(key)
        if cached is not None:
            return cached
        if key in self._in_progress:
            return {}
        parents = self._enclosing.get((path, id(self.workspace.files[path].tree)), {})
        nested: dict[int, list[State]] = {child: [] for child, parent in parents.items() if parent is outer}
        self._in_progress.add(key)
        try:
            frame = Frame(path=path, code=outer, graph=self.graph(path, outer), context=(), closures=nested)
            run(self.evaluator, frame, self.root_state(path, outer, frame))
        finally:
            self._in_progress.discard(key)
        self._closure_states[key] = nested
        return nested


def _enclosing_functions(tree: ast.Module) -> dict[int, ast.AST]:
    """id of each nested ``def`` → the function whose own body holds it (statements only are walked: a ``def``
    is always one)."""
    parents: dict[int, ast.AST] = {}
    stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    while stack:
        node, function = stack.pop()
        if isinstance(node, _FUNCTIONS):
            if function is not None:
                parents[id(node)] = function
            function = node
        elif isinstance(node, ast.ClassDef):
            function = None
        for body in ("body", "orelse", "finalbody", "handlers", "cases"):
            stack.extend((child, function) for child in getattr(node, body, ()) or ()
                         if isinstance(child, (ast.stmt, ast.excepthandler)) or type(child).__name__ == "match_case")
    return parents
