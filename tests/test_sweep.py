"""The analyzer sweep (bench/sweep.py) over a deterministic slice of real code: no internal errors, no timeouts.

The slice is the standard library's json, asyncio and email packages, analysed with the relevance pre-pass
bypassed (so the interpreter runs over every function, not just SQLAlchemy-looking ones), and SQLAlchemy's own
ORM package as a user would check it. Internal errors fail the test, and so does a file that runs past the
engine's own time budget (the budget must hold on real code). Files that spend their budget are analysed in
part with an SQS001 notice: that is allowed, and listed."""

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
    assert not result.timeouts, report
    for path, message in result.cut_short:
        assert "analysis was cut short" in message, report


def test_stdlib_slice_with_every_module_analysed(sweep_module):
    stdlib = sysconfig.get_paths()["stdlib"]
    # email/_header_value_parser.py spends its budget with the pre-pass bypassed (a chain of parser functions
    # calling each other, each analysed per calling context): it must come back as a notice, not hang.
    roots = [os.path.join(stdlib, name) for name in ("json", "asyncio", "email")]
    result = sweep_module.sweep(roots, all_modules=True, time_budget=2)
    _assert_clean(result, sweep_module, roots)
    assert result.analysed == result.files


def test_sqlalchemy_orm(sweep_module):
    sqlalchemy = pytest.importorskip("sqlalchemy")  # only to find its source; the sweep never imports swept files
    roots = [os.path.join(os.path.dirname(sqlalchemy.__file__), "orm")]
    result = sweep_module.sweep(roots)
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


def test_a_file_running_past_its_budget_is_a_timeout(sweep_module, tmp_path, monkeypatch):
    import time as _time

    from sqlascope.analysis.engine.core import Engine

    (tmp_path / "slow.py").write_text("import sqlalchemy\n")
    monkeypatch.setattr(Engine, "analyze_file", lambda self, path: _time.sleep(5) or [])
    result = sweep_module.sweep([str(tmp_path)], per_file_timeout=0.2)
    assert [d.kind for d in result.timeouts] == ["timeout"] and not result.internal_errors
