"""Snapshots of the edited text, per fix kind: formatting, comments and imports as a reviewer would want them.

Each ``tests/fixes/cases/<name>.py`` is checked; every fix offered for its findings (suppression included) is applied
and the whole fixed file is compared with ``tests/fixes/snapshots/<name>.<line>.<code>.<n>.<kind>.txt``. The fixed
text must parse. Run with ``SQLASCOPE_UPDATE_SNAPSHOTS=1`` to write the snapshots after a deliberate change, then
review the diff.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.check import check_paths
from sqlascope.config import Settings
from sqlascope.fixes import FIXES, apply_edits, fix_key, fixes_for, resolve_fix

HERE = Path(__file__).resolve().parent / "fixes"
CASES = sorted((HERE / "cases").glob("*.py"))
SNAPSHOTS = HERE / "snapshots"
UPDATE = os.environ.get("SQLASCOPE_UPDATE_SNAPSHOTS") == "1"


def _fixed_texts(case: Path) -> dict[str, str]:
    """snapshot name → fixed text, for every fix of every finding in ``case`` (edits in that file only)."""
    findings = check_paths([str(case)], Settings()).findings
    source_of = Workspace().source
    out: dict[str, str] = {}
    for finding in findings:
        for index, fix in enumerate(fixes_for(finding, source_of)):
            assert fix.paths() == {str(case)}, f"{fix.title}: edits another file"
            text = apply_edits(case.read_text(), list(fix.edits))
            name = f"{case.stem}.{finding.location.line}.{finding.code}.{index}.{fix.kind}{'.preferred' if fix.preferred else ''}.txt"
            out[name] = f"# {fix.title}\n{text}"
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_fixed_text_matches_snapshot(case: Path):
    texts = _fixed_texts(case)
    assert texts, f"{case.name}: no fix offered"
    existing = {p.name for p in SNAPSHOTS.glob(f"{case.stem}.*.txt")}
    if UPDATE:
        for stale in existing - set(texts):
            (SNAPSHOTS / stale).unlink()
        for name, text in texts.items():
            (SNAPSHOTS / name).write_text(text)
        return
    assert set(texts) == existing, "fixes offered differ from the snapshots (SQLASCOPE_UPDATE_SNAPSHOTS=1 to rewrite)"
    for name, text in texts.items():
        ast.parse(text.partition("\n")[2], filename=name)
        assert text == (SNAPSHOTS / name).read_text(), f"{name} differs (SQLASCOPE_UPDATE_SNAPSHOTS=1 to rewrite)"


def test_every_fix_kind_has_a_snapshot():
    kinds = {p.name.split(".")[-2] if p.name.split(".")[-2] != "preferred" else p.name.split(".")[-3]
             for p in SNAPSHOTS.glob("*.txt")}
    expected = {"scope", "move-read", "eager-load", "eager-load+expire-on-commit", "expire-on-commit", "merge",
                "load-before-end", "awaitable-attrs", "async-refresh", "init-collection", "explicit-commit", "suppress"}
    assert expected <= kinds, expected - kinds


def test_one_preferred_fix_per_finding():
    source_of = Workspace().source
    for case in CASES:
        for finding in check_paths([str(case)], Settings()).findings:
            preferred = [f.title for f in fixes_for(finding, source_of) if f.preferred]
            assert len(preferred) <= 1, preferred


def test_resolve_finds_the_same_fix_again():
    """The ``codeAction/resolve`` helper: a fix is found again by its key, with the same edits."""
    source_of = Workspace().source
    case = HERE / "cases" / "scope_bare.py"
    finding = check_paths([str(case)], Settings()).findings[0]
    for fix in fixes_for(finding, source_of):
        again = resolve_fix(finding, fix_key(fix), source_of)
        assert again is not None and again.edits == fix.edits
    assert resolve_fix(finding, "scope:no such fix", source_of) is None


def test_every_code_has_fix_providers():
    assert {"SQS101", "SQS102", "SQS103", "SQS104", "SQS105", "SQS106", "SQS107"} <= set(FIXES)


# -- fixes that must not be offered ------------------------------------------------------------------------------
MODELS = '''
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    nickname: Mapped[str]
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


Session = sessionmaker(create_engine("sqlite://"))
AsyncSession = async_sessionmaker(create_async_engine("sqlite+aiosqlite://"))
'''


def _kinds(tmp_path: Path, body: str) -> dict[int, set[str]]:
    path = tmp_path / "app.py"
    path.write_text(MODELS + body)
    source_of = Workspace().source
    offset = MODELS.count("\n")
    return {f.location.line - offset: {fix.kind for fix in fixes_for(f, source_of)}
            for f in check_paths([str(path)], Settings()).findings}


def test_no_scope_fix_that_would_commit_a_detached_write(tmp_path):
    kinds = _kinds(tmp_path, '''
def f():
    with Session.begin() as s:
        user = s.get(User, 1)
    user.nickname = "kept out of the transaction"
    print(user.name)
''')
    assert kinds and all("scope" not in k for k in kinds.values()), kinds


def test_no_scope_fix_into_an_async_block(tmp_path):
    kinds = _kinds(tmp_path, '''
async def f():
    async with AsyncSession.begin() as s:
        user = await s.get(User, 1)
    print(user.name)
''')
    assert kinds and all("scope" not in k for k in kinds.values()), kinds


def test_no_await_inside_a_generator_expression(tmp_path):
    kinds = _kinds(tmp_path, '''
async def f():
    async with AsyncSession() as s:
        user = await s.get(User, 1)
        total = sum(len(u.addresses) for u in [user])
        print(total)
''')
    assert kinds and all("awaitable-attrs" not in k for k in kinds.values()), kinds
    assert any("async-refresh" in k for k in kinds.values()), kinds  # the refresh before the statement is fine
