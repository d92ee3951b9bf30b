"""The workspace index: files, module names, and name resolution across modules.

Names are resolved from the syntax trees alone (imports, top-level definitions, re-exports); that is fast
enough to run on every file of a large workspace. Names that leave the workspace become ``External``
qualified names, which ``sqla_api`` recognises without needing the packages installed. An optional
``fallback`` resolver (jedi, see ``jedi_fallback``) locates modules outside the workspace so that their
classes and helpers can be indexed the same way.
"""

from __future__ import annotations

import ast
import collections
import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Union

from .dependencies import MISSING_MODULE, Dependencies
from .source import SourceFile, parse_source, read_source


@dataclass(frozen=True)
class Definition:
    """A class, function or module-level assignment in an indexed module."""

    path: str
    node: ast.AST  # ClassDef | FunctionDef | AsyncFunctionDef | the assigned value expression
    name: str


@dataclass(frozen=True)
class External:
    qualified: str


@dataclass(frozen=True)
class ModuleRef:
    path: str


Symbol = Union[Definition, External, ModuleRef]


@dataclass
class ModuleSymbols:
    """Top-level bindings of one module, read once per content digest."""

    defs: dict[str, ast.AST] = field(default_factory=dict)
    #: name → (module, attribute or None, level) as written in the import statement
    imports: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)
    star_imports: list[tuple[str, int]] = field(default_factory=list)
    #: name → values a function assigns to it after declaring it ``global`` (``def init(): global s; s = ...``)
    rebinds: dict[str, list[ast.expr]] = field(default_factory=dict)


def _collect_symbols(tree: ast.Module) -> ModuleSymbols:
    symbols = ModuleSymbols()
    _bind_top_level(tree.body, symbols)
    _collect_global_rebinds(tree, symbols)
    return symbols


