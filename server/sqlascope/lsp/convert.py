"""Findings → LSP diagnostics: positions in the negotiated encoding, codes with links, related locations; document keys."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from ..analysis.findings import Finding, Location, Severity
from ..rules import BY_CODE
from ..rules.docs import doc_href

SOURCE = "sqlascope"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}

#: LSP splits lines on \n, \r\n and \r only (unlike str.splitlines, which also splits on \f, \u2028, ...).
_EOL = re.compile(r"\r\n|\r|\n")

#: path → the text positions in that path refer to (None when unknown: columns are then passed through).
TextFor = Callable[[str], "str | None"]


def split_lines(text: str) -> list[str]:
    return _EOL.split(text)


class PositionConverter:
    """Code-point columns (the engine's) → the client's code units, line by line, per file."""

    def __init__(self, codec: PositionCodec, text_for: TextFor) -> None:
        self._codec = codec
        self._text_for = text_for
        self._lines: dict[str, list[str] | None] = {}

    def _line(self, path: str, line: int) -> str | None:
        if path not in self._lines:
            text = self._text_for(path)
            self._lines[path] = None if text is None else split_lines(text)
        lines = self._lines[path]
        if lines is None or not 0 <= line < len(lines):
            return None
        return lines[line]

    def position(self, path: str, line: int, column: int) -> types.Position:
        """``line`` 1-based, ``column`` 0-based code points → an LSP position."""
        line0 = max(line - 1, 0)
        text = self._line(path, line0)
        if text is None:
            return types.Position(line=line0, character=max(column, 0))
        prefix = text[: max(column, 0)]
        # ASCII is one code unit per character in every encoding: most lines need no counting.
        return types.Position(line=line0, character=len(prefix) if prefix.isascii() else self._codec.client_num_units(prefix))

    def range(self, location: Location) -> types.Range:
        return types.Range(
            start=self.position(location.path, location.line, location.column),
            end=self.position(location.path, location.end_line, location.end_column),
        )


def to_diagnostic(finding: Finding, positions: PositionConverter, docs_url: str | None = None) -> types.Diagnostic:
    rule = BY_CODE.get(finding.code)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=from_fs_path(r.location.path) or r.location.path, range=positions.range(r.location)),
            message=r.message,
        )
        for r in finding.related
    ]
    return types.Diagnostic(
        range=positions.range(finding.location),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=doc_href(rule.code, docs_url)) if rule is not None else None,
        source=SOURCE,
        related_information=related or None,
        data=dict(finding.data) if finding.data else None,
    )


def failure_diagnostic(reason: str) -> types.Diagnostic:
    """The single diagnostic shown when the engine crashed on a file."""
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message=f"sqlascope: analysis of this file failed ({reason}); see the sqlascope output for details",
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
    )


def skipped_diagnostic(reason: str) -> types.Diagnostic:
    """The single diagnostic shown for a file that is not analysed at all (too large, NUL bytes, ...)."""
    reason = reason.removeprefix("skipped: ")
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message=f"sqlascope: this file is not analysed: {reason}",
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
    )


def key(uri: str) -> str:
    """The spelling pygls keys documents by."""
    return unquote(uri)
