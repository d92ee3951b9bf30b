"""Quick fixes, re-checked by the analyzer: a fixed program must not be reported again.

test_fixes_runtime.py proves a fix by running the fixed program; this proves that the analyzer agrees with it.
- ``check --fix`` on a copy of each corpus case, then ``check``: only the findings the fix plan left alone may
  remain, and a second ``--fix`` writes nothing (unless the first left a fix out because it overlapped another).
- Every fix kind offered anywhere in the corpus is applied on its own to a bad scenario and the copy re-checked:
  nothing is reported in that scenario any more.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_runtime import Case, discover_cases
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.check import check_paths
from sqlascope.config import Settings
from sqlascope.fixes.apply import plan_fixes
from test_corpus_analyzer import _scenario_span
from test_fixes_runtime import _apply_to_copy, _offered

CASES = discover_cases()
#: bad scenarios re-checked per fix kind (the first ones, in corpus order, that are offered it)
EXAMPLES_PER_KIND = 3
OVERLAP = "overlaps another fix"


def _copy(case: Case, tmp_path: Path) -> Path:
    target = tmp_path / case.root.name
    (shutil.copytree if case.root.is_dir() else shutil.copy)(case.root, target)
    return target


#: The N+1 rule has its own fix contract (tests/test_fixes_nplus1.py). A lifecycle fix may rightly leave a loop that
#: loads per row (a commit inside the loop expires every row, and the fixed program then reloads each one, which
#: the runtime's load counter confirms in the N+1 corpus): that performance warning is not a fault the fix left.
PER_ROW_CODE = "SQS201"


def _findings(root: Path):
    result = check_paths([str(root)], Settings(ignore=(PER_ROW_CODE,)))
    assert not result.internal_errors, result.internal_errors
    return result.findings


def _fix_all(root: Path):
    plan = plan_fixes(_findings(root), Workspace().source)
    for path, text in plan.new_texts.items():
        Path(path).write_text(text, encoding="utf-8")
    return plan


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix_then_check_reports_only_what_was_left(case: Case, tmp_path: Path):
    root = _copy(case, tmp_path)
    before = {path: path.read_text(encoding="utf-8").splitlines() for path in _python_files(root)}
    first = _fix_all(root)
    if not first.fixed:
        pytest.skip("nothing to fix here")
    fixed_lines = {_line_text(before, f) for f, _ in first.fixed}
    after = [f for f in _findings(root) if not _unmasked_per_row(f, fixed_lines)]
    assert len(after) <= len(first.unfixable), (
        f"--fix fixed {len(first.fixed)} and left {len(first.unfixable)}, yet check reports {len(after)}: "
        + "; ".join(f"{Path(f.location.path).name}:{f.location.line} {f.code} {f.message[:100]}" for f in after)
    )
    if any(OVERLAP in reason for _, reason in first.unfixable):
        return  # --fix said to run it again: the second run may fix what overlapped
    second = plan_fixes(_findings(root), Workspace().source)  # planned, not written: lines stay where found
    made = [f for f, _ in second.fixed if not _unmasked_per_row(f, fixed_lines)]
    assert not second.new_texts or not made, f"a second --fix changed {sorted(Path(p).name for p in second.new_texts)}"


def _python_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py")) if root.is_dir() else [root]


def _line_text(texts: dict[Path, list[str]], finding) -> tuple[Path, str]:
    path, line = Path(finding.location.path), finding.location.line
    lines = texts.get(path) or path.read_text(encoding="utf-8").splitlines()
    return path, lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _unmasked_per_row(finding, fixed_lines: set) -> bool:
    """An SQS201 (a lazy load per row, a performance warning) on a line whose error the fix removed: the line
    raised on the first row before, so the per-row loads of the program as written were never reached. The fix
    did not make them; SQS201's own fixes (tests/test_fixes_nplus1.py) deal with them."""
    if finding.code != "SQS201":
        return False
    path = Path(finding.location.path)
    return _line_text({path: path.read_text(encoding="utf-8").splitlines()}, finding) in fixed_lines


def _kind_examples() -> list:
    """Up to EXAMPLES_PER_KIND (case, scenario, fix index) per fix kind offered in the corpus."""
    seen: dict[str, int] = {}
    examples = []
    for case in CASES:
        for scenario in case.bad_scenarios:
            for index, fix in enumerate(_offered(case, scenario)):
                if seen.get(fix.kind, 0) < EXAMPLES_PER_KIND:
                    seen[fix.kind] = seen.get(fix.kind, 0) + 1
                    examples.append(pytest.param(case, scenario, index, id=f"{fix.kind}:{case.name}::{scenario}"))
    return examples


@pytest.mark.parametrize("case, scenario, index", _kind_examples())
def test_each_fix_kind_leaves_nothing_to_report_in_its_scenario(case: Case, scenario: str, index: int,
                                                                tmp_path: Path):
    fix = _offered(case, scenario)[index]
    fixed = _apply_to_copy(case, fix, tmp_path)
    first, last = _scenario_span(fixed, scenario)

    def passes_through(f) -> bool:
        return any(Path(loc.path) == Path(fixed.entry) and first <= loc.line <= last
                   for loc in (f.location, *(r.location for r in f.related)))

    left = [f for f in _findings(fixed.root) if passes_through(f)]
    assert not left, f"after '{fix.title}': " + "; ".join(f"{f.location.line}: {f.code} {f.message[:100]}" for f in left)
