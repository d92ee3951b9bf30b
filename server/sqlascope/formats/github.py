"""``--format github``: one GitHub Actions workflow command per finding (an annotation on the pull request),
``::error file=…,line=…,col=…,title=SQS102 lazy-load-on-detached::message``, plus skipped files as warnings."""

from __future__ import annotations

from ..analysis.findings import Severity
from ..rules import BY_CODE
from .model import Report, relative

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "notice", Severity.HINT: "notice"}


def _data(text: str) -> str:
    """Escape a command's message (GitHub's rules: %, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property value (the message's rules, plus ``:`` and ``,``)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind} {props}::{_data(message)}" if props else f"::{kind}::{_data(message)}"


def render_github(report: Report) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        rule = BY_CODE.get(f.code)
        lines.append(_command(
            COMMAND[f.severity], f.message, file=relative(loc.path), line=loc.line, col=loc.column + 1,
            endLine=loc.end_line, endColumn=loc.end_column + 1, title=f"{f.code} {rule.name if rule else ''}".strip()))
    for skipped in report.result.skipped:
        lines.append(_command("warning", skipped.reason, file=relative(skipped.path), line=skipped.line,
                              title="sqlascope: file not analysed"))
    for path, message in report.notes:
        lines.append(_command("warning", message, file=relative(path) if path else None, title="sqlascope"))
    lines.append(report.summary_line())
    return "\n".join(lines)
