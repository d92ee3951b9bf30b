"""Quick fixes: pure text edits computed from the syntax tree, one module per fix family.

``FIXES`` maps a diagnostic code to the fix providers that may apply, best first. Every provider returns a
(possibly empty) list of ``Fix``; none may raise for ordinary code. A provider marks a fix ``preferred`` when it is
safe to apply without a look (``check --fix``, "fix all"); ``fixes_for`` then keeps that mark on the first such
fix only, so each finding has at most one preferred fix: the best for the situation. Providers in ``FALLBACKS``
run only when no provider before them offered anything.

Fix kinds (``Fix.kind``):

| kind                          | what it does                                                          | module           |
|-------------------------------|-----------------------------------------------------------------------|------------------|
| scope                         | move the read into the ``with`` block / bare session → ``with`` / move ``close()`` | scope            |
| move-read                     | move a plain read up, before calls that end the session elsewhere     | scope            |
| eager-load                    | loader option in the query (``selectinload``/``joinedload``/``undefer``, ``load_only`` list, drop ``defer``) | eager_load |
| eager-load                    | the caller passes the option to a helper that loads any model (``options=[...]``) | caller_options |
| eager-load                    | chain the loader onto the option that loaded the instance's parent        | chained_loader   |
| eager-load+expire-on-commit   | both: a relationship a commit expired                                 | eager_load       |
| expire-on-commit              | ``expire_on_commit=False`` at the factory                             | expire_on_commit |
| merge                         | re-attach with ``obj = session.merge(obj)``                           | merge            |
| guard-membership              | SQS103: ``if obj in session:`` around ``expunge/refresh/expire(obj)`` | guard_membership |
| load-before-end               | ``session.refresh(obj, ["rel"])`` before the session ends             | load_before_end  |
| attach-first                  | after ``make_transient_to_detached``: read once ``session.add(obj)`` ran | attach_first   |
| awaitable-attrs               | ``await obj.awaitable_attrs.rel``                                     | async_fixes      |
| async-refresh                 | ``await session.refresh(obj)`` before the read                        | async_fixes      |
| init-collection               | ``Model(..., rel=[])`` for a new object's collection                  | new_collection   |
| explicit-commit               | SQS107: drop ``with s.begin():`` and commit at its end                | begin            |
| commit-insert                 | SQS103: ``session.commit()`` where an INSERT the session's end undid was flushed | commit_insert |
| eager-load-per-row            | SQS201: loader (chained) in the originating query, in its own module  | per_row_eager    |
| suppress                      | ``# noqa: CODE``                                                      | suppress         |
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..analysis.findings import Finding
from ..analysis.index.source import SourceFile
from .async_fixes import async_refresh, awaitable_attrs
from .attach_first import attach_before_read
from .begin import commit_instead_of_begin
from .commit_insert import commit_the_insert
from .caller_options import options_from_caller
from .chained_loader import chain_to_parent_option
from .eager_load import eager_load, eager_load_and_keep
from .per_row_eager import per_row_eager_load
from .edits import Fix, TextEdit, apply_edits
from .expire_on_commit import keep_loaded_on_commit
from .guard_membership import only_if_held
from .load_before_end import load_before_end
from .locality import is_local
from .merge import assign_merge_result, merge_before_refresh
from .new_collection import init_collection
from .scope import extend_scope, move_read_up
from .suppress import suppress

SourceOf = Callable[[str], SourceFile | None]
Provider = Callable[[Finding, SourceOf], list[Fix]]


def _merge_before_refresh(finding: Finding, source_of: SourceOf) -> list[Fix]:
    return merge_before_refresh(finding, source_of(finding.location.path))


#: code → providers (finding, source_of) → fixes, best first. `suppress` is offered for every code.
FIXES: dict[str, list[Provider]] = {
    "SQS101": [extend_scope, attach_before_read, keep_loaded_on_commit, eager_load_and_keep, move_read_up, load_before_end],
    "SQS102": [eager_load, options_from_caller, chain_to_parent_option, extend_scope, attach_before_read, init_collection,
               move_read_up, load_before_end],
    "SQS103": [commit_the_insert, _merge_before_refresh, only_if_held],
    "SQS104": [assign_merge_result],
    "SQS105": [eager_load, awaitable_attrs, init_collection, keep_loaded_on_commit, async_refresh],
    "SQS106": [eager_load, options_from_caller, keep_loaded_on_commit, eager_load_and_keep, extend_scope, move_read_up, load_before_end],
    "SQS107": [commit_instead_of_begin],
    "SQS201": [per_row_eager_load],
}

#: Providers that run only when every provider listed before them for the code offered nothing: the issue's
#: "only where no better fix applies". For SQS102, moving the read into the session's scope is offered beside
#: eager loading (a different trade-off: no extra query, but a longer-lived session).
FALLBACKS: dict[str, set[Provider]] = {
    "SQS101": {move_read_up, load_before_end},
    "SQS102": {init_collection, move_read_up, load_before_end},
    "SQS106": {extend_scope, move_read_up, load_before_end},
}


def fixes_for(finding: Finding, source_of: SourceOf) -> list[Fix]:
    causes = [replace(finding, data=variant) for variant in finding.data.get("variants", [finding.data])]
    per_cause = [_fixes_for_path(path, source_of) for path in _by_call_path(causes)]
    fixes: list[Fix] = []
    for cause_fixes in per_cause:
        fixes.extend(f for f in cause_fixes if f not in fixes)
    if len(per_cause) > 1:
        every = _for_every_cause(finding, per_cause, source_of)
        if every is not None:
            fixes.insert(0, every)
    fixes = _one_preferred(fixes, finding, source_of)
    source = source_of(finding.location.path)
    if source is not None and source.tree is not None:
        fixes.extend(suppress(finding, source))
    return fixes


def _by_call_path(causes: list[Finding]) -> list[list[Finding]]:
    """Causes grouped by the call chain that reaches the line. Causes on one chain fault in the same run (a
    ``dataclasses.asdict`` that reads ``author.books`` and then each book's ``author``); causes on different chains
    are different callers."""
    groups: dict[str, list[Finding]] = {}
    for cause in causes:
        groups.setdefault(repr(cause.data.get("via") or []), []).append(cause)
    return list(groups.values())


def _fixes_for_path(causes: list[Finding], source_of: SourceOf) -> list[Fix]:
    """The fixes of one call path: a cause's own fixes when it is alone; when several causes fault on the same
    path, only a fix of every one of them makes the line run, so only their preferred fixes together."""
    if len(causes) == 1:
        return _fixes_for_cause(causes[0], source_of)
    per_cause = [_fixes_for_cause(cause, source_of) for cause in causes]
    every = _for_every_cause(causes[0], per_cause, source_of, callers=False)
    if every is not None:
        return [every]
    chosen = [preferred_fix(fixes) for fixes in per_cause]
    if all(fix is not None and fix == chosen[0] for fix in chosen):
        return per_cause[0]  # one fix (one query's loader chain, one factory option) answers every cause
    return []


def _fixes_for_cause(finding: Finding, source_of: SourceOf) -> list[Fix]:
    fixes: list[Fix] = []
    fallbacks = FALLBACKS.get(finding.code, set())
    for provider in FIXES.get(finding.code, []):
        if provider in fallbacks and fixes:
            continue
        try:
            fixes.extend(f for f in provider(finding, source_of) if f not in fixes)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, StopIteration, RecursionError):
            continue  # a fix that can't be computed safely is not offered
    return fixes


def _for_every_cause(finding: Finding, per_cause: list[list[Fix]], source_of: SourceOf,
                     callers: bool = True) -> Fix | None:
    """A line that faults for several callers (a ``__repr__``, a shared helper), or in several ways on one path, is
    fixed only when every cause is: the preferred fix of each, together, when each cause has one and their edits
    don't collide."""
    chosen = [preferred_fix(fixes) for fixes in per_cause]
    if any(fix is None for fix in chosen):
        return None
    unique = list(dict.fromkeys(chosen))
    if len(unique) == 1:
        return None
    edits = tuple(dict.fromkeys(edit for fix in unique for edit in fix.edits))
    try:
        for path in {edit.path for edit in edits}:
            apply_edits(source_of(path).text, [edit for edit in edits if edit.path == path])
    except (ValueError, AttributeError):
        return None
    kinds = list(dict.fromkeys(fix.kind for fix in unique))
    others = f"the other {len(unique) - 1} callers that reach this line" if callers else "what else this line reads"
    title = f"{unique[0].title} (and the same for {others})"
    return Fix(title, finding.code, kinds[0] if len(kinds) == 1 else "+".join(kinds), edits, preferred=True)


def _one_preferred(fixes: list[Fix], finding: Finding, source_of: SourceOf) -> list[Fix]:
    """Keep the preferred mark on one fix: the first local one (it changes nothing for other callers) when there
    is one, else the first marked. A shared helper's query or an app-wide ``expire_on_commit=False`` is then the
    preferred fix only where no fix inside the reported function exists."""
    marked = [fix for fix in fixes if fix.preferred]
    chosen = next((fix for fix in marked if is_local(fix, finding, source_of)), marked[0] if marked else None)
    return [fix if fix is chosen or not fix.preferred else replace(fix, preferred=False) for fix in fixes]


def preferred_fix(fixes: list[Fix]) -> Fix | None:
    return next((fix for fix in fixes if fix.preferred), None)


def fix_key(fix: Fix) -> str:
    """A stable id for one fix of a finding (``codeAction/resolve`` sends it back to find the same fix)."""
    return f"{fix.kind}:{fix.title}"


def resolve_fix(finding: Finding, key: str, source_of: SourceOf) -> Fix | None:
    """The fix ``key`` of ``finding`` with its edits, recomputed against the current text; None if it no longer
    applies (the text changed under it). For ``codeAction/resolve``: list actions without edits, then fill in the
    one the user picks."""
    return next((fix for fix in fixes_for(finding, source_of) if fix_key(fix) == key), None)


__all__ = ["FALLBACKS", "FIXES", "Fix", "TextEdit", "apply_edits", "fix_key", "fixes_for", "preferred_fix", "resolve_fix"]
