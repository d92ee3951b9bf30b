"""Runs generated programs both ways: under real SQLAlchemy (one fresh process each) and through the analyzer."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from corpus_runtime import Case, Outcome, run_scenario

from .generator import ENTRY, SCENARIO, Program


@dataclass(frozen=True)
class Reported:
    """One analyzer finding, reduced to what classification needs."""

    path: str
    line: int
    code: str
    message: str


@dataclass(frozen=True)
class AnalyzerResult:
    findings: tuple[Reported, ...]
    problems: tuple[str, ...]  # internal errors and skipped files: never expected on generated programs


def write_program(program: Program, directory: Path) -> Path:
    """Write the program's files into ``directory`` (created); returns its resolved path."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in program.files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return Path(os.path.realpath(directory))


def program_case(directory: Path) -> Case:
    directory = Path(os.path.realpath(directory))
    return Case(name=directory.name, root=directory, entry=directory / ENTRY, scenarios=(SCENARIO,), annotations={})


def run_runtime(directory: Path) -> Outcome:
    """Run the program's scenario in a fresh process (forked from a warm server), with the corpus timeout."""
    return run_scenario(program_case(directory), SCENARIO)


def run_runtimes(directories: list[Path], jobs: int) -> list[Outcome]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run_runtime, directories))


def analyze(directory: Path) -> AnalyzerResult:
    """The analyzer's findings on one program (in this process, through the Python API)."""
    from sqlascope.check import check_paths
    from sqlascope.config import Settings

    result = check_paths([str(directory)], Settings())
    findings = tuple(Reported(os.path.realpath(f.location.path), f.location.line, f.code, f.message)
                     for f in result.findings)
    problems = tuple(f"{p.path}: {p.reason}" for p in [*result.internal_errors, *result.skipped])
    return AnalyzerResult(findings, problems)


def _analyze_batch(directories: list[str]) -> list[AnalyzerResult]:
    return [analyze(Path(d)) for d in directories]


def analyze_all(directories: list[Path], jobs: int) -> list[AnalyzerResult]:
    """Analyse many programs in ``jobs`` long-lived worker processes (jedi and the imports stay warm)."""
    if jobs <= 1 or len(directories) < 8:
        return [analyze(d) for d in directories]
    chunk = max(1, min(50, len(directories) // (jobs * 4) or 1))
    batches = [[str(d) for d in directories[i:i + chunk]] for i in range(0, len(directories), chunk)]
    results: list[AnalyzerResult] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in pool.map(_analyze_batch, batches):
            results.extend(batch)
    return results
