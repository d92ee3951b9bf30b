"""Analysis roots: each function of a file (and its module body) run as a root, its result cached and moved with its code."""

from __future__ import annotations

import ast
import bisect
import sys
from dataclasses import dataclass, replace
from typing import Iterator

from ..findings import Fault, Location, Severity
from ..index.dependencies import node_span
from ..index.fingerprints import fingerprint, root_fingerprint, span
from ..interp.budget import UNBOUNDED, AnalysisCutShort, Budget
from ..interp import per_row
from ..interp.fixpoint import run
from ..interp.frame import Frame, State
from ..interp.values import DeclaredRef
from ..orm.models import decorator_name
from ..orm.state import Heap
from ..report.issues import Issue
from ..report.relocate import Unmovable, line_mover, relocate

#: Source text that makes a module worth analysing (others are skipped unless they import one that is).
RELEVANCE_MARKERS = ("sqlalchemy", "sqlmodel", "flask_sqlalchemy")


@dataclass
class _RootResult:
    shape: object  # root_fingerprint when analysed
    consulted: dict  # dependency → fingerprint when analysed
    issues: list
    #: where the root and each same-file definition it consulted were when analysed (None: another file)
    spans: dict


class Roots:
    """The engine's per-file driver (a mixin of ``Engine``)."""

    def analyze_file(self, path: str) -> list[Issue]:
        """Every issue found by analysing each function (and the module body) of ``path`` as a root."""
        self._fresh()
        source = self.workspace.files.get(path)
        if source is None or source.tree is None or not self.is_relevant(path):
            return []
        issues: list[Issue] = []
        live: set = set()
        roots = list(_analysis_roots(source))
        self.budget = Budget(self.work_budget, self.time_budget)
        whole_budget = True  # until a root is analysed in this run, the next one has the budget to itself
        try:
            for index, (key, code) in enumerate(_root_keys(path, roots)):
                live.add(key)
                found, analysed = self._root_issues(key, source, code, whole_budget)
                whole_budget = whole_budget and not analysed
                left = len(roots) - index - 1
                if analysed and left and self.budget.spent():
                    # The rest waits for the next run (the next edit): finished roots stay cached, so it resumes here.
                    cut = next((i for i in found if i.fault is Fault.CUT_SHORT), None)
                    issues.extend(i for i in found if i is not cut)
                    if cut is None:  # this root finished just in time: the notice goes on the next one
                        cut, left = self._cut_short(path, roots[index + 1], self.budget.reason()), left - 1
                    more = f"; {left} more function{'s' if left != 1 else ''} after it not analysed" if left else ""
                    issues.append(replace(cut, detail=cut.detail + more))
                    return issues
                issues.extend(found)
        finally:
            self.last_work, self.budget = self.budget.used, UNBOUNDED
        # Results of roots that moved away are kept a while: undo, or reopening the saved file, moves them back.
        stale = [k for k in self._root_results if k[0] == path and k not in live]
        if len(stale) > 2 * len(live):
            for key in stale:
                del self._root_results[key]
        return issues

    def _root_issues(self, key, source, code: ast.AST, whole_budget: bool) -> tuple[list[Issue], bool]:
        """A root's issues, reused while its text, position and everything it consulted are unchanged, and
        whether it was analysed now. A root cut short is remembered as such only when it had a whole budget
        to itself: otherwise the roots before it spent the time, and the next run tries it again."""
        path = source.path
        shape = self._root_shape(source, code)
        cached = self._root_results.get(key)
        if cached is not None and cached.shape == shape and all(
            fingerprint(self.workspace, dep, path) == known for dep, known in cached.consulted.items()
        ):
            if self._follow_moves(cached, path, code):
                self.workspace.dependencies.note_all(cached.consulted)  # what the reused result rests on
                return cached.issues, False
        remember = True
        with self.workspace.dependencies.recording() as consulted:
            try:
                issues = self.analyze_root(path, code)
            except AnalysisCutShort as cut:
                issues = [self._cut_short(path, code, cut.reason)]
                remember = whole_budget or not cut.budget
        if remember:
            self._root_results[key] = _RootResult(
                shape,
                {dep: fingerprint(self.workspace, dep, path) for dep in consulted},
                issues,
                {"<root>": _root_span(code), **{dep: span(self.workspace, dep, path) for dep in consulted}},
            )
        return issues, True

    def _root_shape(self, source, code: ast.AST) -> tuple:
        """The text a root's result rests on: its own, and that of the functions it is nested in, whose
        statements give its free names their values (engine/closures.py)."""
        shapes = [root_fingerprint(source, code)]
        outer = self.enclosing_function(source.path, code)
        while outer is not None:
            shapes.append(root_fingerprint(source, outer))
            outer = self.enclosing_function(source.path, outer)
        return tuple(shapes)

    def _follow_moves(self, cached: _RootResult, path: str, code: ast.AST) -> bool:
        """Move a cached result's locations in ``path`` along with the code they point into, when an edit
        shifted the root or the definitions it consulted. False when some location can't be placed."""
        now = {"<root>": _root_span(code), **{dep: span(self.workspace, dep, path) for dep in cached.spans if dep != "<root>"}}
        if now == cached.spans:
            return True
        moves = [(was, now[name][0] - was[0]) for name, was in cached.spans.items() if was is not None and now[name]]
        try:
            cached.issues = relocate(cached.issues, line_mover(path, moves))
        except Unmovable:
            return False
        cached.spans = now
        return True

    def hover(self, path: str, line: int, column: int) -> str | None:
        """What the engine knows about the name at (1-based line, code-point column), in its innermost root."""
        self._fresh()
        source = self.workspace.files.get(path)
        if source is None or source.tree is None:
            return None
        roots = [r for r in _analysis_roots(source) if isinstance(r, ast.Module) or r.lineno <= line <= (r.end_lineno or 0)]
        root = max(roots, key=lambda r: getattr(r, "lineno", 0))  # the module is always a candidate
        probe: dict = {}
        self.budget = Budget(self.work_budget, self.time_budget)
        try:
            self.analyze_root(path, root, probe)
        except AnalysisCutShort:
            pass  # what was probed before the cut is still true
        finally:
            self.budget = UNBOUNDED
        known = next((text for (at_line, start, end), text in probe.items() if at_line == line and start <= column <= end), None)
        cost = per_row.hover_text(self.analyze_file(path), path, line, column)
        return "\n\n".join(text for text in (cost, known) if text) or None

    def analyze_root(self, path: str, code: ast.AST, probe: dict | None = None) -> list[Issue]:
        graph = self.graph(path, code)
        frame = Frame(path=path, code=code, graph=graph, context=(), probe=probe)
        state = self.root_state(path, code, frame)
        old_limit = sys.getrecursionlimit()
        try:
            run(self.evaluator, frame, state)
        except RecursionError:
            raise AnalysisCutShort("an expression or call chain nests deeper than the analyzer follows") from None
        finally:
            sys.setrecursionlimit(old_limit)
        return frame.issues

    def root_state(self, path: str, code: ast.AST, frame: Frame) -> State:
        """The state a root starts from: a nested function's free names as its enclosing function left them
        (engine/closures.py), and each parameter as declared (``self`` an instance of its class)."""
        state = State({}, Heap())
        if isinstance(code, (ast.FunctionDef, ast.AsyncFunctionDef)):
            state = self.closure_state(path, code) or state
            receiver = self._receiver(path, code)
            for arg in _all_params(code.args):
                if receiver is not None and arg is code.args.args[0]:
                    state.env[arg.arg] = receiver
                    continue
                state.env[arg.arg] = self.declarations.value(self.evaluator, frame, path, arg.annotation, arg, state,
                                                             arg.arg)
        return state

    def _receiver(self, path: str, code: ast.FunctionDef | ast.AsyncFunctionDef):
        """A method root's first parameter: ``self`` is an instance of its plain class as declared (see
        interp/declared.py), ``cls`` of a classmethod is the class; None for functions, static methods and the
        methods of mapped classes (whose instances' state is not known)."""
        if not code.args.args:
            return None
        owner = self.class_owner(path, code)
        if owner is None or not any(stmt is code for stmt in owner.node.body):
            return None
        kinds = {decorator_name(d)[1] for d in code.decorator_list}
        if "staticmethod" in kinds:
            return None
        if "classmethod" in kinds:
            return owner
        return DeclaredRef(owner) if owner.mapped is None else None

    def _cut_short(self, path: str, code: ast.AST, reason: str) -> Issue:
        """The notice for a root whose analysis stopped early, on its ``def`` line (line 1 for the module body)."""
        source = self.workspace.files[path]
        if isinstance(code, ast.Module):
            name, line, column = "the module body", 1, 0
        else:
            name, line, column = f"`{code.name}`", code.lineno, code.col_offset
        end_column = len(source.lines[line - 1]) if line <= len(source.lines) else column
        location = Location(path, line, source.char_column(line, column), line, max(end_column, column))
        return Issue(Fault.CUT_SHORT, Severity.INFORMATION, location, expression=name, instance="", fact=None,
                     detail=f"{reason}; {name} not fully analysed")

    def is_relevant(self, path: str) -> bool:
        """Cheap pre-pass: only modules that touch SQLAlchemy, directly or through workspace imports, run.

        A module is relevant when some module it reaches through imports (itself included) names SQLAlchemy. The walk
        covers the whole import closure, so the answer does not depend on which modules were asked about first."""
        known = self._relevant.get(path)
        if known is not None:
            return known
        closure: list[str] = []
        seen = {path}
        pending = [path]
        relevant = False
        while pending and not relevant:
            current = pending.pop()
            source = self.workspace.files.get(current)
            if source is None or source.tree is None:
                continue
            closure.append(current)
            if current != path and self._relevant.get(current) is False:
                continue  # its whole closure is known to be irrelevant
            if self._relevant.get(current) or any(marker in source.text for marker in RELEVANCE_MARKERS):
                relevant = True
                break
            symbols = self.workspace.symbols(current)
            modules = {(m, lvl) for m, _a, lvl in symbols.imports.values()} | set(symbols.star_imports)
            for module, level in sorted(modules):
                for candidate in self._imported_paths(current, module, level, symbols):
                    if candidate not in seen:
                        seen.add(candidate)
                        pending.append(candidate)
        if relevant:
            self._relevant[path] = True
        else:  # every module of the closure reaches only modules of it: none of them is relevant
            self._relevant.update(dict.fromkeys(closure, False))
            self._relevant[path] = False
        return relevant

    def _imported_paths(self, path, module, level, symbols) -> Iterator[str]:
        absolute = self.workspace.absolute_module(module, level, path)
        target = self.workspace.find_module(absolute, path)
        if target:
            yield target
        for name, (mod, attribute, lvl) in symbols.imports.items():
            if mod == module and lvl == level and attribute:
                sub = self.workspace.find_module(f"{absolute}.{attribute}" if absolute else attribute, path)
                if sub:
                    yield sub


