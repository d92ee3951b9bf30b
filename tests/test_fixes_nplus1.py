"""SQS201 quick fixes, proven by running the fixed program and counting lazy loads.

For every N+1 line of the corpus (tests/test_corpus_nplus1.py) each fix offered for its SQS201 finding is applied
to a copy of the case, and every scenario that ran N+1 lazy loads on that line runs again: it must still run clean,
print and return exactly what it did before, and run no lazy load on that line any more.
"""

from __future__ import annotations

from collections import Counter

import pytest

from corpus_runtime import Case, discover_cases, run_scenario, runtime_outcomes
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.analysis.orm.sqla_api import QUERY_STRATEGIES
from sqlascope.fixes import fixes_for
from test_corpus_analyzer import findings_for
from test_corpus_nplus1 import nplus1_lines
from test_fixes_runtime import _apply_to_copy

CASES = [c for c in discover_cases() if c.counts_loads]


def _nplus1_runs(case: Case) -> dict[tuple[str, int], list[str]]:
    """Each N+1 line of the case → the scenarios that run it N+1."""
    lines: dict[tuple[str, int], list[str]] = {}
    for scenario, outcome in runtime_outcomes(case).items():
        for key in nplus1_lines(outcome.loads):
            lines.setdefault(key, []).append(scenario)
    return lines


PARAMS = [
    pytest.param(case, key, scenarios, id=f"{case.name}:{key[0].rpartition('/')[2]}:{key[1]}")
    for case in CASES
    for key, scenarios in sorted(_nplus1_runs(case).items())
]


def _moved(line: int, path: str, fix) -> int:
    """Where ``line`` of ``path`` is after the fix's edits (lines inserted or removed above it)."""
    shift = 0
    for edit in fix.edits:
        if edit.path == path and edit.end_line < line:
            shift += edit.new_text.count("\n") - (edit.end_line - edit.line)
    return line + shift


def _offered(case: Case, key):
    findings = [f for f in findings_for(case) if f.code == "SQS201" and (str(f.location.path), f.location.line) == key]
    workspace = Workspace()
    return [fix for f in findings for fix in fixes_for(f, workspace.source) if fix.kind != "suppress"]


#: N+1 lines with no loader that removes the per-row load: the fix would have to restructure the code.
NO_FIX = {
    "expired": "columns expired by commit(): no loader option keeps them (the query ran before the commit)",
    "dynamic": "a dynamic or write-only relationship is a query per use: no loader option preloads it",
}


@pytest.mark.parametrize("case, key, scenarios", PARAMS)
def test_fix_removes_the_lazy_loads_and_keeps_the_output(case: Case, key, scenarios, tmp_path):
    fixes = _offered(case, key)
    finding = next(f for f in findings_for(case) if f.code == "SQS201" and (str(f.location.path), f.location.line) == key)
    if not fixes:
        reason = "expired" if finding.data.get("attribute_kind") == "column" and finding.data.get("strategy") == "column" \
            else "dynamic" if finding.data.get("strategy") in QUERY_STRATEGIES else None
        assert reason is not None, f"no fix offered for {finding.message}"
        pytest.skip(NO_FIX[reason])
    for index, fix in enumerate(fixes):
        fixed = _apply_to_copy(case, fix, tmp_path / str(index))
        fixed_path = key[0].replace(str(case.root), str(fixed.root), 1)
        line = _moved(key[1], key[0], fix)
        for scenario in scenarios:
            before = runtime_outcomes(case)[scenario]
            after = run_scenario(fixed, scenario)
            assert after.kind == "ok", f"{fix.title}: {scenario} now {after.kind}: {after.error} {after.message[:300]}"
            assert after.output == before.output, f"{fix.title}: {scenario} output changed"
            left = Counter((p, l) for p, l, *_ in after.loads)[(fixed_path, line)]
            assert left == 0, f"{fix.title}: {scenario} still runs {left} lazy loads on that line"


def test_some_fix_is_preferred_and_some_is_not():
    """The preferred flag follows the query's callers: both kinds occur in the corpus."""
    flags = {fix.preferred for case in CASES for key in _nplus1_runs(case) for fix in _offered(case, key)}
    assert flags == {True, False}
