"""SQS101 expired-attribute-on-detached: reading an expired attribute of a detached instance."""

from ..analysis.findings import Fault
from ..analysis.orm.state import Life
from .base import Rule, attribute_kind, describe_history, unloaded_subclass_column


def _sessionless(issue) -> str:
    """How the instance stands without a session: detached, or transient (an insert rolled back while expired)."""
    transient = issue.fact is not None and issue.fact.life == {Life.TRANSIENT}
    return "has no session here (its insert was rolled back)" if transient else "is detached here"


def _why(issue) -> str:
    """Expired by something the program did, or never loaded: a subclass's own column that a query of its base
    class left expired."""
    return f"is {attribute_kind(issue)}," if unloaded_subclass_column(issue) else "is expired"


RULE = Rule(
    code="SQS101",
    name="expired-attribute-on-detached",
    summary="An attribute expired by commit, rollback or expire() is read after the instance was detached.",
    matches=lambda issue: issue.fault is Fault.DETACHED_EXPIRED,
    message=lambda issue: (
        f"`{issue.expression}` {_why(issue)} and `{issue.instance}` {_sessionless(issue)}{describe_history(issue)}: "
        "DetachedInstanceError (the attribute refresh cannot proceed)"
    ),
)
