"""The control-flow graph's data: node kinds, blocks and edges, as the builder makes them and the interpreter walks them.

The graph is made of basic blocks whose nodes are the *effects* the dataflow interpreter evaluates in order.

Node kinds (all frozen dataclasses, each keeps the AST node it came from for positions):
- ``Simple(stmt)``: a statement with no control flow of its own (Assign, AnnAssign, AugAssign, Expr,
  Delete, Pass, Import, ImportFrom, Global, Nonlocal, nested FunctionDef/AsyncFunctionDef/ClassDef,
  TypeAlias).
- ``Test(expr, stmt)``: the evaluation of a condition (if/elif/while test, assert test, match guard,
  comprehension-free).
- ``ForIter(stmt)``: ``for``'s iterable is evaluated once, before the loop head.
- ``ForBind(stmt)``: at the start of each iteration ``stmt.target`` is bound to an element of ``stmt.iter``.
- ``ForDone(stmt)``: first in the block after the loop, reached when the loop is exhausted or broken out of.
- ``WithEnter(stmt, item_index)``: evaluates ``stmt.items[item_index].context_expr``, enters it and binds
  ``optional_vars``. ``stmt`` is a With or AsyncWith.
- ``WithExit(stmt, item_index, exceptional)``: leaves that context manager, normally or by an exception.
  Items exit in reverse order.
- ``Return(stmt)`` / ``Raise(stmt)``: evaluate the value / exception; the block then flows to ``exit`` /
  the innermost handler or ``raise_exit``.
- ``Handler(handler)``: entry of an ``except`` clause (binds ``handler.name``).
- ``MatchSubject(stmt)``: evaluates ``match`` subject; ``MatchCase(case, subject)``: binds the pattern's
  captures.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Simple:
    stmt: ast.stmt


@dataclass(frozen=True)
class Test:
    expr: ast.expr
    stmt: ast.stmt


@dataclass(frozen=True)
class ForIter:
    stmt: ast.For | ast.AsyncFor


@dataclass(frozen=True)
class ForBind:
    stmt: ast.For | ast.AsyncFor


@dataclass(frozen=True)
class ForDone:
    """Where control leaves a ``for`` loop (exhausted or broken out of): a generator it iterated is finished."""

    stmt: ast.For | ast.AsyncFor


@dataclass(frozen=True)
class WithEnter:
    stmt: ast.With | ast.AsyncWith
    item_index: int


@dataclass(frozen=True)
class WithExit:
    stmt: ast.With | ast.AsyncWith
    item_index: int
    exceptional: bool


@dataclass(frozen=True)
class Return:
    stmt: ast.Return


@dataclass(frozen=True)
class Raise:
    stmt: ast.Raise


@dataclass(frozen=True)
class Handler:
    handler: ast.ExceptHandler


@dataclass(frozen=True)
class MatchSubject:
    stmt: ast.AST  # ast.Match


@dataclass(frozen=True)
class MatchCase:
    case: ast.AST  # ast.match_case
    subject: ast.expr


@dataclass(frozen=True)
class Params:
    """Entry of a function whose parameters a framework may inject (FastAPI ``Depends(...)``, ``BackgroundTasks``).

    Emitted first in the entry block only when a parameter has a call as its default or a non-builtin
    annotation; the interpreter binds such a parameter when the caller gave it nothing."""

    function: ast.FunctionDef | ast.AsyncFunctionDef


CfgNode = (
    Simple | Test | ForIter | ForBind | ForDone | WithEnter | WithExit | Return | Raise | Handler | MatchSubject
    | MatchCase | Params
)

class EdgeKind(enum.Enum):
    NORMAL = "normal"
    TRUE = "true"  # condition held
    FALSE = "false"  # condition failed
    EXCEPTION = "exception"  # an exception left the source block


@dataclass(eq=False)
class Block:
    id: int
    nodes: list[CfgNode] = field(default_factory=list)
    succs: list[tuple["Block", EdgeKind]] = field(default_factory=list)
    preds: list[tuple["Block", EdgeKind]] = field(default_factory=list)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Block({self.id}, {[type(n).__name__ for n in self.nodes]}, ->{[b.id for b, _ in self.succs]})"


@dataclass(eq=False)
class CFG:
    entry: Block
    exit: Block  # normal completion (fall-through or return); has no nodes
    raise_exit: Block  # an exception escapes the function; has no nodes
    blocks: list[Block]
    #: the names the function's body binds (not its parameters, not ``global``/``nonlocal`` ones): a read of
    #: one that no assignment on the path bound raises UnboundLocalError. Empty for a module body.
    body_locals: frozenset[str] = frozenset()
    #: the names its ``global`` statements declare: assigning one rebinds the module's name (``frame.rebind_global``)
    rebound_globals: frozenset[str] = frozenset()

    def unlink(self) -> None:
        """Drop the edges of a graph nobody will walk again. Blocks point at each other, so a dropped graph
        is a reference cycle: it (and the syntax tree it holds) would stay in memory until a full garbage
        collection, and those collections were long pauses while typing."""
        for block in self.blocks:
            block.succs.clear()
            block.preds.clear()
