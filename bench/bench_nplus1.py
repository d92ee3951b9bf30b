#!/usr/bin/env python
"""SQS201 (N+1) on real code: how many it reports and what tracking per-row loops costs.

Per target folder, the workspace is indexed once (parsing, jedi); then the analysis of every file runs on a fresh
engine with every rule and with SQS201 deselected (which turns the per-row loop tracking off), alternately,
``--repeat`` times each, in the same process, after a garbage collection. Prints the SQS201 count, the median CPU
time of the analysis in each mode (on a shared machine wall time mostly measures the neighbours) and its ratio, and
the added time as a share of one whole ``sqlascope check`` of the folder (indexing included). Never asserts on times.

Usage: python bench/bench_nplus1.py [--repeat N] [--projects DIR] [TARGET...]
  default targets: examples/shop, examples/fastapi_app, examples/flask_app, tests/corpus/nplus1
  --projects DIR: also every folder under DIR (real projects, read only)
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import discover_python_files
from sqlascope.check import check_paths, default_workspace, findings_for_file, merge_findings
from sqlascope.config import Settings

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TARGETS = ["examples/shop", "examples/fastapi_app", "examples/flask_app", "tests/corpus/nplus1"]
MODES = {"with": Settings(), "without": Settings(ignore=("SQS201",))}


def analyse(workspace, files: list[str], settings: Settings):
    """CPU seconds to analyse every file on a fresh engine, and the findings."""
    engine = Engine(workspace)
    gc.collect()
    start = time.process_time()
    findings = []
    for path in files:
        try:
            findings.extend(findings_for_file(engine, path, settings))
        except Exception:  # an engine bug costs the file, as in `sqlascope check`
            continue
    return time.process_time() - start, merge_findings(findings)


def measure(target: str, repeat: int) -> dict:
    gc.collect()
    start = time.process_time()
    whole = check_paths([target], MODES["with"])
    check_s = time.process_time() - start
    workspace = default_workspace([target])
    files = [os.path.abspath(p) for p in discover_python_files([target])]
    for path in files:
        workspace.add_file(path)
    files = [p for p in files if workspace.files[p].error is None]
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    findings = []
    for index in range(repeat):
        for mode in (MODES if index % 2 == 0 else reversed(list(MODES))):
            spent, found = analyse(workspace, files, MODES[mode])
            times[mode].append(spent)
            if mode == "with":
                findings = found
    with_s, without_s = statistics.median(times["with"]), statistics.median(times["without"])
    return {"files": whole.files, "lines": whole.lines, "sqs201": sum(f.code == "SQS201" for f in findings),
            "other": sum(f.code != "SQS201" for f in findings), "with": with_s, "without": without_s,
            "check": check_s}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--projects", metavar="DIR")
    args = parser.parse_args(argv)
    targets = args.targets or [os.path.join(HERE, t) for t in DEFAULT_TARGETS]
    if args.projects:
        targets += sorted(os.path.join(args.projects, d) for d in os.listdir(args.projects)
                          if os.path.isdir(os.path.join(args.projects, d)))
    print(f"{'target':<36} {'files':>6} {'lines':>8} {'SQS201':>6} {'other':>6} {'analysis with':>13} "
          f"{'without':>8} {'ratio':>6} {'check':>7} {'added/check':>11}")
    for target in targets:
        row = measure(target, args.repeat)
        added = row["with"] - row["without"]
        name = os.path.relpath(target, HERE) if target.startswith(HERE) else target
        ratio = row["with"] / row["without"] if row["without"] else float("nan")
        share = added / row["check"] if row["check"] else float("nan")
        print(f"{name:<36} {row['files']:>6} {row['lines']:>8} {row['sqs201']:>6} {row['other']:>6} "
              f"{row['with']:>13.3f} {row['without']:>8.3f} {ratio:>6.3f} {row['check']:>7.3f} {share:>10.1%}",
              flush=True)
    print("CPU seconds. analysis with/without: median over --repeat runs on a fresh engine (SQS201 deselected turns\n"
          "the per-row loop tracking off); check: one whole `sqlascope check` of the folder; added/check: the\n"
          "rule's added analysis time as a share of that check (target <= 10 %).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
