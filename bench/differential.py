"""Differential testing: generated SQLAlchemy programs run under the real libraries and checked by sqlascope.

    python bench/differential.py --programs 2000 --seed 7 [--jobs 2] [--findings DIR] [--minimise K]

Prints programs and agreement per generator feature, the discarded (invalid) programs, every disagreement class
with a minimised program, and last one JSON line with the counts. Exits 0 whenever it ran.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "server")]

from differential.report import print_report, run, save_findings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="runtime and analyzer worker processes")
    parser.add_argument("--findings", type=Path, help="save each class's minimised program and results here")
    parser.add_argument("--minimise", type=int, default=40, metavar="K",
                        help="minimise one program of each of the K largest disagreement classes (0: none)")
    parser.add_argument("--max-trials", type=int, default=80, help="runs allowed per minimisation")
    args = parser.parse_args(argv)
    started = time.monotonic()
    result = run(args.programs, args.seed, args.jobs, minimise_classes=args.minimise,
                 max_trials=args.max_trials)
    if args.findings:
        save_findings(result, args.findings)
    print(f"(seed {args.seed}, {args.programs} programs, {time.monotonic() - started:.0f} s)", file=sys.stderr)
    print_report(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
