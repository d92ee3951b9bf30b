"""``--format sarif``: a SARIF 2.1.0 log (what GitHub code scanning and other CI dashboards read).

One run: ``tool.driver.rules`` describes every rule from its shipped doc; each finding is a result with its
history as ``relatedLocations`` and its preferred fix in ``fixes``. Lines and columns are 1-based; columns count
Unicode code points (``run.columnKind``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..analysis.findings import Location, Severity
from ..fixes.edits import Fix, TextEdit
from ..rules import BY_CODE
from ..rules.docs import doc_href, help_text
from .model import Report

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "note", Severity.HINT: "note"}


def _artifact(path: str) -> dict:
    """A path below the working directory is relative to %SRCROOT%; any other is an absolute file URI."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    if rel.startswith(".."):
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(Path(rel).as_posix()), "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column + 1, "endLine": end_line, "endColumn": end_column + 1}


def _physical(location: Location) -> dict:
    return {"artifactLocation": _artifact(location.path),
            "region": _region(location.line, location.column, location.end_line, location.end_column)}


def _first_paragraph(markdown: str) -> str:
    """The first paragraph of a rule page's first section ("What it detects"): its full description."""
    paragraph: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("#") or not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    return " ".join(paragraph)


def _rule(code: str, docs_url: str | None) -> dict:
    rule = BY_CODE[code]
    help_markdown = help_text(code)
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(help_markdown) or rule.summary},
        "help": {"text": help_markdown, "markdown": help_markdown},
        "helpUri": doc_href(code, docs_url),
        "defaultConfiguration": {"level": LEVEL[rule.default_severity]},
    }


def _replacement(edit: TextEdit) -> dict:
    return {"deletedRegion": _region(edit.line, edit.column, edit.end_line, edit.end_column),
            "insertedContent": {"text": edit.new_text}}


def _fix(fix: Fix) -> dict:
    paths = list(dict.fromkeys(edit.path for edit in fix.edits))
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {"artifactLocation": _artifact(path),
             "replacements": [_replacement(edit) for edit in fix.edits if edit.path == path]}
            for path in paths
        ],
    }


def sarif_log(report: Report) -> dict:
    codes = sorted(BY_CODE)
    results = []
    for index, finding in enumerate(report.findings):
        result = {
            "ruleId": finding.code,
            "ruleIndex": codes.index(finding.code),
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": _physical(finding.location)}],
        }
        if finding.related:
            result["relatedLocations"] = [
                {"id": number, "message": {"text": related.message}, "physicalLocation": _physical(related.location)}
                for number, related in enumerate(finding.related, start=1)
            ]
        if index in report.fixes:
            result["fixes"] = [_fix(report.fixes[index])]
        results.append(result)
    notifications = [
        {"level": "warning", "message": {"text": skipped.reason},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact(skipped.path),
                                             "region": {"startLine": skipped.line}}}]}
        for skipped in report.result.skipped
    ] + [
        {"level": "error" if path in {e.path for e in report.result.internal_errors} else "note",
         "message": {"text": message}}
        | ({"locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}]} if path else {})
        for path, message in report.notes
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sqlascope",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(code, report.docs_url) for code in codes],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not report.result.internal_errors,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    }


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_log(report), indent=2)
