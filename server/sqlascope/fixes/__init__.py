"""Quick fixes: pure text edits computed from the syntax tree, one module per fix family.

``FIXES`` maps a diagnostic code to the fix providers that may apply, best first. Every provider returns a
(possibly empty) list of ``Fix``; none may raise for ordinary code. The first preferred fix is the one
``check --fix`` and "fix all" apply.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..analysis.findings import Finding
from ..analysis.source import SourceFile
from .eager_load import eager_load
from .edits import Fix, TextEdit, apply_edits
from .expire_on_commit import keep_loaded_on_commit
from .merge import assign_merge_result, merge_before_refresh
from .suppress import suppress

SourceOf = Callable[[str], SourceFile | None]

#: code → providers (finding, source_of) → fixes, best first. `suppress` is offered for every code.
FIXES: dict[str, list[Callable[[Finding, SourceOf], list[Fix]]]] = {
    "SQS101": [keep_loaded_on_commit],
    "SQS102": [eager_load],
    "SQS103": [lambda f, source_of: merge_before_refresh(f, source_of(f.location.path))],
    "SQS104": [assign_merge_result],
    "SQS105": [eager_load, keep_loaded_on_commit],
    "SQS106": [eager_load, keep_loaded_on_commit],
}


def fixes_for(finding: Finding, source_of: SourceOf) -> list[Fix]:
    fixes: list[Fix] = []
    causes = [replace(finding, data=variant) for variant in finding.data.get("variants", [finding.data])]
    for provider in FIXES.get(finding.code, []):
        for cause in causes:
            try:
                fixes.extend(f for f in provider(cause, source_of) if f not in fixes)
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                continue  # a fix that can't be computed safely is not offered
    source = source_of(finding.location.path)
    if source is not None and source.tree is not None:
        fixes.extend(suppress(finding, source))
    return fixes


def preferred_fix(fixes: list[Fix]) -> Fix | None:
    return next((fix for fix in fixes if fix.preferred), None)


__all__ = ["FIXES", "Fix", "TextEdit", "apply_edits", "fixes_for", "preferred_fix"]
