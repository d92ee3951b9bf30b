"""Quick fixes, proven by running the fixed program under real SQLAlchemy.

For every bad corpus scenario, each fix offered for the finding at the runtime's fault line is applied to a copy
of the case, and the scenario is run again: it must now run clean. A fix that only compiles is not enough.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from corpus_runtime import (
    Case,
    _make_case,
    discover_cases,
    run_scenario,
    runtime_outcomes,
)
from sqlascope.analysis.workspace import Workspace
from sqlascope.fixes import Fix, apply_edits, fixes_for, preferred_fix
from test_corpus_analyzer import _scenario_span, findings_for

CASES = discover_cases()


def _offered(case: Case, scenario: str):
    """Each fix offered at the fault line, together with the preferred fixes of the line's other findings
    (a line can fault in two ways, e.g. an expired column and a lazy relationship: a user fixes both)."""
    outcome = runtime_outcomes(case)[scenario]
    if outcome.kind != "raised":
        return []
    workspace = Workspace()
    at_fault = [f for f in findings_for(case) if (str(f.location.path), f.location.line) == (outcome.path, outcome.line)]
    source_of = workspace.source
    at_fault = [_for_this_scenario(f, case, scenario) for f in at_fault]
    per_finding = [[fix for fix in fixes_for(f, source_of) if fix.kind != "suppress"] for f in at_fault]
    combined = []
    for index, fixes in enumerate(per_finding):
        others = [preferred_fix(other) for i, other in enumerate(per_finding) if i != index]
        if any(other is None for other in others):
            continue  # another fault on this line has no fix: nothing here can make the line run
        for fix in fixes:
            combined.append(Fix(fix.title, fix.code, fix.kind, fix.edits + tuple(e for o in others for e in o.edits)))
    return combined


def _for_this_scenario(finding, case: Case, scenario: str):
    """A line shared by several callers carries one fix-data variant per cause: keep this scenario's."""
    variants = finding.data.get("variants")
    if not variants:
        return finding
    first, last = _scenario_span(case, scenario)

    def in_scenario(span) -> bool:
        return span is not None and span[0] == str(case.entry) and first <= span[1] <= last

    mine = [v for v in variants if in_scenario(v.get("load")) or any(in_scenario(s) for s in v.get("via", []))]
    return replace(finding, data=mine[0]) if len(mine) == 1 else finding


def _apply_to_copy(case: Case, fix, tmp_path: Path) -> Case:
    tmp_path.mkdir(parents=True, exist_ok=True)
    root = tmp_path / case.root.name
    if case.root.is_dir():
        shutil.copytree(case.root, root)
        relocate = lambda path: root / Path(path).relative_to(case.root)  # noqa: E731
    else:
        shutil.copy(case.root, root)
        relocate = lambda path: root  # noqa: E731
    for original in fix.paths():
        target = relocate(original)
        fixed = apply_edits(target.read_text(), [e for e in fix.edits if e.path == original])
        ast.parse(fixed)  # the fixed file must still be Python
        target.write_text(fixed)
    entry = root / "main.py" if root.is_dir() else root
    return _make_case(case.name, root, entry)


PARAMS = [
    pytest.param(case, scenario, id=f"{case.name}::{scenario}")
    for case in CASES
    for scenario in case.bad_scenarios
]


@pytest.mark.parametrize("case, scenario", PARAMS)
def test_every_offered_fix_makes_the_scenario_run_clean(case: Case, scenario: str, tmp_path: Path):
    fixes = _offered(case, scenario)
    if not fixes:
        pytest.skip("no fix offered for this finding yet")
    for index, fix in enumerate(fixes):
        fixed_case = _apply_to_copy(case, fix, tmp_path / str(index))
        outcome = run_scenario(fixed_case, scenario)
        assert outcome.kind == "ok", f"after '{fix.title}': {outcome}"


def test_suppression_fix_silences_the_finding(tmp_path: Path):
    case = next(c for c in CASES if c.name == "single/close_basics")
    from sqlascope.check import check_paths
    from sqlascope.config import Settings

    findings = check_paths([str(case.root)], Settings()).findings
    workspace = Workspace()
    source_of = workspace.source
    fix = next(f for f in fixes_for(findings[0], source_of) if f.kind == "suppress")
    copy = _apply_to_copy(case, fix, tmp_path)
    after = check_paths([str(copy.root)], Settings()).findings
    assert len(after) == len(findings) - 1
    assert f"# noqa: {findings[0].code}" in copy.root.read_text().splitlines()[findings[0].location.line - 1]


#: A ratchet, not the goal: issue 4 asks for 90 %. Raise it as fixes land; it must never go down.
MINIMUM_COVERAGE = 0.70


def test_share_of_bad_scenarios_with_a_fix():
    offered = sum(1 for case, scenario in ((p.values[0], p.values[1]) for p in PARAMS) if _offered(case, scenario))
    share = offered / len(PARAMS)
    print(f"{offered}/{len(PARAMS)} bad scenarios have a runtime-verified fix ({share:.0%})")
    assert share >= MINIMUM_COVERAGE
