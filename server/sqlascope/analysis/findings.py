"""The vocabulary of results, shared by every layer: severities, faults, source locations and coded findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    HINT = 1
    INFORMATION = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.strip().upper()]


class Fault(enum.Enum):
    """The run-time failure an operation would meet."""

    DETACHED_EXPIRED = "detached_expired"  # DetachedInstanceError: attribute refresh cannot proceed
    DETACHED_UNLOADED = "detached_unloaded"  # DetachedInstanceError: lazy load cannot proceed
    GREENLET = "greenlet"  # MissingGreenlet: implicit IO under AsyncSession
    NOT_PERSISTENT = "not_persistent"  # InvalidRequestError: refresh()/expire()/expunge() of an instance not in that session
    ALREADY_BEGUN = "already_begun"  # InvalidRequestError: session.begin() after autobegin
    OUTLIVES_SESSION = "outlives_session"  # not a fault where reported: an instance is kept past its session
    LAZY_LOAD_PER_ROW = "lazy_load_per_row"  # not a failure: a lazy load runs once per row of a result (N+1)
    CUT_SHORT = "cut_short"  # not a run-time failure: the analysis of this root stopped early (`detail` says why)


@dataclass(frozen=True, order=True)
class Location:
    """A source range. Lines are 1-based; columns are 0-based code-point offsets."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Related:
    location: Location
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Related, ...] = ()
    #: Free-form data for quick fixes (attribute name, model, session variable, ...).
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self):
        return (self.location.path, self.location.line, self.location.column, self.code)
