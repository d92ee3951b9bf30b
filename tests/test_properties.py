"""Property tests: the engine never raises, whatever (syntactically valid or truncated) program it is given.

(a) programs generated from a small grammar of SQLAlchemy-flavoured statements (sessions, gets, closes,
    commits, with blocks, if/for/while/try, attribute reads, helper calls, closures, generators, async);
(b) arbitrary Python from hypothesmith's grammar strategy, made relevant with a SQLAlchemy import;
(c) every prefix of a real file (the runnable corpus and examples/), as an editor shows it while typing:
    prefixes that don't parse give a SourceFile with ``.error`` and no exception; prefixes that parse are
    analysed, both by a fresh engine and by a warm one that saw the whole file first.
"""

from __future__ import annotations

import ast
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.check import findings_for_file
from sqlascope.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Settings()
# Hypothesis caches constants it mined from the code under test; keep that out of the repository.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "sqlascope-hypothesis"))
PROPERTY_SETTINGS = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

try:
    import hypothesmith
except ImportError:  # pragma: no cover - it is in the `test` extra
    hypothesmith = None


def analyse(workspace: Workspace, path: str) -> None:
    """What the CLI and the language server do with one file; must never raise."""
    engine = Engine(workspace)
    engine.analyze_file(path)
    findings_for_file(engine, path, SETTINGS)


# == (a) generated SQLAlchemy-flavoured programs ========================================================

HEADER = '''\
from __future__ import annotations

import asyncio
from contextlib import contextmanager

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker, selectinload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")

    def __repr__(self):
        return f"<User {self.name} {self.addresses}>"


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses", lazy="joined")


engine = create_engine("sqlite://")
SessionLocal = sessionmaker(engine)
Quiet = sessionmaker(engine, expire_on_commit=False)
async_engine = create_async_engine("sqlite+aiosqlite://")
AsyncLocal = async_sessionmaker(async_engine)
'''

SESSIONS = ["s", "t"]
INSTANCES = ["u", "v", "a", "users", "x"]
HELPERS = ["h0", "h1", "h2"]
NAMES = SESSIONS + INSTANCES + ["SessionLocal", "Quiet", "None", "User", "engine"]

name = st.sampled_from(NAMES)
session = st.sampled_from(SESSIONS)
instance = st.sampled_from(INSTANCES)
helper = st.sampled_from(HELPERS)
attr = st.sampled_from(["name", "addresses", "user", "email", "id", "addresses[0]", "user.addresses", "missing"])


@st.composite
def expression(draw) -> str:
    return draw(st.sampled_from([
        "{s}.get(User, 1)",
        "{s}.get(Address, {i})",
        "{s}.scalars(select(User)).first()",
        "{s}.scalars(select(User).options(selectinload(User.addresses))).all()",
        "{s}.execute(select(User)).scalar_one()",
        "{s}.scalar(select(User))",
        "{s}.merge({i})",
        "{i}.{a}",
        "{i}",
        "[{i}, {i2}]",
        "({i}, {s})",
        "{{'k': {i}}}",
        "[y.{a} for y in {i}]",
        "lambda: {i}.{a}",
        "{h}({s}, {i})",
        "{h}({i})",
        "{h}()",
        "SessionLocal()",
        "Quiet()",
        "Session(engine)",
        "{i} or {i2}",
        "{i} if {i2} else None",
        "getattr({i}, 'name')",
        "next(iter({i}))",
        "{i}[0]",
        "{s}.begin()",
        "{s}.run_sync(lambda ss: ss.get(User, 1))",
        "User(name='n', addresses=[Address(email='e')])",
        "print({i}.{a})",
        "await {s}.get(User, 1)",
        "(yield {i})",
        "super().__init__()",
        "{i}.{a}.{a2}",
        "f'{{{i}.{a}}}'",
    ])).format(s=draw(session), i=draw(instance), i2=draw(instance), a=draw(attr), a2=draw(attr), h=draw(helper))


