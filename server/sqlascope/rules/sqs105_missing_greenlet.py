"""SQS105 async-implicit-io: a read under AsyncSession that needs IO (MissingGreenlet)."""

from ..analysis.findings import Fault
from .base import Rule, attribute_kind, describe_history, unloaded_subclass_column


def _message(issue) -> str:
    attribute = issue.attribute
    expired = attribute is not None and "expired" in {s.value for s in issue.fact.attr(attribute.name)}
    why = "is expired" if expired and issue.events else f"is {attribute_kind(issue)} that was not loaded"
    if unloaded_subclass_column(issue):
        why = f"is {attribute_kind(issue)}"
    return (
        f"`{issue.expression}` {why}{describe_history(issue) if expired else ''}; reading it under AsyncSession "
        "needs implicit IO: MissingGreenlet. Load it eagerly, or `await` it through `awaitable_attrs`"
    )


RULE = Rule(
    code="SQS105",
    name="async-implicit-io",
    summary="Under AsyncSession a lazy load or a refresh of an expired attribute raises MissingGreenlet.",
    matches=lambda issue: issue.fault is Fault.GREENLET,
    message=_message,
)
