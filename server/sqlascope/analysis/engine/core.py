"""The engine: one object per workspace that owns the analysis caches and the evaluator, and is the interpreter's host.

Its jobs live in mixins: ``roots`` runs every function of a file as an analysis root, ``names`` resolves names to
abstract values, ``summaries`` analyses calls into user functions in the caller's context, ``lifetimes`` frees the
sessions nothing refers to any more. This module holds the state they share (caches, configuration, the budget),
CFGs and positions. It imports nothing from the LSP layer.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..findings import Fault, Location
from ..index.workspace import Workspace
from ..interp import graph as C
from ..interp.budget import DEFAULT_WORK_BUDGET, UNBOUNDED, Budget
from ..interp.cfg import build_cfg
from ..interp.declared import Declarations
from ..interp.evaluator import Evaluator
from ..interp.references import References
from ..orm.models import ModelIndex
from .classes import Classes
from .closures import Closures
from .lifetimes import Lifetimes
from .module_states import ModuleStates
from .names import Names
from .roots import Roots
from .summaries import Summaries


@dataclass
class Engine(Roots, Names, Summaries, ModuleStates, Closures, Lifetimes):
    workspace: Workspace
    models: ModelIndex = field(init=False)
    _cfgs: dict = field(default_factory=dict)
    _globals: dict = field(default_factory=dict)
    #: facts of plain objects that module-level code built (``repo = Repository(Session)``), by object id
    _module_objects: dict = field(default_factory=dict)
    _decorated: dict = field(default_factory=dict)
    #: per summary key (engine/summaries.py): the outcomes computed so far, each for the plain objects it touched
    _summaries: dict = field(default_factory=dict)
    #: the summaries being computed (key and every plain object): a recursive call with the same inputs is neutral
    _running: set = field(default_factory=set)
    #: heap references inside values: for keying summaries by the heap a call can reach (reach.py), and for
    #: the instances a path can still name where paths join (interp/path_join.py)
    references: References = field(default_factory=References)
    #: functions that read a registry's or a joined session: their calls run on a heap with the roots (reach.py)
    _root_readers: set = field(default_factory=set)
    #: per module path: the state its body leaves behind, and what that consulted (module_states.py)
    _module_states: dict = field(default_factory=dict)
    #: engine/closures.py: the states at the nested ``def`` statements of each function run, and each file's map of
    #: nested functions to the functions that hold them
    _closure_states: dict = field(default_factory=dict)
    _enclosing: dict = field(default_factory=dict)
    _relevant: dict = field(default_factory=dict)
    _generation: int = -1
    _in_progress: set = field(default_factory=set)
    #: per root: its issues and what they depended on; survives edits, re-validated by fingerprints
    _root_results: dict = field(default_factory=dict)
    #: names of session helpers the user declared (compiled or unresolvable): `with name(...) as s` gives a new
    #: session that the end of the block closes
    session_helpers: tuple[str, ...] = ()
    #: statements one file's analysis may evaluate (None: unbounded); the roots left when it is spent are reported
    work_budget: int | None = DEFAULT_WORK_BUDGET
    #: seconds one file's analysis may take (None: no clock; only the language server sets one)
    time_budget: float | None = None
    #: the running analysis' budget, charged by the interpreter at every statement
    budget: Budget = UNBOUNDED
    #: work units the last analyze_file spent (for benchmarks and for choosing the default budget)
    last_work: int = 0
    #: track the loops that run code once per row (interp/per_row.py, SQS201); off when that rule is not selected
    per_row: bool = True

    def configure(self, session_helpers: tuple[str, ...], time_budget: float | None = None,
                  work_budget: int | None = None, per_row: bool = True) -> None:
        """Declared helpers change what every root sees: forget all cached results when they change.
        ``work_budget``: statements per file, None for the default, 0 for unbounded; ``time_budget``: a clock
        guard in seconds per file, None or 0 for none. ``per_row``: whether to track per-row loops (SQS201)."""
        if per_row != self.per_row:
            self.per_row = per_row
            self._root_results.clear()
            self._generation = -1
        limits = (DEFAULT_WORK_BUDGET if work_budget is None else (work_budget or None), time_budget or None)
        if limits != (self.work_budget, self.time_budget):
            self.work_budget, self.time_budget = limits
            # Roots remembered as cut short get another chance under the new budget.
            self._root_results = {key: result for key, result in self._root_results.items()
                                  if not any(i.fault is Fault.CUT_SHORT for i in result.issues)}
        if tuple(session_helpers) != self.session_helpers:
            self.session_helpers = tuple(session_helpers)
            self._root_results.clear()
            self._generation = -1

    def forget_shared_work(self) -> None:
        """Forget the values, call summaries and mapped classes earlier analyses left behind, so that the next file's
        result does not depend on which files ran before it: a recursion guard or a spent budget makes what a cache
        holds depend on where its entry was first computed. ``check`` calls this before each file, which is what lets
        files run in any order, in several processes, or be taken from the persistent cache, with the same findings."""
        self._generation = -1
        self.models.forget()
        self.declarations.forget()

    def forget_root_results(self, path: str) -> None:
        """Drop what the roots of ``path`` found. They let the language server re-analyse only the roots an edit
        touched; a check analyses each file once, and keeping them would grow its memory with the project."""
        for key in [key for key in self._root_results if key[0] == path]:
            del self._root_results[key]

    def declared_helper(self, text: str, value) -> bool:
        """Is this callee (its source text and abstract value) one of the configured session helpers?"""
        qualified = getattr(value, "qualified", "")
        return any(text == name or text.endswith("." + name) or qualified == name or qualified.endswith("." + name)
                   for name in self.session_helpers)

    def __post_init__(self) -> None:
        self.models = ModelIndex(self.workspace)
        self.classes = Classes(self)
        self.evaluator = Evaluator(self)
        self.declarations = Declarations(self)

    def _fresh(self) -> None:
        """Drop every cache that depends on other files once the workspace changed."""
        if self._generation != self.workspace.generation:
            self._generation = self.workspace.generation
            self._globals.clear()
            self._module_objects.clear()
            self._decorated.clear()
            self._summaries.clear()
            self.references = References()
            self._root_readers.clear()
            self._module_states.clear()
            self._closure_states.clear()
            self._enclosing.clear()
            self._relevant.clear()
            live = {id(s.tree) for s in self.workspace.files.values()}
            kept = {}
            for key, graph in self._cfgs.items():
                if key[0] in live:
                    kept[key] = graph
                else:
                    graph.unlink()
            self._cfgs = kept

    def graph(self, path: str, code: ast.AST) -> C.CFG:
        key = (id(self.workspace.files[path].tree), id(code))
        graph = self._cfgs.get(key)
        if graph is None:
            graph = build_cfg(code)
            self._cfgs[key] = graph
        return graph

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


__all__ = ["Engine"]
