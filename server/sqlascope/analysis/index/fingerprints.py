"""What a dependency looks like now, so that a cached result can be re-validated without re-running it.

``fingerprint`` is the binding's own text inside the file being re-checked (so an edit elsewhere in that file does
not invalidate it), and the whole file's digest anywhere else. Fingerprints leave positions out: ``span`` gives
those, so that a result whose code only moved can be moved with it (see report/relocate.py).
"""

from __future__ import annotations

import ast

from .dependencies import MISSING_MODULE, Dependency, node_span
from .workspace import Workspace


def fingerprint(workspace: Workspace, dependency: Dependency, home: str):
    """The current shape of a dependency, as seen when re-checking file ``home``."""
    path, name = dependency
    if path == MISSING_MODULE:
        return workspace.find_module(name, home)  # None while it is still missing
    source = workspace.files.get(path)
    if source is None:
        return None
    if path != home or source.tree is None:
        return source.digest
    symbols = workspace.symbols(path)
    node = symbols.defs.get(name)
    if node is None:
        return ("import", symbols.imports.get(name), tuple(symbols.star_imports))
    decorators = tuple(source.segment(d) for d in getattr(node, "decorator_list", ()))
    return (node.col_offset, source.segment(node), decorators)


def span(workspace: Workspace, dependency: Dependency, home: str) -> tuple[int, int] | None:
    """The lines a dependency's definition covers in file ``home`` (decorators included), if it is defined there."""
    path, name = dependency
    source = workspace.files.get(path)
    if path != home or source is None or source.tree is None:
        return None
    node = workspace.symbols(path).defs.get(name)
    return node_span(node) if node is not None else None


def root_fingerprint(source, root: ast.AST):
    """A function root is unchanged while its text is (wherever it moved); the module root while the file is."""
    if isinstance(root, ast.Module):
        return source.digest
    decorators = tuple(source.segment(d) for d in root.decorator_list)
    return (root.col_offset, source.segment(root), decorators)
