"""The analyzer sweep (bench/sweep.py) over a deterministic slice of real code: no internal errors, no timeouts.

The slice is the standard library's json and asyncio packages, analysed with the relevance pre-pass
bypassed (so the interpreter runs over every function, not just SQLAlchemy-looking ones), and SQLAlchemy's own
ORM package as a user would check it. Internal errors fail the test; files over the (short) per-file budget
are listed as an expected failure: known performance defects, see bench/README.md."""

from __future__ import annotations

import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def sweep_module():
    spec = importlib.util.spec_from_file_location("sqlascope_sweep", BENCH / "sweep.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _assert_clean(result, sweep_module, roots):
    report = sweep_module.report(result, roots, verbose=True)
    assert result.files > 0, report
    accounted = result.analysed + len(result.skipped) + len(result.internal_errors) + len(result.timeouts)
    assert accounted == result.files, report
    assert not result.internal_errors, report
    if result.timeouts:
        # A timeout is a defect too, but a performance one, tracked in bench/README.md ("Analyzer sweep"):
        # reported as an expected failure, listing the files, until the engine is fast enough on them.
        pytest.xfail("over the per-file budget: " + ", ".join(os.path.basename(d.path) for d in result.timeouts))


def test_stdlib_slice_with_every_module_analysed(sweep_module):
    stdlib = sysconfig.get_paths()["stdlib"]
    # email/_header_value_parser.py is left out: with the pre-pass bypassed it runs for minutes (a known
    # performance defect, bench/README.md), and a SIGALRM budget did not reliably interrupt it under CI.
    roots = [os.path.join(stdlib, name) for name in ("json", "asyncio")]
    result = sweep_module.sweep(roots, per_file_timeout=5, all_modules=True)
    _assert_clean(result, sweep_module, roots)


def test_sqlalchemy_orm(sweep_module):
    sqlalchemy = pytest.importorskip("sqlalchemy")  # only to find its source; the sweep never imports swept files
    roots = [os.path.join(os.path.dirname(sqlalchemy.__file__), "orm")]
    result = sweep_module.sweep(roots, per_file_timeout=5)
    _assert_clean(result, sweep_module, roots)


def test_skip_reasons_are_categorised(sweep_module, tmp_path):
    (tmp_path / "ok.py").write_text("import sqlalchemy\n\ndef f(s):\n    return s.get(1)\n")
    (tmp_path / "broken.py").write_text("def f(:\n")
    (tmp_path / "nul.py").write_bytes(b"x = 1\x00\n")
    (tmp_path / "latin.py").write_bytes(b"x = '\xff'\n")
    result = sweep_module.sweep([str(tmp_path)], per_file_timeout=5)
    assert result.files == 4 and result.analysed == 1
    assert result.skipped_by_category() == {"syntax error": 1, "file contains NUL bytes": 1, "file is not valid UTF-8": 1}
    assert "skipped: 3" in sweep_module.report(result, [str(tmp_path)])


def test_a_file_over_its_budget_is_a_timeout(sweep_module, tmp_path, monkeypatch):
    import time as _time

    from sqlascope.analysis.engine import Engine

    (tmp_path / "slow.py").write_text("import sqlalchemy\n")
    monkeypatch.setattr(Engine, "analyze_file", lambda self, path: _time.sleep(5) or [])
    result = sweep_module.sweep([str(tmp_path)], per_file_timeout=0.2)
    assert [d.kind for d in result.timeouts] == ["timeout"] and not result.internal_errors
