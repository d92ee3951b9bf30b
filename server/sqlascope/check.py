"""The check pipeline shared by the CLI and the language server: files → engine issues → coded findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .analysis.engine.core import Engine
from .analysis.findings import Fault, Finding, Location, Related
from .analysis.report.issues import Issue
from .analysis.index.jedi_fallback import workspace_resolving_installed
from .analysis.index.workspace import Workspace, discover_python_files
from .config import Settings
from .noqa import suppressed
from .rules import rule_for


@dataclass
class Skipped:
    path: str
    reason: str
    line: int = 1


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    internal_errors: list[Skipped] = field(default_factory=list)
    files: int = 0
    lines: int = 0


_EXPIRING = {"commit", "rollback", "expire", "expire_all"}


def _span(location: Location | None) -> list | None:
    if location is None:
        return None
    return [location.path, location.line, location.column, location.end_line, location.end_column]


def fix_data(issue: Issue) -> dict:
    """What quick fixes need, JSON-serialisable (it travels in an LSP diagnostic's ``data``)."""
    fact, attribute = issue.fact, issue.attribute
    merges = sorted(fact.merge_discarded, key=lambda e: e.location.line) if fact is not None else []
    return {
        "fault": issue.fault.value,
        "attribute": attribute.name if attribute else None,
        "attribute_kind": attribute.kind.value if attribute else None,
        "strategy": attribute.strategy.value if attribute else None,
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
        "events": [[_span(e.location), e.effect] for e in issue.events if e.effect] if fact is not None else [],
        "model_at": [fact.cls.path, fact.cls.node.lineno] if fact is not None else None,
        "is_async": fact.is_async if fact is not None else False,
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


def findings_for_file(engine: Engine, path: str, settings: Settings) -> list[Finding]:
    """Coded, merged, unsuppressed findings from analysing the functions of one file (which must be in the
    engine's workspace). Findings can lie in other files: a callee's line, a model's ``__repr__``.
    Exceptions from the engine propagate: callers decide how an internal error is shown."""
    engine.configure(settings.session_helpers, settings.time_budget, per_row=settings.enabled("SQS201"))
    findings = [f for f in (issue_to_finding(i, settings) for i in engine.analyze_file(path)) if f is not None]
    return [f for f in merge_findings(findings) if not_suppressed(f, engine.workspace)]


def default_workspace(paths: list[str]) -> Workspace:
    """A workspace rooted at the first path (its folder, for a file), resolving installed packages with jedi."""
    first = os.path.abspath(paths[0] if paths else ".")
    return workspace_resolving_installed(first if os.path.isdir(first) else os.path.dirname(first))


def check_paths(paths: list[str], settings: Settings, workspace: Workspace | None = None) -> CheckResult:
    workspace = workspace or default_workspace(paths)
    result = CheckResult()
    files = discover_python_files(paths)
    # A file checked on its own still needs its neighbours to resolve `from models import User`.
    neighbours = discover_python_files(sorted({os.path.dirname(os.path.abspath(p)) for p in paths if os.path.isfile(p)}))
    for path in dict.fromkeys([*files, *neighbours]):
        workspace.add_file(path)
    engine = Engine(workspace)
    findings: list[Finding] = []
    for path in files:
        source = workspace.files[os.path.abspath(path)]
        result.files += 1
        result.lines += source.text.count("\n") + 1 if source.text else 0
        if source.error is not None:
            result.skipped.append(Skipped(path, source.error, source.error_line))
            continue
        try:
            findings.extend(findings_for_file(engine, source.path, settings))
        except Exception as exc:  # an engine bug must cost one file, never the run
            result.internal_errors.append(Skipped(path, f"internal error: {type(exc).__name__}: {exc}"))
    result.findings = merge_findings(findings)
    return result
