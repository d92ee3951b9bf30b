"""``--format json``: one document with the findings (each with its preferred fix as edits), skipped files, notes
and a summary. Its JSON Schema ships beside this module (``check-report.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..fixes.edits import Fix
from ..rules import BY_CODE
from ..rules.docs import doc_href
from .model import Report, relative

SCHEMA_PATH = Path(__file__).resolve().parent / "check-report.schema.json"
FORMAT_VERSION = 1


def _fix(fix: Fix) -> dict:
    return {
        "title": fix.title,
        "kind": fix.kind,
        "edits": [
            {"path": relative(e.path), "line": e.line, "column": e.column + 1, "end_line": e.end_line,
             "end_column": e.end_column + 1, "new_text": e.new_text}
            for e in fix.edits
        ],
    }


def report_document(report: Report) -> dict:
    findings = []
    for index, f in enumerate(report.findings):
        loc = f.location
        rule = BY_CODE.get(f.code)
        findings.append({
            "path": relative(loc.path),
            "line": loc.line,
            "column": loc.column + 1,
            "end_line": loc.end_line,
            "end_column": loc.end_column + 1,
            "code": f.code,
            "name": rule.name if rule else f.code,
            "severity": f.severity.label,
            "message": f.message,
            "url": doc_href(f.code, report.docs_url),
            "related": [
                {"path": relative(r.location.path), "line": r.location.line, "column": r.location.column + 1,
                 "message": r.message}
                for r in f.related
            ],
            "fix": _fix(report.fixes[index]) if index in report.fixes else None,
        })
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "sqlascope", "version": __version__},
        "findings": findings,
        "skipped": [{"path": relative(s.path), "line": s.line, "reason": s.reason} for s in report.result.skipped],
        "notes": [{"path": relative(path) if path else None, "message": message} for path, message in report.notes],
        "summary": report.summary(),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_document(report), indent=2)
