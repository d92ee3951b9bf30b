"""`sqlascope check` runs under a fixed string-hash seed, so the order of set iteration (and the work a file
takes) is the same on every run; a seed the user set is kept."""

from __future__ import annotations

import pytest

from sqlascope import launch


class Restarted(Exception):
    pass


@pytest.fixture
def restarts(monkeypatch):
    seen = []

    def execve(path, argv, env):
        seen.append((argv, env.get("PYTHONHASHSEED")))
        raise Restarted

    monkeypatch.setattr(launch.os, "execve", execve)
    monkeypatch.setattr(launch.os, "name", "posix")
    return seen


def test_check_restarts_with_a_fixed_seed(restarts, monkeypatch):
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    with pytest.raises(Restarted):
        launch.main(["check", "src", "--format", "json"])
    [(argv, seed)] = restarts
    assert seed == launch.HASH_SEED and argv[-4:] == ["check", "src", "--format", "json"]


def test_a_seed_already_set_and_other_commands_run_as_they_are(restarts, monkeypatch):
    calls = []
    monkeypatch.setattr("sqlascope.cli.main", lambda argv: calls.append(argv) or 0)
    monkeypatch.setenv("PYTHONHASHSEED", "123")
    assert launch.main(["check", "."]) == 0
    monkeypatch.delenv("PYTHONHASHSEED")
    assert launch.main(["serve"]) == 0
    assert restarts == [] and calls == [["check", "."], ["serve"]]
