"""SQS103 refresh-not-persistent: refresh() or expire() of an instance that is not persistent in that session."""

from ..analysis.findings import Fault
from .base import Rule, describe_history

RULE = Rule(
    code="SQS103",
    name="refresh-not-persistent",
    summary="session.refresh(obj) / session.expire(obj) where obj is not persistent in that session.",
    matches=lambda issue: issue.fault is Fault.NOT_PERSISTENT,
    message=lambda issue: (
        f"`{issue.expression}`: `{issue.instance}` is not persistent in session `{issue.session_label}`"
        f"{describe_history(issue)}: InvalidRequestError. Re-attach it first with "
        f"`{issue.instance} = {issue.session_label}.merge({issue.instance})`"
    ),
)
