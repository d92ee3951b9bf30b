"""The analyzer against the runtime: it must report exactly where real SQLAlchemy raises, and nowhere else.

For each corpus case, every scenario is executed under real SQLAlchemy (see corpus_runtime.py) and the
analyzer checks the case's files. Then:
- every bad scenario's fault line carries a finding whose code names the error the runtime raised;
- no finding sits on a line where no scenario raised (so clean look-alikes stay clean);
- nothing in an ok scenario's body is flagged.
The expectations come from running the code, never from sqlascope's own output. A disagreement we know about is
marked on its own line with `# known-gap: <reason>` (tests/corpus/README.md): only that line is excused, and
test_known_gap_is_still_a_gap fails once the analyzer agrees there, so the marker must go.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

from corpus_runtime import ERROR_OF_CODE, Case, discover_cases, runtime_outcomes
from sqlascope.check import check_paths
from sqlascope.config import Settings

CASES = discover_cases()


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
        pytest.param(case, scenario, id=f"{case.name}::{scenario}")
        for case in CASES
        for scenario in (case.bad_scenarios if kind == "bad" else case.ok_scenarios + case.nplus1_scenarios)
    ]


def test_corpus_is_large_enough():
    scenarios = sum(len(c.scenarios) for c in CASES)
    multi = sum(len(c.scenarios) for c in CASES if c.is_multi)
    assert scenarios >= 300, scenarios
    assert multi >= 150, multi


def _fault_disagreement(case: Case, outcome) -> str | None:
    """What is wrong with the analyzer's report of one runtime fault, or None when it reports it as required."""
    findings = findings_for(case)
    at_fault = [f for f in findings if (str(f.location.path), f.location.line) == outcome.location]
    store_code = case.store_reported.get(outcome.location)
    if not at_fault and store_code is not None:
        # The read happens in a later request/call that no analysis root connects to the store: the bug is
        # reported where the instance was stored. Every such store must carry its warning.
        stores = [k for k, code in case.warnings.items() if code == store_code]
        reported = {(str(f.location.path), f.location.line) for f in findings if f.code == store_code}
        if stores and set(stores) <= reported:
            return None
        return f"store warnings {store_code} missing at {sorted(set(stores) - reported)}"
    if not at_fault:
        return (f"runtime raised {outcome.error} at {outcome.path}:{outcome.line} ({outcome.message[:120]}); "
                f"analyzer reported: {[(f.location.path.rpartition('/')[2], f.location.line, f.code) for f in findings]}")
    if not any(outcome.error in ERROR_OF_CODE[f.code] for f in at_fault):
        return f"runtime raised {outcome.error}, analyzer said {[f.code for f in at_fault]}"
    return None


def _on_known_gap(case: Case, finding) -> bool:
    return (str(finding.location.path), finding.location.line) in case.known_gaps


@pytest.mark.parametrize("case, scenario", _params("bad"))
def test_bad_scenario_is_reported_where_the_runtime_raises(case: Case, scenario: str):
    outcome = runtime_outcomes(case)[scenario]
    assert outcome.kind == "raised" and outcome.path, f"runtime did not raise: {outcome}"
    problem = _fault_disagreement(case, outcome)
    if problem and outcome.location in case.known_gaps:
        pytest.xfail(f"known gap at line {outcome.line}: {case.known_gaps[outcome.location]}")
    assert not problem, problem


def _findings_through(case: Case, scenario: str) -> list:
    """Findings located in the ok scenario, or reached from it (a call chain through it), bar expected warnings."""
    first, last = _scenario_span(case, scenario)

    def passes_through(f) -> bool:
        return any(str(loc.path) == str(case.entry) and first <= loc.line <= last
                   for loc in (f.location, *(r.location for r in f.related)))

    return [f for f in findings_for(case) if passes_through(f) and not _expected_warning(case, f)]


@pytest.mark.parametrize("case, scenario", _params("ok"))
def test_ok_scenario_has_no_findings(case: Case, scenario: str):
    """An ok (or N+1) scenario runs clean: nothing in it is flagged but the warnings marked as expected."""
    assert runtime_outcomes(case)[scenario].kind == "ok"
    inside = [f for f in _findings_through(case, scenario) if not _on_known_gap(case, f)]
    assert not inside, [f"{f.location.line}: {f.code} {f.message}" for f in inside]


def _unexplained(case: Case) -> list:
    """Findings on a line where no scenario raised and no `# expect-warning:` asks for them."""
    faults = {o.location for o in runtime_outcomes(case).values() if o.kind == "raised"}
    return [f for f in findings_for(case)
            if (str(f.location.path), f.location.line) not in faults and not _expected_warning(case, f)]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_every_finding_is_a_runtime_fault(case: Case):
    unexplained = [f for f in _unexplained(case) if not _on_known_gap(case, f)]
    assert not unexplained, [f"{f.location.path.rpartition('/')[2]}:{f.location.line}: {f.code} {f.message}" for f in unexplained]


def _disagreements_on(case: Case, path: str, line: int) -> list[str]:
    """Every way the analyzer disagrees with the runtime on one line (what a `# known-gap:` marker there excuses)."""
    where = (path, line)
    problems = [p for o in runtime_outcomes(case).values()
                if o.kind == "raised" and o.location == where and (p := _fault_disagreement(case, o))]
    reported = {(str(f.location.path), f.location.line, f.code) for f in findings_for(case)}
    if where in case.warnings and (path, line, case.warnings[where]) not in reported:
        problems.append(f"expected warning {case.warnings[where]} not reported")
    problems += [f"{f.code} where nothing raises: {f.message}"
                 for f in _unexplained(case) if (str(f.location.path), f.location.line) == where]
    problems += [f"{f.code} reached from {scenario}: {f.message}"
                 for scenario in case.ok_scenarios for f in _findings_through(case, scenario)
                 if (str(f.location.path), f.location.line) == where]
    return problems


def _gap_params():
    return [pytest.param(case, path, line, id=f"{case.name}::{Path(path).relative_to(case.root.parent)}:{line}")
            for case in CASES for (path, line) in sorted(case.known_gaps)]


@pytest.mark.parametrize("case, path, line", _gap_params())
def test_known_gap_is_still_a_gap(case: Case, path: str, line: int):
    """A `# known-gap:` line must still disagree with the runtime; once the analyzer is right there, the marker goes."""
    reason = case.known_gaps[(path, line)]
    assert reason, f"{path}:{line}: `# known-gap:` needs a reason"
    problems = _disagreements_on(case, path, line)
    assert problems, (f"{path}:{line}: the analyzer now agrees with the runtime on this line; "
                      f"remove its `# known-gap:` marker")
    pytest.xfail(f"{reason} ({'; '.join(problems)[:300]})")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if c.warnings])
def test_expected_warnings_are_reported(case: Case):
    """Every `# expect-warning: CODE` line carries a finding of that code (and a warning, not an error)."""
    reported = {(str(f.location.path), f.location.line, f.code): f for f in findings_for(case)}
    missing = [f"{p.rpartition('/')[2]}:{l} {code}" for (p, l), code in sorted(case.warnings.items())
               if (p, l, code) not in reported]
    assert not missing, f"expected warnings not reported: {missing}"
    errors = [f for key, f in reported.items() if case.warnings.get(key[:2]) == key[2] and f.severity.label == "error"]
    assert not errors, [f"{f.location.line}: {f.code} is an error" for f in errors]
