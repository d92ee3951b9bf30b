"""What the interpreter's parts ask of the engine driving them, and of the evaluator running a frame (protocols).

The engine resolves names, runs user functions as summaries and owns the caches; the evaluator evaluates
statements and expressions. Both sit above the modules that call back into them (calls, contexts, frameworks,
holders, the fixpoint loop), which see them only through these protocols: the imports run one way.
"""

from __future__ import annotations

import ast
from typing import Any, Protocol

from ..findings import Location
from ..index.workspace import Workspace
from ..orm.models import MappedAttribute, MappedClass, ModelIndex
from ..orm.state import Event, Heap, InstanceFact
from ..report.issues import Issue
from . import graph as C
from .budget import Budget
from .frame import Frame, State
from .references import References
from .values import ClassRef, Context, Function, ModuleValue, ObjectRef


class Host(Protocol):
    """The engine, as the interpreter sees it."""

    workspace: Workspace
    models: ModelIndex
    #: names of the session helpers the user declared
    session_helpers: tuple[str, ...]
    #: the running analysis' budget, charged at every statement
    budget: Budget
    #: heap references inside values, memoised
    references: References

    def declared_helper(self, text: str, value) -> bool: ...

    # -- names and values
    def global_value(self, path: str, name: str): ...

    def module_expression(self, path: str, expr: ast.expr): ...

    def module_member(self, module: ModuleValue, name: str): ...

    def module_object(self, oid): ...

    def import_value(self, path: str, stmt: ast.Import | ast.ImportFrom, alias: ast.alias): ...

    def free_dropped(self, frame: Frame, node: ast.AST, state: State) -> None: ...

    def class_member(self, cls: ClassRef, name: str, after: ClassRef | None = None): ...

    def class_owner(self, path: str, function: ast.AST) -> ClassRef | None: ...

    def class_fully_known(self, cls: ClassRef) -> bool: ...

    def class_mro(self, cls: ClassRef) -> tuple[ClassRef, ...]: ...

    def module_binding(self, path: str, name: str, heap: Heap): ...

    def module_class_attribute(self, cls: ClassRef, name: str): ...

    def base_class(self, path: str, call: ast.Call) -> ClassRef: ...

    def module_factory_configs(self, path: str, name: str, heap: Heap, own_module: bool = True) -> None: ...

    def method_function(self, cls: MappedClass, attribute: MappedAttribute) -> Function | None: ...

    def decorate(self, path: str, node: ast.FunctionDef | ast.AsyncFunctionDef, closure: tuple,
                 defaults: tuple = ()) -> Any: ...

    # -- calls into user code
    def call(self, ev: Evaluating, frame: Frame, function: Function, args: list, kwargs: dict, node: ast.AST,
             state: State, reader: str | None = None): ...

    def enter_generator(self, ev: Evaluating, frame: Frame, manager: Context, node: ast.AST, state: State): ...

    def exit_generator(self, ev: Evaluating, frame: Frame, resume, node: ast.AST, state: State) -> None: ...

    #: track the loops that run code once per row (per_row, SQS201)
    per_row: bool

    # -- positions
    def location(self, path: str, node: ast.AST) -> Location: ...

    def source_text(self, path: str, node: ast.AST) -> str: ...


class Evaluating(Protocol):
    """The evaluator, as the effect modules and the fixpoint loop see it."""

    engine: Host

    def execute(self, frame: Frame, node: C.CfgNode, state: State) -> None: ...

    def value(self, frame: Frame, expr: ast.expr | None, state: State, quiet: bool = False): ...

    def attribute(self, frame: Frame, base, expr: ast.Attribute, state: State): ...

    def object_attribute(self, ref: ObjectRef, name: str, state: State, frame: Frame | None = None,
                         expr: ast.expr | None = None): ...

    def implicit_call(self, frame: Frame, value, dunder: str, node: ast.AST, state: State, extra: tuple = ()) -> None: ...

    def generated_reads(self, frame: Frame, ref, method: str, node: ast.AST, state: State, depth: int = 0,
                        label: str | None = None, given: frozenset = frozenset()) -> None: ...

    def session_label(self, fact: InstanceFact, state: State) -> str: ...

    def keep_loaded_related(self, frame: Frame, iid, node: ast.AST, state: State) -> None: ...

    def report(self, frame: Frame, issue: Issue) -> None: ...

    def loops_at(self, frame: Frame, node: ast.AST, state: State) -> list: ...

    def iterable(self, frame: Frame, value, node: ast.AST, state: State): ...

    def apply(self, frame: Frame, callee, args: list, kwargs: dict, node: ast.Call, state: State): ...

    @staticmethod
    def alternatives(callee, call, state: State): ...

    def per_element(self, frame: Frame, elements, node: ast.AST, kind: str, state: State, run) -> object: ...

    def location(self, frame: Frame, node: ast.AST) -> Location: ...

    def text(self, frame: Frame, node: ast.AST) -> str: ...

    def event(self, frame: Frame, node: ast.AST, message: str, effect: str = "") -> Event: ...
