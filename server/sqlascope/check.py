"""The check pipeline shared by the CLI and the language server: files → engine issues → coded findings."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Callable

from .analysis.engine.core import Engine
from .analysis.findings import Fault, Finding, Location, Related
from .analysis.interp.budget import DEFAULT_TIME_GUARD
from .analysis.orm.lifecycle import read_strategy, refresh_loads
from .analysis.orm.sqla_api import QUERY_STRATEGIES
from .analysis.report.issues import Issue
from .analysis.index.jedi_fallback import workspace_resolving_installed
from .analysis.index.workspace import Workspace, discover_python_files
from .cache import CheckCache, FileEntry, consulted_fingerprints, normalised
from .config import Settings
from .parallel import run_all
from .noqa import suppressed
from .rules import rule_for


@dataclass
class Skipped:
    path: str
    reason: str
    line: int = 1
    #: the Python whose grammar the file needs, when that is why it was skipped
    needs_python: tuple[int, int] | None = None


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    internal_errors: list[Skipped] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    #: files whose analysis stopped early (work or time budget, nesting depth): their findings may be incomplete
    cut_short: list[str] = field(default_factory=list)

    @property
    def analysed(self) -> int:
        """Files that were analysed (not skipped, no internal error)."""
        return self.files - len(self.skipped) - len(self.internal_errors)

    def needs_python(self) -> tuple[int, tuple[int, int]] | None:
        """(how many files, the newest Python they need) among files skipped for newer syntax, or None."""
        versions = [s.needs_python for s in self.skipped if s.needs_python is not None]
        return (len(versions), max(versions)) if versions else None


_EXPIRING = {"commit", "rollback", "expire", "expire_all"}


def _span(location: Location | None) -> list | None:
    if location is None:
        return None
    return [location.path, location.line, location.column, location.end_line, location.end_column]


def _strategy(fact, attribute) -> str | None:
    if attribute is None:
        return None
    return (read_strategy(fact, attribute) if fact is not None and attribute.is_loadable else attribute.strategy).value


def fix_data(issue: Issue) -> dict:
    """What quick fixes need, JSON-serialisable (it travels in an LSP diagnostic's ``data``)."""
    fact, attribute = issue.fact, issue.attribute
    merges = sorted(fact.merge_discarded, key=lambda e: e.location.line) if fact is not None else []
    return {
        "fault": issue.fault.value,
        "attribute": attribute.name if attribute else None,
        "attribute_kind": attribute.kind.value if attribute else None,
        "strategy": _strategy(fact, attribute),
        "uselist": attribute.uselist if attribute else None,
        "model": fact.cls.name if fact is not None else None,
        "instance": issue.instance,
        "session": issue.session_label,
        "expression": issue.expression,
        "load": _span(fact.loaded_at) if fact is not None else None,
        "merge": _span(merges[-1].location) if merges else None,
        "expired_by": sorted({e.effect for e in fact.history if e.effect in _EXPIRING}) if fact is not None else [],
        "factory": _span(fact.factory_origin) if fact is not None else None,
        "in_reader": issue.reader is not None,
        "via": [_span(related.location) for related in issue.call_chain],
        # what the scope fixes need: where the session ended or expired things ([span, effect], in order)
        # (a helper's or a context manager's effect is listed again at each call site it ran under, innermost first)
        "events": [[_span(where), e.effect] for e in issue.events if e.effect
                   for where in (e.location, *reversed(e.via))] if fact is not None else [],
        "model_at": [fact.cls.path, fact.cls.node.lineno] if fact is not None else None,
        # relationships that build a query on each use: they need the session, so keeping loaded state is no fix
        "query_relationships": sorted(a.name for a in fact.cls.attributes.values()
                                      if a.strategy.value in QUERY_STRATEGIES) if fact is not None else [],
        "is_async": fact.is_async if fact is not None else False,
        # the instance's possible states where it is reported ("detached", "transient", ...)
        "life": sorted(life.value for life in fact.life) if fact is not None else [],
        # whether refresh(obj, [attribute]) would load it
        "refresh_loads": refresh_loads(fact, attribute) if fact is not None and attribute is not None else True,
    }


def per_row_data(issue: Issue) -> dict:
    """What the eager-load fix of a per-row lazy load needs: the query, and the relationships from its entity."""
    origin = issue.fact.origin if issue.fact is not None else None
    if issue.fault is not Fault.LAZY_LOAD_PER_ROW or origin is None or issue.attribute is None:
        return {}
    link = [issue.fact.cls.name, issue.attribute.name, issue.attribute.uselist, issue.attribute.kind.value]
    return {
        "query": _span(origin.query),
        "entity": origin.entity,
        # from the query's entity to the attribute read: [owner class, attribute, uselist, kind]
        "chain": [[owner, name, uselist, "relationship"] for owner, name, uselist in origin.path] + [link],
        "loop": _span(issue.loop),
        "awaitable": issue.awaitable,
        "immediate": issue.loop is None,
    }


def _related(issue: Issue) -> list[Related]:
    if issue.fault is Fault.LAZY_LOAD_PER_ROW and issue.fact is not None and issue.fact.origin is not None:
        related = [Related(issue.fact.origin.query, f"query that loads the rows: `{issue.rows_query}`")]
        if issue.loop is not None:
            related.append(Related(issue.loop, f"the {issue.loop_kind} that reads `{issue.attribute.name}` once per row"))
        return related
    related = [Related(e.location, e.message) for e in issue.events]
    if issue.fact is not None and issue.fact.loaded_at is not None:
        related.insert(0, Related(issue.fact.loaded_at, f"`{issue.instance or issue.fact.label}` loaded here"))
    return related


def issue_to_finding(issue: Issue, settings: Settings) -> Finding | None:
    rule = rule_for(issue)
    if rule is None or not settings.enabled(rule.code):
        return None
    related = _related(issue)
    related.extend(issue.call_chain)
    data = {**fix_data(issue), **per_row_data(issue)}
    return Finding(
        code=rule.code,
        severity=settings.severity_for(rule.code, issue.severity),
        message=rule.message(issue),
        location=issue.location,
        related=tuple(dict.fromkeys(related)),
        data=data,
    )


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per (location, code): the most severe, with every distinct related location."""
    merged: dict[tuple, Finding] = {}
    for finding in findings:
        key = (finding.location, finding.code)
        existing = merged.get(key)
        if existing is None:
            merged[key] = finding
            continue
        best = finding if finding.severity > existing.severity else existing
        related = tuple(dict.fromkeys(existing.related + finding.related))
        # The same line can fault for several callers: keep each cause's fix data.
        variants = [v for v in (*existing.data.get("variants", [existing.data]), finding.data)]
        unique = [v for i, v in enumerate(variants) if v not in variants[:i]]
        data = {**best.data, "variants": unique} if len(unique) > 1 else best.data
        merged[key] = Finding(best.code, best.severity, best.message, best.location, related, data)
    return sorted(merged.values(), key=lambda f: f.sort_key)


def not_suppressed(finding: Finding, workspace: Workspace) -> bool:
    source = workspace.files.get(finding.location.path)
    if source is None or not 1 <= finding.location.line <= len(source.lines):
        return True
    return not suppressed(source.lines[finding.location.line - 1], finding.code)


def analyse_file(engine: Engine, path: str, settings: Settings,
                 time_guard: bool = False) -> tuple[list[Finding], bool]:
    """Coded, merged, unsuppressed findings from analysing the functions of one file (which must be in the
    engine's workspace), and whether that analysis was cut short (whatever the rule selection says about SQS001).
    Findings can lie in other files: a callee's line, a model's ``__repr__``.
    The work budget makes the result the same on any machine; ``time_guard`` (the language server's) adds the
    `time-budget` clock on top. Exceptions from the engine propagate: callers decide how an internal error is shown."""
    clock = (DEFAULT_TIME_GUARD if settings.time_budget is None else settings.time_budget) if time_guard else None
    engine.configure(settings.session_helpers, clock, settings.work_budget, per_row=settings.enabled("SQS201"))
    issues = engine.analyze_file(path)
    findings = [f for f in (issue_to_finding(i, settings) for i in issues) if f is not None]
    cut_short = any(issue.fault is Fault.CUT_SHORT for issue in issues)
    return [f for f in merge_findings(findings) if not_suppressed(f, engine.workspace)], cut_short


def findings_for_file(engine: Engine, path: str, settings: Settings, time_guard: bool = False) -> list[Finding]:
    return analyse_file(engine, path, settings, time_guard)[0]


def default_workspace(paths: list[str], extra_paths: tuple[str, ...] = ()) -> Workspace:
    """A workspace rooted at the first path (its folder, for a file), resolving installed packages with jedi."""
    first = os.path.abspath(paths[0] if paths else ".")
    return workspace_resolving_installed(first if os.path.isdir(first) else os.path.dirname(first),
                                         extra_paths=extra_paths)


def analyse_in_isolation(engine: Engine, path: str, settings: Settings, time_guard: bool = False) -> FileEntry:
    """One file's findings and what its analysis consulted, as the persistent cache keeps them, computed as if no
    other file had been analysed before it (so files can run in any order, in any process, or come from the cache).
    Exceptions from the engine propagate, as from ``analyse_file``."""
    engine.forget_shared_work()
    workspace = engine.workspace
    with workspace.dependencies.recording() as consulted:
        findings, cut_short = analyse_file(engine, path, settings, time_guard)
    return FileEntry(workspace.files[path].digest, consulted_fingerprints(workspace, consulted, path),
                     normalised(findings), cut_short=cut_short, clocked=time_guard)


def cached_entry(engine: Engine, path: str, cache: CheckCache | None) -> FileEntry | None:
    """The cache's entry for ``path`` while it still holds for the workspace as it is, else None. Only files that are
    analysed at all have entries: whether one is (``is_relevant``) depends on other files, and is decided afresh."""
    if cache is None or not engine.is_relevant(path):
        return None
    entry = cache.load(path)
    return entry if entry is not None and entry.holds(engine.workspace, path) else None


def keep(cache: CheckCache | None, engine: Engine, path: str, entry: FileEntry) -> None:
    """Store a fresh analysis of ``path`` in the cache, unless where it stopped depended on the clock (the work
    budget alone gives the same cut on any machine, so such an entry is kept)."""
    if cache is not None and engine.is_relevant(path) and not (entry.cut_short and entry.clocked):
        cache.store(path, entry)


def check_paths(paths: list[str], settings: Settings, workspace: Workspace | None = None, jobs: int = 1,
                cache_dir: str | None = None, progress: Callable[[str, int], None] | None = None) -> CheckResult:
    """Check files and folders: each file analysed on its own (``jobs`` processes), or taken from the persistent cache
    in ``cache_dir`` while nothing it consulted changed. The result is the same for any ``jobs`` and cache state.
    ``progress(path, total)`` is called as each file is done."""
    workspace = workspace or default_workspace(paths, settings.extra_paths)
    result = CheckResult()
    files = discover_python_files(paths)
    # A file checked on its own still needs its neighbours to resolve `from models import User`.
    neighbours = discover_python_files(sorted({os.path.dirname(os.path.abspath(p)) for p in paths if os.path.isfile(p)}))
    for path in dict.fromkeys([*files, *neighbours]):
        workspace.add_file(path)
    engine = Engine(workspace)
    cache = CheckCache.for_settings(cache_dir, settings) if cache_dir else None
    per_file: dict[str, list[Finding]] = {}
    errors: dict[str, str] = {}
    pending: list[str] = []
    for path in files:
        source = workspace.files[os.path.abspath(path)]
        result.files += 1
        result.lines += source.text.count("\n") + 1 if source.text else 0
        if source.error is not None:
            result.skipped.append(Skipped(path, source.error, source.error_line, source.needs_python))
        elif not engine.is_relevant(source.path):
            per_file[path] = []  # nothing it reaches names SQLAlchemy: nothing to analyse
        elif (entry := cached_entry(engine, source.path, cache)) is not None:
            per_file[path] = entry.findings
            if entry.cut_short:
                result.cut_short.append(path)
        else:
            pending.append(path)
            continue
        if progress is not None:
            progress(path, len(files))
    # Largest first, so that no worker is left with a big file at the end.
    pending.sort(key=lambda p: -len(workspace.files[os.path.abspath(p)].text))
    analyse = functools.partial(_analyse_for_run, engine, settings)
    for path, (entry, error) in run_all(analyse, pending, jobs):
        if progress is not None:
            progress(path, len(files))
        if entry is None:
            errors[path] = error
            continue
        per_file[path] = entry.findings
        if entry.cut_short:
            result.cut_short.append(path)
        keep(cache, engine, os.path.abspath(path), entry)
    findings: list[Finding] = []
    for path in files:
        findings.extend(per_file.get(path, ()))
        if path in errors:
            result.internal_errors.append(Skipped(path, errors[path]))
    order = {path: i for i, path in enumerate(files)}
    result.cut_short.sort(key=order.__getitem__)
    result.findings = merge_findings(findings)
    return result


def _analyse_for_run(engine: Engine, settings: Settings, path: str) -> tuple[FileEntry | None, str | None]:
    """A file's entry, or the internal error that cost it (an engine bug must cost one file, never the run)."""
    try:
        return analyse_in_isolation(engine, os.path.abspath(path), settings), None
    except Exception as exc:
        return None, f"internal error: {type(exc).__name__}: {exc}"
    finally:
        engine.forget_root_results(os.path.abspath(path))
