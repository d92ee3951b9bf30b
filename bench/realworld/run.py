"""Plant session bugs and clean look-alikes in real projects, run `sqlascope check` on each, and score it.

    python bench/realworld/run.py --projects DIR                 # every project, its injections in one batch
    python bench/realworld/run.py --projects DIR --only h,ckan   # some projects
    python bench/realworld/run.py --projects DIR --single        # one check per injection (slow, no interference)
    python bench/realworld/run.py --projects DIR --pristine      # also check the untouched copy (its own findings)

DIR holds the projects as fetch.py leaves them (DIR/<name>). Each project's included folders are copied to a
temp dir (only .py files and packaging metadata), its injections (injections/<name>.toml) are applied, and
`python -m sqlascope check --format json` runs on the copy. A bug is found when a finding sits on its `flag`
line; a clean look-alike is flagged when any finding sits inside its replacement. Prints a table per project
(bugs found, clean flagged, check time, every miss) and ends with one JSON line. A finding reported inside a
property or helper counts for the line it was called from ("called from here" in its related locations).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
KEEP = False  # --keep: leave the patched copies for inspection
METADATA = {"pyproject.toml", "setup.cfg", "setup.py"}


@dataclass
class Injection:
    id: str
    project: str
    file: str
    replacement: str
    kind: str  # "bug", "clean", or "setup" (an import or helper the others need; not scored)
    shape: str = ""
    reason: str = ""
    anchor: str = ""  # empty: the replacement is appended at the end of the file
    flag: str = ""  # bug: a substring of the one replacement line that must be flagged
    error: str = ""  # bug: the error the flagged line raises at run time

    def check(self) -> None:
        assert self.kind in ("bug", "clean", "setup"), f"{self.id}: kind must be bug, clean or setup"
        if self.kind == "bug":
            hits = [line for line in self.replacement.splitlines() if self.flag and self.flag in line]
            assert len(hits) == 1, f"{self.id}: flag {self.flag!r} must pick exactly one replacement line"


@dataclass
class Placed:
    """Where an injection landed in the patched copy."""

    injection: Injection
    path: str
    first: int
    last: int
    flag_line: int | None


@dataclass
class Outcome:
    injection: Injection
    hit: bool  # bug: found; clean: flagged
    codes: list[str] = field(default_factory=list)


def load_projects() -> list[dict]:
    with (HERE / "projects.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]


def load_injections(project: str) -> list[Injection]:
    path = HERE / "injections" / f"{project}.toml"
    if not path.exists():
        return []
    with path.open("rb") as handle:
        rows = tomllib.load(handle).get("injection", [])
    injections = [Injection(project=project, **row) for row in rows]
    assert len({i.id for i in injections}) == len(injections), f"{project}: injection ids must be unique"
    for injection in injections:
        injection.check()
    return injections


def copy_project(source: Path, project: dict, dest: Path) -> None:
    """Copy the included folders' .py files (and the top-level packaging metadata) keeping the layout."""
    excluded = project.get("exclude", [])
    for name in METADATA:
        if (source / name).is_file():
            shutil.copy2(source / name, dest / name)
    for folder in project["include"]:
        for root, dirs, files in os.walk(source / folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            for name in files:
                if not name.endswith(".py"):
                    continue
                relative = os.path.relpath(os.path.join(root, name), source)
                if any(fnmatch.fnmatch(relative, pattern) for pattern in excluded):
                    continue
                target = dest / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(os.path.join(root, name), target)


def apply(copy: Path, injections: list[Injection]) -> list[Placed]:
    """Apply the injections (anchors must be unique in the original file), then locate each replacement."""
    by_file: dict[str, list[Injection]] = {}
    for injection in injections:
        by_file.setdefault(injection.file, []).append(injection)
    placed = []
    for relative, group in by_file.items():
        path = copy / relative
        text = path.read_text(encoding="utf-8")
        for injection in group:
            if not injection.anchor:
                text = text.rstrip("\n") + "\n\n\n" + injection.replacement
                continue
            count = text.count(injection.anchor)
            if count != 1:
                raise SystemExit(f"{injection.id}: anchor found {count} times in {relative}")
            text = text.replace(injection.anchor, injection.replacement)
        path.write_text(text, encoding="utf-8")
        for injection in group:
            if injection.kind == "setup":
                continue
            offset = text.index(injection.replacement)
            first = text.count("\n", 0, offset) + 1
            lines = injection.replacement.splitlines()
            flag_line = None
            if injection.kind == "bug":
                flag_line = first + next(i for i, line in enumerate(lines) if injection.flag in line)
            placed.append(Placed(injection, str(path), first, first + len(lines) - 1, flag_line))
    return placed


def run_check(copy: Path) -> tuple[list[dict], float, str]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "sqlascope", "check", "--format", "json", str(copy)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    try:
        document = json.loads(proc.stdout or "{}")
    except json.JSONDecodeError:
        document = {}
    findings = document.get("findings", []) if isinstance(document, dict) else []
    return findings, elapsed, proc.stderr


def _lines_touched(finding: dict, path: str, spans: list[tuple[str, int, int]]) -> set[int]:
    """The lines of ``path`` a finding points at: where it is and, when that is outside every planted span, the calls
    it was reached through (a finding inside a property or helper is reported there, "called from here" at the
    planted line). A finding inside a planted span belongs to that span only, not to the spans calling it."""
    where = (os.path.realpath(finding["path"]), finding["line"])
    lines = {where[1]} if where[0] == path else set()
    if any(where[0] == p and first <= where[1] <= last for p, first, last in spans):
        return lines
    for related in finding.get("related", []):
        if related["message"].startswith("called from") and os.path.realpath(related["path"]) == path:
            lines.add(related["line"])
    return lines


def score(placed: list[Placed], findings: list[dict]) -> list[Outcome]:
    spans = [(os.path.realpath(spot.path), spot.first, spot.last) for spot in placed]
    outcomes = []
    for spot in placed:
        path = os.path.realpath(spot.path)
        touched = [(f["code"], _lines_touched(f, path, spans)) for f in findings]
        if spot.injection.kind == "bug":
            codes = [code for code, lines in touched if spot.flag_line in lines]
        else:
            codes = [code for code, lines in touched if any(spot.first <= line <= spot.last for line in lines)]
        outcomes.append(Outcome(spot.injection, bool(codes), codes))
    return outcomes


def check_project(source: Path, project: dict, injections: list[Injection]) -> tuple[list[Outcome], float, list[str]]:
    tmp = tempfile.mkdtemp(prefix=f"realworld-{project['name']}-")
    try:
        copy = Path(tmp)
        copy_project(source, project, copy)
        placed = apply(copy, injections)
        findings, elapsed, stderr = run_check(copy)
        broken = [
            line.replace(tmp, "")
            for line in stderr.splitlines()
            if "skipped" in line and any(spot.path.replace(tmp, "") in line for spot in placed)
        ]
        return score(placed, findings), elapsed, broken
    finally:
        if KEEP:
            print(f"    (copy kept at {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=Path, required=True, help="folder of fetched projects (DIR/<name>)")
    parser.add_argument("--only", help="comma-separated project names")
    parser.add_argument("--single", action="store_true", help="one check per injection")
    parser.add_argument("--pristine", action="store_true", help="also count the untouched copy's findings")
    parser.add_argument("--keep", action="store_true", help="keep the patched copies")
    args = parser.parse_args(argv)
    global KEEP
    KEEP = args.keep
    wanted = set(args.only.split(",")) if args.only else None
    summary: dict[str, dict] = {}
    for project in load_projects():
        name = project["name"]
        if wanted and name not in wanted:
            continue
        injections = load_injections(name)
        source = args.projects / name
        if not source.is_dir():
            print(f"{name}: not fetched (run fetch.py)")
            continue
        outcomes: list[Outcome] = []
        times: list[float] = []
        broken: list[str] = []
        setup = [i for i in injections if i.kind == "setup"]
        scored = [i for i in injections if i.kind != "setup"]
        batches = [[*setup, i] for i in scored] if args.single else [injections]
        for batch in batches:
            got, elapsed, bad = check_project(source, project, batch)
            outcomes += got
            times.append(elapsed)
            broken += bad
        row = {
            "bugs": sum(o.injection.kind == "bug" for o in outcomes),
            "found": sum(o.injection.kind == "bug" and o.hit for o in outcomes),
            "clean": sum(o.injection.kind == "clean" for o in outcomes),
            "clean_flagged": sum(o.injection.kind == "clean" and o.hit for o in outcomes),
            "check_seconds": round(sum(times), 1),
            "missed": [o.injection.id for o in outcomes if o.injection.kind == "bug" and not o.hit],
            "flagged": [o.injection.id for o in outcomes if o.injection.kind == "clean" and o.hit],
            "broken": broken,
        }
        if args.pristine:
            pristine, _, _ = check_project(source, project, [])
            row["pristine_findings"] = len(pristine)
        summary[name] = row
        print(
            f"{name:30} bugs {row['found']:>2}/{row['bugs']:<2}  clean flagged {row['clean_flagged']:>2}/{row['clean']:<2}"
            f"  check {row['check_seconds']:>6.1f} s"
        )
        for outcome in outcomes:
            if (outcome.injection.kind == "bug") != outcome.hit:
                verdict = "MISSED" if outcome.injection.kind == "bug" else f"FLAGGED {','.join(outcome.codes)}"
                print(f"    {verdict:14} {outcome.injection.id}  [{outcome.injection.shape}] {outcome.injection.reason}")
        for line in broken:
            print(f"    BROKEN         {line}")
    bugs = sum(r["bugs"] for r in summary.values())
    found = sum(r["found"] for r in summary.values())
    clean = sum(r["clean"] for r in summary.values())
    flagged = sum(r["clean_flagged"] for r in summary.values())
    print(f"{'total':30} bugs {found:>2}/{bugs:<2}  clean flagged {flagged:>2}/{clean:<2}")
    print(json.dumps({"bugs": bugs, "found": found, "clean": clean, "clean_flagged": flagged, "projects": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
