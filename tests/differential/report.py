"""One differential run end to end: generate, run, analyse, classify, group into classes, minimise, print."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .classify import AGREE, FALSE_ALARM, INVALID, MISS, WRONG_KIND, Verdict, classify
from .generator import Program, generate
from .minimise import Minimised, essentials, minimise
from .runner import analyze_all, run_runtimes, write_program

#: The runtime message, reduced to the operation that failed.
_MESSAGE_KINDS = (
    ("lazy load operation", "lazy-load"), ("deferred load operation", "deferred-load"),
    ("attribute refresh operation", "refresh-expired"), ("not persistent within this Session", "not-persistent"),
    ("not present in this Session", "not-present"), ("already begun", "already-begun"),
    ("greenlet_spawn has not been called", "greenlet"), ("due to lazy='raise'", "raise-by-design"),
)


def program_seed(run_seed: int, index: int) -> int:
    """Program ``index`` of a run: distinct seeds give disjoint program streams."""
    return run_seed * 1_000_003 + index


def message_kind(message: str) -> str:
    return next((kind for text, kind in _MESSAGE_KINDS if text in message), "other")


def _feature(program: Program, prefix: str) -> str:
    return next((f.split(":", 1)[1] for f in sorted(program.features) if f.startswith(prefix + ":")), "-")


def symptom(verdict: Verdict) -> str:
    """What went wrong: the kind, the runtime result and the failed operation (or the codes reported)."""
    if verdict.kind == FALSE_ALARM:
        what = "+".join(sorted({f.code for f in verdict.at_fault}))
    else:
        what = message_kind(verdict.runtime.outcome.message)
        if verdict.kind == WRONG_KIND:
            what += "/reported-" + "+".join(sorted({f.code for f in verdict.at_fault}))
    return f"{verdict.kind}/{verdict.runtime.status}/{what}"


def class_key(program: Program, verdict: Verdict) -> str:
    """A disagreement class as cheap to compute as it is stable across seeds (known gaps name these): the symptom,
    the program's shape and its read style."""
    return f"{symptom(verdict)}/{_feature(program, 'shape')}/{_feature(program, 'read_style')}"


_BASELINE = generate(0, frozenset(range(10_000))).features


def mechanism(minimised: Minimised) -> str:
    """The class of a shrunk program: its symptom and the generator features it still has beyond those of the
    simplest program (the features the disagreement needs)."""
    program = minimised.program
    extra = sorted(program.features - _BASELINE) if program is not None else ["?"]
    return f"{symptom(minimised.verdict)}: {' '.join(extra) or '(simplest program)'}"


@dataclass
class ProgramResult:
    program: Program
    verdict: Verdict


@dataclass
class RunResult:
    results: list[ProgramResult]
    classes: dict[str, list[ProgramResult]] = field(default_factory=dict)
    minimised: dict[str, Minimised] = field(default_factory=dict)  # class key -> its shrunk representative

    def mechanisms(self) -> dict[str, list[str]]:
        """Shrunk classes grouped by what their shrunk programs need (mechanism -> class keys), largest first."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for key, minimised in self.minimised.items():
            grouped[mechanism(minimised)].append(key)
        size = lambda keys: sum(len(self.classes[k]) for k in keys)  # noqa: E731
        return dict(sorted(grouped.items(), key=lambda kv: (-size(kv[1]), kv[0])))

    @property
    def counted(self) -> list[ProgramResult]:
        return [r for r in self.results if r.verdict.kind != INVALID]

    def summary(self) -> dict[str, int]:
        kinds = Counter(r.verdict.kind for r in self.counted)
        return {"programs": len(self.counted), "raising": sum(r.verdict.runtime.raising for r in self.counted),
                "agree": kinds[AGREE], "misses": kinds[MISS], "false_alarms": kinds[FALSE_ALARM],
                "wrong_kind": kinds[WRONG_KIND]}


def run(programs: int, seed: int, jobs: int = 2, workdir: Path | None = None, minimise_classes: int = 40,
        max_trials: int = 80) -> RunResult:
    """Generate and judge ``programs`` programs; group disagreements into classes and minimise one program of
    each of the ``minimise_classes`` largest classes."""
    own_dir = workdir is None
    workdir = Path(workdir or tempfile.mkdtemp(prefix="sqlascope-differential-"))
    try:
        generated = [generate(program_seed(seed, i)) for i in range(programs)]
        directories = [write_program(p, workdir / f"p{p.seed}") for p in generated]
        outcomes = run_runtimes(directories, jobs)
        analyses = analyze_all(directories, jobs)
        results = [ProgramResult(p, classify(o, a)) for p, o, a in zip(generated, outcomes, analyses)]
        run_result = RunResult(results)
        classes: dict[str, list[ProgramResult]] = defaultdict(list)
        for r in results:
            if r.verdict.disagrees:
                classes[class_key(r.program, r.verdict)].append(r)
        run_result.classes = dict(sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0])))
        for key, members in list(run_result.classes.items())[:minimise_classes]:
            smallest = min(members, key=lambda r: sum(t.count("\n") for t in r.program.files.values()))
            same_symptom = lambda v, s=symptom(smallest.verdict): symptom(v) == s  # noqa: E731
            run_result.minimised[key] = minimise(smallest.program, smallest.verdict, max_trials, same_symptom)
        return run_result
    finally:
        if own_dir:
            shutil.rmtree(workdir, ignore_errors=True)


def feature_table(result: RunResult) -> list[str]:
    """Per feature: programs using it, their share, and the agreement among them."""
    total = len(result.counted) or 1
    used: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    for r in result.counted:
        for feature in r.program.features:
            used[feature] += 1
            agreed[feature] += r.verdict.kind == AGREE
    lines = [f"{'feature':44} {'programs':>8} {'share':>7} {'agreement':>9}"]
    for feature in sorted(used):
        share = used[feature] / total
        flag = "  < 2 %" if share < 0.02 else ""
        lines.append(f"{feature:44} {used[feature]:8d} {share:7.1%} {agreed[feature] / used[feature]:9.1%}{flag}")
    return lines


def _example(result: RunResult, keys: list[str]) -> tuple[str, Minimised]:
    """The smallest shrunk program among a mechanism's classes."""
    key = min(keys, key=lambda k: sum(len(text) for text in essentials(result.minimised[k].files).values()))
    return key, result.minimised[key]


