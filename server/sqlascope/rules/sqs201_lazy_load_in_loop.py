"""SQS201 lazy-load-in-loop: a lazy load runs once per row of one query's result (the N+1 query problem)."""

from ..analysis.findings import Fault
from .base import Rule, attribute_kind


def _where(issue, location) -> str:
    if location is None:
        return ""
    if location.path == issue.location.path:
        return f"line {location.line}"
    return f"{location.path.rpartition('/')[2]}:{location.line}"


def query_count(issue) -> str:
    """The queries the flagged code runs, as a function of the row count N."""
    return "1 + N queries for N rows"


def _message(issue) -> str:
    origin = issue.fact.origin if issue.fact is not None else None
    query = f"`{issue.rows_query}` ({_where(issue, origin.query)})" if origin is not None else "the query"
    if issue.loop is None:  # lazy="immediate" / immediateload(): the query runs the per-row SELECTs itself
        return (f"`{issue.expression}` is loaded immediately: {query} runs one more SELECT per row while it "
                f"executes ({query_count(issue)}); load it with `selectinload` instead")
    read = "`await ...awaitable_attrs." + issue.attribute.name + "`" if issue.awaitable else f"`{issue.expression}`"
    return (f"{read} reads {attribute_kind(issue)} once per row of {query}, in the {issue.loop_kind} at "
            f"{_where(issue, issue.loop)}: {query_count(issue)} (N+1); load it with the query")


RULE = Rule(
    code="SQS201",
    name="lazy-load-in-loop",
    summary="A lazy load (relationship, deferred or expired column, dynamic relationship query) runs once per row "
    "of one query's result: 1 + N queries for N rows.",
    matches=lambda issue: issue.fault is Fault.LAZY_LOAD_PER_ROW,
    message=_message,
)
