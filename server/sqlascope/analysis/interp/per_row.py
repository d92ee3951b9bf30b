"""Per-row lazy loads (N+1): which reads run a lazy load once for each row of one query's result.

An instance that comes out of a multi-row result stands for each of its rows (``Origin.many``); so do the
instances reached from it through relationships. A read of such an instance runs once per row when it happens
while a loop iterates it: a ``for`` loop, a comprehension or generator expression, ``map``/``sorted``/``filter``
over it, Pydantic validating a list of them, FastAPI serializing a ``list[...]`` response, or a callee (another
module too) called from any of those: the loops active at a call site go with the call into the callee.
If that read loads lazily (an unloaded relationship or deferred column, an expired column, a dynamic or
write-only relationship's query), the session runs one SELECT per row: 1 + N queries for N rows.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Hashable

from ..findings import Fault, Location, Severity
from ..orm.models import AttrKind, MappedAttribute
from ..orm.sqla_api import LoaderOption, Strategy
from ..orm.state import Heap, InstanceFact, Life, Load
from ..report.issues import Issue
from .values import InstanceRef, Items, Loop, Many, Query, members
from .frame import Frame, State
from .host import Evaluating


#: Strategies whose attribute never loads on access, whatever its state.
_NEVER_LOADS = {Strategy.RAISE, Strategy.NOLOAD}
#: States in which a read of an attached instance runs a SELECT.
_NOT_LOADED = {Load.UNLOADED, Load.EXPIRED}


def instance_ids(value) -> set[Hashable]:
    """The instances a value holds directly or as the items of a row (``(user, address)``)."""
    found: set[Hashable] = set()
    for member in members(value):
        if isinstance(member, InstanceRef):
            found.add(member.iid)
        elif isinstance(member, Items):
            for item in member.items:
                found |= instance_ids(item)
    return found


def loop_over(elements, header: Location, kind: str, heap: Heap) -> Loop | None:
    """The loop that binds ``elements`` (the value of one element) once per row, if they are rows of a query."""
    iids = frozenset(i for i in instance_ids(elements) if _many_rows(heap.instances.get(i)))
    return Loop(header, iids, kind) if iids else None


def loop_over_collection(collection, header: Location, kind: str, heap: Heap) -> Loop | None:
    """As ``loop_over``, for a value that is the collection itself (a list of instances)."""
    elements = [m.element for m in members(collection) if isinstance(m, Many)]
    return loop_over(elements[0], header, kind, heap) if len(elements) == 1 else None


def _many_rows(fact: InstanceFact | None) -> bool:
    return fact is not None and fact.origin is not None and fact.origin.many


def _lineage(iid: Hashable):
    """The instance and those it was reached from: ``(parent id, relationship)`` names a related instance."""
    while True:
        yield iid
        if isinstance(iid, tuple) and len(iid) == 2 and isinstance(iid[1], str):
            iid = iid[0]
        else:
            return


def iterating(loops, iid: Hashable) -> Loop | None:
    """The innermost loop that runs once per row for this instance (or for the one it was reached from)."""
    lineage = set(_lineage(iid))
    for loop in reversed(loops):
        if loop.iids & lineage:
            return loop
    return None


def runs_select(fact: InstanceFact, attribute: MappedAttribute) -> bool:
    """Whether reading ``attribute`` of this instance asks the database (the instance is attached)."""
    if Life.PERSISTENT not in fact.life or attribute.strategy in _NEVER_LOADS:
        return False
    if attribute.strategy in (Strategy.DYNAMIC, Strategy.WRITE_ONLY):
        return True  # every use builds and runs its own query
    return bool(fact.attr(attribute.name) & _NOT_LOADED)


def in_identity_map(fact: InstanceFact, attribute: MappedAttribute, heap: Heap) -> bool:
    """A many-to-one whose targets the session already holds: the lazy loader finds them in the identity map and
    runs no SELECT (observed at run time). They are held when the rows were reached from such an instance
    (``author.books``, then ``book.author``), or came from an earlier multi-row query."""
    if attribute.kind is not AttrKind.RELATIONSHIP or attribute.uselist is not False:
        return False
    if fact.origin is not None and fact.origin.path and fact.origin.path[-1][0] == attribute.target:
        return True
    return any(
        other.cls.name == attribute.target and other.sessions & fact.sessions and Life.PERSISTENT in other.life
        and other.origin is not None and other.origin.many and not other.origin.path
        for other in heap.instances.values()
    )


def loaded_earlier(fact: InstanceFact, iid: Hashable, heap: Heap) -> InstanceFact:
    """Rows of a class the session already holds keep what an earlier query loaded: a query returns the
    instances of the identity map as they are (without ``populate_existing``)."""
    earlier = [
        other for key, other in heap.instances.items()
        if key != iid and other.cls is fact.cls and other.sessions & fact.sessions and Life.PERSISTENT in other.life
        and other.origin is not None and other.origin.many and not other.origin.path
    ]
    if not earlier:
        return fact
    loaded = {name for name, states in fact.attrs if states & _NOT_LOADED
              and any(other.attr(name) == frozenset({Load.LOADED}) for other in earlier)}
    return fact.with_attrs({name: frozenset({Load.LOADED}) for name in loaded}) if loaded else fact


def immediate_relationships(query: Query) -> list[MappedAttribute]:
    """Relationships a query loads with one SELECT per row while it runs (``lazy="immediate"``,
    ``immediateload()``), unless an option of the query loads them otherwise."""
    chosen = {o.path[0]: o.kind for o in query.options if len(o.path) == 1}
    found = []
    for attribute in query.cls.attributes.values():
        if attribute.kind is not AttrKind.RELATIONSHIP:
            continue
        kind = chosen.get(attribute.name)
        if kind is LoaderOption.IMMEDIATE or (kind is None and attribute.strategy is Strategy.IMMEDIATE):
            found.append(attribute)
    return found


def query_text(ev: Evaluating, location: Location | None) -> str:
    """The source text of a query call, shortened to its first line."""
    source = ev.engine.workspace.files.get(location.path) if location is not None else None
    if source is None or not 1 <= location.line <= len(source.lines):
        return ""
    line = source.lines[location.line - 1]
    if location.end_line == location.line:
        return line[location.column:location.end_column]
    return line[location.column:].rstrip() + " …"


def check_query(ev: Evaluating, frame: Frame, fact: InstanceFact, query: Query, node: ast.AST,
                state: State) -> None:
    """A multi-row query with an immediate loader runs 1 + N SELECTs where it executes."""
    if not frame.reporting or Life.PERSISTENT not in fact.life:
        return
    for attribute in immediate_relationships(query):
        ev.report(frame, Issue(
            fault=Fault.LAZY_LOAD_PER_ROW,
            severity=Severity.WARNING,
            location=ev.location(frame, node),
            expression=f"{query.cls.name}.{attribute.name}",
            instance=fact.label,
            fact=fact,
            attribute=attribute,
            rows_query=query_text(ev, query.origin),
        ))


def check_read(ev: Evaluating, frame: Frame, ref: InstanceRef, attribute: MappedAttribute, expr: ast.AST,
               state: State, awaitable: bool) -> None:
    """Report a read that runs a lazy load once per row of the loop that iterates its instance."""
    fact = state.heap.instances[ref.iid]
    if not _many_rows(fact) or not runs_select(fact, attribute) or in_identity_map(fact, attribute, state.heap):
        return
    loop = iterating(ev.loops_at(frame, expr, state), ref.iid)
    if loop is None:
        return
    instance = ev.text(frame, expr.value) if isinstance(expr, ast.Attribute) else fact.label
    ev.report(frame, Issue(
        fault=Fault.LAZY_LOAD_PER_ROW,
        severity=Severity.WARNING,
        location=ev.location(frame, expr),
        expression=f"{instance}.{attribute.name}",
        instance=instance,
        fact=fact,
        attribute=attribute,
        reader=frame.reader,
        reader_call=frame.reader_call,
        loop=loop.header,
        loop_kind=loop.kind,
        awaitable=awaitable,
        rows_query=query_text(ev, fact.origin.query),
    ))


def hover_text(issues, path: str, line: int, column: int) -> str | None:
    """For a read flagged as a per-row lazy load: how many queries it costs, as a function of the row count."""
    for issue in issues:
        at = issue.location
        if issue.fault is not Fault.LAZY_LOAD_PER_ROW or at.path != path or not (
                (at.line, at.column) <= (line, column) <= (at.end_line, at.end_column)):
            continue
        query = f"`{issue.rows_query}`" if issue.rows_query else "the query"
        where = f"the {issue.loop_kind}" if issue.loop is not None else "the query itself, while it runs"
        return (f"**N+1 (SQS201)**: 1 + N queries for N rows. {query} is one query; reading `{issue.expression}` "
                f"runs one more SELECT for each of its N rows, in {where}.")
    return None


def enclosing_for_loops(code: ast.AST, node: ast.AST) -> list[ast.For | ast.AsyncFor]:
    """The ``for`` statements of ``code`` (not of functions nested in it) whose body contains ``node``, outermost
    first."""
    spans = getattr(code, "_sqlascope_for_bodies", None)
    if spans is None:
        spans = []
        stack = list(ast.iter_child_nodes(code))
        while stack:
            child = stack.pop()
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, (ast.For, ast.AsyncFor)) and child.body and not _runs_once(child):
                first, last = child.body[0], child.body[-1]
                spans.append(((first.lineno, first.col_offset), (last.end_lineno, last.end_col_offset), child))
            stack.extend(ast.iter_child_nodes(child))
        spans.sort(key=lambda span: span[0])
        code._sqlascope_for_bodies = spans  # type: ignore[attr-defined]
    at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
    return [loop for start, end, loop in spans if start <= at <= end]


def _runs_once(loop: ast.For | ast.AsyncFor) -> bool:
    """A body that always leaves the loop at its end (``break``, ``return``, ``raise``) and never ``continue``s
    runs for the first row only: not once per row."""
    return (isinstance(loop.body[-1], (ast.Break, ast.Return, ast.Raise))
            and not any(isinstance(node, ast.Continue) for stmt in loop.body for node in ast.walk(stmt)))


def loop_slot(stmt: ast.AST) -> str:
    """The environment slot where a ``for`` statement keeps the loop it runs."""
    return f"<loop:{id(stmt)}>"


def header_of(stmt: ast.For | ast.AsyncFor):
    """A node-like span of a ``for`` statement's header, from ``for`` to the end of its iterable."""
    return _Span(stmt.lineno, stmt.col_offset, stmt.iter.end_lineno, stmt.iter.end_col_offset)


