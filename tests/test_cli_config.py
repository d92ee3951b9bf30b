"""The installed `sqlascope` script on real files: strict configuration, exit codes, the summary line, colour,
progress on a terminal, --version and `sqlascope rule`."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from cli_support import BUGGY, SCRIPT, clean_env, run_cli

VALID = "valid codes: SQS001, SQS101, SQS102, SQS103, SQS104, SQS105, SQS106, SQS107, SQS108"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "app.py").write_text(BUGGY)
    return tmp_path


# -- configuration: one typed model for flags and [tool.sqlascope] ------------------------------------------------
@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_an_unknown_code_on_the_command_line_is_an_error(project, flag):
    code, out, err = run_cli("check", flag, "SQS102,SQS999", "app.py", cwd=project)
    assert code == 2 and out == ""
    assert f"{flag}: `{flag.lstrip('-')}` names an unknown rule code or prefix `SQS999`; {VALID}" in err


@pytest.mark.parametrize("table, named", [
    ('select = ["SQS999"]', "`select` names an unknown rule code or prefix `SQS999`"),
    ('ignore = ["SQS9"]', "`ignore` names an unknown rule code or prefix `SQS9`"),
    ('severity = { SQS777 = "warning" }', "`severity` names an unknown rule code or prefix `SQS777`"),
])
def test_an_unknown_code_in_pyproject_is_an_error(project, table, named):
    (project / "pyproject.toml").write_text(f"[tool.sqlascope]\n{table}\n")
    code, out, err = run_cli("check", "app.py", cwd=project)
    assert code == 2 and out == ""
    assert named in err and VALID in err and "pyproject.toml [tool.sqlascope]" in err


def test_a_prefix_of_real_codes_is_fine(project):
    assert run_cli("check", "--select", "sqs1", "app.py", cwd=project)[0] == 1
    assert run_cli("check", "--ignore", "SQS10", "app.py", cwd=project)[0] == 0


def test_an_unknown_key_suggests_the_right_one(project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignroe = ["SQS102"]\nsession_helper = ["x"]\n')
    code, _, err = run_cli("check", "app.py", cwd=project)
    assert code == 2
    assert "unknown key `ignroe` (did you mean `ignore`?)" in err
    assert "unknown key `session_helper` (did you mean `session_helpers`?)" in err


@pytest.mark.parametrize("table, complaint", [
    ("select = 3", "`select` must be a list of strings, not 3"),
    ('time-budget = "fast"', "`time-budget` must be a number of seconds (0 for unbounded), not 'fast'"),
    ('severity = ["SQS102"]', "`severity` must be a table of CODE = "),
    ("docs-url = 1", "`docs-url` must be a string, not 1"),
])
def test_a_value_of_the_wrong_type_is_an_error(project, table, complaint):
    (project / "pyproject.toml").write_text(f"[tool.sqlascope]\n{table}\n")
    code, _, err = run_cli("check", "app.py", cwd=project)
    assert code == 2 and complaint in err, err


def test_a_bad_number_on_the_command_line_is_an_error(project):
    code, _, err = run_cli("check", "--time-budget", "soon", "app.py", cwd=project)
    assert code == 2 and "--time-budget: not a valid value: 'soon'" in err


# -- exit codes and the summary line -----------------------------------------------------------------------------
def test_exit_0_when_nothing_is_found(project):
    (project / "app.py").write_text(BUGGY.replace("return user.addresses", "return user.id"))
    code, out, _ = run_cli("check", ".", cwd=project)
    assert code == 0 and out.strip() == "Found 0 problems (0 errors, 0 warnings) in 1 file analysed"


def test_exit_2_when_no_python_file_is_found(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to see")
    code, out, _ = run_cli("check", ".", cwd=tmp_path)
    assert code == 2
    assert "sqlascope: no Python file was found" in out
    assert out.strip().splitlines()[-1] == "Found 0 problems (0 errors, 0 warnings) in 0 files analysed"


def test_exit_2_when_every_file_was_skipped(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n")
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9\xe8'\n")
    code, out, _ = run_cli("check", ".", cwd=tmp_path)
    assert code == 2
    assert "sqlascope: no Python file was analysed" in out
    assert out.strip().splitlines()[-1] == ("Found 0 problems (0 errors, 0 warnings) in 0 files analysed; "
                                            "2 skipped (file is not valid UTF-8 or its declared encoding, syntax error)")


def test_skipped_and_cut_short_files_are_in_the_summary(project):
    (project / "broken.py").write_text("def f(:\n    pass\n")
    code, out, _ = run_cli("check", "--work-budget", "1", ".", cwd=project)
    assert code in (0, 1)
    last = out.strip().splitlines()[-1]
    assert "in 1 file analysed" in last and "1 skipped (syntax error)" in last and "1 cut short" in last, last
    assert "app.py:1:1: analysis was cut short" in out
    summary = json.loads(run_cli("check", "--format", "json", "--work-budget", "1", ".", cwd=project)[1])["summary"]
    assert (summary["skipped"], summary["cut_short"], summary["analysed"]) == (1, 1, 1)


# -- colour ------------------------------------------------------------------------------------------------------
def _run_on_a_terminal(args: list[str], cwd: Path, env: dict, stream: str = "stderr") -> tuple[int, str, str]:
    """Run the script with ``stream`` (stdout or stderr) on a pseudo-terminal and the other one piped; returns the
    exit code, stdout and stderr."""
    controller, terminal = pty.openpty()
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: terminal}
    proc = subprocess.Popen([SCRIPT, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, **pipes)
    os.close(terminal)
    chunks = []
    while select.select([controller], [], [], 120)[0]:
        try:
            data = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not data:
            break
        chunks.append(data)
    other = (proc.stderr if stream == "stdout" else proc.stdout).read().decode()
    code = proc.wait(120)
    os.close(controller)
    on_terminal = b"".join(chunks).decode(errors="replace")
    return (code, on_terminal, other) if stream == "stdout" else (code, other, on_terminal)


def test_colour_only_on_a_terminal_and_as_the_environment_says(project):
    assert "\033[" not in run_cli("check", "app.py", cwd=project)[1]
    assert "\033[1;31merror" in run_cli("check", "app.py", cwd=project, env=clean_env(FORCE_COLOR="1"))[1]
    assert "\033[" not in run_cli("check", "app.py", cwd=project, env=clean_env(FORCE_COLOR="1", NO_COLOR="1"))[1]
    assert "\033[1;31merror" in _run_on_a_terminal(["check", "app.py"], project, clean_env(), "stdout")[1]
    assert "\033[" not in _run_on_a_terminal(["check", "app.py"], project, clean_env(NO_COLOR="1"), "stdout")[1]
    assert "\033[" not in run_cli("check", "--format", "json", "app.py", cwd=project, env=clean_env(FORCE_COLOR="1"))[1]


# -- progress ----------------------------------------------------------------------------------------------------
def test_progress_goes_to_a_terminal_stderr_only(project):
    for number in range(3):
        (project / f"extra{number}.py").write_text(BUGGY)
    env = clean_env(SQLASCOPE_PROGRESS_DELAY="0")  # show it at once, however short the run
    code, out, err = _run_on_a_terminal(["check", "--format", "json", "."], project, env)
    assert code == 1
    assert json.loads(out)["summary"]["analysed"] == 4  # the document on stdout is untouched
    assert "sqlascope:" in err and "/4" in err and "file" in err, err  # files done / total, on the terminal
    piped = run_cli("check", "--format", "json", ".", cwd=project, env=env)
    assert piped[2] == ""  # stderr is not a terminal: no progress
    patient = _run_on_a_terminal(["check", "."], project, clean_env(SQLASCOPE_PROGRESS_DELAY="3600"))
    assert patient[0] == 1 and "/4" not in patient[2]  # a run shorter than the delay shows none


# -- --version and `sqlascope rule` -------------------------------------------------------------------------------
def test_version(tmp_path):
    code, out, _ = run_cli("--version", cwd=tmp_path)
    assert code == 0 and out.strip() == f"sqlascope {version('sqlascope')}"


def test_rule_prints_the_shipped_doc(tmp_path):
    from sqlascope.rules.docs import doc_path

    code, out, _ = run_cli("rule", "SQS102", cwd=tmp_path)
    assert code == 0 and out.startswith("# SQS102 lazy-load-on-detached\n")
    assert out.strip() == doc_path("SQS102").read_text().strip()
    assert run_cli("rule", "sqs105", cwd=tmp_path)[1].startswith("# SQS105 ")


def test_rule_all_prints_every_rule(tmp_path):
    code, out, _ = run_cli("rule", "--all", cwd=tmp_path)
    titles = [line.split()[1] for line in out.splitlines() if line.startswith("# SQS")]
    assert code == 0 and titles == ["SQS001", "SQS101", "SQS102", "SQS103", "SQS104", "SQS105", "SQS106", "SQS107",
                                    "SQS108", "SQS201"]


def test_rule_unknown_code_exits_2(tmp_path):
    code, _, err = run_cli("rule", "SQS999", cwd=tmp_path)
    assert code == 2 and "unknown rule code SQS999" in err and VALID in err
    assert run_cli("rule", cwd=tmp_path)[0] == 2
