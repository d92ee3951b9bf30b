"""Issues: what the engine observed, before rules turn them into coded findings."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Fault, Location, Related, Severity
from ..orm.models import MappedAttribute
from ..orm.state import Event, InstanceFact


@dataclass(frozen=True)
class Issue:
    fault: Fault
    severity: Severity  # ERROR when every path faults, WARNING when some do
    location: Location
    expression: str  # the source text of the faulting read or call, e.g. "user.addresses"
    instance: str  # how the code names the instance, e.g. "user"
    fact: InstanceFact | None
    attribute: MappedAttribute | None = None
    operation: str = ""  # for NOT_PERSISTENT: "refresh" / "expire" / "expunge"
    session_label: str = ""
    reader: str | None = None  # "__repr__", "property `full_name`", ... when read implicitly
    reader_call: Location | None = None
    call_chain: tuple[Related, ...] = ()
    detail: str = ""  # for CUT_SHORT: why the analysis stopped
    holder: str = ""  # for OUTLIVES_SESSION: where the instance is kept ("module-level `cache`", ...)
    loop: Location | None = None  # for LAZY_LOAD_PER_ROW: the header of the loop that runs the read per row
    loop_kind: str = ""  # for LAZY_LOAD_PER_ROW: "`for` loop", "comprehension", ...
    awaitable: bool = False  # for LAZY_LOAD_PER_ROW: read through ``await obj.awaitable_attrs.<name>``
    rows_query: str = ""  # for LAZY_LOAD_PER_ROW: the source text of the query whose rows are read

    @property
    def events(self) -> list[Event]:
        if self.fact is None:
            return []
        return sorted(self.fact.history, key=lambda e: (e.location.path != self.location.path, e.location.path, e.location.line, e.location.column))
