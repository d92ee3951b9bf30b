"""The engine: runs every function of a file as an analysis root and answers the interpreter's questions.

It owns the caches (CFGs, module-level values, call summaries), resolves names to abstract values, and
analyses calls into user functions in the caller's context. It imports nothing from the LSP layer.
"""

from __future__ import annotations

import ast
import bisect
import sys
from dataclasses import dataclass, field, replace
from typing import Iterator

from ..interp import cfg as C
from ..interp.budget import DEFAULT_TIME_BUDGET, NO_DEADLINE, AnalysisCutShort, Deadline
from ..interp.calls import Calls
from ..interp.contexts import Contexts
from ..index.dependencies import node_span
from ..index.fingerprints import fingerprint, root_fingerprint, span
from ..interp.evaluator import Evaluator
from ..findings import Fault, Location, Related, Severity
from ..interp.interpreter import Frame, RunResult, State, run
from ..report.issues import Issue
from ..orm.models import MappedAttribute, MappedClass, ModelIndex
from ..report.relocate import Unmovable, line_mover, relocate
from ..orm.sqla_api import Construct, construct_of
from ..orm.state import Heap
from ..interp.values import (
    UNKNOWN,
    ClassRef,
    Const,
    Context,
    ExternalValue,
    Function,
    Items,
    Keyed,
    ModuleValue,
    join_values,
)
from ..interp.values import members as value_members
from ..index.workspace import Definition, External, ModuleRef, Symbol, Workspace

#: How deep calls into user functions are followed.
MAX_CALL_DEPTH = 6
#: Source text that makes a module worth analysing (others are skipped unless they import one that is).
RELEVANCE_MARKERS = ("sqlalchemy", "sqlmodel", "flask_sqlalchemy")


@dataclass
class _RootResult:
    shape: object  # root_fingerprint when analysed
    consulted: dict  # dependency → fingerprint when analysed
    issues: list
    #: where the root and each same-file definition it consulted were when analysed (None: another file)
    spans: dict


@dataclass(eq=False)  # kept in the environment: hashed by identity
class _Resume:
    frame: Frame
    yields: dict


