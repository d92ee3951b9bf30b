"""SQS103 refresh-not-persistent: refresh(), expire() or expunge() of an instance that is not in that session."""

from ..analysis.findings import Fault
from ..analysis.orm.lifecycle import INSERT_UNDONE, ROW_DELETED
from ..analysis.orm.state import Life
from .base import Rule, describe_history


def _advice(issue) -> str:
    """expunge() of an instance the session does not hold has nothing to do: guard it (or drop it).
    Re-attaching helps only an instance that has a row: ``merge()`` of a transient one, or of one whose row a
    commit deleted, gives a new pending copy that cannot be refreshed either."""
    fact = issue.fact
    if issue.operation == "expunge":
        return f"; there is nothing to expunge (guard it with `if {issue.instance} in {issue.session_label}:`)"
    if fact is not None and any(event.effect == ROW_DELETED for event in fact.history):
        return "; its row was deleted, there is nothing to reload"
    if fact is not None and any(event.effect == INSERT_UNDONE for event in fact.history):
        return ("; its INSERT was flushed but never committed, so closing that session took the row away: commit "
                "before the session ends, or there is nothing to reload")
    if fact is not None and fact.life & {Life.TRANSIENT, Life.PENDING, Life.DELETED}:
        return "; it has no row in the database (yet), there is nothing to reload"
    return f". Re-attach it first with `{issue.instance} = {issue.session_label}.merge({issue.instance})`"


#: how the message names the missing membership, per operation (refresh/expire: "persistent")
_HELD = {"expunge": "present"}


def _what_is_missing(issue) -> str:
    """Not in the session, or (a refresh of an instance persistent there) no row to select."""
    fact = issue.fact
    if issue.operation == "refresh" and fact is not None and fact.life == {Life.PERSISTENT} and fact.rowless == {True}:
        return f"`{issue.instance}` is persistent in session `{issue.session_label}`, but the row it names is gone"
    return f"`{issue.instance}` is not {_HELD.get(issue.operation, 'persistent')} in session `{issue.session_label}`"


RULE = Rule(
    code="SQS103",
    name="refresh-not-persistent",
    summary="session.refresh(obj) / expire(obj) where obj is not persistent in that session, or expunge(obj) where "
            "the session does not hold obj.",
    matches=lambda issue: issue.fault is Fault.NOT_PERSISTENT,
    message=lambda issue: (
        f"`{issue.expression}`: {_what_is_missing(issue)}"
        f"{describe_history(issue)}: InvalidRequestError{_advice(issue)}"
    ),
)
