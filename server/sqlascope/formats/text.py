"""``--format text``: ``path:line:col: CODE severity message``, related locations indented, then a summary line."""

from __future__ import annotations

import os
from typing import TextIO

from ..analysis.findings import Severity
from .model import Report, relative

_RESET = "\033[0m"
_STYLE = {
    "path": "\033[1m",
    "code": "\033[1;36m",
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFORMATION: "\033[34m",
    Severity.HINT: "\033[2m",
    "dim": "\033[2m",
}


def use_color(stream: TextIO) -> bool:
    """Colour on a terminal only; ``NO_COLOR`` (any value) turns it off, ``FORCE_COLOR`` (any value) on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def render_text(report: Report) -> str:
    def paint(style, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if report.color else text

    lines = []
    for f in report.findings:
        loc = f.location
        where = paint("path", f"{relative(loc.path)}:{loc.line}:{loc.column + 1}:")
        lines.append(f"{where} {paint('code', f.code)} {paint(f.severity, f.severity.label)} {f.message}")
        for related in f.related:
            r = related.location
            lines.append(paint("dim", f"    {relative(r.path)}:{r.line}:{r.column + 1}: {related.message}"))
    for skipped in report.result.skipped:
        lines.append(f"{paint('path', f'{relative(skipped.path)}:{skipped.line}:1:')} {skipped.reason}")
    for path, message in report.notes:
        lines.append(f"{paint('path', f'{relative(path)}:1:1:')} {message}" if path else f"sqlascope: {message}")
    lines.append(report.summary_line())
    return "\n".join(lines)