@dataclass
class Engine:
    workspace: Workspace
    models: ModelIndex = field(init=False)
    _cfgs: dict = field(default_factory=dict)
    _globals: dict = field(default_factory=dict)
    _decorated: dict = field(default_factory=dict)
    _summaries: dict = field(default_factory=dict)
    _relevant: dict = field(default_factory=dict)
    _generation: int = -1
    _in_progress: set = field(default_factory=set)
    #: per root: its issues and what they depended on; survives edits, re-validated by fingerprints
    _root_results: dict = field(default_factory=dict)
    #: names of session helpers the user declared (compiled or unresolvable): `with name(...) as s` gives a new
    #: session that the end of the block closes
    session_helpers: tuple[str, ...] = ()
    #: seconds one file's analysis may take (None: unbounded); the roots left when it is spent are reported
    time_budget: float | None = DEFAULT_TIME_BUDGET
    #: the running analysis' deadline, checked by the interpreter at every statement
    deadline: Deadline = NO_DEADLINE

    def configure(self, session_helpers: tuple[str, ...], time_budget: float | None = None) -> None:
        """Declared helpers change what every root sees: forget all cached results when they change.
        ``time_budget``: seconds per file, None for the default, 0 for unbounded."""
        budget = DEFAULT_TIME_BUDGET if time_budget is None else (time_budget or None)
        if budget != self.time_budget:
            self.time_budget = budget
            # Roots remembered as cut short get another chance under the new budget.
            self._root_results = {key: result for key, result in self._root_results.items()
                                  if not any(i.fault is Fault.CUT_SHORT for i in result.issues)}
        if tuple(session_helpers) != self.session_helpers:
            self.session_helpers = tuple(session_helpers)
            self._root_results.clear()
            self._generation = -1

    def declared_helper(self, text: str, value) -> bool:
        """Is this callee (its source text and abstract value) one of the configured session helpers?"""
        qualified = getattr(value, "qualified", "")
        return any(text == name or text.endswith("." + name) or qualified == name or qualified.endswith("." + name)
                   for name in self.session_helpers)

    def __post_init__(self) -> None:
        self.models = ModelIndex(self.workspace)
        self.calls = Calls(self)
        self.contexts = Contexts(self)
        self.evaluator = Evaluator(self)

    def _fresh(self) -> None:
        """Drop every cache that depends on other files once the workspace changed."""
        if self._generation != self.workspace.generation:
            self._generation = self.workspace.generation
            self._globals.clear()
            self._decorated.clear()
            self._summaries.clear()
            self._relevant.clear()
            live = {id(s.tree) for s in self.workspace.files.values()}
            kept = {}
            for key, graph in self._cfgs.items():
                if key[0] in live:
                    kept[key] = graph
                else:
                    graph.unlink()
            self._cfgs = kept

    # == roots ===========================================================================================
    def analyze_file(self, path: str) -> list[Issue]:
        """Every issue found by analysing each function (and the module body) of ``path`` as a root."""
        self._fresh()
        source = self.workspace.files.get(path)
        if source is None or source.tree is None or not self.is_relevant(path):
            return []
        issues: list[Issue] = []
        live: set = set()
        roots = list(_analysis_roots(source))
        self.deadline = Deadline(self.time_budget)
        whole_budget = True  # until a root is analysed in this run, the next one has the budget to itself
        try:
            for index, (key, code) in enumerate(_root_keys(path, roots)):
                live.add(key)
                found, analysed = self._root_issues(key, source, code, whole_budget)
                whole_budget = whole_budget and not analysed
                left = len(roots) - index - 1
                if analysed and left and self.deadline.spent():
                    # The rest waits for the next run (the next edit): finished roots stay cached, so it resumes here.
                    cut = next((i for i in found if i.fault is Fault.CUT_SHORT), None)
                    issues.extend(i for i in found if i is not cut)
                    if cut is None:  # this root finished just in time: the notice goes on the next one
                        cut, left = self._cut_short(path, roots[index + 1], self.deadline.reason()), left - 1
                    more = f"; {left} more function{'s' if left != 1 else ''} after it not analysed" if left else ""
                    issues.append(replace(cut, detail=cut.detail + more))
                    return issues
                issues.extend(found)
        finally:
            self.deadline = NO_DEADLINE
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
        shape = root_fingerprint(source, code)
        cached = self._root_results.get(key)
        if cached is not None and cached.shape == shape and all(
            fingerprint(self.workspace, dep, path) == known for dep, known in cached.consulted.items()
        ):
            if self._follow_moves(cached, path, code):
                return cached.issues, False
        remember = True
        with self.workspace.dependencies.recording() as consulted:
            try:
                issues = self.analyze_root(path, code)
            except AnalysisCutShort as cut:
                issues = [self._cut_short(path, code, cut.reason)]
                remember = whole_budget or not cut.timed
        if remember:
            self._root_results[key] = _RootResult(
                shape,
                {dep: fingerprint(self.workspace, dep, path) for dep in consulted},
                issues,
                {"<root>": _root_span(code), **{dep: span(self.workspace, dep, path) for dep in consulted}},
            )
        return issues, True

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
        self.deadline = Deadline(self.time_budget)
        try:
            self.analyze_root(path, root, probe)
        except AnalysisCutShort:
            pass  # what was probed before the cut is still true
        finally:
            self.deadline = NO_DEADLINE
        for (at_line, start, end), text in probe.items():
            if at_line == line and start <= column <= end:
                return text
        return None

    def analyze_root(self, path: str, code: ast.AST, probe: dict | None = None) -> list[Issue]:
        graph = self.graph(path, code)
        frame = Frame(path=path, code=code, graph=graph, context=(), probe=probe)
        env: dict[str, object] = {}
        if isinstance(code, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg in _all_params(code.args):
                env[arg.arg] = UNKNOWN
        old_limit = sys.getrecursionlimit()
        try:
            run(self.evaluator, frame, State(env, Heap()))
        except RecursionError:
            raise AnalysisCutShort("an expression or call chain nests deeper than the analyzer follows") from None
        finally:
            sys.setrecursionlimit(old_limit)
        return frame.issues

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

    def is_relevant(self, path: str, _seen: frozenset = frozenset()) -> bool:
        """Cheap pre-pass: only modules that touch SQLAlchemy, directly or through workspace imports, run."""
        if path in self._relevant:
            return self._relevant[path]
        source = self.workspace.files.get(path)
        if source is None or source.tree is None or path in _seen:
            return False
        relevant = any(marker in source.text for marker in RELEVANCE_MARKERS)
        if not relevant:
            symbols = self.workspace.symbols(path)
            modules = {(m, lvl) for m, _a, lvl in symbols.imports.values()} | set(symbols.star_imports)
            for module, level in modules:
                for candidate in self._imported_paths(path, module, level, symbols):
                    if self.is_relevant(candidate, _seen | {path}):
                        relevant = True
                        break
                if relevant:
                    break
        self._relevant[path] = relevant
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

    def graph(self, path: str, code: ast.AST) -> C.CFG:
        key = (id(self.workspace.files[path].tree), id(code))
        graph = self._cfgs.get(key)
        if graph is None:
            graph = C.build_cfg(code)
            self._cfgs[key] = graph
        return graph

    # == names and values ================================================================================
    def global_value(self, path: str, name: str):
        key = (path, name)
        dependencies = self.workspace.dependencies
        if key in self._globals:
            value, consulted = self._globals[key]
            dependencies.note_all(consulted)
            return value
        if key in self._in_progress:
            return UNKNOWN
        self._in_progress.add(key)
        try:
            with dependencies.recording() as consulted:
                dependencies.note(path, name)
                symbol = self.workspace.resolve(path, name)
                value = self.symbol_value(symbol) if symbol is not None else UNKNOWN
        finally:
            self._in_progress.discard(key)
        self._globals[key] = (value, frozenset(consulted))
        return value

    def symbol_value(self, symbol: Symbol):
        if isinstance(symbol, External):
            return ExternalValue(symbol.qualified)
        if isinstance(symbol, ModuleRef):
            return ModuleValue(symbol.path)
        if isinstance(symbol, Definition):
            node = symbol.node
            if isinstance(node, ast.ClassDef):
                return ClassRef(symbol.path, node, self.models.mapped_class(symbol))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return self.decorate(symbol.path, node, ())
            if isinstance(node, ast.expr):
                return self.module_expression(symbol.path, node)
        return UNKNOWN

    def module_expression(self, path: str, expr: ast.expr):
        """The value of a module-level expression (``SessionLocal = sessionmaker(...)``), evaluated once."""
        key = (path, id(expr))
        if key in self._in_progress:
            return UNKNOWN
        self._in_progress.add(key)
        try:
            frame = Frame(path=path, code=expr, graph=None, context=("module",), reporting=False)  # type: ignore[arg-type]
            frame.depth = MAX_CALL_DEPTH  # module level never runs user functions
            return self.evaluator.value(frame, expr, State({}, Heap()))
        finally:
            self._in_progress.discard(key)

    def module_member(self, module: ModuleValue, name: str):
        symbol = self.workspace.resolve_attribute(ModuleRef(module.path), name)
        return self.symbol_value(symbol) if symbol is not None else UNKNOWN

    def import_value(self, path: str, stmt: ast.Import | ast.ImportFrom, alias: ast.alias):
        if isinstance(stmt, ast.Import):
            module = alias.name if alias.asname else alias.name.split(".")[0]
            return self.symbol_value(self.workspace.resolve_import(path, module, None))
        return self.symbol_value(self.workspace.resolve_import(path, stmt.module or "", alias.name, stmt.level))

    def class_member(self, cls: ClassRef, name: str):
        for stmt in cls.node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
                return self.decorate(cls.path, stmt, ())
        return UNKNOWN

    def method_function(self, cls: MappedClass, attribute: MappedAttribute) -> Function | None:
        if attribute.function is None:
            return None
        return Function(attribute.path, attribute.function)

    def decorate(self, path: str, node: ast.FunctionDef | ast.AsyncFunctionDef, closure: tuple):
        """The value a ``def`` binds: the function after its decorators, bottom-up."""
        key = (path, id(node), closure)
        dependencies = self.workspace.dependencies
        if key in self._decorated:
            value, consulted = self._decorated[key]
            dependencies.note_all(consulted)
            return value
        value = Function(path, node, closure)
        with dependencies.recording() as consulted:
            for decorator in reversed(node.decorator_list):
                value = self._apply_decorator(path, decorator, value)
        self._decorated[key] = (value, frozenset(consulted))
        return value

    def _apply_decorator(self, path: str, decorator: ast.expr, function):
        if not isinstance(function, Function):
            return function
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        symbol = self.workspace.resolve_expression(path, target)
        if isinstance(symbol, External):
            if construct_of(symbol.qualified) is Construct.CONTEXTMANAGER:
                return Function(function.path, function.node, function.closure, is_contextmanager=True)
            return function  # route registration, caching, wraps, ...: the function still runs as written
        if isinstance(symbol, Definition) and isinstance(symbol.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(decorator, ast.Call):
                return self.calls.decorator_factory(path, decorator, symbol, function)
            decorated = self._run_decorator(symbol, function)
            return decorated if isinstance(decorated, Function) else function
        return function

    def _run_decorator(self, decorator: Definition, function: Function):
        """Run a user decorator on ``function``: most return a wrapper closing over it."""
        frame = Frame(path=decorator.path, code=None, graph=None, context=("decorator",))  # type: ignore[arg-type]
        state = State({}, Heap())
        return self.call(self.evaluator, frame, Function(decorator.path, decorator.node), [function], {}, decorator.node, state)

    # == calls ===========================================================================================
    def call(self, ev: Evaluator, frame: Frame, function: Function, args: list, kwargs: dict, node: ast.AST,
             state: State, reader: str | None = None):
        result = self._summary(frame, function, args, kwargs, node, state, reader)
        if result is None:
            return UNKNOWN
        heap, returned, issues = result
        state.heap = heap.copy()
        if frame.reporting:
            frame.issues.extend(issues)
        return returned

    def _callee_frame(self, frame: Frame, function: Function, node: ast.AST, reader: str | None,
                      context: tuple | None = None) -> Frame | None:
        """``context`` keys the callee's allocations; by default the call site."""
        if frame.depth >= MAX_CALL_DEPTH or function.node is frame.code:
            return None
        try:
            graph = self.graph(function.path, function.node)
        except KeyError:
            return None
        call_site = self.location(frame.path, node)
        chain = frame.call_chain + (Related(call_site, f"called from here ({frame.path.rpartition('/')[2]}:{call_site.line})"),)
        return Frame(
            path=function.path,
            code=function.node,
            graph=graph,
            context=context if context is not None else ((frame.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),),
            call_chain=chain,
            reader=reader,
            reader_call=call_site if reader else None,
            depth=frame.depth + 1,
        )

    def _summary(self, frame, function, args, kwargs, node, state, reader):
        """Analyse ``function`` with these abstract arguments and this heap; memoised per context."""
        self._fresh()
        # On an empty heap nothing the caller holds can be affected, so one summary serves every call site:
        # without this, code that never touches a session (parsers calling parsers) is re-analysed per call
        # chain, which grows exponentially with depth. Otherwise the site keys the callee's allocations.
        site = None if state.heap.is_empty() else (frame.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        key = (function, tuple(args), tuple(sorted(kwargs.items())), state.heap.key(), site, reader)
        try:
            hash(key)
        except TypeError:
            key = None
        dependencies = self.workspace.dependencies
        if key is not None and key in self._summaries:
            cached = self._summaries[key]
            if cached is None:
                return None
            heap, returned, issues, consulted = cached
            dependencies.note_all(consulted)
            return heap, returned, issues
        if key is not None:
            self._summaries[key] = None  # recursion guard: a recursive call is neutral
        callee = self._callee_frame(frame, function, node, reader, (site,) if site else (("anywhere", function.path, function.node.lineno),))
        if callee is None:
            return None
        env = self._bind_arguments(function, args, kwargs)
        try:
            with dependencies.recording() as consulted:
                result = run(self.evaluator, callee, State(env, state.heap.copy()))
        except BaseException:
            if key is not None:
                del self._summaries[key]  # an interrupted summary is no summary (not a recursion guard either)
            raise
        completed = result.exit or result.raised
        heap = completed.heap if completed is not None else state.heap
        if key is not None:
            self._summaries[key] = (heap, result.returned, callee.issues, frozenset(consulted))
        return heap, result.returned, callee.issues

    def _bind_arguments(self, function: Function, args: list, kwargs: dict) -> dict:
        env: dict[str, object] = dict(function.closure)
        spec = function.node.args
        positional = [*spec.posonlyargs, *spec.args]
        for param, value in zip(positional, args):
            env[param.arg] = value
        defaults = _constant_defaults(spec)
        for param in positional[len(args):]:
            env[param.arg] = kwargs.get(param.arg, defaults.get(param.arg, UNKNOWN))
        for param in spec.kwonlyargs:
            env[param.arg] = kwargs.get(param.arg, defaults.get(param.arg, UNKNOWN))
        if spec.vararg is not None:
            env[spec.vararg.arg] = Items(tuple(args[len(positional):]))
        if spec.kwarg is not None:
            named = {p.arg for p in positional} | {p.arg for p in spec.kwonlyargs}
            env[spec.kwarg.arg] = Keyed(tuple(sorted((k, v) for k, v in kwargs.items() if k not in named)))
        return env

    # -- @contextmanager helpers -------------------------------------------------------------------------
    def enter_generator(self, ev: Evaluator, frame: Frame, manager: Context, node: ast.AST, state: State):
        function, args, kwargs = manager.target
        callee = self._callee_frame(frame, function, node, None)
        if callee is None:
            return UNKNOWN, None
        env = self._bind_arguments(function, list(args), dict(kwargs))
        result = run(self.evaluator, callee, State(env, state.heap.copy()))
        if not result.yields:
            return UNKNOWN, None
        entered = None
        heap = None
        for yield_state, yielded in result.yields.values():
            entered = yielded if entered is None else join_values(entered, yielded)
            heap = yield_state.heap if heap is None else heap.join(yield_state.heap)
        state.heap = heap.copy()
        if frame.reporting:
            frame.issues.extend(callee.issues)
        callee.issues = []
        return entered, _Resume(callee, result.yields)

    def exit_generator(self, ev: Evaluator, frame: Frame, resume, node: ast.AST, state: State) -> None:
        """Run the helper's code after its ``yield`` on the caller's heap as it is when the block ends.

        ``resume`` is the value kept in the caller's environment since the block was entered: a ``_Resume``,
        or, when the ``with`` is reached again (a loop, a ``continue``), the join of several (a ``Union``,
        UNKNOWN once that grew too wide). Every known resumption runs; their outcomes are joined."""
        heap = None
        for one in value_members(resume):
            if not isinstance(one, _Resume):
                continue
            blocks = {b.id: b for b in one.frame.graph.blocks}
            for (block_id, index), (yield_state, _value) in one.yields.items():
                one.frame.issues = []
                one.frame.yields = {}
                result: RunResult = run(
                    self.evaluator, one.frame, State(dict(yield_state.env), state.heap.copy()), (blocks[block_id], index + 1)
                )
                completed = result.exit or result.raised
                if completed is not None:
                    heap = completed.heap if heap is None else heap.join(completed.heap)
                if frame.reporting:
                    frame.issues.extend(one.frame.issues)
        if heap is not None:
            state.heap = heap

    # == positions =======================================================================================
    def location(self, path: str, node: ast.AST) -> Location:
        source = self.workspace.files.get(path)
        line = getattr(node, "lineno", 1)
        end_line = getattr(node, "end_lineno", None) or line
        col = getattr(node, "col_offset", 0)
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = col
        if source is not None:
            col = source.char_column(line, col)
            end_col = source.char_column(end_line, end_col)
        return Location(path, line, col, end_line, end_col)

    def source_text(self, path: str, node: ast.AST) -> str:
        source = self.workspace.files.get(path)
        return source.segment(node) if source is not None else ""


def _constant_defaults(spec: ast.arguments) -> dict:
    """Parameters whose default is a constant (``commit=False``): what they hold when the caller omits them."""
    positional = [*spec.posonlyargs, *spec.args]
    pairs = [*zip(positional[len(positional) - len(spec.defaults):], spec.defaults), *zip(spec.kwonlyargs, spec.kw_defaults)]
    return {p.arg: Const(d.value) for p, d in pairs
            if isinstance(d, ast.Constant) and isinstance(d.value, (str, bool, int, type(None)))}


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


__all__ = ["Engine"]