@st.composite
def simple_statement(draw) -> str:
    template = draw(st.sampled_from([
        "{i} = {e}",
        "{s} = {e}",
        "{i}, {i2} = {e}",
        "{i}.{a} = {e}",
        "{e}",
        "{s}.close()",
        "{s}.commit()",
        "{s}.rollback()",
        "{s}.flush()",
        "{s}.expire_all()",
        "{s}.expire({i})",
        "{s}.refresh({i})",
        "{s}.expunge({i})",
        "{s}.expunge_all()",
        "{s}.add({i})",
        "{s}.add_all([{i}, {i2}])",
        "{s}.delete({i})",
        "await {s}.commit()",
        "await {s}.close()",
        "print({i}.{a})",
        "{i}.{a}.append({i2})",
        "del {i}",
        "{i} = None",
        "return {e}",
        "return",
        "yield {i}",
        "raise ValueError({i})",
        "raise",
        "pass",
        "break",
        "continue",
        "global {i}",
        "nonlocal {i}",
        "assert {i}.{a}",
        "{i} += {i2}",
        "{h}({s}, {i})",
        "asyncio.run({h}())",
        "import models",
        "from models import thing as {i}",
    ]))
    return template.format(
        s=draw(session), i=draw(instance), i2=draw(instance), a=draw(attr), e=draw(expression()), h=draw(helper)
    )


def indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def block(draw, depth: int) -> list[str]:
    body: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        body.extend(draw(statement(depth)))
    return body


@st.composite
def statement(draw, depth: int) -> list[str]:
    if depth <= 0 or draw(st.integers(0, 2)) == 0:
        return [draw(simple_statement())]
    kind = draw(st.sampled_from(["with", "async with", "if", "for", "async for", "while", "try", "def", "lambda"]))
    s, i, i2, e = draw(session), draw(instance), draw(instance), draw(expression())
    inner = lambda: indent(block(draw, depth - 1))  # noqa: E731
    if kind == "with":
        factory = draw(st.sampled_from(["SessionLocal()", "Quiet()", "Session(engine)", f"{s}.begin()", f"{s}",
                                        "SessionLocal.begin()", f"{draw(helper)}()"]))
        return [f"with {factory} as {s}:", *inner()]
    if kind == "async with":
        return [f"async with {draw(st.sampled_from(['AsyncLocal()', 'AsyncSession(async_engine)', s + '.begin()']))} as {s}:", *inner()]
    if kind == "if":
        lines = [f"if {i}.{draw(attr)}:", *inner()]
        if draw(st.booleans()):
            lines += [f"elif {i2}:", *inner()]
        if draw(st.booleans()):
            lines += ["else:", *inner()]
        return lines
    if kind == "for":
        lines = [f"for {i} in {e}:", *inner()]
        return lines + (["else:", *inner()] if draw(st.booleans()) else [])
    if kind == "async for":
        return [f"async for {i} in await {s}.stream_scalars(select(User)):", *inner()]
    if kind == "while":
        return [f"while {i}:", *inner()]
    if kind == "try":
        lines = ["try:", *inner()]
        handlers = draw(st.integers(0 if draw(st.booleans()) else 1, 2))
        for _ in range(handlers):
            lines += [f"except {draw(st.sampled_from(['Exception', 'ValueError as err', '(KeyError, TypeError)', 'BaseException']))}:", *inner()]
        if handlers and draw(st.booleans()):
            lines += ["else:", *inner()]
        if not handlers or draw(st.booleans()):
            lines += ["finally:", *inner()]
        return lines
    if kind == "def":
        decorator = draw(st.sampled_from(["", "@contextmanager"]))
        return ([decorator] if decorator else []) + [f"def inner_{depth}({s}, {i}={i2}):", *inner(), f"{i} = inner_{depth}({s}, {i})"]
    return [f"{i} = (lambda {s}: {e})({s})"]


