"""SQS104 merge-result-ignored: the original instance is used after merge() returned an attached copy."""

from ..analysis.findings import Fault
from .base import Rule

_DETACHED = {Fault.DETACHED_EXPIRED, Fault.DETACHED_UNLOADED}


def _message(issue) -> str:
    merge = sorted(issue.fact.merge_discarded, key=lambda e: e.location.line)[-1]
    return (
        f"`{issue.expression}`: {merge.message} at line {merge.location.line}; `{issue.instance}` itself is still "
        "detached: DetachedInstanceError. Use the copy: `obj = session.merge(obj)`"
    )


RULE = Rule(
    code="SQS104",
    name="merge-result-ignored",
    summary="session.merge(obj) returns an attached copy; obj itself stays detached.",
    matches=lambda issue: issue.fault in _DETACHED and issue.fact is not None and bool(issue.fact.merge_discarded),
    message=_message,
)
