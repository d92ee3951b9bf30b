"""`sqlascope check --fix` is honest and prefers local fixes: it counts what it wrote, says so when it writes
nothing, and never edits code other callers share (a repository method, the app-wide session factory) when a fix
inside the reported function exists. The fixed program is run under real SQLAlchemy (aiosqlite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_support import run_cli
from sqlascope.analysis.findings import Finding, Location, Severity
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.fixes import apply as apply_module
from sqlascope.fixes.edits import Fix, TextEdit

CASE = Path(__file__).resolve().parent / "cli_cases" / "shared_repository_async.py"


def _run(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, path.name], cwd=path.parent, capture_output=True, text=True, timeout=120)


def test_local_fixes_are_preferred_over_shared_code(tmp_path):
    app = tmp_path / "app.py"
    app.write_text(CASE.read_text())
    broken = _run(app)
    assert broken.returncode != 0 and "MissingGreenlet" in broken.stderr

    code, out, _ = run_cli("check", "--fix", "app.py", cwd=tmp_path)
    assert code == 0, out
    assert "app.py:36:20: SQS105 fixed: Load `addresses` with an explicit await: `await user.awaitable_attrs.addresses`" in out
    assert "app.py:44:16: SQS105 fixed: Reload before reading: `await session.refresh(user)`" in out
    assert "Fixed 2 of 2 findings (2 edits in 1 file); 0 left as they are" in out
    fixed = app.read_text()
    # the shared repository method and the app-wide factory are as they were
    assert "    return await session.get(User, user_id)\n" in fixed and "selectinload" not in fixed
    assert "Session = async_sessionmaker(engine)\n" in fixed and "expire_on_commit" not in fixed
    ran = _run(app)
    assert ran.returncode == 0 and ran.stdout == "1 grace\n", ran.stderr


def test_a_fix_that_would_change_nothing_is_not_counted(tmp_path, monkeypatch):
    """A fix whose edits are already in the file (the analyzer does not see what it wrote) is reported as not
    fixed, and nothing is written."""
    path = tmp_path / "app.py"
    path.write_text("x = 1\n")
    finding = Finding("SQS101", Severity.ERROR, "m", Location(str(path), 1, 0, 1, 1))
    same = Fix("Set x", "SQS101", "scope", (TextEdit(str(path), 1, 0, 1, 5, "x = 1"),), preferred=True)
    monkeypatch.setattr(apply_module, "fixes_for", lambda finding, source_of: [same])
    plan = apply_module.plan_fixes([finding], Workspace().source)
    assert plan.fixed == [] and plan.new_texts == {} and plan.edits == 0
    [(_, reason)] = plan.unfixable
    assert "already in the code, yet the finding remains" in reason
