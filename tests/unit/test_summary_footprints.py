"""Call summaries keyed by the plain objects a call touched (its footprint), not by every object it can reach.

A summary is reused for a later call that agrees on the facts of the objects the first call looked up or wrote;
an object it never touched may differ. These tests pin both halves: the reuse happens, and a change to an object
the call did read makes it run again, with the outcome the new fact gives.
"""

from __future__ import annotations

import ast
import os

import pytest

from sqlascope.analysis.engine import summaries
from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.analysis.orm.state import EVERY_OBJECT, FOOTPRINTS, ObjectFacts
from sqlascope.check import discover_python_files

CORPUS = os.path.join(os.path.dirname(__file__), "..", "corpus")

PROGRAM = '''\
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


class Switch:
    def __init__(self):
        self.close = False


class Counter:
    def __init__(self):
        self.seen = 0


class Pair:
    def __init__(self, switch, counter):
        self.switch = switch
        self.counter = counter


def finish(pair, session):
    if pair.switch.close:
        session.close()


def step(pair, session):
    finish(pair, session)


def main():
    session = SessionLocal()
    user = session.get(User, 1)
    switch = Switch()
    counter = Counter()
    pair = Pair(switch, counter)
    step(pair, session)
    counter.seen = 1
    step(pair, session)
    switch.close = True
    step(pair, session)
    return user.addresses
'''


def _engine(tmp_path, text: str) -> tuple[Engine, str]:
    path = str(tmp_path / "mod.py")
    workspace = Workspace()
    workspace.add_file(path, text)
    return Engine(workspace), path


def _function(engine: Engine, path: str, name: str) -> ast.FunctionDef:
    tree = engine.workspace.files[path].tree
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)


def test_a_summary_runs_again_only_when_an_object_it_read_changed(tmp_path, monkeypatch):
    engine, path = _engine(tmp_path, PROGRAM)
    runs: list[str] = []
    original = summaries.Summaries._callee_frame

    def counting(self, frame, function, *rest, **named):
        runs.append(function.node.name)
        return original(self, frame, function, *rest, **named)

    monkeypatch.setattr(summaries.Summaries, "_callee_frame", counting)
    issues = engine.analyze_root(path, _function(engine, path, "main"))

    # `step` is called from three sites, so it runs three times; `finish`, called from one site in `step`, runs
    # for the first call, is reused for the second (only `counter`, which it never reads, changed) and runs
    # again for the third (`switch.close`, which it reads, changed).
    assert runs.count("step") == 3
    assert runs.count("finish") == 2
    # ... and the third run's outcome is the one the new fact gives: the session is closed.
    lines = PROGRAM.splitlines()
    assert [(lines[i.location.line - 1].strip(), i.fault.name) for i in issues] == [
        ("return user.addresses", "DETACHED_UNLOADED")
    ]


def test_without_the_footprint_reuse_the_findings_are_the_same(tmp_path, monkeypatch):
    engine, path = _engine(tmp_path, PROGRAM)
    reused = [(i.location, i.fault) for i in engine.analyze_root(path, _function(engine, path, "main"))]
    fresh_engine, _ = _engine(tmp_path, PROGRAM)
    monkeypatch.setattr(summaries._Variant, "fits", lambda self, objects: False)
    fresh = [(i.location, i.fault) for i in fresh_engine.analyze_root(path, _function(fresh_engine, path, "main"))]
    assert reused == fresh


def test_object_facts_note_what_is_looked_up_written_and_gone_over():
    facts = ObjectFacts({"a": 1, "b": 2})
    footprint: set = set()
    FOOTPRINTS.stack.append(footprint)
    try:
        facts.get("a")
        facts["c"] = 3
        assert "zzz" not in facts
        dict(facts)  # a copy is bookkeeping, not a read
    finally:
        FOOTPRINTS.stack.pop()
    assert footprint == {"a", "c", "zzz"}
    FOOTPRINTS.stack.append(footprint)
    try:
        list(facts.values())
    finally:
        FOOTPRINTS.stack.pop()
    assert EVERY_OBJECT in footprint
    facts.get("outside")  # nothing is recorded while no summary is being computed
    assert "outside" not in footprint


def _corpus_files() -> list[str]:
    return [p for p in discover_python_files([CORPUS]) if f"{os.sep}_correct{os.sep}" not in p]


@pytest.fixture(scope="module")
def corpus_checked_for_untracked_changes():
    """Analyse the whole corpus, checking at every summary that each plain object the call changed, made or
    dropped is in its footprint: a change the footprint misses would be lost when the summary is reused."""
    untracked: list[tuple] = []
    original = summaries._Variant.of.__func__

    def checked(cls, part, outcome, footprint, *rest):
        if EVERY_OBJECT not in footprint:
            before, after = part.objects, outcome.objects
            for oid in set(before) | set(after):
                if oid not in footprint and dict.get(before, oid) != dict.get(after, oid):
                    untracked.append(oid)
        return original(cls, part, outcome, footprint, *rest)

    summaries._Variant.of = classmethod(checked)
    try:
        workspace = Workspace()
        files = _corpus_files()
        for path in files:
            workspace.add_file(path)
        engine = Engine(workspace)
        for path in files:
            engine.forget_shared_work()
            engine.analyze_file(path)
    finally:
        summaries._Variant.of = classmethod(original)
    return len(files), untracked


def test_every_change_a_summary_makes_to_an_object_is_in_its_footprint(corpus_checked_for_untracked_changes):
    analysed, untracked = corpus_checked_for_untracked_changes
    assert analysed > 100
    assert untracked == []


def test_no_call_of_the_program_goes_over_every_object(tmp_path):
    # Going over every object (iterating them, asking whether there are any) keys a summary by all of them;
    # nothing in this program does, so every summary is keyed by the objects it looked up.
    engine, path = _engine(tmp_path, PROGRAM)
    engine.analyze_file(path)
    variants = [v for found in engine._summaries.values() for v in found]
    assert variants, "the program's calls were summarised"
    assert all(v.touched is not None for v in variants)
