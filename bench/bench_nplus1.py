#!/usr/bin/env python
"""SQS201 (N+1) on real code: how many it reports and what tracking per-row loops costs.

For each target folder, ``check_paths`` runs with every rule and with SQS201 deselected (which turns the per-row loop
tracking off in the engine), alternately, ``--repeat`` times each, in the same process. Prints the SQS201 count,
the median CPU time of this process in each mode (on a shared machine wall time mostly measures the neighbours;
CPU time does not) and their ratio, and the median wall times. Never asserts on times.

Usage: python bench/bench_nplus1.py [--repeat N] [--projects] [TARGET...]
  default targets: examples/shop, examples/fastapi_app, examples/flask_app, tests/corpus/nplus1
  --projects: also every folder under $SQLASCOPE_PROJECTS (read-only real projects), if set
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from sqlascope.check import check_paths
from sqlascope.config import Settings

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TARGETS = ["examples/shop", "examples/fastapi_app", "examples/flask_app", "tests/corpus/nplus1"]
WITH = Settings(time_budget=0)
WITHOUT = Settings(ignore=("SQS201",), time_budget=0)


def run(target: str, settings: Settings):
    start, cpu = time.perf_counter(), time.process_time()
    result = check_paths([target], settings)
    return time.process_time() - cpu, time.perf_counter() - start, result


def measure(target: str, repeat: int) -> dict:
    times = {"with": [], "without": []}
    walls = {"with": [], "without": []}
    findings = None
    lines = files = 0
    for index in range(repeat):
        order = (("with", WITH), ("without", WITHOUT)) if index % 2 == 0 else (("without", WITHOUT), ("with", WITH))
        for mode, settings in order:
            spent, wall, result = run(target, settings)
            times[mode].append(spent)
            walls[mode].append(wall)
            if mode == "with":
                findings, lines, files = result.findings, result.lines, result.files
    count = sum(1 for f in findings if f.code == "SQS201")
    others = sum(1 for f in findings if f.code != "SQS201")
    with_s, without_s = statistics.median(times["with"]), statistics.median(times["without"])
    return {"target": target, "files": files, "lines": lines, "sqs201": count, "other": others,
            "with": with_s, "without": without_s, "ratio": with_s / without_s if without_s else float("nan"),
            "wall_with": statistics.median(walls["with"]), "wall_without": statistics.median(walls["without"])}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--projects", action="store_true")
    args = parser.parse_args(argv)
    targets = args.targets or [os.path.join(HERE, t) for t in DEFAULT_TARGETS]
    projects = os.environ.get("SQLASCOPE_PROJECTS")
    if args.projects and projects:
        targets += sorted(os.path.join(projects, d) for d in os.listdir(projects)
                          if os.path.isdir(os.path.join(projects, d)))
    print(f"{'target':<40} {'files':>6} {'lines':>8} {'SQS201':>7} {'other':>6} {'with s':>8} {'without s':>10} {'ratio':>6}"
          f" {'wall with':>10} {'wall w/o':>9}")
    total_with = total_without = 0.0
    for target in targets:
        row = measure(target, args.repeat)
        total_with += row["with"]
        total_without += row["without"]
        name = os.path.relpath(target, HERE) if target.startswith(HERE) else target
        print(f"{name:<40} {row['files']:>6} {row['lines']:>8} {row['sqs201']:>7} {row['other']:>6} "
              f"{row['with']:>8.3f} {row['without']:>10.3f} {row['ratio']:>6.3f} {row['wall_with']:>10.3f}"
              f" {row['wall_without']:>9.3f}", flush=True)
    if total_without:
        print(f"{'total':<40} {'':>6} {'':>8} {'':>7} {'':>6} {total_with:>8.3f} {total_without:>10.3f} "
              f"{total_with / total_without:>6.3f}")
    print("ratio = median CPU time of the check with SQS201 / without (per-row loop tracking off); target <= 1.10")
    return 0


if __name__ == "__main__":
    sys.exit(main())
