"""SQS108 instance-outlives-session: an ORM instance is kept in a holder that lives longer than its session."""

from ..analysis.findings import Fault, Severity
from .base import Rule


def _message(issue) -> str:
    session = f" `{issue.session_label}`" if issue.session_label else ""
    return (
        f"`{issue.instance}` is kept in {issue.holder}, which outlives its session{session}: once that session "
        "ends, reading a lazy relationship or an expired attribute of the kept instance raises "
        "DetachedInstanceError. Keep its id and re-query it, or `session.merge()` it into the session that uses it"
    )


RULE = Rule(
    code="SQS108",
    name="instance-outlives-session",
    summary="An ORM instance is stored in a cache or long-lived holder (module-level container, class attribute, "
    "functools.cache, self attribute, flask.g) that outlives the session it belongs to.",
    matches=lambda issue: issue.fault is Fault.OUTLIVES_SESSION,
    message=_message,
    default_severity=Severity.WARNING,
)
