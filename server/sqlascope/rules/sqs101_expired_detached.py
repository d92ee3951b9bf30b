"""SQS101 expired-attribute-on-detached: reading an expired attribute of a detached instance."""

from ..analysis.findings import Fault
from .base import Rule, describe_history

RULE = Rule(
    code="SQS101",
    name="expired-attribute-on-detached",
    summary="An attribute expired by commit, rollback or expire() is read after the instance was detached.",
    matches=lambda issue: issue.fault is Fault.DETACHED_EXPIRED,
    message=lambda issue: (
        f"`{issue.expression}` is expired and `{issue.instance}` is detached here{describe_history(issue)}: "
        "DetachedInstanceError (the attribute refresh cannot proceed)"
    ),
)
