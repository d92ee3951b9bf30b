"""SQS103 refresh-not-persistent: refresh() or expire() of an instance that is not persistent in that session."""

from ..analysis.findings import Fault
from ..analysis.orm.lifecycle import ROW_DELETED
from ..analysis.orm.state import Life
from .base import Rule, describe_history


def _advice(issue) -> str:
    """Re-attaching helps only an instance that has a row: ``merge()`` of a transient one, or of one whose row a
    commit deleted, gives a new pending copy that cannot be refreshed either."""
    fact = issue.fact
    if fact is not None and any(event.effect == ROW_DELETED for event in fact.history):
        return "; its row was deleted, there is nothing to reload"
    if fact is not None and fact.life & {Life.TRANSIENT, Life.PENDING, Life.DELETED}:
        return "; it has no row in the database (yet), there is nothing to reload"
    return f". Re-attach it first with `{issue.instance} = {issue.session_label}.merge({issue.instance})`"


RULE = Rule(
    code="SQS103",
    name="refresh-not-persistent",
    summary="session.refresh(obj) / session.expire(obj) where obj is not persistent in that session.",
    matches=lambda issue: issue.fault is Fault.NOT_PERSISTENT,
    message=lambda issue: (
        f"`{issue.expression}`: `{issue.instance}` is not persistent in session `{issue.session_label}`"
        f"{describe_history(issue)}: InvalidRequestError{_advice(issue)}"
    ),
)