def _collect_global_rebinds(tree: ast.Module, symbols: ModuleSymbols) -> None:
    """Module globals that functions rebind: their values are the module's as much as the top-level one."""
    if not any(isinstance(stmt, ast.Global) for stmt in _statements(tree)):
        return  # most modules: one pass over the statements, not one per function over whole subtrees
    for function in _statements(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        declared = {name for stmt in _statements(function) if isinstance(stmt, ast.Global) for name in stmt.names}
        if not declared:
            continue
        for stmt in _statements(function):
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and target.id in declared:
                        symbols.rebinds.setdefault(target.id, []).append(stmt.value)
                        symbols.defs.setdefault(target.id, stmt.value)


def _statements(node: ast.AST) -> Iterator[ast.stmt]:
    """Every statement under ``node`` (nested functions' and classes' included), in ``ast.walk``'s order.
    Expressions hold no statements (a lambda's body is an expression), so this sees every ``global`` and
    assignment that ``ast.walk`` would, at a fraction of the nodes."""
    pending = collections.deque([node])
    while pending:
        for child in ast.iter_child_nodes(pending.popleft()):
            if isinstance(child, ast.stmt):
                yield child
            if isinstance(child, (ast.stmt, ast.excepthandler)) or type(child).__name__ == "match_case":
                pending.append(child)


def _bind_top_level(body: Iterable[ast.stmt], symbols: ModuleSymbols) -> None:
    # A module-level function rather than a recursive closure: a closure that calls itself is a reference
    # cycle, which kept every replaced syntax tree alive until the next garbage collection.
    for stmt in body:
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            symbols.defs[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    symbols.defs[target.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            symbols.defs[stmt.target.id] = stmt.value
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    symbols.imports[alias.asname] = (alias.name, None, 0)
                else:
                    top = alias.name.split(".")[0]
                    symbols.imports[top] = (top, None, 0)
        elif isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if alias.name == "*":
                    symbols.star_imports.append((stmt.module or "", stmt.level))
                else:
                    symbols.imports[alias.asname or alias.name] = (stmt.module or "", alias.name, stmt.level)
        elif isinstance(stmt, (ast.If, ast.Try)) or type(stmt).__name__ == "TryStar":
            # `try: from x import y / except ImportError:` and `if TYPE_CHECKING:` blocks still bind names
            _bind_top_level(stmt.body, symbols)
            for handler in getattr(stmt, "handlers", []):
                _bind_top_level(handler.body, symbols)
            _bind_top_level(getattr(stmt, "orelse", []), symbols)


def _package_root(path: str) -> tuple[str, str]:
    """Return (sys.path-like root, dotted module name) for a file, following ``__init__.py`` upwards."""
    directory, filename = os.path.split(os.path.abspath(path))
    stem = filename[:-3] if filename.endswith(".py") else filename
    parts = [] if stem == "__init__" else [stem]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
    return directory, ".".join(parts)


def module_identity(path: str, roots: tuple[str, ...]) -> tuple[str, str, str | None]:
    """(root, dotted name, other name or None) of a file. Under one of the project's import ``roots`` the name is
    the path from the innermost such root, through namespace packages (folders without ``__init__.py``), as
    Python imports it; the name from the ``__init__.py`` chain alone (how a script beside it imports it) is kept
    as the other name when it differs."""
    chain_root, chain_name = _package_root(path)
    best: tuple[str, list[str]] | None = None
    for root in roots:
        if chain_root != root and not chain_root.startswith(root.rstrip(os.sep) + os.sep):
            continue
        between = [] if chain_root == root else os.path.relpath(chain_root, root).split(os.sep)
        if all(part.isidentifier() for part in between) and (best is None or len(root) > len(best[0])):
            best = (root, between)
    if best is None or not best[1]:
        return chain_root, chain_name, None
    return best[0], ".".join([*best[1], chain_name]), chain_name


class Workspace:
    """All files known to the analysis, with module names and a resolver over their imports."""

    def __init__(self, fallback: Callable[[str, str], str | None] | None = None,
                 search_roots: tuple[str, ...] = ()) -> None:
        self.files: dict[str, SourceFile] = {}
        #: path → the file as last read from disk. While an editor's text replaces it in ``files`` it is kept:
        #: closing the document without saving (or undoing back to it) then costs no parse.
        self._on_disk: dict[str, SourceFile] = {}
        self._module_paths: dict[str, list[str]] = {}
        self._roots: dict[str, str] = {}
        self._names: dict[str, str] = {}
        #: the project's import roots (see module_roots), where its own modules are found as Python finds them
        self.search_roots = tuple(os.path.abspath(r) for r in search_roots)
        #: name → paths of files a script beside them would import by that name (see module_identity)
        self._script_names: dict[str, list[str]] = {}
        #: module name → the file or namespace-package folder the search roots hold under that name
        self._on_roots: dict[str, str] = {}
        #: module names the search roots don't hold (forgotten whenever a file is added: it may be that one)
        self._not_on_roots: set[str] = set()
        #: namespace-package folder → its dotted name
        self._namespaces: dict[str, str] = {}
        self._symbols: dict[str, tuple[str, ModuleSymbols]] = {}
        #: (module name, importing path) → path of a module outside the workspace, or None.
        self._fallback = fallback
        self._fallback_cache: dict[tuple[str, str], str | None] = {}
        #: paths the fallback located (installed packages), as opposed to the workspace's own files
        self._located: set[str] = set()
        self.generation = 0  # bumped on every change, so caches keyed on it stay honest
        self.dependencies = Dependencies()

    # -- files -------------------------------------------------------------------------------------------
    def add_file(self, path: str, text: str | None = None) -> SourceFile:
        path = os.path.abspath(path)
        old = self.files.get(path)
        if text is not None and old is not None and old.text == text:
            return old  # the same text parses the same: an editor re-sending a document costs no parse
        if text is None:
            source = read_source(path, known=(old, self._on_disk.get(path)))
            self._on_disk[path] = source
        else:
            on_disk = self._on_disk.get(path)
            source = on_disk if on_disk is not None and on_disk.text == text else parse_source(path, text, previous=old)
        if old is not None and old.digest == source.digest and old.error == source.error:
            return old
        self.files[path] = source
        if old is None:
            root, name, script_name = module_identity(path, self.search_roots)
            self._roots[path] = root
            self._names[path] = name
            self._module_paths.setdefault(name, []).append(path)
            if script_name is not None:
                self._script_names.setdefault(script_name, []).append(path)
            self._not_on_roots.clear()
        self.generation += 1
        return source

    def source(self, path: str) -> SourceFile:
        """The indexed file, read from disk the first time it is asked for."""
        path = os.path.abspath(path)
        return self.files.get(path) or self.add_file(path)

    def remove_file(self, path: str) -> None:
        path = os.path.abspath(path)
        self._on_disk.pop(path, None)
        if self.files.pop(path, None) is None:
            return
        name = self._names.pop(path)
        self._roots.pop(path, None)
        self._symbols.pop(path, None)
        for paths in (self._module_paths.get(name, []), *self._script_names.values()):
            if path in paths:
                paths.remove(path)
        self._on_roots.clear()
        self.generation += 1

    def module_name(self, path: str) -> str:
        path = os.path.abspath(path)
        return self._names.get(path) or self._namespaces.get(path, "")

    def symbols(self, path: str) -> ModuleSymbols:
        source = self.files[path]
        cached = self._symbols.get(path)
        if cached is not None and cached[0] == source.digest:
            return cached[1]
        symbols = _collect_symbols(source.tree) if source.tree is not None else ModuleSymbols()
        self._symbols[path] = (source.digest, symbols)
        return symbols

    # -- modules -----------------------------------------------------------------------------------------
    def absolute_module(self, module: str, level: int, importer: str) -> str:
        if level == 0:
            return module
        package_parts = self.module_name(importer).split(".")
        if not os.path.basename(importer).startswith("__init__"):
            package_parts = package_parts[:-1]
        if level > 1:
            package_parts = package_parts[: len(package_parts) - (level - 1)]
        return ".".join([*package_parts, module] if module else package_parts)

    def find_module(self, module: str, importer: str) -> str | None:
        """Path of the workspace (or fallback) module ``module`` as imported from ``importer``: a file, or the
        folder of a namespace package (which has no file; ``module_name`` knows its name)."""
        found = self._choose(self._module_paths.get(module), importer)
        if found:
            return found
        top = module.split(".")[0]
        on_roots = None if top in _NEVER_FALLBACK else self._find_on_roots(module)
        if on_roots is not None and on_roots not in self._namespaces:
            return on_roots
        found = self._choose(self._script_names.get(module), importer)
        if found:
            return found
        if on_roots is not None:
            # A namespace package loses to a regular package of that name anywhere on the path (installed ones too).
            return self._locate_outside(module, importer) or on_roots
        if top not in _NEVER_FALLBACK:
            # A module that isn't there may be created later: what resolved without it must then be redone.
            self.dependencies.note(MISSING_MODULE, module)
        top_on_roots = None if top in _NEVER_FALLBACK else self._find_on_roots(top)
        if top in self._module_paths or (top_on_roots is not None and top_on_roots not in self._namespaces):
            return None  # a missing part of a workspace package: nothing to locate elsewhere
        return self._locate_outside(module, importer)

    def _choose(self, candidates: list[str] | None, importer: str) -> str | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        # Several workspace folders define a module of that name: prefer the importer's own root.
        root = self._roots.get(importer)
        for candidate in candidates:
            if self._roots.get(candidate) == root:
                return candidate
        return candidates[0]

    def _find_on_roots(self, module: str) -> str | None:
        """The file (indexed on first use) or namespace folder that ``module`` names under the search roots."""
        if module in self._on_roots:
            return self._on_roots[module]
        if module in self._not_on_roots:
            return None
        found = None
        relative = module.replace(".", os.sep)
        if module and all(part.isidentifier() for part in module.split(".")):
            for root in self.search_roots:
                base = os.path.join(root, relative)
                regular = next((f for f in (base + ".py", os.path.join(base, "__init__.py")) if os.path.isfile(f)), None)
                if regular is not None:
                    found = regular
                    break
                if found is None and os.path.isdir(base):
                    found = base  # a namespace portion; a regular module on a later root still wins
        if found is None:
            self._not_on_roots.add(module)
        elif found.endswith(".py"):
            self._on_roots[module] = found
            self.add_file(found)
        else:
            self._on_roots[module] = found
            self._namespaces[found] = module
        return found

    def _locate_outside(self, module: str, importer: str) -> str | None:
        """The installed module ``module`` as the fallback resolver locates it (None without one)."""
        if self._fallback is None or module.split(".")[0] in _NEVER_FALLBACK:
            return None  # known by name or in the standard library: nothing to locate
        key = (module, self._roots.get(importer, ""))
        if key not in self._fallback_cache:
            located = None
            try:
                located = self._fallback(module, importer)
            except Exception:  # a resolver failure must never break the analysis
                located = None
            self._fallback_cache[key] = located
            if located and os.path.abspath(located) not in self.files:
                self.add_file(located)
                self._located.add(os.path.abspath(located))
        located = self._fallback_cache[key]
        return os.path.abspath(located) if located else None

    def own_module(self, module: str) -> str | None:
        """The workspace's own file of ``module`` (not one the fallback located), or None."""
        return next((path for path in self._module_paths.get(module, ()) if path not in self._located), None)

    # -- names -------------------------------------------------------------------------------------------
    def resolve(self, path: str, name: str, _seen: frozenset = frozenset()) -> Symbol | None:
        """Resolve a top-level ``name`` as seen from module ``path``."""
        if (path, name) in _seen or path not in self.files:
            return None
        self.dependencies.note(path, name)
        seen = _seen | {(path, name)}
        symbols = self.symbols(path)
        node = symbols.defs.get(name)
        if node is not None:
            return Definition(path, node, name)
        imported = symbols.imports.get(name)
        if imported is not None:
            module, attribute, level = imported
            return self.resolve_import(path, module, attribute, level, seen)
        for module, level in symbols.star_imports:
            absolute = self.absolute_module(module, level, path)
            target = self.find_module(absolute, path)
            if target:
                found = self.resolve(target, name, seen)
                if found is not None:
                    return found
        return None

    def resolve_import(
        self, path: str, module: str, attribute: str | None, level: int = 0, _seen: frozenset = frozenset()
    ) -> Symbol:
        """What ``import module`` (attribute None) or ``from module import attribute`` binds in ``path``."""
        absolute = self.absolute_module(module, level, path)
        if attribute is None:
            target = self.find_module(absolute, path)
            return ModuleRef(target) if target else External(absolute)
        # `from pkg import sub` may name a submodule
        submodule = self.find_module(f"{absolute}.{attribute}" if absolute else attribute, path)
        if submodule:
            return ModuleRef(submodule)
        target = self.find_module(absolute, path)
        if target:
            return self.resolve(target, attribute, _seen) or External(f"{absolute}.{attribute}")
        return External(f"{absolute}.{attribute}")

    def resolve_attribute(self, symbol: Symbol, attribute: str) -> Symbol | None:
        if isinstance(symbol, ModuleRef):
            found = self.resolve(symbol.path, attribute)
            if found is not None:
                return found
            submodule = self.find_module(f"{self.module_name(symbol.path)}.{attribute}", symbol.path)
            return ModuleRef(submodule) if submodule else None
        if isinstance(symbol, External):
            return External(f"{symbol.qualified}.{attribute}")
        return None

    def resolve_expression(self, path: str, expr: ast.expr) -> Symbol | None:
        """Resolve a dotted expression (``Name`` or ``Attribute`` chain) from module ``path``."""
        if isinstance(expr, ast.Name):
            return self.resolve(path, expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.resolve_expression(path, expr.value)
            return self.resolve_attribute(base, expr.attr) if base is not None else None
        return None


#: Packages we recognise by name, and the standard library: locating their files would only cost time.
_NEVER_FALLBACK = {"sqlalchemy", "sqlmodel", "flask_sqlalchemy", "transaction", "zope",
                   *getattr(sys, "stdlib_module_names", ())}


#: Directories never indexed, besides hidden ones.
SKIP_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", "build",
                       "dist"})


def skipped_dir(name: str) -> bool:
    """Is a directory of this name left out of the index (with everything under it)?"""
    return name in SKIP_DIRS or name.startswith(".")


def discover_python_files(paths: Iterable[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if os.path.isfile(path):
            found.append(os.path.abspath(path))
            continue
        for directory, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not skipped_dir(d))
            found.extend(os.path.abspath(os.path.join(directory, f)) for f in sorted(filenames) if f.endswith(".py"))
    return found