@st.composite
def function(draw, fname: str) -> list[str]:
    prefix = draw(st.sampled_from(["", "", "async ", "@contextmanager\n"]))
    params = draw(st.sampled_from(["", "s", "s, u", "u", "s, u=None, *rest, **kw", "self, s"]))
    return [f"{prefix}def {fname}({params}):", *indent(block(draw, draw(st.integers(0, 3))))]


@st.composite
def program(draw) -> str:
    lines = HEADER.splitlines()
    for fname in [*HELPERS, "main"][: draw(st.integers(1, 4))] + ["main"]:
        lines += ["", "", *draw(function(fname))]
    if draw(st.booleans()):
        lines += ["", "", "class Repo:", "    def __init__(self, s):", "        self.s = s", "",
                  *indent(draw(function("load")))]
    if draw(st.booleans()):
        lines += ["", *block(draw, 2)]  # module-level statements run as the module root
    return "\n".join(lines) + "\n"


@settings(PROPERTY_SETTINGS, max_examples=100)
@given(program())
def test_engine_never_raises_on_generated_programs(text):
    try:
        ast.parse(text)
    except SyntaxError:
        assume(False)  # e.g. `await` outside async def, `nonlocal` at module level
    path = os.path.abspath("/nonexistent/generated/prog.py")
    workspace = Workspace()
    source = workspace.add_file(path, text)
    assert source.error is None and source.tree is not None
    analyse(workspace, path)


# == (b) hypothesmith: arbitrary valid Python ===========================================================

@pytest.mark.skipif(hypothesmith is None, reason="hypothesmith is not installed")
@settings(PROPERTY_SETTINGS, max_examples=30)
@given(hypothesmith.from_grammar() if hypothesmith else st.nothing())
def test_engine_never_raises_on_arbitrary_python(text):
    text = "import sqlalchemy\n" + text  # make it relevant, so the interpreter runs over every root
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        assume(False)
    path = os.path.abspath("/nonexistent/hypothesmith/prog.py")
    workspace = Workspace()
    workspace.add_file(path, text)
    analyse(workspace, path)


# == (c) prefixes of real files =========================================================================

VALID_FILES = sorted(
    str(p) for base in (ROOT / "tests" / "corpus", ROOT / "examples") for p in base.rglob("*.py")
)


def test_there_are_valid_files():
    assert len(VALID_FILES) > 20


def workspace_around(path: str, text: str | None = None) -> Workspace:
    """The file with its neighbours (a multi-module case resolves `from models import User`)."""
    workspace = Workspace()
    directory = os.path.dirname(path)
    for neighbour in sorted(os.listdir(directory)):
        if neighbour.endswith(".py"):
            full = os.path.join(directory, neighbour)
            workspace.add_file(full, text if full == path and text is not None else None)
    return workspace


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(st.sampled_from(VALID_FILES), st.floats(0, 1), st.booleans())
def test_engine_never_raises_on_any_prefix_of_a_valid_file(path, where, warm):
    full = Path(path).read_text(encoding="utf-8")
    prefix = full[: int(len(full) * where)]
    if warm:
        # an editor session: the whole file was analysed, then the user deleted to the cut
        workspace = workspace_around(path)
        engine = Engine(workspace)
        engine.analyze_file(path)
        source = workspace.add_file(path, prefix)
    else:
        workspace = workspace_around(path, prefix)
        engine = Engine(workspace)
        source = workspace.files[path]
    try:
        ast.parse(prefix)
        parses = True
    except SyntaxError:
        parses = False
    if parses:
        assert source.error is None and source.tree is not None
    else:
        assert source.error is not None and source.tree is None
        assert source.error.startswith("skipped: ")
    engine.analyze_file(path)
    findings_for_file(engine, path, SETTINGS)
    for other in workspace.files:  # the neighbours that import the truncated module must survive too
        engine.analyze_file(other)