def _all_params(args: ast.arguments):
    yield from args.posonlyargs
    yield from args.args
    yield from args.kwonlyargs
    if args.vararg:
        yield args.vararg
    if args.kwarg:
        yield args.kwarg


def _root_span(code: ast.AST) -> tuple[int, int] | None:
    return None if isinstance(code, ast.Module) else node_span(code)


def _root_keys(path: str, roots: list[ast.AST]) -> Iterator[tuple[tuple, ast.AST]]:
    """Each root with a key that survives moves: its name and how many roots before it had that name. The key
    only finds the cached result; the root's text and what it consulted decide whether that result holds."""
    seen: dict[str, int] = {}
    for root in roots:
        name = "<module>" if isinstance(root, ast.Module) else root.name
        seen[name] = seen.get(name, 0) + 1
        yield (path, name, seen[name]), root


def _analysis_roots(source) -> Iterator[ast.AST]:
    """The module body and every function in it (nested ones included) that could call or enter anything.

    Only statements are walked (expressions are most of a tree), and a function whose text has no
    parenthesis cannot call anything, so it is never run.
    """
    tree = source.tree
    yield tree
    with_paren = [number for number, line in enumerate(source.lines, 1) if "(" in line]
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for body in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(node, body, ()) or ():
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and _calls_anything(child, with_paren):
                    yield child
                if isinstance(child, (ast.stmt, ast.excepthandler)) or type(child).__name__ == "match_case":
                    stack.append(child)


def _calls_anything(function: ast.AST, with_paren: list[int]) -> bool:
    """Does a line of the function's body hold a parenthesis? (``with_paren``: sorted numbers of such lines)"""
    first = function.body[0].lineno if function.body else function.lineno
    at = bisect.bisect_left(with_paren, first)
    return at < len(with_paren) and with_paren[at] <= (function.end_lineno or first)
