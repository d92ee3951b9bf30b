"""The runtime agrees with the corpus annotations (tests/corpus/README.md)."""

from __future__ import annotations

import os
import re

import pytest

from corpus_runtime import TARGET_ERRORS, Case, discover_cases, runtime_outcomes, warm_runtime_outcomes

CASES = discover_cases()
PAIRS = [(c, s) for c in CASES for s in c.scenarios]


def _rel(path: str | None) -> str:
    if path is None:
        return "<no frame inside the case>"
    return os.path.relpath(path)


@pytest.fixture(scope="session")
def corpus_outcomes(request):
    """Runs (once per session, two at a time) the scenarios of the cases the selected tests need."""
    wanted = set()
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if isinstance(params.get("case"), Case):
            wanted.add(params["case"].name)
    warm_runtime_outcomes([c for c in CASES if c.name in wanted])

    class _Outcomes:
        def __getitem__(self, name):
            return runtime_outcomes(next(c for c in CASES if c.name == name))

    return _Outcomes()


def test_corpus_not_empty():
    assert CASES, "no corpus case discovered"
    assert PAIRS, "corpus cases have no scenarios"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_well_formed(case):
    assert case.scenarios, f"{case.name}: no scenario_bad_*/scenario_ok_*/scenario_nplus1_* function"
    for (path, line), err in case.annotations.items():
        assert err in TARGET_ERRORS, f"{_rel(path)}:{line}: unknown expected error {err!r}"
    if case.bad_scenarios:
        assert case.annotations, f"{case.name}: bad scenarios but no `# expect:` annotation"
    for (path, line), code in case.warnings.items():
        assert re.fullmatch(r"SQS\d{3}", code), f"{_rel(path)}:{line}: `# expect-warning:` needs a rule code, got {code!r}"
        assert (path, line) not in case.annotations, f"{_rel(path)}:{line}: both `expect:` and `expect-warning:`"
    for (path, line), code in case.store_reported.items():
        assert code in case.warnings.values(), (
            f"{_rel(path)}:{line}: reported at the store as {code}, but no `# expect-warning: {code}` line in the case"
        )


@pytest.mark.parametrize("case,scenario", PAIRS, ids=[f"{c.name}::{s}" for c, s in PAIRS])
def test_scenario_runtime(case, scenario, corpus_outcomes):
    out = corpus_outcomes[case.name][scenario]
    if scenario.startswith(("scenario_ok_", "scenario_nplus1_")):
        assert out.kind == "ok", (
            f"{scenario.split('_')[1]} scenario {out.kind}: {out.error} at {_rel(out.path)}:{out.line}: {out.message}"
        )
        return
    assert out.kind == "raised", f"bad scenario did not raise ({out.kind}): {out.message}"
    assert out.error in TARGET_ERRORS, (
        f"raised a non-target error {out.error} at {_rel(out.path)}:{out.line}: {out.message}"
    )
    assert out.location is not None, f"{out.error} raised with no frame inside the case: {out.message}"
    expected = case.annotations.get(out.location)
    assert expected is not None, (
        f"{out.error} raised at unannotated {_rel(out.path)}:{out.line}: {out.message}"
    )
    assert expected == out.error, (
        f"{_rel(out.path)}:{out.line} annotated {expected} but raised {out.error}: {out.message}"
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_stale_annotations(case, corpus_outcomes):
    outcomes = corpus_outcomes[case.name]
    hit = {
        o.location
        for s, o in outcomes.items()
        if s.startswith("scenario_bad_") and o.kind == "raised" and o.location is not None
    }
    stale = [f"{_rel(p)}:{l} ({e})" for (p, l), e in sorted(case.annotations.items()) if (p, l) not in hit]
    assert not stale, f"annotated lines never hit by a bad scenario: {stale}"
