"""Applying the preferred fix of many findings at once (``check --fix``, "fix all").

Applying the preferred fix of many findings at once (``check --fix``, "fix all"): group edits per file,
never apply an edit that overlaps another, and say which findings were left alone and why."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..analysis.findings import Finding
from . import SourceOf, fixes_for, preferred_fix
from .edits import TextEdit, apply_edits


@dataclass
class FixPlan:
    new_texts: dict[str, str] = field(default_factory=dict)  # path → fixed text
    fixed: list[tuple[Finding, str]] = field(default_factory=list)  # finding, fix title
    unfixable: list[tuple[Finding, str]] = field(default_factory=list)  # finding, reason
    edits: int = 0  # text edits of the accepted fixes (each changes the text: a fix that changes nothing is refused)

    def diff(self, old_text_of, name_of=lambda path: path) -> str:
        chunks = []
        for path, new in sorted(self.new_texts.items()):
            old, name = old_text_of(path), name_of(path)
            chunks.extend(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}"))
        return "".join(chunks)


def plan_fixes(findings: list[Finding], source_of: SourceOf) -> FixPlan:
    plan = FixPlan()
    accepted: dict[str, list[TextEdit]] = {}
    for finding in findings:
        offered = fixes_for(finding, source_of)
        fix = preferred_fix(offered)
        if fix is None:
            others = [f.title for f in offered if f.kind != "suppress"]
            reason = (f"its fixes change behaviour and need a review, so none is applied automatically: {'; '.join(others)}"
                      if others else "no safe fix is known for this finding yet")
            plan.unfixable.append((finding, reason))
            continue
        if all(apply_edits(source_of(path).text, [e for e in fix.edits if e.path == path]) == source_of(path).text
               for path in fix.paths()):
            plan.unfixable.append((finding, f"its fix ({fix.title}) is already in the code, yet the finding remains: "
                                            "the analyzer does not recognise what the fix wrote; fix it by hand"))
            continue
        trial = {path: list(edits) for path, edits in accepted.items()}
        for edit in fix.edits:
            if edit not in trial.setdefault(edit.path, []):  # the same edit from two fixes (a shared helper's) is one
                trial[edit.path].append(edit)
        try:
            for path in fix.paths():
                apply_edits(source_of(path).text, trial[path])
        except ValueError:
            plan.unfixable.append((finding, "its fix overlaps another fix; run --fix again"))
            continue
        accepted = trial
        plan.fixed.append((finding, fix.title))
    for path, edits in accepted.items():
        new_text = apply_edits(source_of(path).text, edits)
        if new_text != source_of(path).text:
            plan.new_texts[path] = new_text
        plan.edits += len(edits)
    return plan
