"""How much of the corpus the quick fixes cover: ``python -m tests.fix_coverage`` (from the repository root).

Prints
- the share of error and warning findings in the corpus that offer at least one fix (suppression aside): the
  number issue 4 asks to be ≥ 90 %;
- the share of bad scenarios whose fault line gets a fix (what tests/test_fixes_runtime.py runs);
- per fix kind, how many bad scenarios it is offered for;
- the findings without a fix, with their code and message.

Offering is counted here; that every offered fix makes its scenario run clean (and print what the hand-written
correct version prints) is what tests/test_fixes_runtime.py checks.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

_TESTS = Path(__file__).resolve().parent
for _path in (str(_TESTS.parent / "server"), str(_TESTS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from sqlascope.analysis.findings import Severity  # noqa: E402
from sqlascope.analysis.index.workspace import Workspace  # noqa: E402
from sqlascope.fixes import fixes_for  # noqa: E402


def finding_coverage(cases, findings_for) -> tuple[int, int, list]:
    """(findings with a fix, error+warning findings, the findings without one)."""
    source_of = Workspace().source
    total, fixed, missing = 0, 0, []
    for case in cases:
        for finding in findings_for(case):
            if finding.severity < Severity.WARNING:
                continue
            total += 1
            if any(fix.kind != "suppress" for fix in fixes_for(finding, source_of)):
                fixed += 1
            else:
                missing.append((case, finding))
    return fixed, total, missing


def scenario_coverage(params, offered) -> tuple[Counter, int, int, list]:
    """(scenarios per fix kind, scenarios with a fix, bad scenarios, the ones without)."""
    kinds: Counter = Counter()
    with_fix, without = 0, []
    for case, scenario in params:
        fixes = offered(case, scenario)
        if fixes:
            with_fix += 1
            kinds.update({fix.kind for fix in fixes})
        else:
            without.append((case, scenario))
    return kinds, with_fix, len(params), without


def main() -> int:
    from corpus_runtime import warm_runtime_outcomes
    from test_corpus_analyzer import findings_for
    from test_fixes_runtime import (
        BAD_PREFIX,
        CASES,
        CORRECT_PREFIX,
        PARAMS,
        _offered,
        correct_functions,
        nothing_to_compare,
    )

    fixed, total, missing = finding_coverage(CASES, findings_for)
    warm_runtime_outcomes(CASES)
    kinds, with_fix, scenarios, without = scenario_coverage([(p.values[0], p.values[1]) for p in PARAMS], _offered)
    print(f"findings (error+warning) with a fix: {fixed}/{total} ({fixed / max(total, 1):.1%})")
    print(f"bad scenarios with a fix:           {with_fix}/{scenarios} ({with_fix / max(scenarios, 1):.1%})")
    print("bad scenarios per fix kind:")
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind:30} {count}")
    print("findings without a fix:")
    for case, finding in missing:
        where = f"{Path(finding.location.path).name}:{finding.location.line}"
        print(f"  {case.name} {where} {finding.code} {finding.message[:140]}")
    print("bad scenarios without a fix:")
    for case, scenario in without:
        print(f"  {case.name}::{scenario}")
    print("(case file, fix kind) pairs not checked against a hand-written correct version:")
    for case in CASES:
        correct, silent = correct_functions(case), nothing_to_compare(case)
        kinds: dict[str, bool] = {}
        for scenario in case.bad_scenarios:
            checked = CORRECT_PREFIX + scenario[len(BAD_PREFIX):] in correct or scenario in silent
            for kind in {fix.kind for fix in _offered(case, scenario)}:
                kinds[kind] = kinds.get(kind, False) or checked
        for kind, checked in sorted(kinds.items()):
            if not checked:
                print(f"  {case.name}: {kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
