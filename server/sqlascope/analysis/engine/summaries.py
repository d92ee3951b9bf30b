"""Calls into user functions, analysed in the caller's context and memoised as summaries; @contextmanager helpers."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..findings import Related
from ..interp.generators import DELEGATED
from ..interp.generators import finish as finish_generators
from ..interp.evaluator import Evaluator
from ..interp.fixpoint import RunResult, run
from ..interp.frame import PATH_RAISED, Frame, RootsNeeded, State
from ..interp.values import UNKNOWN, Const, Context, Function, Items, Keyed, join_values
from ..interp.values import members as value_members
from ..orm.state import EVERY_OBJECT, FOOTPRINTS, Heap, ObjectFacts
from .reach import reachable, replaced, restricted

#: How deep calls into user functions are followed.
MAX_CALL_DEPTH = 6


class _SummaryKey:
    """A summary's key, hashed once: the key holds the whole abstract heap, and a dict hashes a tuple again at
    every lookup (tuples don't keep their hash)."""

    __slots__ = ("parts", "_hash")

    def __init__(self, parts: tuple) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other) -> bool:
        return isinstance(other, _SummaryKey) and self._hash == other._hash and self.parts == other.parts


@dataclass(eq=False)  # kept in the environment: hashed by identity
class _Resume:
    frame: Frame
    yields: dict


@dataclass(eq=False)
class _Variant:
    """One computed outcome of a summary: valid for any call with the same key whose plain objects agree with
    ``touched`` (the facts the call found, or None where it found none), or, when the call went over every object,
    with ``every``. It changes only the objects it touched, so it applies to a heap whose other objects differ."""

    touched: tuple | None
    every: dict | None
    outcome: Heap  # the sessions, instances and registries it leaves; objects: only those it changed or made
    gone: frozenset  # the objects it dropped
    footprint: frozenset
    returned: object
    issues: list
    consulted: frozenset

    @classmethod
    def of(cls, part: Heap, outcome: Heap, footprint: set, returned, issues, consulted) -> "_Variant":
        before, after = part.objects, outcome.objects
        if EVERY_OBJECT in footprint:
            touched, every, candidates = None, dict(before), set(before) | set(after)
        else:
            touched = tuple((oid, dict.get(before, oid)) for oid in footprint)
            every, candidates = None, footprint
        changed = {oid: dict.get(after, oid) for oid in candidates
                   if dict.get(after, oid) is not None and dict.get(after, oid) != dict.get(before, oid)}
        gone = frozenset(oid for oid in candidates if dict.__contains__(before, oid) and not dict.__contains__(after, oid))
        kept = Heap(outcome.sessions, outcome.instances, outcome.registries, changed, outcome.tables)
        return cls(touched, every, kept, gone, frozenset(footprint), returned, issues, consulted)

    def fits(self, objects: ObjectFacts) -> bool:
        if self.touched is None:
            return dict.__eq__(objects, self.every)
        return all(dict.get(objects, oid) == fact for oid, fact in self.touched)

    def apply(self, heap: Heap, reached) -> Heap:
        """``heap`` after the call: its unreached sessions and instances as they were, the call's for the rest,
        and its objects with the call's changes."""
        result = replaced(heap, reached, self.outcome)
        for oid in self.gone:
            dict.pop(result.objects, oid, None)
        dict.update(result.objects, self.outcome.objects)
        return result


#: what a call gives back when no path of the callee returns: the caller's path ends at the call
_NEVER_RETURNS = object()


def _never_returns(function: Function, result: RunResult) -> bool:
    """Does no path of the callee return: each raises (a ``raise``, a read that fails by design, an unbound name)
    or never ends? Not said of a coroutine function: its body runs where the coroutine is awaited, which may be
    elsewhere (a task)."""
    return result.exit is None and not isinstance(function.node, ast.AsyncFunctionDef)


def _note_in_caller(footprint) -> None:
    """A call's footprint is part of the footprint of the summary that made the call."""
    if FOOTPRINTS.stack:
        FOOTPRINTS.stack[-1].update(footprint)


