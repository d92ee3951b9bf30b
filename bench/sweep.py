#!/usr/bin/env python
"""Analyzer sweep: run the engine over every .py file under some roots and count what goes wrong.

By default the roots are this interpreter's standard library and its site-packages (which holds
SQLAlchemy's own source). Every file is either analysed or skipped with a reason; engine exceptions are
internal errors. Each file has the engine's own time budget (``--time-budget``): a file that spends it is
analysed in part and reported "cut short" (the SQS001 notice the user would see). A file that runs past the
budget anyway (``--per-file-timeout``, a SIGALRM safety net) is a timeout. Internal errors and timeouts are
defects and are listed.

    /tmp/venv/bin/python bench/sweep.py                      # stdlib + site-packages
    /tmp/venv/bin/python bench/sweep.py --limit 500 --roots /path/to/project
    /tmp/venv/bin/python bench/sweep.py --all-modules         # also analyse modules that never touch SQLAlchemy

Files are analysed in chunks (one per top-level package or module of a root) with a fresh Workspace and
Engine per chunk, so memory stays bounded and imports inside a package resolve. ``--all-modules`` bypasses
the engine's relevance pre-pass (which otherwise skips modules that don't mention SQLAlchemy) so that the
interpreter runs over every function of every file: a much harder test of the engine. Nothing is imported
or executed from the swept files: they are read and parsed only.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import sysconfig
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace, discover_python_files
from sqlascope.check import findings_for_file
from sqlascope.config import Settings


class FileTimeout(BaseException):
    """Raised by SIGALRM inside the engine. A BaseException, so no ``except Exception`` in the engine eats it."""


class _AllModulesEngine(Engine):
    """An engine whose relevance pre-pass accepts every parsed module."""

    def is_relevant(self, path: str, _seen: frozenset = frozenset()) -> bool:
        source = self.workspace.files.get(path)
        return source is not None and source.tree is not None


@dataclass
class Defect:
    path: str
    kind: str  # "internal error" | "timeout"
    detail: str
    trace: str = ""


@dataclass
class SweepResult:
    files: int = 0
    lines: int = 0
    analysed: int = 0
    findings: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    internal_errors: list[Defect] = field(default_factory=list)
    timeouts: list[Defect] = field(default_factory=list)
    cut_short: list[tuple[str, str]] = field(default_factory=list)  # (path, the SQS001 message)
    seconds: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def skipped_by_category(self) -> Counter:
        return Counter(skip_category(reason) for _, reason in self.skipped)


def skip_category(reason: str) -> str:
    """``skipped: syntax error: invalid syntax (line 3)`` → ``syntax error``."""
    text = reason.removeprefix("skipped: ")
    for prefix in ("syntax error", "file is larger than", "file contains NUL bytes", "cannot read file",
                   "file is not valid UTF-8", "cannot parse"):
        if text.startswith(prefix):
            return prefix
    return re.split(r"[:(]", text, maxsplit=1)[0].strip() or "other"


def default_roots() -> list[str]:
    paths = sysconfig.get_paths()
    return list(dict.fromkeys([paths["stdlib"], paths["purelib"]]))


def chunks(roots: Iterable[str]) -> list[list[str]]:
    """One chunk per top-level package (or loose modules) of each root; nested roots are not swept twice."""
    roots = [os.path.abspath(r) for r in roots]
    result: list[list[str]] = []
    for root in roots:
        if os.path.isfile(root):
            result.append([root])
            continue
        nested = {r for r in roots if r != root and r.startswith(root + os.sep)}
        loose: list[str] = []
        for entry in sorted(os.listdir(root)):
            full = os.path.join(root, entry)
            if full in nested:
                continue
            if os.path.isdir(full) and not entry.startswith(".") and entry not in {"__pycache__", "node_modules"}:
                files = discover_python_files([full])
                if files:
                    result.append(files)
            elif entry.endswith(".py") and os.path.isfile(full):
                loose.append(full)
        if loose:
            result.append(loose)
    return result


class _alarm:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def _fire(self, *_):
        raise FileTimeout(f"exceeded {self.seconds:g}s")

    def __enter__(self):
        if self.seconds > 0:
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.seconds > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def sweep(
    roots: Iterable[str] | None = None,
    limit: int | None = None,
    per_file_timeout: float | None = None,
    all_modules: bool = False,
    jedi: bool = False,
    progress: bool = False,
    time_budget: float = 5.0,
) -> SweepResult:
    roots = list(roots) if roots else default_roots()
    settings = Settings(time_budget=time_budget)
    if per_file_timeout is None:  # the safety net: well past the budget the engine is meant to keep
        per_file_timeout = 4 * time_budget + 10 if time_budget else 0
    engine_class = _AllModulesEngine if all_modules else Engine
    result = SweepResult()
    started = time.perf_counter()
    timings: list[tuple[float, str]] = []
    remaining = limit
    for chunk in chunks(roots):
        if remaining is not None:
            if remaining <= 0:
                break
            chunk = chunk[:remaining]
            remaining -= len(chunk)
        fallback = None
        if jedi:
            from sqlascope.analysis.index.jedi_fallback import jedi_module_locator

            fallback = jedi_module_locator(os.path.dirname(os.path.commonpath(chunk)) if len(chunk) > 1 else os.path.dirname(chunk[0]))
        if progress:
            print(f"  {time.perf_counter() - started:6.0f}s {os.path.commonpath(chunk)} ({len(chunk)} files)",
                  file=sys.stderr, flush=True)
        workspace = Workspace(fallback=fallback)
        for path in chunk:
            workspace.add_file(path)
        engine = engine_class(workspace)
        for path in chunk:
            source = workspace.files[os.path.abspath(path)]
            result.files += 1
            result.lines += source.text.count("\n") + 1 if source.text else 0
            if source.error is not None:
                result.skipped.append((path, source.error))
                continue
            t0 = time.perf_counter()
            try:
                with _alarm(per_file_timeout):
                    findings = findings_for_file(engine, source.path, settings, time_guard=True)
                notices = [f for f in findings if f.code == "SQS001"]
                result.findings += len(findings) - len(notices)
                result.cut_short.extend((path, f.message) for f in notices)
                result.analysed += 1
            except FileTimeout as exc:
                result.timeouts.append(Defect(path, "timeout", str(exc)))
                if progress:
                    print(f"  timeout: {path}", file=sys.stderr, flush=True)
                engine = engine_class(workspace)  # don't trust caches left half-built by the interrupt
            except RecursionError as exc:
                result.internal_errors.append(Defect(path, "internal error", f"RecursionError: {exc}"))
                engine = engine_class(workspace)
            except Exception as exc:
                result.internal_errors.append(
                    Defect(path, "internal error", f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=-6))
                )
                if progress:
                    print(f"  internal error: {path}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                engine = engine_class(workspace)
            timings.append((time.perf_counter() - t0, path))
    result.seconds = time.perf_counter() - started
    result.slowest = sorted(timings, reverse=True)[:5]
    return result


def report(result: SweepResult, roots: list[str], verbose: bool = False) -> str:
    out = [
        f"roots: {', '.join(roots)}",
        f"files: {result.files}",
        f"lines: {result.lines}",
        f"analysed: {result.analysed}",
        f"skipped: {len(result.skipped)}",
    ]
    for category, count in sorted(result.skipped_by_category().items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {category}: {count}")
    out.append(f"internal errors: {len(result.internal_errors)}")
    for defect in result.internal_errors:
        out.append(f"  {defect.path}: {defect.detail}")
        if verbose and defect.trace:
            out.extend("      " + line for line in defect.trace.rstrip().splitlines())
    cut_files = sorted({path for path, _ in result.cut_short})
    out.append(f"cut short (time budget or nesting; SQS001 notice): {len(cut_files)}")
    for path, message in result.cut_short:
        out.append(f"  {path}: {message}")
    out.append(f"timeouts (budget not honoured): {len(result.timeouts)}")
    for defect in result.timeouts:
        out.append(f"  {defect.path}: {defect.detail}")
    out.append(f"findings: {result.findings}")
    out.append(f"wall time: {result.seconds:.1f}s ({result.lines / max(result.seconds, 1e-9):,.0f} lines/s)")
    out.append("slowest files:")
    out.extend(f"  {seconds:.2f}s {path}" for seconds, path in result.slowest)
    if verbose:
        out.append("skipped files:")
        out.extend(f"  {path}: {reason}" for path, reason in result.skipped)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roots", nargs="+", help="directories or files to sweep (default: stdlib and site-packages)")
    parser.add_argument("--limit", type=int, help="stop after N files")
    parser.add_argument("--time-budget", type=float, default=5.0,
                        help="the engine's time budget per file in seconds (0: unbounded); default 5")
    parser.add_argument("--per-file-timeout", type=float, default=None,
                        help="SIGALRM safety net in seconds (0: none); default 4 × budget + 10")
    parser.add_argument("--all-modules", action="store_true", help="analyse modules that don't touch SQLAlchemy too")
    parser.add_argument("--jedi", action="store_true", help="resolve imports outside a chunk through jedi")
    parser.add_argument("-v", "--verbose", action="store_true", help="print tracebacks and every skipped file")
    args = parser.parse_args(argv)
    roots = args.roots or default_roots()
    result = sweep(roots, args.limit, args.per_file_timeout, args.all_modules, args.jedi, progress=True,
                   time_budget=args.time_budget)
    print(report(result, roots, args.verbose))
    return 1 if result.internal_errors or result.timeouts else 0


if __name__ == "__main__":
    sys.exit(main())
