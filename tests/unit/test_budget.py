"""The per-file work budget (statements evaluated), the language server's clock guard, and the SQS001 notice.

Budgets here are tiny (one statement) so the cut happens at the first statement: the tests check what is reported
and what is remembered, never how long anything took."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.findings import Fault, Severity
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.analysis.interp.budget import DEFAULT_WORK_BUDGET, AnalysisCutShort, Budget
from sqlascope.check import findings_for_file
from sqlascope.config import ConfigError, Settings, settings_from_mapping
from sqlascope.rules import CODES

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ONE_STATEMENT = 1

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
    engine.configure((), work_budget=ONE_STATEMENT)
    issues = engine.analyze_file(path)
    [notice] = _notices(issues)
    assert notice.severity is Severity.INFORMATION
    assert notice.location.line == 1  # the module body is the first root
    assert "work budget of 1 statements spent" in notice.detail
    assert "3 more functions after it not analysed" in notice.detail

    engine, path = _engine(tmp_path, MODULE)
    [finding] = findings_for_file(engine, path, Settings(work_budget=ONE_STATEMENT))
    assert finding.code == "SQS001" and finding.severity is Severity.INFORMATION
    assert "analysis was cut short" in finding.message


def test_the_next_run_resumes_after_the_roots_already_done(tmp_path):
    engine, path = _engine(tmp_path, MODULE)
    engine.configure((), work_budget=ONE_STATEMENT)
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
            self.budget = Budget(ONE_STATEMENT)  # the module body used up the budget
            self.budget.used = ONE_STATEMENT
            raise AnalysisCutShort("work budget spent", budget=True)  # as Budget.check raises it
        return real(self, path, code, probe)

    monkeypatch.setattr(Engine, "analyze_root", running_out_in_first)
    [notice] = _notices(engine.analyze_file(path))
    assert notice.location.line == 6 and "2 more functions" in notice.detail
    assert _notices(engine.analyze_file(path)) == []  # `first` had not had a budget of its own: tried again
    assert analysed == ["<module>", "first", "first", "second", "third"]


@pytest.mark.parametrize("statements", [3, 11, 29, 50, 70, 100, 120])
def test_a_cut_leaves_no_half_built_summary_behind(tmp_path, statements):
    """Cut after N statements (inside callees, @contextmanager helpers, ...), then run unbounded: the result
    must equal a fresh engine's, so nothing half-built (a summary's recursion guard) survived the cut."""
    case = CORPUS / "single" / "context_managers.py"
    engine, path = _engine(tmp_path, case.read_text(), case.name)
    engine.configure((), work_budget=statements)
    cut = engine.analyze_file(path)
    assert _notices(cut), "the cut did not happen: raise the statement counts"
    engine.configure((), work_budget=0)  # unbounded: roots remembered as cut short are tried again
    fresh, _ = _engine(tmp_path, case.read_text(), case.name)
    fresh.configure((), work_budget=0)

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
    engine.configure((), work_budget=ONE_STATEMENT)
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
    monkeypatch.setattr(Budget, "check", lambda self: None)  # no root is interrupted ...
    monkeypatch.setattr(Budget, "spent", lambda self: self.units is not None)  # ... but each one spends it all
    [notice] = _notices(engine.analyze_file(path))
    assert notice.location.line == 6  # `first`, which never started
    assert "`first` not fully analysed; 2 more functions after it not analysed" in notice.detail
    assert notice.detail.startswith(f"work budget of {DEFAULT_WORK_BUDGET:,} statements spent")


@pytest.mark.parametrize("raw, expected", [(None, None), (500, 500), (0, 0)])
def test_work_budget_setting(raw, expected):
    data = {} if raw is None else {"work-budget": raw}
    assert settings_from_mapping(data, CODES).work_budget == expected


@pytest.mark.parametrize("raw", [-1, 2.5, "many", True])
def test_work_budget_setting_is_checked(raw):
    with pytest.raises(ConfigError, match="work-budget"):
        settings_from_mapping({"work-budget": raw}, CODES)


def test_the_cut_falls_on_the_same_statement_whatever_the_clock(tmp_path, monkeypatch):
    """The same input gives the same result: a clock that jumps a minute per reading changes nothing in `check`
    (no clock), and only the language server's guard (time_guard) reads it."""
    import sqlascope.analysis.interp.budget as budget_module

    def findings(work_budget, time_guard=False):
        engine, path = _engine(tmp_path, MODULE)
        settings = Settings(work_budget=work_budget, time_budget=1.0)
        return [(f.code, f.location.line, f.message) for f in findings_for_file(engine, path, settings, time_guard)]

    steady = findings(3), findings(0)
    ticks = iter(range(0, 10**9, 60))
    monkeypatch.setattr(budget_module.time, "monotonic", lambda: next(ticks))
    assert (findings(3), findings(0)) == steady
    assert steady[0] != steady[1] and any(code == "SQS001" for code, *_ in steady[0])
    [(code, line, message)] = findings(0, time_guard=True)  # the guard: cut at its first clock reading
    assert code == "SQS001" and "time budget of 1 s spent" in message
