"""The bundled example: every `# BUG:` line is reported (directly or as the call site of the faulting read),
and no `# OK:` line is. examples/shop/README.md lists which runtime error each bug raises."""

from __future__ import annotations

from pathlib import Path

from sqlascope.check import check_paths
from sqlascope.config import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _marked(tag: str) -> set[tuple[str, int]]:
    marked = set()
    for path in EXAMPLES.rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if f"# {tag}:" in line:
                marked.add((str(path), number))
    return marked


def test_example_bugs_are_reported_and_look_alikes_are_not():
    findings = check_paths([str(EXAMPLES)], Settings()).findings
    reported = {(f.location.path, f.location.line) for f in findings}
    call_sites = {(r.location.path, r.location.line) for f in findings for r in f.related if r.message.startswith("called from")}
    bugs, oks = _marked("BUG"), _marked("OK")
    assert len(bugs) >= 10 and len(oks) >= 10
    assert not [b for b in bugs if b not in reported | call_sites], "missed bugs"
    assert not (reported & oks), "findings on clean look-alikes"
    unexplained = [
        (f.location.path, f.location.line) for f in findings
        if (f.location.path, f.location.line) not in bugs
        and not any((r.location.path, r.location.line) in bugs for r in f.related if r.message.startswith("called from"))
    ]
    assert not unexplained, "findings on lines that are neither bugs nor reached from a bug's call"
