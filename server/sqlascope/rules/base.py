"""What a rule is: a code, a name, the faults it claims, and how it words its message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..analysis.findings import Severity
from ..analysis.report.issues import Issue


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    #: Does this rule own the issue? Rules are asked in registry order; the first that matches wins.
    matches: Callable[[Issue], bool]
    message: Callable[[Issue], str]
    #: the severity when every path faults (the engine lowers it to a warning when only some do)
    default_severity: Severity = Severity.ERROR


def describe_history(issue: Issue) -> str:
    """The most recent reasons an instance is detached or expired, as a parenthesis for messages."""
    events = issue.events
    if not events:
        return ""
    def where(event) -> str:
        if event.location.path == issue.location.path:
            return f"line {event.location.line}"
        return f"{event.location.path.rpartition('/')[2]}:{event.location.line}"

    reasons = [f"{e.message.replace(' here', '')} at {where(e)}" for e in events[:2]]
    return f" ({'; '.join(reasons)})"


#: the session effects that expire attributes, as events name them (``SessionEffect`` values)
_EXPIRING_EFFECTS = frozenset({"commit", "rollback", "expire", "expire_all", "savepoint_rollback"})


def unloaded_subclass_column(issue: Issue) -> bool:
    """Is the attribute a subclass's own column that a query of its base class left expired, with nothing the
    program did expiring it?"""
    attribute = issue.attribute
    return (attribute is not None and attribute.subclass is not None
            and not any(e.effect in _EXPIRING_EFFECTS for e in issue.events))


def attribute_kind(issue: Issue) -> str:
    attribute = issue.attribute
    if attribute is None:
        return "attribute"
    if attribute.kind.value == "relationship":
        return "a lazy relationship" if attribute.strategy.value == "lazy" else "a relationship"
    if attribute.subclass is not None and issue.fact is not None:
        return f"a column of subclass `{attribute.subclass}`, which a query of `{issue.fact.cls.name}` does not load"
    if attribute.strategy.value == "deferred":
        return "a deferred column"
    return "a column"
