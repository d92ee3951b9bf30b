"""Per-function control-flow graph: lowers a function (or module) body into the blocks and edges of graph.py.

Structured statements (if, loops, try, with, match) are lowered into nodes and edges here, so the interpreter
never needs to know about control flow.

``build_cfg`` lowers a function (or module) body. Edge conventions:
- A block whose last node is a ``Test`` has a TRUE and a FALSE successor; other flow uses NORMAL edges.
- An EXCEPTION edge from a block means "an exception is raised once this block's nodes have run": the state at
  the end of the block reaches the handler. Inside a region that intercepts exceptions (a try body, a with
  body, or anything a ``finally`` guards) every node may raise, so each node gets its own block with an
  EXCEPTION edge, and the block entering the region has one too (the first node may fail before any effect).
  Outside such regions only ``raise`` and failed ``assert`` are modelled, to keep graphs small.
- Cleanup code is duplicated per way of leaving its region (fall-through, return, break, continue, exception):
  each copy of a ``finally`` body, or of a ``WithExit`` node, flows to its own continuation only.
- Statements after an unconditional jump are unreachable and are left out of the graph.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .graph import (
    CFG,
    Block,
    CfgNode,
    EdgeKind,
    ForBind,
    ForDone,
    ForIter,
    Handler,
    MatchCase,
    MatchSubject,
    Params,
    Raise,
    Return,
    Simple,
    Test,
    WithEnter,
    WithExit,
)

_BUILTIN_ANNOTATIONS = frozenset({"int", "str", "float", "bool", "bytes", "dict", "list", "set", "tuple", "object",
                                  "None", "Any", "Optional", "Sequence", "Iterable", "Mapping", "Callable"})


def _injectable(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Could a framework inject one of these parameters? (cheap, syntactic)"""
    args = function.args
    if any(isinstance(d, ast.Call) for d in (*args.defaults, *args.kw_defaults) if d is not None):
        return True
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        annotation = arg.annotation
        if isinstance(annotation, ast.Subscript):
            head = annotation.value
            if (head.attr if isinstance(head, ast.Attribute) else getattr(head, "id", "")) == "Annotated":
                return True
        elif isinstance(annotation, ast.Name) and annotation.id not in _BUILTIN_ANNOTATIONS:
            return True
        elif isinstance(annotation, ast.Attribute):
            return True
    return False


def build_cfg(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Module) -> CFG:
    """Lower the body of a function or module into a CFG.

    Nested function and class definitions stay single ``Simple`` nodes; their bodies get their own CFGs.
    """
    builder = _Builder()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _injectable(node):
        builder._emit(Params(node))
    graph = builder.build(node.body)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        graph.body_locals = body_locals(node)
        graph.rebound_globals = declared_globals(node)
    return graph


def declared_globals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names ``global`` statements of ``function``'s own scope (not its nested functions') declare."""
    declared: set[str] = set()
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Global):
            declared.update(node.names)
        elif isinstance(node, ast.stmt) and not isinstance(node, _SCOPES):
            pending.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt))
    return frozenset(declared)


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def body_locals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names ``function``'s body binds in its own scope: assignment and ``for``/``with``/``except``/``import``
    targets, ``def``/``class`` names, walrus targets (also inside comprehensions), ``match`` captures; less
    ``global``/``nonlocal`` names and the parameters."""
    bound: set[str] = set()
    declared: set[str] = set()
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            bound.add(node.target.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        if isinstance(node, _SCOPES):
            if not isinstance(node, ast.Lambda):
                bound.add(node.name)
            pending.extend(node.decorator_list if not isinstance(node, ast.Lambda) else [])
            continue  # its body is its own scope
        if isinstance(node, _COMPREHENSIONS):
            pending.extend(n for n in ast.walk(node) if isinstance(n, ast.NamedExpr))
            continue
        pending.extend(ast.iter_child_nodes(node))
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs,
                                  function.args.vararg, function.args.kwarg) if a is not None}
    return frozenset(bound - declared - parameters)


class _Jump(enum.Enum):
    """The ways control can leave a region other than by falling through."""

    RETURN = "return"
    BREAK = "break"
    CONTINUE = "continue"
    RAISE = "raise"


@dataclass(eq=False)
class _Loop:
    continue_to: Block
    break_to: Block


@dataclass(eq=False)
class _Handlers:
    """A try body guarded by except clauses: exceptions go to ``dispatch``."""

    dispatch: Block


@dataclass(eq=False)
class _Finally:
    body: list[ast.stmt]
    # One copy of ``body`` per way of leaving the try, built on first use (see _Builder._cleanup_landing).
    landings: dict[_Jump, Block] = field(default_factory=dict)


