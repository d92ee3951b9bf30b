"""Compares one program's runtime outcome with the analyzer's findings: agree, miss, false alarm or wrong kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus_runtime import ERROR_OF_CODE, Outcome

from .runner import AnalyzerResult, Reported

AGREE, MISS, FALSE_ALARM, WRONG_KIND, INVALID = "agree", "miss", "false_alarm", "wrong_kind", "invalid"

#: InvalidRequestError messages that are the session-lifecycle faults the analyzer claims (refresh and friends).
#: Any other InvalidRequestError from a generated program is a generator bug, except ``lazy='raise'``, which
#: raises by design and which the analyzer deliberately leaves alone.
_TARGET_INVALID_REQUEST = re.compile(
    r"is not persistent within this Session|A transaction is already begun|is not present in this Session"
    r"|Could not refresh instance|is not bound to a Session")
_BY_DESIGN = re.compile(r"is not available due to lazy='raise'")


@dataclass(frozen=True)
class RuntimeResult:
    """The runtime outcome, normalised: ``clean``, ``by_design`` (lazy='raise'), a target error name, or
    ``invalid`` (anything else: a generator bug, never counted)."""

    status: str
    outcome: Outcome

    @property
    def raising(self) -> bool:
        return self.status not in ("clean", "by_design", "invalid")


def normalise(outcome: Outcome) -> RuntimeResult:
    if outcome.kind == "ok":
        return RuntimeResult("clean", outcome)
    if outcome.kind != "raised" or outcome.error is None or outcome.error.startswith("Other:"):
        return RuntimeResult("invalid", outcome)
    if outcome.error == "InvalidRequestError":
        if _BY_DESIGN.search(outcome.message):
            return RuntimeResult("by_design", outcome)
        if not _TARGET_INVALID_REQUEST.search(outcome.message):
            return RuntimeResult("invalid", outcome)
    if not outcome.frames:
        return RuntimeResult("invalid", outcome)
    return RuntimeResult(outcome.error, outcome)


def predictions(analyzer: AnalyzerResult) -> list[Reported]:
    """Findings that predict a runtime fault (warnings such as SQS108 and notices such as SQS001 do not)."""
    return [f for f in analyzer.findings if ERROR_OF_CODE.get(f.code)]


@dataclass(frozen=True)
class Verdict:
    kind: str  # agree | miss | false_alarm | wrong_kind | invalid
    runtime: RuntimeResult
    at_fault: tuple[Reported, ...]  # predictions on the traceback (raising) / every prediction (clean)

    @property
    def disagrees(self) -> bool:
        return self.kind in (MISS, FALSE_ALARM, WRONG_KIND)


def classify(outcome: Outcome, analyzer: AnalyzerResult) -> Verdict:
    runtime = normalise(outcome)
    if runtime.status == "invalid" or analyzer.problems:
        return Verdict(INVALID, runtime, ())
    predicted = predictions(analyzer)
    if runtime.status == "clean":
        return Verdict(FALSE_ALARM if predicted else AGREE, runtime, tuple(predicted))
    traceback_lines = set(outcome.frames)
    on_traceback = tuple(f for f in predicted if (f.path, f.line) in traceback_lines)
    if runtime.status == "by_design":
        return Verdict(WRONG_KIND if on_traceback else AGREE, runtime, on_traceback)
    if any(runtime.status in ERROR_OF_CODE[f.code] for f in on_traceback):
        return Verdict(AGREE, runtime, on_traceback)
    return Verdict(WRONG_KIND if on_traceback else MISS, runtime, on_traceback)
