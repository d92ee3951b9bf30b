"""The budget of one file's analysis: abstract work units (statements evaluated), plus an optional clock guard.

A pathological module (thousands of branches feeding one loop, deep call chains) must cost the user a bounded
wait and an honest "analysis was cut short" notice, never a hung editor or CI job. The budget counts evaluated
statements, not seconds, so the same input gives the same findings on any machine and under any load. Only the
language server adds a wall-clock guard, as a last resort that keeps the editor responsive.
"""

from __future__ import annotations

import time

#: Statements one file's analysis may evaluate (its callees' included), unless configured (`work-budget`).
#: The most any file of the eight benchmark projects (bench/projects.txt) needs is 238,783 (prefect's
#: cli/deploy/_commands.py, measured before the single-pass interpreter, which needs about a third less); a
#: statement costs ~30 µs, so a pathological file is cut after ~30 s of CPU.
DEFAULT_WORK_BUDGET = 1_000_000
#: Seconds the language server lets one file's analysis run, unless configured (`time-budget`).
DEFAULT_TIME_GUARD = 5.0
#: The clock is read once per this many statements: reading it per statement costs more than the statement.
_CLOCK_STRIDE = 64


class AnalysisCutShort(Exception):
    """Raised inside the interpreter when the file's budget is spent; the engine catches it per file."""

    def __init__(self, reason: str, budget: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.budget = budget  # the budget ran out (not a nesting limit): with a budget of its own it may finish


class Budget:
    """Work units left, and an optional deadline; ``check()`` is cheap enough to call once per statement."""

    __slots__ = ("units", "seconds", "used", "_end")

    def __init__(self, units: int | None, seconds: float | None = None) -> None:
        self.units = units
        self.seconds = seconds
        self.used = 0
        self._end = time.monotonic() + seconds if seconds else None

    def _out_of_units(self) -> bool:
        return self.units is not None and self.used >= self.units

    def _out_of_time(self) -> bool:
        return self._end is not None and time.monotonic() > self._end

    def spent(self) -> bool:
        return self._out_of_units() or self._out_of_time()

    def reason(self) -> str:
        if self._out_of_time():
            return f"time budget of {self.seconds:g} s spent"
        return f"work budget of {self.units:,} statements spent"

    def check(self) -> None:
        self.used += 1
        if self._out_of_units() or (self._end is not None and not self.used % _CLOCK_STRIDE and self._out_of_time()):
            raise AnalysisCutShort(self.reason(), budget=True)


UNBOUNDED = Budget(None)
