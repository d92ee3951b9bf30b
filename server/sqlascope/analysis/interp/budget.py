"""The time budget of one file's analysis: a deadline the interpreter checks as it goes.

A pathological module (thousands of branches feeding one loop, deep call chains) must cost the user a short,
bounded wait and an honest "analysis was cut short" notice, never a hung editor or CI job.
"""

from __future__ import annotations

import time

#: Seconds one file may take, unless configured otherwise (`time-budget`).
DEFAULT_TIME_BUDGET = 5.0


class AnalysisCutShort(Exception):
    """Raised inside the interpreter when the file's budget is spent; the engine catches it per file."""

    def __init__(self, reason: str, timed: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed = timed  # the time budget ran out (not a nesting limit): another run may well finish


class Deadline:
    """A monotonic deadline; ``check()`` is cheap enough to call once per analysed statement."""

    __slots__ = ("seconds", "_end")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds if seconds else float("inf")

    def spent(self) -> bool:
        return time.monotonic() > self._end

    def reason(self) -> str:
        return f"time budget of {self.seconds:g} s spent"

    def check(self) -> None:
        if self.spent():
            raise AnalysisCutShort(self.reason(), timed=True)


NO_DEADLINE = Deadline(None)