@dataclass(eq=False)
class _WithItem:
    """The body of a with-statement after ``stmt.items[index]`` was entered."""

    stmt: ast.With | ast.AsyncWith
    index: int
    landings: dict[_Jump, Block] = field(default_factory=dict)


_Cleanup = _Finally | _WithItem
_Frame = _Loop | _Handlers | _Cleanup


#: Session methods whose failure leaves the objects as they were before the call.
_ATOMIC_SESSION_METHODS = frozenset({"commit", "flush"})


def _fails_without_effect(node: CfgNode) -> bool:
    """``x.commit()`` / ``await x.flush()`` as a statement of its own."""
    if not isinstance(node, Simple) or not isinstance(node.stmt, ast.Expr):
        return False
    call = node.stmt.value.value if isinstance(node.stmt.value, ast.Await) else node.stmt.value
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr in _ATOMIC_SESSION_METHODS)


def _catches_everything(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id == "BaseException" for t in types)


def _is_irrefutable(pattern: ast.pattern) -> bool:
    """``case _``, ``case name`` and or-patterns containing one always match."""
    if isinstance(pattern, ast.MatchAs):
        return pattern.pattern is None or _is_irrefutable(pattern.pattern)
    if isinstance(pattern, ast.MatchOr):
        return any(_is_irrefutable(p) for p in pattern.patterns)
    return False


