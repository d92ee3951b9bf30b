"""SQS102 lazy-load-on-detached: a lazy relationship or unloaded column read on a detached instance."""

from ..analysis.findings import Fault
from .base import Rule, attribute_kind, describe_history

RULE = Rule(
    code="SQS102",
    name="lazy-load-on-detached",
    summary="A lazy relationship, deferred column or column left out by load_only() is read on a detached instance.",
    matches=lambda issue: issue.fault is Fault.DETACHED_UNLOADED,
    message=lambda issue: (
        f"`{issue.expression}` is {attribute_kind(issue)} that was never loaded and `{issue.instance}` is detached "
        f"here{describe_history(issue)}: DetachedInstanceError (the lazy load cannot proceed)"
    ),
)
