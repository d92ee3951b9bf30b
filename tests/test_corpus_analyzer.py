"""The analyzer against the runtime: it must report exactly where real SQLAlchemy raises, and nowhere else.

For each corpus case, every scenario is executed under real SQLAlchemy (see corpus_runtime.py) and the
analyzer checks the case's files. Then:
- every bad scenario's fault line carries a finding whose code names the error the runtime raised;
- no finding sits on a line where no scenario raised (so clean look-alikes stay clean);
- nothing in an ok scenario's body is flagged.
The expectations come from running the code, never from sqlascope's own output.
"""

from __future__ import annotations

import ast
from functools import lru_cache

import pytest

from corpus_runtime import Case, discover_cases, runtime_outcomes
from sqlascope.check import check_paths
from sqlascope.config import Settings

CASES = discover_cases()

#: Which runtime error each rule's findings predict.
ERROR_OF_CODE = {
    "SQS101": {"DetachedInstanceError"},
    "SQS102": {"DetachedInstanceError"},
    "SQS103": {"InvalidRequestError"},
    "SQS104": {"DetachedInstanceError"},
    "SQS105": {"MissingGreenlet"},
    "SQS106": {"DetachedInstanceError", "MissingGreenlet"},
    "SQS107": {"InvalidRequestError"},
    # a warning where an instance is stored in a holder that outlives its session: nothing raises on that line
    # (it is marked `# expect-warning: SQS108`); the faults come later, where the kept instance is read
    "SQS108": set(),
}


#: Disagreements we know about and have not fixed yet, each with its reason. They run as strict xfails: the
#: day the analyzer agrees with the runtime, the XPASS fails and the entry must go.
KNOWN_GAPS = {
    "async_single/lazy_relationships::scenario_ok_many_to_one_already_in_identity_map":
        "a many-to-one whose target is already in the identity map needs no IO; identities are not tracked by key",
    "async_single/lazy_relationships":
        "see scenario_ok_many_to_one_already_in_identity_map",
    "multi/scoped_registry_commit::scenario_ok_successful_rename_then_teardown_column":
        "data-dependent: the same code raises when flush() fails (see scenario_bad_rollback_then_teardown_column); "
        "the analyzer rightly warns that the read fails on the rollback path",
    "multi/scoped_registry_commit": "see scenario_ok_successful_rename_then_teardown_column",
}


def _gap(case_id: str):
    reason = KNOWN_GAPS.get(case_id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@lru_cache(maxsize=None)
def findings_for(case: Case):
    result = check_paths([str(case.root)], Settings())
    assert not result.internal_errors, result.internal_errors
    assert not result.skipped, result.skipped
    return result.findings


def _expected_warning(case: Case, finding) -> bool:
    """A finding on a `# expect-warning: CODE` line, with that code."""
    return case.warnings.get((str(finding.location.path), finding.location.line)) == finding.code


def _scenario_span(case: Case, scenario: str) -> tuple[int, int]:
    tree = ast.parse(case.entry.read_text())
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == scenario:
            return node.lineno, node.end_lineno or node.lineno
    raise AssertionError(f"{scenario} not found in {case.entry}")


def _params(kind: str):
    return [
        pytest.param(case, scenario, id=f"{case.name}::{scenario}", marks=_gap(f"{case.name}::{scenario}"))
        for case in CASES
        for scenario in (case.bad_scenarios if kind == "bad" else case.ok_scenarios)
    ]


def test_corpus_is_large_enough():
    scenarios = sum(len(c.scenarios) for c in CASES)
    multi = sum(len(c.scenarios) for c in CASES if c.is_multi)
    assert scenarios >= 300, scenarios
    assert multi >= 150, multi


@pytest.mark.parametrize("case, scenario", _params("bad"))
def test_bad_scenario_is_reported_where_the_runtime_raises(case: Case, scenario: str):
    outcome = runtime_outcomes(case)[scenario]
    assert outcome.kind == "raised" and outcome.path, f"runtime did not raise: {outcome}"
    at_fault = [f for f in findings_for(case) if (str(f.location.path), f.location.line) == (outcome.path, outcome.line)]
    store_code = case.store_reported.get((outcome.path, outcome.line))
    if not at_fault and store_code is not None:
        # The read happens in a later request/call that no analysis root connects to the store: the bug is
        # reported where the instance was stored. Every such store must carry its warning.
        stores = [k for k, code in case.warnings.items() if code == store_code]
        reported = {(str(f.location.path), f.location.line) for f in findings_for(case) if f.code == store_code}
        assert stores and set(stores) <= reported, f"store warnings {store_code} missing at {sorted(set(stores) - reported)}"
        return
    assert at_fault, (
        f"runtime raised {outcome.error} at {outcome.path}:{outcome.line} ({outcome.message[:120]}); "
        f"analyzer reported: {[(f.location.path.rpartition('/')[2], f.location.line, f.code) for f in findings_for(case)]}"
    )
    assert any(outcome.error in ERROR_OF_CODE[f.code] for f in at_fault), (
        f"runtime raised {outcome.error}, analyzer said {[f.code for f in at_fault]}"
    )


@pytest.mark.parametrize("case, scenario", _params("ok"))
def test_ok_scenario_has_no_findings(case: Case, scenario: str):
    assert runtime_outcomes(case)[scenario].kind == "ok"
    first, last = _scenario_span(case, scenario)
    def passes_through(f) -> bool:  # located in the scenario, or reached from it (a call chain through it)
        return any(str(loc.path) == str(case.entry) and first <= loc.line <= last
                   for loc in (f.location, *(r.location for r in f.related)))

    inside = [f for f in findings_for(case) if passes_through(f) and not _expected_warning(case, f)]
    assert not inside, [f"{f.location.line}: {f.code} {f.message}" for f in inside]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=_gap(c.name)) for c in CASES])
def test_every_finding_is_a_runtime_fault(case: Case):
    faults = {(o.path, o.line) for o in runtime_outcomes(case).values() if o.kind == "raised"}
    unexplained = [f for f in findings_for(case)
                   if (str(f.location.path), f.location.line) not in faults and not _expected_warning(case, f)]
    assert not unexplained, [f"{f.location.path.rpartition('/')[2]}:{f.location.line}: {f.code} {f.message}" for f in unexplained]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if c.warnings])
def test_expected_warnings_are_reported(case: Case):
    """Every `# expect-warning: CODE` line carries a finding of that code (and a warning, not an error)."""
    reported = {(str(f.location.path), f.location.line, f.code): f for f in findings_for(case)}
    missing = [f"{p.rpartition('/')[2]}:{l} {code}" for (p, l), code in sorted(case.warnings.items())
               if (p, l, code) not in reported]
    assert not missing, f"expected warnings not reported: {missing}"
    errors = [f for key, f in reported.items() if case.warnings.get(key[:2]) == key[2] and f.severity.label == "error"]
    assert not errors, [f"{f.location.line}: {f.code} is an error" for f in errors]