class _Builder:
    """Lowers one body into a CFG in a single pass over its statements.

    ``current`` is the block being filled, or None once the next statement cannot be reached. ``frames`` is the
    stack of enclosing constructs that a return/break/continue/raise has to pass through, innermost last.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.entry = self._new_block()
        self.exit = self._new_block()
        self.raise_exit = self._new_block()
        self.current: Block | None = self.entry
        self.frames: list[_Frame] = []

    def build(self, body: list[ast.stmt]) -> CFG:
        self._stmts(body)
        self._goto(self.exit)
        return CFG(entry=self.entry, exit=self.exit, raise_exit=self.raise_exit, blocks=self.blocks)

    # -- blocks and edges -------------------------------------------------------------------------------

    def _new_block(self) -> Block:
        block = Block(len(self.blocks))
        self.blocks.append(block)
        return block

    def _link(self, src: Block, dst: Block, kind: EdgeKind) -> None:
        # Every node of a region links to the same handler, and a raise adds its own edge on top: keep one.
        if (dst, kind) not in src.succs:
            src.succs.append((dst, kind))
            dst.preds.append((src, kind))

    def _successor(self, src: Block, kind: EdgeKind) -> Block:
        block = self._new_block()
        self._link(src, block, kind)
        return block

    def _goto(self, target: Block) -> None:
        if self.current is not None:
            self._link(self.current, target, EdgeKind.NORMAL)
        self.current = None

    def _join(self, ends: list[Block | None]) -> Block | None:
        """Merge the reachable ends of alternative paths into one block to continue from."""
        live = [end for end in ends if end is not None]
        if len(live) <= 1:
            return live[0] if live else None
        join = self._new_block()
        for end in live:
            self._link(end, join, EdgeKind.NORMAL)
        return join

    def _emit(self, node: CfgNode) -> None:
        if self.current is None:
            return
        # Nodes must precede all of a block's edges; a block that already has some is closed.
        if self.current.succs:
            self.current = self._successor(self.current, EdgeKind.NORMAL)
        self.current.nodes.append(node)
        handler = self._handler()
        if handler is not self.raise_exit:  # inside a region that intercepts exceptions: this node may raise
            self._link(self.current, handler, EdgeKind.EXCEPTION)

    def _branch(self) -> tuple[Block, Block]:
        """The TRUE and FALSE successors of the block that just emitted a Test."""
        assert self.current is not None
        return self._successor(self.current, EdgeKind.TRUE), self._successor(self.current, EdgeKind.FALSE)

    # -- jumps through enclosing frames -----------------------------------------------------------------

    def _jump(self, kind: _Jump) -> None:
        """End the current block with a return/break/continue/raise."""
        if self.current is None:
            return
        target = self._target(kind)
        if target is not None:  # None: a break/continue outside any loop, which only the compiler rejects
            self._link(self.current, target, EdgeKind.EXCEPTION if kind is _Jump.RAISE else EdgeKind.NORMAL)
        self.current = None

    def _target(self, kind: _Jump) -> Block | None:
        """The first block a jump of ``kind`` from the current position lands in."""
        for index in range(len(self.frames) - 1, -1, -1):
            frame = self.frames[index]
            if isinstance(frame, _Cleanup):
                return self._cleanup_landing(frame, index, kind)
            if isinstance(frame, _Loop) and kind is _Jump.BREAK:
                return frame.break_to
            if isinstance(frame, _Loop) and kind is _Jump.CONTINUE:
                return frame.continue_to
            if isinstance(frame, _Handlers) and kind is _Jump.RAISE:
                return frame.dispatch
        return {_Jump.RETURN: self.exit, _Jump.RAISE: self.raise_exit}.get(kind)

    def _handler(self) -> Block:
        """Where an exception raised at the current position goes first."""
        target = self._target(_Jump.RAISE)
        assert target is not None  # raise_exit at worst
        return target

    def _cleanup_landing(self, frame: _Cleanup, index: int, kind: _Jump) -> Block:
        """The block that runs ``frame``'s cleanup when leaving by ``kind``, then continues the jump.

        ``index`` is the frame's position in ``frames``. The landing is built once per (frame, kind) and shared
        by every jump of that kind out of the region, so different continuations never merge in a cleanup copy.
        """
        landing = frame.landings.get(kind)
        if landing is not None:
            return landing
        landing = frame.landings[kind] = self._new_block()
        saved = self.current, self.frames
        # Cleanup code runs outside the region it guards: only the frames around it apply.
        self.current, self.frames = landing, self.frames[:index]
        if isinstance(frame, _Finally):
            self._stmts(frame.body)
        else:
            self._emit(WithExit(frame.stmt, frame.index, exceptional=kind is _Jump.RAISE))
        self._jump(kind)
        self.current, self.frames = saved
        return landing

    def _enter_region(self, *frames: _Handlers | _Cleanup) -> None:
        """Push frames that intercept exceptions.

        The state on entry reaches the handler too: the region's first node may fail before having any effect.
        """
        self.frames.extend(frames)
        assert self.current is not None
        self._link(self.current, self._handler(), EdgeKind.EXCEPTION)

    def _no_failure_after_last_node(self) -> None:
        """Drop the EXCEPTION edge after a region's last node when that node fails without effect.

        The edge after node k stands for "node k+1 failed before any effect" (or node k failed part way). After the
        last node there is no node k+1, so the edge only says that the node itself may fail part way, which a
        flush or commit does not: a failed flush puts the session's objects back as they were before it
        (observed: a pending object whose INSERT failed is still pending, and the rollback in the handler makes it
        transient with its values). The state before the node reaches the handler through the previous edge.
        """
        block = self.current
        if block is None or len(block.nodes) != 1 or not _fails_without_effect(block.nodes[0]):
            return
        handler = self._handler()
        if (handler, EdgeKind.EXCEPTION) in block.succs and len(block.preds) == 1:
            block.succs.remove((handler, EdgeKind.EXCEPTION))
            handler.preds.remove((block, EdgeKind.EXCEPTION))

    # -- statements -------------------------------------------------------------------------------------

    def _stmts(self, stmts: list[ast.stmt]) -> None:
        for stmt in stmts:
            if self.current is None:
                return  # the rest of the body is unreachable
            lower = self._LOWERINGS.get(type(stmt))
            if lower is None:
                self._emit(Simple(stmt))
            else:
                lower(self, stmt)

    def _if(self, stmt: ast.If) -> None:
        ends: list[Block | None] = []
        # Walk an elif chain iteratively: long chains would otherwise nest one recursion level per elif.
        while True:
            self._emit(Test(stmt.test, stmt))
            self.current, orelse = self._branch()
            self._stmts(stmt.body)
            ends.append(self.current)
            self.current = orelse
            if len(stmt.orelse) == 1 and isinstance(stmt.orelse[0], ast.If):
                stmt = stmt.orelse[0]
                continue
            self._stmts(stmt.orelse)
            ends.append(self.current)
            break
        self.current = self._join(ends)

    def _while(self, stmt: ast.While) -> None:
        assert self.current is not None
        head = self.current = self._successor(self.current, EdgeKind.NORMAL)
        self._emit(Test(stmt.test, stmt))
        self.current, exhausted = self._branch()
        self._loop_body_and_else(stmt, head, exhausted)

    def _for(self, stmt: ast.For | ast.AsyncFor) -> None:
        self._emit(ForIter(stmt))
        assert self.current is not None
        head = self._successor(self.current, EdgeKind.NORMAL)
        self.current = self._successor(head, EdgeKind.NORMAL)
        exhausted = self._successor(head, EdgeKind.NORMAL)
        self._emit(ForBind(stmt))
        self._loop_body_and_else(stmt, head, exhausted)
        if self.current is not None:
            self._emit(ForDone(stmt))

    def _loop_body_and_else(self, stmt: ast.While | ast.For | ast.AsyncFor, head: Block, exhausted: Block) -> None:
        """Lower the body from ``current`` back to ``head``, and the else clause from ``exhausted``."""
        after = self._new_block()
        self.frames.append(_Loop(continue_to=head, break_to=after))
        self._stmts(stmt.body)
        self._goto(head)
        self.frames.pop()
        self.current = exhausted
        self._stmts(stmt.orelse)
        self._goto(after)
        self.current = after if after.preds else None

    def _try(self, stmt: ast.Try) -> None:  # also ast.TryStar, which has the same fields
        final = _Finally(stmt.finalbody) if stmt.finalbody else None
        handlers = _Handlers(self._new_block()) if stmt.handlers else None
        self._enter_region(*[frame for frame in (final, handlers) if frame is not None])
        self._stmts(stmt.body)
        self._no_failure_after_last_node()
        if handlers is not None:
            self.frames.pop()
        self._stmts(stmt.orelse)  # runs after the body completed normally, unguarded by the handlers
        ends = [self.current]
        if handlers is not None:
            ends += self._handlers(handlers.dispatch, stmt.handlers)
        self.current = self._join(ends)
        if final is not None:
            self.frames.pop()
            self._stmts(final.body)  # the copy for normal completion

    def _handlers(self, dispatch: Block, handlers: list[ast.ExceptHandler]) -> list[Block | None]:
        """Lower the except clauses reached from ``dispatch`` and return their ends."""
        ends: list[Block | None] = []
        for handler in handlers:
            self.current = self._successor(dispatch, EdgeKind.NORMAL)
            self._emit(Handler(handler))
            self._stmts(handler.body)
            ends.append(self.current)
        if not any(_catches_everything(handler) for handler in handlers):
            self.current = dispatch  # no clause matched: the exception propagates
            self._jump(_Jump.RAISE)
        return ends

    def _with(self, stmt: ast.With | ast.AsyncWith) -> None:
        # Entering item i can fail after items 0..i-1 were entered, so each item guards what follows it.
        for index in range(len(stmt.items)):
            self._emit(WithEnter(stmt, index))
            self._enter_region(_WithItem(stmt, index))
        self._stmts(stmt.body)
        for index in reversed(range(len(stmt.items))):
            self.frames.pop()
            self._emit(WithExit(stmt, index, exceptional=False))

    def _match(self, stmt: ast.Match) -> None:
        self._emit(MatchSubject(stmt))
        no_match = self.current  # flow still looking for a matching case
        ends: list[Block | None] = []
        for case in stmt.cases:
            if no_match is None:
                break  # an earlier irrefutable case always matches
            self.current = self._successor(no_match, EdgeKind.NORMAL)
            self._emit(MatchCase(case, stmt.subject))
            tried = self.current
            assert tried is not None
            # A failed pattern may still have bound some captures (CPython documents this), so the next case
            # continues from the state after MatchCase.
            misses: list[Block | None] = [] if _is_irrefutable(case.pattern) else [tried]
            self.current = self._successor(tried, EdgeKind.NORMAL)
            if case.guard is not None:
                self._emit(Test(case.guard, stmt))
                self.current, guard_failed = self._branch()
                misses.append(guard_failed)
            self._stmts(case.body)
            ends.append(self.current)
            no_match = self._join(misses)
        ends.append(no_match)
        self.current = self._join(ends)

    def _return(self, stmt: ast.Return) -> None:
        self._emit(Return(stmt))
        self._jump(_Jump.RETURN)

    def _raise(self, stmt: ast.Raise) -> None:
        self._emit(Raise(stmt))
        self._jump(_Jump.RAISE)

    def _assert(self, stmt: ast.Assert) -> None:
        self._emit(Test(stmt.test, stmt))
        holds, fails = self._branch()
        self.current = fails
        self._jump(_Jump.RAISE)  # AssertionError
        self.current = holds

    def _break(self, stmt: ast.Break) -> None:
        self._jump(_Jump.BREAK)

    def _continue(self, stmt: ast.Continue) -> None:
        self._jump(_Jump.CONTINUE)

    # Statements with control flow of their own; every other statement is a Simple node.
    _LOWERINGS: ClassVar[dict[type[ast.stmt], Callable[[_Builder, Any], None]]] = {
        ast.If: _if,
        ast.While: _while,
        ast.For: _for,
        ast.AsyncFor: _for,
        ast.Try: _try,
        **({ast.TryStar: _try} if hasattr(ast, "TryStar") else {}),  # Python >= 3.11
        ast.With: _with,
        ast.AsyncWith: _with,
        ast.Match: _match,
        ast.Return: _return,
        ast.Raise: _raise,
        ast.Assert: _assert,
        ast.Break: _break,
        ast.Continue: _continue,
    }
