"""SQS106 implicit-reader-on-detached: __repr__/__str__/a property reads an unloadable attribute."""

from ..analysis.findings import Fault
from .base import Rule, attribute_kind

_ERROR = {
    Fault.DETACHED_EXPIRED: "DetachedInstanceError",
    Fault.DETACHED_UNLOADED: "DetachedInstanceError",
    Fault.GREENLET: "MissingGreenlet",
}


def _message(issue) -> str:
    call = issue.reader_call
    where = f" from {call.path.rpartition('/')[2]}:{call.line}" if call else ""
    state = "expired" if issue.fault is Fault.DETACHED_EXPIRED else attribute_kind(issue)
    return (
        f"{issue.reader} reads `{issue.expression}` ({state}) and is invoked{where} on an instance that "
        f"{'is detached' if issue.fault is not Fault.GREENLET else 'belongs to an AsyncSession'}: {_ERROR[issue.fault]}"
    )


RULE = Rule(
    code="SQS106",
    name="implicit-reader-on-detached",
    summary="A model's __repr__/__str__ or property reads an attribute that cannot load where it is invoked.",
    matches=lambda issue: issue.reader is not None and issue.fault in _ERROR,
    message=_message,
)
