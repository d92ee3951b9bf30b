"""`check --jobs N` and the persistent cache give the findings of the uncached, single-process run: on the whole
corpus, when a callee in another module changes, and when the cache folder holds garbage."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus_runtime import discover_cases
from lsp.lsp_helpers import MODELS
from sqlascope import check
from sqlascope.analysis.engine.core import Engine
from sqlascope.cache import CheckCache, FileEntry, finding_to_json
from sqlascope.check import default_workspace, findings_for_file, merge_findings
from sqlascope.config import Settings
from sqlascope.analysis.index.workspace import discover_python_files


def serial_reference(root: str, settings: Settings) -> list:
    """The findings of one engine analysing the files one after the other, as ``check`` did before it had a cache
    or workers: no isolation, no cache, no processes."""
    workspace = default_workspace([root])
    files = discover_python_files([root])
    for path in files:
        workspace.add_file(path)
    engine = Engine(workspace)
    findings = []
    for path in files:
        if workspace.files[path].error is None:
            findings.extend(findings_for_file(engine, path, settings))
    return merge_findings(findings)


def as_rows(findings: list) -> list[dict]:
    """Everything a finding carries (its fix data too), comparable across runs."""
    return [finding_to_json(f) for f in findings]


def no_analysis(*args, **kwargs):
    raise AssertionError("a file was analysed although its cache entry holds")


CASE_ROOTS = sorted(str(case.root) for case in discover_cases())


def test_the_corpus_has_cases():
    assert len(CASE_ROOTS) >= 40


def test_corpus_findings_are_the_same_cold_warm_and_in_two_processes(tmp_path, monkeypatch):
    settings = Settings()
    differences = []
    for index, root in enumerate(CASE_ROOTS):
        expected = as_rows(serial_reference(root, settings))
        cache_dir = str(tmp_path / f"cache{index}")
        cold = check.check_paths([root], settings, cache_dir=cache_dir)
        parallel = check.check_paths([root], settings, jobs=2)
        with monkeypatch.context() as patched:
            patched.setattr(check, "analyse_in_isolation", no_analysis)
            warm = check.check_paths([root], settings, jobs=2, cache_dir=cache_dir)
        for label, result in (("cold", cold), ("--jobs 2", parallel), ("warm", warm)):
            assert not result.internal_errors, (root, label, result.internal_errors)
            if as_rows(result.findings) != expected:
                differences.append((root, label))
    assert differences == []


#: The callee, in its own module: closing the session detaches the caller's instance, flushing does not.
CLOSING_HELPER = "def finish(session):\n    session.close()\n"
FLUSHING_HELPER = "def finish(session):\n    session.flush()\n"
CALLER = textwrap.dedent('''
    from helpers import finish
    from models import Session, User

    def show():
        session = Session()
        user = session.get(User, 1)
        finish(session)
        return user.addresses
''')
OTHER = "from models import Session\n\ndef count():\n    with Session() as s:\n        return s.query(1).count()\n"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "models.py").write_text(MODELS)
    (root / "helpers.py").write_text(CLOSING_HELPER)
    (root / "app.py").write_text(CALLER)
    (root / "other.py").write_text(OTHER)
    return root


def analysed_files(monkeypatch) -> list[str]:
    """The files the next checks really analyse (the others come from the cache)."""
    seen: list[str] = []
    real = check.analyse_in_isolation

    def recording(engine, path, settings):
        seen.append(os.path.basename(path))
        return real(engine, path, settings)

    monkeypatch.setattr(check, "analyse_in_isolation", recording)
    return seen


def caller_findings(result) -> list[tuple[str, int, str]]:
    return [(os.path.basename(f.location.path), f.location.line, f.code) for f in result.findings]


def test_editing_a_callee_in_another_module_invalidates_the_callers_entry(project, tmp_path, monkeypatch):
    cache_dir = str(tmp_path / "cache")
    settings = Settings()
    analysed = analysed_files(monkeypatch)
    first = check.check_paths([str(project)], settings, cache_dir=cache_dir)
    assert caller_findings(first) == [("app.py", 9, "SQS102")]
    assert sorted(analysed) == ["app.py", "models.py", "other.py"]  # helpers.py reaches no SQLAlchemy: never run

    analysed.clear()
    assert caller_findings(check.check_paths([str(project)], settings, cache_dir=cache_dir)) == [("app.py", 9, "SQS102")]
    assert analysed == []  # nothing changed: everything came from the cache

    (project / "helpers.py").write_text(FLUSHING_HELPER)
    analysed.clear()
    assert caller_findings(check.check_paths([str(project)], settings, cache_dir=cache_dir)) == []
    # the caller consulted the callee, so it is analysed again; other.py never looked at helpers.py
    assert analysed == ["app.py"]

    (project / "helpers.py").write_text(CLOSING_HELPER)
    assert caller_findings(check.check_paths([str(project)], settings, jobs=2, cache_dir=cache_dir)) == [
        ("app.py", 9, "SQS102")]


def test_other_settings_do_not_reuse_entries(project, tmp_path, monkeypatch):
    cache_dir = str(tmp_path / "cache")
    check.check_paths([str(project)], Settings(), cache_dir=cache_dir)
    analysed = analysed_files(monkeypatch)
    result = check.check_paths([str(project)], Settings(ignore=("SQS102",)), cache_dir=cache_dir)
    assert result.findings == [] and "app.py" in analysed


def entry_files(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.rglob("*.json") if not p.name.startswith(".tmp-"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign-version", "wrong-shape", "empty", "binary"])
def test_a_damaged_cache_entry_is_ignored_and_replaced(project, tmp_path, monkeypatch, damage):
    cache_dir = tmp_path / "cache"
    settings = Settings()
    expected = as_rows(check.check_paths([str(project)], settings, cache_dir=str(cache_dir)).findings)
    entries = entry_files(cache_dir)
    assert entries
    for entry in entries:
        text = entry.read_text()
        damaged = {
            "garbage": "not json {",
            "truncated": text[: len(text) // 2],
            "foreign-version": text.replace(json.loads(text)["key"], "0" * 32),
            "wrong-shape": json.dumps({"key": json.loads(text)["key"], "path": json.loads(text)["path"],
                                       "entry": {"digest": 3, "consulted": [[1]], "findings": "x"}}),
            "empty": "",
        }
        if damage == "binary":
            entry.write_bytes(b"\xff\xfe\x00\x81" * 10)
        else:
            entry.write_text(damaged[damage])
    analysed = analysed_files(monkeypatch)
    assert as_rows(check.check_paths([str(project)], settings, cache_dir=str(cache_dir)).findings) == expected
    assert "app.py" in analysed  # the damaged entry was not used
    analysed.clear()
    assert as_rows(check.check_paths([str(project)], settings, cache_dir=str(cache_dir)).findings) == expected
    assert analysed == []  # and it was written again


def _write_many(directory: str, key: str, path: str, marker: str, count: int) -> None:
    cache = CheckCache(directory, key)
    for number in range(count):
        cache.store(path, FileEntry(f"{marker}{number}", [("other.py", "name", '"fp"')], []))


def test_concurrent_writers_never_leave_a_torn_entry(tmp_path):
    directory, key, path = str(tmp_path / "cache"), "k" * 32, str(tmp_path / "app.py")
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    writers = [context.Process(target=_write_many, args=(directory, key, path, marker, 300)) for marker in "ab"]
    for writer in writers:
        writer.start()
    reader = CheckCache(directory, key)
    seen_entry = False
    while any(w.is_alive() for w in writers):
        entry = reader.load(path)
        if entry is not None:
            seen_entry = True
            assert entry.digest[0] in "ab" and entry.consulted == [("other.py", "name", '"fp"')]
        else:
            assert not seen_entry, "an entry once written must always read back whole"
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert reader.load(path).digest in {"a299", "b299"}
    assert not [p for p in (tmp_path / "cache").rglob(".tmp-*")]  # no temporary file is left behind


def run_cli(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "sqlascope", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("output", [[], ["--format", "json"], ["--select", "SQS1"]])
def test_cli_output_is_byte_identical_for_any_jobs_and_cache_state(project, output):
    runs = [run_cli("check", ".", "--no-cache", "--jobs", "1", *output, cwd=project),
            run_cli("check", ".", "--no-cache", "--jobs", "2", *output, cwd=project),
            run_cli("check", ".", "--jobs", "2", *output, cwd=project),  # writes the cache
            run_cli("check", ".", *output, cwd=project)]  # reads it
    assert runs[0][0] == 1 and runs[0][1]
    assert all(run == runs[0] for run in runs[1:])


def test_the_cache_folder_keeps_itself_out_of_version_control(project):
    run_cli("check", ".", "--no-cache", cwd=project)
    assert not (project / ".sqlascope_cache").exists()
    run_cli("check", ".", cwd=project)
    assert (project / ".sqlascope_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert entry_files(project / ".sqlascope_cache")
    code, out, _ = run_cli("check", ".", "--cache-dir", "elsewhere", cwd=project)
    assert code == 1 and (project / "elsewhere" / ".gitignore").is_file()


def test_jobs_must_be_positive(project):
    code, _, err = run_cli("check", ".", "--jobs", "0", cwd=project)
    assert code == 2 and "--jobs" in err


def test_a_check_keeps_nothing_of_a_file_it_has_analysed(tmp_path):
    # The language server keeps each root's result to re-analyse only what an edit touched; a check analyses
    # every file once, so what stays behind would only grow its memory with the project.
    (tmp_path / "models.py").write_text(MODELS)
    (tmp_path / "app.py").write_text(textwrap.dedent("""\
        from models import Session, User

        def load():
            with Session() as session:
                user = session.get(User, 1)
            return user.addresses
        """))
    settings = Settings()
    workspace = default_workspace([str(tmp_path)])
    for path in discover_python_files([str(tmp_path)]):
        workspace.add_file(path)
    engine = Engine(workspace)
    app = str(tmp_path / "app.py")
    entry, error = check._analyse_for_run(engine, settings, app)
    assert error is None and [f.code for f in entry.findings] == ["SQS102"]
    assert not [key for key in engine._root_results if key[0] == app]
