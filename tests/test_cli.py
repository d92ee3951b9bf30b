"""The `sqlascope check` command line: output formats, exit codes, suppression, configuration, bad input."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

from cli_support import BUGGY, run_cli


@pytest.fixture
def project(tmp_path):
    (tmp_path / "app.py").write_text(BUGGY)
    return tmp_path


def test_text_output_and_exit_code(project):
    code, out, _ = run_cli("check", "app.py", cwd=project)
    assert code == 1
    assert "app.py:26:12: SQS102 error `user.addresses` is a lazy relationship" in out
    assert "DetachedInstanceError" in out
    assert "user.name" not in out.split("\n")[0]  # the loaded column read after close is fine
    assert out.splitlines()[1].startswith("    app.py:24:")  # related locations, indented
    assert out.strip().splitlines()[-1] == "Found 1 problem (1 error, 0 warnings) in 1 file analysed"
    assert "\033[" not in out  # not a terminal: no colour


def test_json_findings_keep_the_documented_keys(project):
    code, out, _ = run_cli("check", "--format", "json", "app.py", cwd=project)
    assert code == 1
    rows = json.loads(out)["findings"]
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message",
                        "url", "related", "fix"}
    assert (row["line"], row["column"], row["end_column"], row["code"], row["severity"]) == (26, 12, 26, "SQS102", "error")
    assert {"path", "line", "column", "message"} == set(row["related"][0])
    assert [r["line"] for r in row["related"]] == [24, 23]


def test_noqa_suppresses(project):
    (project / "app.py").write_text(BUGGY.replace("return user.addresses", "return user.addresses  # noqa: SQS102"))
    code, out, _ = run_cli("check", "app.py", cwd=project)
    assert code == 0, out
    (project / "app.py").write_text(BUGGY.replace("return user.addresses", "return user.addresses  # noqa: SQS101"))
    assert run_cli("check", "app.py", cwd=project)[0] == 1


def test_pyproject_ignore_and_severity(project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nseverity = { SQS102 = "warning" }\n')
    rows = json.loads(run_cli("check", "--format", "json", "app.py", cwd=project)[1])["findings"]
    assert rows[0]["severity"] == "warning"
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\n')
    assert run_cli("check", "app.py", cwd=project)[0] == 0


def test_select_on_command_line(project):
    assert run_cli("check", "--select", "SQS101", "app.py", cwd=project)[0] == 0
    assert run_cli("check", "--select", "SQS1", "app.py", cwd=project)[0] == 1


def test_bad_files_get_a_message_and_the_run_goes_on(project):
    (project / "broken.py").write_text("def f(:\n    pass\n")
    (project / "latin.py").write_bytes(b"x = '\xe9\xe8'\n")
    code, out, _ = run_cli("check", ".", cwd=project)
    assert code == 1  # the finding in app.py is still reported
    assert "broken.py:1:1: skipped: syntax error" in out
    assert "latin.py:1:1: skipped: file is not valid UTF-8" in out
    assert "SQS102" in out


def test_usage_errors_exit_2(project):
    assert run_cli("check", "missing.py", cwd=project)[0] == 2
    assert run_cli("frobnicate", cwd=project)[0] == 2
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nseverity = { SQS102 = "loud" }\n')
    code, _, err = run_cli("check", "app.py", cwd=project)
    assert code == 2 and "`severity` gives SQS102 an unknown level 'loud'" in err


def test_installed_packages_resolve_through_jedi(tmp_path):
    """A base class and a session factory that live in an installed package (not the workspace) still count."""
    site = tmp_path / "site" / "extlib"
    site.mkdir(parents=True)
    (site / "__init__.py").write_text(
        "from sqlalchemy.orm import DeclarativeBase, sessionmaker\n"
        "class Base(DeclarativeBase):\n    pass\n"
        "SessionLocal = sessionmaker()\n"
    )
    project = tmp_path / "proj"
    project.mkdir()
    (project / "app.py").write_text(textwrap.dedent('''
        from sqlalchemy.orm import Mapped, mapped_column, relationship
        from extlib import Base, SessionLocal

        class User(Base):
            __tablename__ = "users"
            id: Mapped[int] = mapped_column(primary_key=True)
            friends = relationship("User")

        def f():
            with SessionLocal() as s:
                u = s.get(User, 1)
            return u.friends
    '''))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    code, out, err = run_cli("check", "app.py", cwd=project, env=env)
    assert code == 1, out + err
    assert "app.py:13:12: SQS102" in out


def test_diff_shows_the_fix_and_fix_applies_it(project):
    original = (project / "app.py").read_text()
    code, out, _ = run_cli("check", "--diff", "app.py", cwd=project)
    assert code == 1
    assert "+        user = s.get(User, 1, options=[selectinload(User.addresses)])" in out
    assert "+from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker, selectinload" in out
    assert "Would fix 1 of 1 finding (2 edits in 1 file)" in out
    assert (project / "app.py").read_text() == original  # --diff writes nothing
    code, out, _ = run_cli("check", "--fix", "app.py", cwd=project)
    assert code == 0 and "Fixed 1 of 1 finding (2 edits in 1 file); 0 left as they are" in out
    assert run_cli("check", "app.py", cwd=project)[0] == 0
    compile((project / "app.py").read_text(), "app.py", "exec")
    fixed = (project / "app.py").stat().st_mtime_ns, (project / "app.py").read_text()
    code, out, _ = run_cli("check", "--fix", "app.py", cwd=project)  # a second --fix: nothing left to write
    assert code == 0 and "Nothing was written: no fix to apply; 0 findings left as they are" in out
    assert ((project / "app.py").stat().st_mtime_ns, (project / "app.py").read_text()) == fixed


def test_declared_session_helpers(tmp_path):
    """A helper the analyzer cannot see into (compiled, not installed) can be declared in pyproject.toml."""
    (tmp_path / "app.py").write_text(BUGGY.replace("Session = sessionmaker()\n", "from vendorlib import vendor_session\n").replace(
        "with Session() as s:", "with vendor_session() as s:"))
    assert run_cli("check", "app.py", cwd=tmp_path)[0] == 0  # unknown callee: silent
    (tmp_path / "pyproject.toml").write_text('[tool.sqlascope]\nsession-helpers = ["vendor_session"]\n')
    code, out, _ = run_cli("check", "app.py", cwd=tmp_path)
    assert code == 1 and "SQS102 error `user.addresses`" in out
