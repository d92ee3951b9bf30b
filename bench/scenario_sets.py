#!/usr/bin/env python
"""Hand-written scenario sets, run under real SQLAlchemy and checked by sqlascope: agreement per set.

Usage: python bench/scenario_sets.py [SET ...] [--json] [-v]

Each set is a folder of ``bench/scenario_sets/`` holding cases in the corpus format (tests/corpus/README.md): a
single ``.py`` file, or a folder with ``main.py``, whose ``scenario_bad_*`` / ``scenario_ok_*`` functions build
their own database. Every scenario runs in its own process (the corpus runner); the analyzer checks each case
once. A bad scenario agrees when a finding of the error's code sits on the line where the runtime raised (or, for
a line marked ``(reported at the store: SQS108)``, when every store warning of the case is reported); an ok
scenario agrees when no finding is located in it or reached through it. Findings on lines where no scenario raised
(and no ``# expect-warning:`` asks for them) are counted as extra. Prints one line per set, every disagreement
with ``-v``, and one JSON line. Exits 0 whenever it ran; it never asserts.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "scenario_sets"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "server")]

import corpus_runtime as runtime  # noqa: E402
from sqlascope.check import check_paths  # noqa: E402
from sqlascope.config import Settings  # noqa: E402


def cases_of(folder: Path) -> list[runtime.Case]:
    cases = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_file() and entry.suffix == ".py":
            cases.append(runtime._make_case(entry.stem, entry, entry))
        elif entry.is_dir() and (entry / "main.py").is_file():
            cases.append(runtime._make_case(entry.name, entry, entry / "main.py"))
    return cases


def _span(entry: Path, name: str) -> tuple[int, int]:
    for node in ast.parse(entry.read_text(encoding="utf-8")).body:
        if getattr(node, "name", None) == name:
            return node.lineno, node.end_lineno or node.lineno
    return 0, 0


def check_case(case: runtime.Case) -> tuple[int, int, list[str]]:
    """(scenarios that agree, scenarios counted, what disagrees)."""
    result = check_paths([str(case.root)], Settings())
    findings = result.findings
    at = lambda f: (str(f.location.path), f.location.line)  # noqa: E731
    reported = {at(f) for f in findings}
    agree = counted = 0
    problems: list[str] = []
    faults = set()
    for scenario in case.scenarios:
        outcome = runtime.run_scenario(case, scenario)
        where = f"{case.name}::{scenario}"
        if outcome.kind == "crashed" or (outcome.error or "").startswith("Other:"):
            problems.append(f"{where}: not counted, the scenario itself fails ({outcome.error} {outcome.message[:120]})")
            continue
        counted += 1
        if outcome.kind == "raised":
            faults.add(outcome.location)
        if scenario.startswith("scenario_bad_"):
            store = case.store_reported.get(outcome.location)
            stores = [k for k, code in case.warnings.items() if code == store] if store else []
            if outcome.kind == "raised" and (
                    any(at(f) == outcome.location and outcome.error in runtime.ERROR_OF_CODE[f.code] for f in findings)
                    or stores and set(stores) <= reported):
                agree += 1
            else:
                problems.append(f"{where}: miss: runtime {outcome.error} at line {outcome.line}")
        else:
            first, last = _span(case.entry, scenario)
            inside = [f for f in findings if any(str(loc.path) == str(case.entry) and first <= loc.line <= last
                                                 for loc in (f.location, *(r.location for r in f.related)))
                      and case.warnings.get(at(f)) != f.code]
            if outcome.kind == "ok" and not inside:
                agree += 1
            else:
                problems.append(f"{where}: false alarm: " + "; ".join(
                    f"{Path(f.location.path).name}:{f.location.line} {f.code}" for f in inside))
    for f in findings:
        if at(f) not in faults and case.warnings.get(at(f)) != f.code:
            problems.append(f"{case.name}: extra finding {Path(f.location.path).name}:{f.location.line} {f.code}")
    return agree, counted, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set names (default: every folder of bench/scenario_sets)")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    names = args.sets or sorted(p.name for p in SETS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    totals = {}
    for name in names:
        agree = counted = extra = 0
        problems: list[str] = []
        for case in cases_of(SETS / name):
            a, c, p = check_case(case)
            agree, counted = agree + a, counted + c
            extra += sum(": extra finding " in line for line in p)
            problems += p
        totals[name] = {"scenarios": counted, "agree": agree, "extra_findings": extra}
        if not args.json:
            share = f"{100 * agree / counted:.1f} %" if counted else "-"
            print(f"{name:<12} {agree:>4}/{counted:<4} agree ({share}), {extra} extra findings")
            if args.verbose:
                for line in problems:
                    print(f"    {line}")
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
