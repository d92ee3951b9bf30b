"""The per-file time budget and the SQS001 "analysis was cut short" notice.

Budgets here are tiny (a nanosecond) so the cut happens at the first statement, deterministically, whatever the
machine's speed: the tests check what is reported and what is remembered, never how long anything took."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sqlascope.analysis.interp.budget import AnalysisCutShort, Deadline
from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.findings import Fault, Severity
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.check import findings_for_file
from sqlascope.config import ConfigError, Settings, settings_from_mapping
from sqlascope.rules import CODES

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NANOSECOND = 1e-9

MODULE = textwrap.dedent('''\
    from sqlalchemy.orm import Session, sessionmaker

    SessionLocal = sessionmaker()


    def first(user_id):
        with SessionLocal() as s:
            return s.get(int, user_id)


    def second():
        s = Session()
        s.close()


    def third():
        return first(1)
''')


def _engine(tmp_path: Path, text: str, name: str = "mod.py") -> tuple[Engine, str]:
    path = tmp_path / name
    path.write_text(text)
    workspace = Workspace()
    workspace.add_file(str(path))
    return Engine(workspace), str(path)


def _notices(issues):
    return [i for i in issues if i.fault is Fault.CUT_SHORT]


def test_a_spent_budget_gives_one_notice_where_analysis_stopped(tmp_path):
    engine, path = _engine(tmp_path, MODULE)
    engine.configure((), NANOSECOND)
    issues = engine.analyze_file(path)
    [notice] = _notices(issues)
    assert notice.severity is Severity.INFORMATION
    assert notice.location.line == 1  # the module body is the first root
    assert "time budget" in notice.detail and "3 more functions after it not analysed" in notice.detail

    engine, path = _engine(tmp_path, MODULE)
    [finding] = findings_for_file(engine, path, Settings(time_budget=NANOSECOND))
    assert finding.code == "SQS001" and finding.severity is Severity.INFORMATION
    assert "analysis was cut short" in finding.message


def test_the_next_run_resumes_after_the_roots_already_done(tmp_path):
    engine, path = _engine(tmp_path, MODULE)
    engine.configure((), NANOSECOND)
    engine.analyze_file(path)
    second = _notices(engine.analyze_file(path))
    # The module body spent a whole budget on its own: remembered as cut short, not retried.
    # The next root (`first`, line 6) is where this run stopped.
    assert [n.location.line for n in second] == [1, 6]
    assert "2 more functions" in second[-1].detail and "more functions" not in second[0].detail


def test_a_root_cut_because_others_spent_the_time_is_retried(tmp_path, monkeypatch):
    engine, path = _engine(tmp_path, MODULE)
    analysed = []
    real = Engine.analyze_root

    def running_out_in_first(self, path, code, probe=None):
        name = getattr(code, "name", "<module>")
        analysed.append(name)
        if name == "first" and analysed.count("first") == 1:
            self.deadline = Deadline(NANOSECOND)  # the module body used up the time
            raise AnalysisCutShort("time budget of 5 s spent", timed=True)  # as Deadline.check raises it
        return real(self, path, code, probe)

    monkeypatch.setattr(Engine, "analyze_root", running_out_in_first)
    [notice] = _notices(engine.analyze_file(path))
    assert notice.location.line == 6 and "2 more functions" in notice.detail
    assert _notices(engine.analyze_file(path)) == []  # `first` had not had a budget of its own: tried again
    assert analysed == ["<module>", "first", "first", "second", "third"]


@pytest.mark.parametrize("statements", [3, 11, 29, 70, 150, 200])
def test_a_cut_leaves_no_half_built_summary_behind(tmp_path, monkeypatch, statements):
    """Cut after N statements (inside callees, @contextmanager helpers, ...), then run unbounded: the result
    must equal a fresh engine's, so nothing half-built (a summary's recursion guard) survived the cut."""
    case = CORPUS / "single" / "context_managers.py"
    engine, path = _engine(tmp_path, case.read_text(), case.name)
    checks = {"n": 0}

    def counting_check(self):
        if self.seconds is None:
            return
        checks["n"] += 1
        if checks["n"] >= statements:
            raise AnalysisCutShort("time budget of 5 s spent", timed=True)  # as Deadline.check raises it

    monkeypatch.setattr(Deadline, "check", counting_check)
    monkeypatch.setattr(Deadline, "spent", lambda self: self.seconds is not None and checks["n"] >= statements)
    cut = engine.analyze_file(path)
    assert _notices(cut), "the cut did not happen: raise the statement counts"
    monkeypatch.undo()
    engine.configure((), 0)  # unbounded: roots remembered as cut short are tried again
    fresh, _ = _engine(tmp_path, case.read_text(), case.name)
    fresh.configure((), 0)

    def outline(issues):
        return sorted((i.fault.value, i.severity, i.location, i.expression) for i in issues)

    assert outline(engine.analyze_file(path)) == outline(fresh.analyze_file(path)) != []


def test_nesting_too_deep_costs_only_its_own_function(tmp_path):
    deep = " + ".join(["a.x"] * 2500)  # parses, but is deeper than the interpreter's recursion limit allows
    text = textwrap.dedent('''\
        from sqlalchemy import ForeignKey
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

        SessionLocal = sessionmaker()


        class Base(DeclarativeBase):
            pass


        class User(Base):
            __tablename__ = "users"
            id: Mapped[int] = mapped_column(primary_key=True)
            addresses: Mapped[list["Address"]] = relationship()


        class Address(Base):
            __tablename__ = "addresses"
            id: Mapped[int] = mapped_column(primary_key=True)
            user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


        def generated(a):
            print(a)
            return DEEP


        def leaks():
            with SessionLocal() as s:
                user = s.get(User, 1)
            return user.addresses
    ''').replace("DEEP", deep)
    engine, path = _engine(tmp_path, text)
    issues = engine.analyze_file(path)
    [notice] = _notices(issues)
    assert "nests deeper" in notice.detail and "`generated`" in notice.detail and notice.location.line == 23
    assert any(i.fault is Fault.DETACHED_UNLOADED and i.expression == "user.addresses" for i in issues)


def test_hover_survives_a_spent_budget(tmp_path):
    engine, path = _engine(tmp_path, MODULE)
    engine.configure((), NANOSECOND)
    assert engine.hover(path, 8, 20) is None  # nothing probed before the cut; no exception


@pytest.mark.parametrize("raw, expected", [(None, None), (20, 20.0), (0, 0.0), (2.5, 2.5)])
def test_time_budget_setting(raw, expected):
    data = {} if raw is None else {"time-budget": raw}
    assert settings_from_mapping(data, CODES).time_budget == expected


@pytest.mark.parametrize("raw", [-1, "fast", True])
def test_time_budget_setting_is_checked(raw):
    with pytest.raises(ConfigError, match="time-budget"):
        settings_from_mapping({"time-budget": raw}, CODES)


def test_a_budget_spent_between_roots_puts_the_notice_on_the_next_one(tmp_path, monkeypatch):
    engine, path = _engine(tmp_path, MODULE)
    monkeypatch.setattr(Deadline, "check", lambda self: None)  # no root is interrupted ...
    monkeypatch.setattr(Deadline, "spent", lambda self: self.seconds is not None)  # ... but each one spends it all
    [notice] = _notices(engine.analyze_file(path))
    assert notice.location.line == 6  # `first`, which never started
    assert "`first` not fully analysed; 2 more functions after it not analysed" in notice.detail
    assert notice.detail.startswith("time budget of 5 s spent")
