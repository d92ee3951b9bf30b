"""Rendering a check result for people and for CI: one module per ``--format``, registered in ``FORMATS``."""

from __future__ import annotations

from typing import Callable

from .github import render_github
from .json_report import render_json
from .model import Report
from .sarif import render_sarif
from .text import render_text

#: ``--format`` name → renderer. A renderer returns the whole output (stdout) of a run.
FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}

__all__ = ["FORMATS", "Report"]
