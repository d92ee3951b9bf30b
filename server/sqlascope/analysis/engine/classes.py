"""Class members looked up the way Python does: through the method resolution order (C3 over resolved bases)."""

from __future__ import annotations

import ast

from ..index.workspace import Definition
from ..interp.holders import container_kind
from ..interp.values import UNKNOWN, ClassRef
from ..interp.host import Host


#: Bases followed at most this deep (a guard against pathological or cyclic hierarchies).
MAX_DEPTH = 12


class Classes:
    """The MRO of user classes and the members found along it. Bases the workspace cannot resolve to a class
    definition (``Generic[T]``, library classes) are skipped: their members are unknown."""

    def __init__(self, engine: Host) -> None:
        self.engine = engine
        self._owners_of: dict[str, tuple[ast.AST, dict[int, ast.ClassDef]]] = {}
        self._mro: dict = {}  # (path, id(node)) → (mro, consulted)
        self._generation = -1

    def mro(self, cls: ClassRef) -> tuple[ClassRef, ...]:
        workspace = self.engine.workspace
        if self._generation != workspace.generation:
            self._generation = workspace.generation
            self._mro.clear()
        key = (cls.path, id(cls.node))
        cached = self._mro.get(key)
        if cached is not None:
            workspace.dependencies.note_all(cached[1])
            return cached[0]
        with workspace.dependencies.recording() as consulted:
            order = self._linearize(cls, 0, frozenset())
        self._mro[key] = (order, frozenset(consulted))
        return order

    def bases(self, cls: ClassRef) -> list[ClassRef]:
        found = []
        for expr in cls.node.bases:
            if isinstance(expr, ast.Subscript):  # `BaseRepository[User]`, `Generic[T]`
                expr = expr.value
            symbol = self.engine.workspace.resolve_expression(cls.path, expr)
            if isinstance(symbol, Definition) and (isinstance(symbol.node, ast.ClassDef) or isinstance(
                    symbol.node, ast.Call) and self.engine.models.makes_base(symbol.path, symbol.node)):
                value = self.engine.symbol_value(symbol)
                if isinstance(value, ClassRef):
                    found.append(value)
        return found

    def fully_known(self, cls: ClassRef) -> bool:
        """Is every class in the MRO a user class we see (so a name missing from all of them is really missing)?"""
        return all(len(self.bases(c)) == sum(1 for b in c.node.bases if _base_name(b) not in _NEUTRAL_BASES)
                   for c in self.mro(cls))

    def _linearize(self, cls: ClassRef, depth: int, seen: frozenset) -> tuple[ClassRef, ...]:
        key = (cls.path, id(cls.node))
        if depth >= MAX_DEPTH or key in seen:
            return (cls,)
        bases = self.bases(cls)
        seqs = [list(self._linearize(b, depth + 1, seen | {key})) for b in bases] + [list(bases)]
        return (cls, *_c3_merge(seqs))

    def member(self, cls: ClassRef, name: str, after: ClassRef | None = None):
        """The value ``name`` has on ``cls`` (a function after its decorators, or a class-level assignment),
        found along the MRO; ``after``: start past that class (``super()``)."""
        order = self.mro(cls)
        if after is not None:
            keys = [(c.path, id(c.node)) for c in order]
            mark = (after.path, id(after.node))
            order = order[keys.index(mark) + 1:] if mark in keys else ()
        for owner in order:
            value = self._own_member(owner, name)
            if value is not None:
                return value
        return UNKNOWN

    def _own_member(self, cls: ClassRef, name: str):
        for stmt in cls.node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
                return self.engine.decorate(cls.path, stmt, ())
        for stmt in reversed(cls.node.body):
            value = _assigned(stmt, name)
            if value is not None and container_kind(value) is None:  # class-level containers are holders.py's
                return self.engine.module_expression(cls.path, value)
        return None

    def owner_of(self, path: str, function: ast.AST) -> ClassRef | None:
        """The class whose body defines ``function`` (for a bare ``super()``)."""
        source = self.engine.workspace.files.get(path)
        if source is None or source.tree is None:
            return None
        tree, owners = self._owners_of.get(path, (None, {}))
        if tree is not source.tree:  # each method's class, per syntax tree
            tree, owners = source.tree, {id(stmt): node for node in ast.walk(source.tree)
                                         if isinstance(node, ast.ClassDef) for stmt in node.body}
            self._owners_of[path] = (tree, owners)
        node = owners.get(id(function))
        if node is None:
            return None
        symbol = Definition(path, node, node.name) if _is_top_level(source.tree, node) else None
        return self.engine.symbol_value(symbol) if symbol is not None else ClassRef(path, node, None)


#: bases that add no attributes a read could be looking for
_NEUTRAL_BASES = {"object", "Generic", "Protocol", "ABC"}


def _base_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Subscript):
        expr = expr.value
    return expr.attr if isinstance(expr, ast.Attribute) else getattr(expr, "id", "")


def _assigned(stmt: ast.stmt, name: str) -> ast.expr | None:
    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
        return stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name:
        return stmt.value
    return None


def _is_top_level(tree: ast.Module, node: ast.ClassDef) -> bool:
    return any(stmt is node for stmt in tree.body)


def _c3_merge(seqs: list[list[ClassRef]]) -> list[ClassRef]:
    """C3 linearisation; an inconsistent hierarchy (Python would refuse it) falls back to depth-first order."""
    def key(c):
        return (c.path, id(c.node))

    seqs = [list(s) for s in seqs if s]
    result: list[ClassRef] = []
    while seqs:
        for seq in seqs:
            head = seq[0]
            if not any(key(head) in {key(c) for c in other[1:]} for other in seqs):
                break
        else:
            for seq in seqs:  # inconsistent: keep the remaining classes in depth-first order
                for c in seq:
                    if key(c) not in {key(r) for r in result}:
                        result.append(c)
            return result
        result.append(head)
        seqs = [[c for c in s if key(c) != key(head)] for s in seqs]
        seqs = [s for s in seqs if s]
    return result