class Summaries:
    """The engine's calls into user code (a mixin of ``Engine``)."""

    def call(self, ev: Evaluator, frame: Frame, function: Function, args: list, kwargs: dict, node: ast.AST,
             state: State, reader: str | None = None):
        if _declares_only(function.node):  # an abstract method or a protocol's: its annotation is all there is
            return self.declarations.value(ev, frame, function.path, function.node.returns, node, state,
                                           f"{function.node.name}()", made_here=True)
        result = self._summary(frame, function, args, kwargs, node, state, reader)
        if result is None:
            return UNKNOWN
        state.heap, returned, issues = result
        if frame.reporting:
            frame.issues.extend(issues)
        if returned is _NEVER_RETURNS:
            state.env[PATH_RAISED] = True  # only the caller's handlers, or its own raise exit, see what follows
            return UNKNOWN
        if returned is UNKNOWN and function.node.returns is not None:
            # what the body gives is unknown (a registry lookup, a framework's): the declared class is known
            return self.declarations.value(ev, frame, function.path, function.node.returns, node, state,
                                           f"{function.node.name}()", sessions=False)
        return returned

    def _callee_frame(self, frame: Frame, function: Function, node: ast.AST, reader: str | None,
                      context: tuple | None = None, loops: tuple = ()) -> Frame | None:
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
            loops=loops,
            beside_facts=frame.beside_facts,
            without_roots=frame.without_roots,
        )

    def _summary(self, frame, function, args, kwargs, node, state, reader):
        """Analyse ``function`` with these abstract arguments on the part of the heap it can reach (reach.py);
        memoised per context. Gives the caller's heap after the call, the value returned and the issues."""
        self._fresh()
        # the loops running this call run every read in the callee once per row too (see interp/per_row.py)
        loops = tuple(self.evaluator.loops_at(frame, node, state)) if frame.code is not None else frame.loops
        inputs = (function, loops, *args, *kwargs.values())
        if frame.without_roots or function.node in self._root_readers:
            reached = reachable(state.heap, inputs, self.references)
        else:
            local = reachable(state.heap, inputs, self.references, roots=False)
            reached = reachable(state.heap, (), self.references, beyond=local)  # the roots added to it
            if local != reached:
                try:
                    return self._run_summary(frame, function, args, kwargs, node, state, reader, loops, local, True)
                except RootsNeeded:
                    pass  # _run_summary noted the readers
        return self._run_summary(frame, function, args, kwargs, node, state, reader, loops, reached,
                                 frame.without_roots)

    def _run_summary(self, frame, function, args, kwargs, node, state, reader, loops, reached, without_roots):
        part = restricted(state.heap, reached)
        # On an empty heap nothing the caller holds can be affected, so one summary serves every call site:
        # without this, code that never touches a session (parsers calling parsers) is re-analysed per call
        # chain, which grows exponentially with depth. Otherwise the site keys the callee's allocations.
        empty = state.heap.is_empty() and not frame.beside_facts
        site = None if empty else (frame.path, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        beside = frame.beside_facts or part.size() < state.heap.size()
        try:
            # Sessions and instances key a summary whole; plain objects only as far as the call touched them
            # (its footprint), so each computed outcome is a variant tried against later calls.
            key = _SummaryKey((function, tuple(args), tuple(sorted(kwargs.items())), part.key_without_objects(),
                               site, reader, loops, beside, without_roots))
            running = (key, frozenset(dict.items(part.objects)))
        except TypeError:
            key = running = None
        dependencies = self.workspace.dependencies
        for variant in self._summaries.get(key, ()) if key is not None else ():
            if variant.fits(part.objects):
                dependencies.note_all(variant.consulted)
                _note_in_caller(variant.footprint)
                return variant.apply(state.heap, reached), variant.returned, variant.issues
        if running is not None and running in self._running:
            return None  # a recursive call with the same inputs is neutral
        callee = self._callee_frame(frame, function, node, reader,
                                    (site,) if site else (("anywhere", function.path, function.node.lineno),), loops)
        if callee is None:
            return None  # too deep here: not a summary (a shallower call of the same function must still run)
        callee.beside_facts = beside
        callee.without_roots = without_roots
        env = self._bind_arguments(function, args, kwargs)
        start = State(env, part.copy())
        footprint: set = set()
        if running is not None:
            self._running.add(running)
        FOOTPRINTS.stack.append(footprint)
        try:
            with dependencies.recording() as consulted:
                self._declare_unbound(callee, function, len(args), kwargs, start)
                result = run(self.evaluator, callee, start)
        except RootsNeeded:
            self._root_readers.add(function.node)  # every function on the way reads them, through its callees
            raise
        finally:
            FOOTPRINTS.stack.pop()
            _note_in_caller(footprint)
            self._running.discard(running)
        completed = result.exit or result.raised
        outcome = completed.heap if completed is not None else part
        if completed is not None:
            freed = self.free_at_return(outcome, part, (result.returned, function, *args, *kwargs.values()),
                                        frame.path, function, node)
            if freed is not outcome:  # which sessions outlive the call depends on every object that may hold one
                footprint.add(EVERY_OBJECT)
                _note_in_caller({EVERY_OBJECT})
            outcome = freed
        returned = _NEVER_RETURNS if _never_returns(function, result) else result.returned
        variant = _Variant.of(part, outcome, footprint, returned, callee.issues, frozenset(consulted))
        if key is not None:
            self._summaries.setdefault(key, []).append(variant)
        return variant.apply(state.heap, reached), returned, callee.issues

    def _declare_unbound(self, callee: Frame, function: Function, positional: int, kwargs: dict, state: State):
        """A parameter the call leaves without a value or a default was supplied by what we cannot see (a decorator
        that injects it, a framework): it holds what its annotation declares."""
        spec = function.node.args
        with_default = {p.arg for p, _default in _defaulted(spec)}
        for param in [*spec.posonlyargs, *spec.args][positional:] + spec.kwonlyargs:
            if param.arg in kwargs or param.arg in with_default or param.annotation is None:
                continue
            state.env[param.arg] = self.declarations.value(self.evaluator, callee, function.path, param.annotation,
                                                           param, state, param.arg)

    def _bind_arguments(self, function: Function, args: list, kwargs: dict) -> dict:
        env: dict[str, object] = dict(function.closure)
        spec = function.node.args
        positional = [*spec.posonlyargs, *spec.args]
        for param, value in zip(positional, args):
            env[param.arg] = value
        defaults = {**_constant_defaults(spec), **dict(function.defaults)}
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
                resumed = State(dict(yield_state.env), state.heap.copy())
                delegated = resumed.env.pop(DELEGATED, None)
                if delegated:  # suspended in a `yield from`: the inner generator finishes first
                    finish_generators(self.evaluator, one.frame, delegated, node, resumed)
                result: RunResult = run(self.evaluator, one.frame, resumed, (blocks[block_id], index + 1))
                completed = result.exit or result.raised
                if completed is not None:
                    heap = completed.heap if heap is None else heap.join(completed.heap)
                if frame.reporting:
                    frame.issues.extend(one.frame.issues)
        if heap is not None:
            state.heap = heap


def _constant_defaults(spec: ast.arguments) -> dict:
    """Parameters whose default is a constant (``commit=False``): what they hold when the caller omits them."""
    return {p.arg: Const(d.value) for p, d in _defaulted(spec)
            if isinstance(d, ast.Constant) and isinstance(d.value, (str, bool, int, type(None)))}


def _defaulted(spec: ast.arguments) -> list[tuple[ast.arg, ast.expr]]:
    """(parameter, default) for every parameter that has a default."""
    positional = [*spec.posonlyargs, *spec.args]
    pairs = [*zip(positional[len(positional) - len(spec.defaults):], spec.defaults), *zip(spec.kwonlyargs, spec.kw_defaults)]
    return [(p, d) for p, d in pairs if d is not None]


def _declares_only(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body that only declares: a docstring, ``...``, ``pass`` or ``raise NotImplementedError``."""
    for stmt in function.body:
        if isinstance(stmt, ast.Pass) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Raise) and "NotImplementedError" in ast.unparse(stmt.exc or ast.Constant(None)):
            continue
        return False
    return True