def save_findings(result: RunResult, folder: Path) -> None:
    """One folder per mechanism: its smallest shrunk program's files, and the runtime and analyzer results."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("mechanism-*"):
        shutil.rmtree(old, ignore_errors=True)
    for index, (name, keys) in enumerate(result.mechanisms().items(), 1):
        target = folder / f"mechanism-{index:02d}"
        target.mkdir()
        key, minimised = _example(result, keys)
        for file_name, text in minimised.files.items():
            (target / file_name).write_text(text, encoding="utf-8")
        members = [m for k in keys for m in result.classes[k]]
        (target / "RESULT.txt").write_text(f"mechanism: {name}\nclasses: {', '.join(keys)}\n"
                                           + describe(key, members, minimised), encoding="utf-8")


def describe(key: str, members: list[ProgramResult], minimised: Minimised) -> str:
    verdict = minimised.verdict
    outcome = verdict.runtime.outcome
    where = f"{Path(outcome.path).name}:{outcome.line}" if outcome.path else "-"
    reported = ", ".join(f"{Path(f.path).name}:{f.line} {f.code}" for f in verdict.at_fault) or "nothing"
    seeds = ", ".join(str(m.program.seed) for m in members[:8])
    return (f"programs: {len(members)} (seeds {seeds})\nexample from class: {key} (seed {minimised.program.seed}, "
            f"zeroed draws {sorted(minimised.program.zeroed)})\n"
            f"verdict: {verdict.kind}\nruntime: {verdict.runtime.status} at {where}\n"
            f"runtime message: {outcome.message[:300]}\nanalyzer at the fault / in the program: {reported}\n"
            f"minimisation trials: {minimised.trials}\n\ntraceback:\n{outcome.traceback}\n")


def print_report(result: RunResult, out) -> None:
    invalid = [r for r in result.results if r.verdict.kind == INVALID]
    print("== programs per feature, agreement per feature", file=out)
    for line in feature_table(result):
        print(line, file=out)
    print(f"\n== discarded (the generator wrote a program that fails otherwise; not counted): {len(invalid)}",
          file=out)
    for r in invalid[:10]:
        print(f"  seed {r.program.seed}: {r.verdict.runtime.outcome.error} "
              f"{r.verdict.runtime.outcome.message[:160]!r}", file=out)
    print(f"\n== disagreement classes (symptom/shape/read style): {len(result.classes)}", file=out)
    for key, members in result.classes.items():
        shrunk = "" if key in result.minimised else "   (not shrunk: over the --minimise limit)"
        print(f"{len(members):5d}  {key}{shrunk}", file=out)
    mechanisms = result.mechanisms()
    print(f"\n== minimised disagreements, grouped by what the shrunk program still needs: {len(mechanisms)}",
          file=out)
    for name, keys in mechanisms.items():
        members = [m for k in keys for m in result.classes[k]]
        key, minimised = _example(result, keys)
        print(f"\n-- {name}  [{len(members)} program(s) in {len(keys)} class(es)]", file=out)
        print(describe(key, members, minimised).split("\ntraceback:")[0], file=out)
        for file_name, text in essentials(minimised.files).items():
            print(f"   --- {file_name} (without imports, models, engine and setup)", file=out)
            for line in text.splitlines():
                print(f"   {line}", file=out)
    print(json.dumps(result.summary()), file=out)


def agreement(summary: dict[str, int]) -> float:
    return summary["agree"] / summary["programs"] if summary["programs"] else 1.0