@dataclass(frozen=True)
class _Span:
    lineno: int
    col_offset: int
    end_lineno: int | None
    end_col_offset: int | None


class RowLoops:
    """The evaluator's side of per-row tracking: which loops run a node, and code run once per element."""

    def loops_at(self, frame: Frame, node: ast.AST, state: State) -> list:
        """Every loop that runs ``node`` once per element: the caller's, enclosing ``for`` loops, and the
        comprehensions / map() calls being evaluated, outermost first."""
        loops = list(frame.loops)
        for stmt in enclosing_for_loops(frame.code, node) if frame.code is not None else ():
            for member in members(state.env.get(loop_slot(stmt))):
                if isinstance(member, Loop):
                    loops.append(member)
        return loops + list(frame.active)

    def loop_over(self, frame: Frame, elements, header, kind: str, state: State) -> Loop | None:
        """The loop that binds ``elements`` once per row of a query, if any and if tracked."""
        if not self.engine.per_row:
            return None
        return loop_over(elements, self.location(frame, header), kind, state.heap)

    def bind_for_loop(self, frame: Frame, stmt: ast.For | ast.AsyncFor, element, state: State) -> None:
        """Keep the loop a ``for`` statement runs (if it iterates rows) where reads in its body find it."""
        loop = self.loop_over(frame, element, header_of(stmt), "`for` loop", state)
        if loop is not None:
            state.env[loop_slot(stmt)] = loop
        else:
            state.env.pop(loop_slot(stmt), None)

    def per_element(self, frame: Frame, elements, node: ast.AST, kind: str, state: State, run):
        """Run ``run()`` as code that executes once per element (``elements``: the value of one element)."""
        loop = self.loop_over(frame, elements, node, kind, state)
        if loop is None:
            return run()
        frame.active.append(loop)
        try:
            return run()
        finally:
            frame.active.pop()
