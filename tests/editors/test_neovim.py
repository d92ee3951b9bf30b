"""A real second editor: headless Neovim 0.7 runs `sqlascope serve` and shows our diagnostics.

This is also the configuration the README documents for Neovim."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_cli import BUGGY

HERE = Path(__file__).resolve().parent


@pytest.fixture
def nvim():
    path = shutil.which("nvim")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("nvim is not installed: .ci/run must install it")
        pytest.skip("nvim is not installed")
    return path


def test_neovim_shows_sqlascope_diagnostics(tmp_path, nvim):
    source = tmp_path / "app.py"
    source.write_text(BUGGY)
    out = tmp_path / "diagnostics.jsonl"
    env = {
        **os.environ,
        "SQLASCOPE_FILE": str(source),
        "SQLASCOPE_ROOT": str(tmp_path),
        "SQLASCOPE_PYTHON": sys.executable,
        "SQLASCOPE_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {HERE / 'nvim_diagnostics.lua'}"],
        env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, (proc.stdout, proc.stderr, out.read_text() if out.exists() else "")
    diagnostics = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(diagnostics) == 1, diagnostics
    (diagnostic,) = diagnostics
    lines = BUGGY.splitlines()
    assert lines[diagnostic["lnum"]].strip() == "return user.addresses"
    assert diagnostic["col"] == lines[diagnostic["lnum"]].index("user.addresses")
    assert diagnostic["code"] == "SQS102" and diagnostic["source"] == "sqlascope"
    assert "DetachedInstanceError" in diagnostic["message"]
    assert diagnostic["severity"] == 1  # vim.diagnostic.severity.ERROR
