"""SQS107 begin-after-autobegin: ``session.begin()`` on a session whose transaction already autobegan."""

from ..analysis.findings import Fault
from .base import Rule

RULE = Rule(
    code="SQS107",
    name="begin-after-autobegin",
    summary="session.begin() after the session already ran a query (autobegin) raises InvalidRequestError.",
    matches=lambda issue: issue.fault is Fault.ALREADY_BEGUN,
    message=lambda issue: (
        f"`{issue.expression}`: session `{issue.session_label}` already began a transaction when it first queried "
        "(autobegin): InvalidRequestError \"A transaction is already begun\". Commit first, or drop the `begin()` block"
    ),
)
