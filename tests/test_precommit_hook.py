"""The pre-commit hook (.pre-commit-hooks.yaml) as users get it: `pre-commit try-repo` installs this repository
into a fresh environment and runs the hook on a small git repository holding a known bug. The hook fails on the
bug and passes once `sqlascope check --fix` has fixed it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli_support import BUGGY, clean_env, run_cli

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable))


def test_the_hook_manifest():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["language"], hook["types"]) == ("sqlascope", "python", ["python"])
    assert hook["entry"] == "sqlascope check"


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=sqlascope tests", "-c", "user.email=tests@sqlascope.invalid", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=60)


def _try_repo(project: Path, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), "sqlascope", "--all-files"], cwd=project,
                          env=clean_env(PRE_COMMIT_HOME=str(home)), capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit try-repo needs this project as a git checkout")
def test_try_repo_fails_on_a_bug_and_passes_after_fix(tmp_path):
    assert PRE_COMMIT, "pre-commit is a test dependency"
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(BUGGY)
    (project / "README.md").write_text("not Python: the hook never sees it\n")
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "-q", "-m", "a known bug", cwd=project)

    failed = _try_repo(project, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "sqlascope" in failed.stdout and "Failed" in failed.stdout
    assert "app.py:26:12: SQS102 error" in failed.stdout

    code, out, _ = run_cli("check", "--fix", "app.py", cwd=project)
    assert code == 0 and "Fixed 1 of 1 finding" in out
    _git("add", "app.py", cwd=project)

    passed = _try_repo(project, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "sqlascope" in passed.stdout and "Passed" in passed.stdout
