"""Suppress: add ``# noqa: CODE`` to the finding's line (or the code to an existing ``# noqa:`` list)."""

from __future__ import annotations

import re

from ..analysis.findings import Finding
from ..analysis.index.source import SourceFile
from .edits import Fix, insertion

_NOQA_CODES = re.compile(r"#\s*noqa:\s*[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*", re.IGNORECASE)


def suppress(finding: Finding, source: SourceFile) -> list[Fix]:
    line = finding.location.line
    text = source.lines[line - 1]
    existing = _NOQA_CODES.search(text)
    if existing:
        edit = insertion(source.path, line, existing.end(), f", {finding.code}")
    else:
        edit = insertion(source.path, line, len(text.rstrip()), f"  # noqa: {finding.code}")
    return [Fix(f"Suppress {finding.code} on this line", finding.code, "suppress", (edit,))]
