"""What every output format is made from: the check result, each finding's preferred fix, and the run's summary."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property

from ..analysis.findings import Finding, Severity
from ..check import CheckResult
from ..fixes import SourceOf, fixes_for, preferred_fix
from ..fixes.edits import Fix

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def relative(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, else as it is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass
class Report:
    result: CheckResult
    source_of: SourceOf
    docs_url: str | None = None
    color: bool = False  # ANSI colours in the text format (decided by the caller: a terminal, NO_COLOR, FORCE_COLOR)
    #: run-level messages that are not findings (shown with the output; in JSON, ``notes``)
    extra_notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings

    @cached_property
    def problems(self) -> list[Finding]:
        """Errors and warnings: what fails a CI run. Information and hints (an SQS001 notice) are shown only."""
        return [f for f in self.result.findings if f.severity >= Severity.WARNING]

    @cached_property
    def fixes(self) -> dict[int, Fix]:
        """The preferred fix of each finding that has one, by the finding's index."""
        out = {}
        for index, finding in enumerate(self.result.findings):
            try:
                fix = preferred_fix(fixes_for(finding, self.source_of))
            except Exception:  # a fix that cannot be computed is not offered; the finding still is
                fix = None
            if fix is not None:
                out[index] = fix
        return out

    @property
    def exit_code(self) -> int:
        result = self.result
        if result.internal_errors or result.analysed == 0:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.problems else EXIT_CLEAN

    @property
    def notes(self) -> list[tuple[str | None, str]]:
        """(path or None, message): internal errors, cut-short files, and why the run failed without findings."""
        result = self.result
        notes: list[tuple[str | None, str]] = [(e.path, e.reason) for e in result.internal_errors]
        notes += [(path, "analysis was cut short (work budget, time budget or nesting depth); findings may be "
                         "incomplete") for path in result.cut_short]
        if result.files == 0:
            notes.append((None, "no Python file was found"))
        elif result.analysed == 0:
            notes.append((None, "no Python file was analysed"))
        notes += [(None, note) for note in self.extra_notes]
        return notes

    def summary(self) -> dict:
        result = self.result
        errors = sum(1 for f in self.problems if f.severity is Severity.ERROR)
        return {
            "files": result.files,
            "analysed": result.analysed,
            "skipped": len(result.skipped),
            "cut_short": len(result.cut_short),
            "internal_errors": len(result.internal_errors),
            "problems": len(self.problems),
            "errors": errors,
            "warnings": len(self.problems) - errors,
            "notices": len(result.findings) - len(self.problems),
            "exit_code": self.exit_code,
        }

    def _needs_python(self) -> str:
        needs = self.result.needs_python()
        return "" if needs is None else _needs_python_text(*needs)

    def summary_line(self) -> str:
        s = self.summary()
        line = (f"Found {plural(s['problems'], 'problem')} ({plural(s['errors'], 'error')}, "
                f"{plural(s['warnings'], 'warning')}) in {plural(s['analysed'], 'file')} analysed")
        if s["notices"]:
            line += f"; {plural(s['notices'], 'notice')}"
        if s["skipped"]:
            reasons = sorted({_reason_kind(skipped.reason) for skipped in self.result.skipped})
            line += f"; {s['skipped']} skipped ({', '.join(reasons)}{self._needs_python()})"
        if s["cut_short"]:
            line += f"; {s['cut_short']} cut short"
        if s["internal_errors"]:
            line += f"; {plural(s['internal_errors'], 'internal error')}"
        return line


def _needs_python_text(count: int, version: tuple[int, int]) -> str:
    major, minor = version
    return (f"; {count} of them need{'s' if count == 1 else ''} Python {major}.{minor}+: run sqlascope under "
            f"Python {major}.{minor} or newer to analyse {'it' if count == 1 else 'them'}")


def _reason_kind(reason: str) -> str:
    """``skipped: syntax error (...)`` → ``syntax error``: the kind of reason, for the summary line."""
    text = reason.removeprefix("skipped: ")
    return text.split(" (")[0].split(":")[0].strip()
