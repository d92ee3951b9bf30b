"""N+1 ground truth by counting: the runtime confirms every SQS201 annotation, and the analyzer agrees with it.

Cases that have `scenario_nplus1_*` scenarios or `# expect-warning: SQS201` lines run with a lazy-load counter (a
`do_orm_execute` listener, see corpus_runtime.install_load_counter) that charges each lazy load to the user's line
that triggered it and remembers which query line loaded its parent row. Then:
- an N+1 line is one where a scenario runs >= 3 lazy loads for >= 3 distinct parent rows;
- every `scenario_nplus1_*` has at least one N+1 line, and every N+1 line of any scenario is annotated SQS201;
- every annotated SQS201 line is an N+1 line of some scenario;
- in a load-counting case, no line of an ok scenario but its annotated ones runs more than one lazy load (the clean
  look-alikes);
- the analyzer reports SQS201 on every N+1 line, naming the query line the runtime saw load the parent rows,
  and every SQS201 finding is such a runtime N+1 (line and query).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from corpus_runtime import NPLUS1_CODE, Case, discover_cases, runtime_outcomes
from test_corpus_analyzer import findings_for

CASES = [c for c in discover_cases() if c.counts_loads]

#: An N+1 line runs at least this many lazy loads, for at least this many distinct parent rows.
MIN_LOADS = 3


def nplus1_lines(loads) -> dict[tuple[str, int], set[str]]:
    """The N+1 lines of one run, each with the query lines ("path:line") that loaded its parent rows."""
    count: Counter = Counter()
    parents: dict[tuple[str, int], set[str]] = defaultdict(set)
    origins: dict[tuple[str, int], set[str]] = defaultdict(set)
    for path, line, _kind, parent, origin in loads:
        count[(path, line)] += 1
        parents[(path, line)].add(parent)
        if origin:
            origins[(path, line)].add(origin)
    return {key: origins[key] for key, n in count.items() if n >= MIN_LOADS and len(parents[key]) >= MIN_LOADS}


def _short(key: tuple[str, int]) -> str:
    return f"{key[0].rpartition('/')[2]}:{key[1]}"


def _annotated(case: Case) -> set[tuple[str, int]]:
    return {key for key, code in case.warnings.items() if code == NPLUS1_CODE}


def _confirmed(case: Case) -> dict[tuple[str, int], set[str]]:
    """Every N+1 line of the case's scenarios, with the query lines behind it."""
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for outcome in runtime_outcomes(case).values():
        for key, origins in nplus1_lines(outcome.loads).items():
            out[key] |= origins
    return out


def test_nplus1_corpus_is_large_and_balanced():
    nplus1 = sum(len(c.nplus1_scenarios) for c in CASES)
    clean = sum(len(c.ok_scenarios) for c in CASES if c.nplus1_scenarios)
    assert nplus1 + clean >= 40, (nplus1, clean)
    assert 0.4 <= nplus1 / (nplus1 + clean) <= 0.6, (nplus1, clean)
    assert sum(len(c.nplus1_scenarios) for c in CASES if c.is_multi) >= 5


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_counter_confirms_the_annotations(case: Case):
    outcomes = runtime_outcomes(case)
    for scenario in case.nplus1_scenarios:
        assert outcomes[scenario].kind == "ok", f"{scenario}: {outcomes[scenario]}"
        assert nplus1_lines(outcomes[scenario].loads), f"{scenario} runs no line >= {MIN_LOADS} lazy loads"
    confirmed = _confirmed(case)
    annotated = _annotated(case)
    assert not set(confirmed) - annotated, f"N+1 lines not annotated: {sorted(map(_short, set(confirmed) - annotated))}"
    assert not annotated - set(confirmed), f"annotated, never N+1: {sorted(map(_short, annotated - set(confirmed)))}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if c.ok_scenarios])
def test_clean_look_alikes_load_at_most_once_per_line(case: Case):
    """Apart from its annotated N+1 lines (an ok scenario of the older corpus may have one), no line of an ok
    scenario runs more than one lazy load."""
    annotated = _annotated(case)
    for scenario in case.ok_scenarios:
        per_line = Counter((path, line) for path, line, *_ in runtime_outcomes(case)[scenario].loads)
        busy = {_short(key): n for key, n in per_line.items() if n > 1 and key not in annotated}
        assert not busy, f"{scenario} runs several lazy loads on one line: {busy}"


def _query_of(finding) -> str | None:
    for related in finding.related:
        if related.message.startswith("query"):
            return f"{related.location.path}:{related.location.line}"
    return None


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_analyzer_reports_each_nplus1_at_its_line_and_query(case: Case):
    reported = defaultdict(set)
    for f in findings_for(case):
        if f.code == NPLUS1_CODE:
            reported[(str(f.location.path), f.location.line)].add(_query_of(f))
    confirmed = _confirmed(case)
    missing = [f"{_short(key)} (query {sorted(origins)})" for key, origins in confirmed.items()
               if not origins <= reported.get(key, set())]
    assert not missing, f"N+1 not reported (or without its query): {missing}"
    spurious = [f"{_short(key)} (query {query})" for key, queries in reported.items() for query in queries
                if key not in confirmed or (confirmed[key] and query not in confirmed[key])]
    assert not spurious, f"SQS201 where the runtime runs no N+1 from that query: {spurious}"
