"""The language server end to end, over stdio, with pytest-lsp clients speaking as VS Code and Neovim."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "sqlascope", "serve"]
PROFILES = ["visual-studio-code", "neovim"]

MODELS = textwrap.dedent('''
    from sqlalchemy import ForeignKey
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


    class Base(DeclarativeBase):
        pass


    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str]
        addresses: Mapped[list["Address"]] = relationship(back_populates="user")


    class Address(Base):
        __tablename__ = "addresses"
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
        user: Mapped[User] = relationship(back_populates="addresses")


    Session = sessionmaker()
''').lstrip()

# The buggy line has characters outside ASCII (and outside the BMP) before the finding, so UTF-8, UTF-16 and
# code-point columns all differ.
BUGGY_LINE = '    return {"ключ😀": user.addresses}'
APP = textwrap.dedent('''
    from models import Session, User


    def show():
        with Session() as s:
            user = s.get(User, 1)
        print(user.name)
    ''').lstrip() + BUGGY_LINE + "\n"
FIXED = textwrap.dedent('''
    from models import Session, User


    def show():
        with Session() as s:
            user = s.get(User, 1)
            print(user.name)
            return {"ключ😀": user.addresses}
''').lstrip()
BUG_LINE0 = 7  # 0-based line of BUGGY_LINE in APP
BROKEN = APP.replace("def show():", "def show(:")


def units(text: str, encoding: str | None) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


async def wait_until(condition, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def record_publishes(client: LanguageClient) -> list[types.PublishDiagnosticsParams]:
    """Keep every publishDiagnostics (client.diagnostics only keeps the last per document)."""
    log: list[types.PublishDiagnosticsParams] = []
    features = client.protocol.fm._features
    original = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params):
        log.append(params)
        return original(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    return log


@pytest.fixture
def project(tmp_path):
    (tmp_path / "models.py").write_text(MODELS, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    return tmp_path


def capabilities(profile: str, refresh: bool = False) -> types.ClientCapabilities:
    caps = client_capabilities(profile)
    if refresh:
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def start(client: LanguageClient, profile: str, root, options=None, refresh: bool = False) -> LanguageClient:
    caps = capabilities(profile, refresh)
    result = await client.initialize_session(types.InitializeParams(
        capabilities=caps,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=options,
    ))
    client.position_encoding = result.capabilities.position_encoding
    client.profile = profile
    client.pull = caps.text_document.diagnostic is not None  # vscode 1.65: push only; neovim 0.11: pull
    client.published = record_publishes(client)
    client.root = root
    client.init_options = options or {}
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def client(request, lsp_client: LanguageClient, project):
    yield await start(lsp_client, request.param, project)
    if lsp_client.pull:  # a client that pulls is never pushed to: it would show every finding twice
        assert lsp_client.published == []
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="python", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
    ))


def current(client: LanguageClient, uri: str) -> list[types.Diagnostic] | None:
    """The document's last published diagnostics (None before the first publish). pygls decodes them as a tuple."""
    return list(client.diagnostics[uri]) if uri in client.diagnostics else None


async def diagnostics_of(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """Wait for a non-empty publish."""
    return await wait_until(lambda: current(client, uri), what=f"diagnostics for {uri}")


async def cleared(client: LanguageClient, uri: str, what: str) -> None:
    await wait_until(lambda: current(client, uri) == [], what=what)


async def pull(client: LanguageClient, uri: str, previous: str | None = None):
    return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


async def diagnostics_for(client: LanguageClient, uri: str, until=bool) -> list[types.Diagnostic]:
    """The document's diagnostics as the client sees them. A pull client pulls ONCE (the answer must already be
    for the current text); a push client waits for a publish satisfying ``until`` (default: non-empty)."""
    if client.pull:
        report = await pull(client, uri)
        assert report.kind == "full"
        return list(report.items)
    seen: list = []

    def ready() -> bool:
        diagnostics = current(client, uri)
        if diagnostics is not None and until(diagnostics):
            seen.append(diagnostics)
            return True
        return False

    await wait_until(ready, what=f"diagnostics for {uri}")
    return seen[-1]


def empty(diagnostics) -> bool:
    return diagnostics == []


async def test_open_publishes_the_finding_with_range_code_link_and_related(client):
    uri = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, uri)
    enc = client.position_encoding
    start = units(BUGGY_LINE[: BUGGY_LINE.index("user.addresses")], enc)
    assert diag.range == types.Range(
        start=types.Position(line=BUG_LINE0, character=start),
        end=types.Position(line=BUG_LINE0, character=start + len("user.addresses")),
    )
    assert (enc == "utf-8") == (client.profile == "neovim")  # neovim prefers utf-8; vscode gets the utf-16 default
    assert diag.code == "SQS102"
    assert diag.source == "sqlascope"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.code_description is not None and diag.code_description.href.endswith("SQS102.md")
    assert "DetachedInstanceError" in diag.message
    related = [(r.location.uri, r.location.range.start.line, r.location.range.start.character, r.message)
               for r in diag.related_information]
    assert related == [
        (uri, 5, 15, "`user` loaded here"),
        (uri, 4, 9, "`with Session()` closed the session when its block ended"),
    ]
    assert diag.data["attribute"] == "addresses" and diag.data["model"] == "User"
    await asyncio.sleep(0.3)
    assert [p.version for p in client.published if p.uri == uri] == ([] if client.pull else [1])


async def test_pull_answers_unchanged_for_the_same_result(client):
    uri = open_doc(client, client.root / "app.py")
    report = await pull(client, uri)
    assert report.kind == "full"
    [diag] = report.items
    assert diag.code == "SQS102"
    if not client.pull:  # a push client that also pulls gets the same diagnostics both ways
        assert list(report.items) == await diagnostics_of(client, uri)
    again = await pull(client, uri, previous=report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id


async def test_rapid_edits_publish_only_the_final_version(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    for version in range(2, 6):  # still buggy, on a moving line
        change(client, uri, version, "\n" * version + APP)
        await asyncio.sleep(0.01)
    if client.pull:  # answered for the current text, without waiting for the debounce
        [moved] = await diagnostics_for(client, uri)
        assert moved.range.start.line == BUG_LINE0 + 5
    change(client, uri, 6, FIXED)
    if client.pull:
        assert await diagnostics_for(client, uri) == []
        await asyncio.sleep(0.6)
        assert client.published == []
        return
    await wait_until(lambda: any(p.version == 6 for p in client.published), what="publish of version 6")
    assert current(client, uri) == []
    await asyncio.sleep(0.6)  # nothing stale arrives later
    assert [p.version for p in client.published if p.uri == uri] == [1, 6]
    assert current(client, uri) == []


async def test_syntax_error_keeps_the_last_good_diagnostics(client):
    uri = open_doc(client, client.root / "app.py")
    good = await diagnostics_for(client, uri)
    first = await pull(client, uri)
    change(client, uri, 2, BROKEN)
    # A pull request is answered for the current (broken) version: the last good findings, unchanged.
    report = await pull(client, uri)
    assert list(report.items) == list(good)
    assert (await pull(client, uri, previous=first.result_id)).kind == "unchanged"
    await asyncio.sleep(0.5)  # the debounced analysis of version 2 has run and published nothing new
    if not client.pull:
        assert list(client.diagnostics[uri]) == list(good)
        assert [p.version for p in client.published if p.uri == uri] == [1]
    change(client, uri, 3, "\n" + APP)  # parses again; the finding moved one line down
    [moved] = await diagnostics_for(client, uri, until=lambda ds: [d for d in ds if d.range.start.line == BUG_LINE0 + 1])
    assert moved.code == "SQS102" and moved.range.start.line == BUG_LINE0 + 1


async def test_close_clears(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    if client.pull:  # the client drops pulled diagnostics itself; a pull for a closed document finds nothing
        assert list((await pull(client, uri)).items) == []
    else:
        await cleared(client, uri, "cleared diagnostics")


async def test_imports_resolve_through_open_documents(client):
    """The model lives in another module; an unsaved edit to that module changes the findings here."""
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    models = open_doc(client, client.root / "models.py")
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    assert await diagnostics_for(client, app, until=empty) == []  # pull: at once, models.py's new text included


async def test_configuration_change_ignoring_the_code_clears_it(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    client.set_configuration({"ignore": ["SQS102"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    if not client.pull:
        await cleared(client, uri, "diagnostics cleared by configuration")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(report.items) == []


# -- initializationOptions over [tool.sqlascope] ----------------------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def configured(lsp_client: LanguageClient, project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\n')
    yield await start(lsp_client, "visual-studio-code", project,
                      options={"ignore": ["SQS9"], "severity": {"SQS102": "warning"}})
    await lsp_client.shutdown_session()


async def test_initialization_options_override_pyproject(configured):
    uri = open_doc(configured, configured.root / "app.py")
    [diag] = await diagnostics_of(configured, uri)
    assert diag.code == "SQS102" and diag.severity == types.DiagnosticSeverity.Warning


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pyproject_only(lsp_client: LanguageClient, project):
    (project / "pyproject.toml").write_text('[tool.sqlascope]\nignore = ["SQS102"]\n')
    yield await start(lsp_client, "neovim", project)
    await lsp_client.shutdown_session()


async def test_pyproject_settings_apply(pyproject_only):
    uri = open_doc(pyproject_only, pyproject_only.root / "app.py")
    assert await diagnostics_for(pyproject_only, uri, until=lambda d: True) == []


# -- a pull client that supports workspace/diagnostic/refresh -------------------------------------------------------
@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def refreshing(lsp_client: LanguageClient, project):
    yield await start(lsp_client, "neovim", project, refresh=True)
    assert lsp_client.published == []
    await lsp_client.shutdown_session()


async def test_pull_client_is_asked_to_refresh_when_another_file_changes_its_results(refreshing):
    client = refreshing
    app = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, app)
    change(client, app, 2, "\n" + APP)  # the client pulls the document it edits itself: no refresh for that
    [moved] = await diagnostics_for(client, app)
    assert moved.range.start.line == diag.range.start.line + 1
    await asyncio.sleep(0.5)
    assert client.diagnostic_refresh_count == 0
    models = open_doc(client, client.root / "models.py")
    assert await diagnostics_for(client, models) == []
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    await wait_until(lambda: client.diagnostic_refresh_count >= 1, what="workspace/diagnostic/refresh")
    assert await diagnostics_for(client, app) == []
    count = client.diagnostic_refresh_count
    client.set_configuration({"select": ["SQS9"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_until(lambda: client.diagnostic_refresh_count > count, what="a refresh after a settings change")


# -- an engine crash costs one file ---------------------------------------------------------------------------------
CRASHING = [sys.executable, "-c", textwrap.dedent('''
    import sys
    import sqlascope.lsp.analyzer as analyzer
    real = analyzer.findings_for_file
    def findings_for_file(engine, path, settings):
        if path.endswith("boom.py"):
            raise RuntimeError("engine exploded")
        return real(engine, path, settings)
    analyzer.findings_for_file = findings_for_file
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=CRASHING))
async def crashing(lsp_client: LanguageClient, project):
    (project / "boom.py").write_text(APP, encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project)
    await lsp_client.shutdown_session()


async def test_engine_crash_is_one_information_diagnostic_and_a_log_line(crashing):
    boom = open_doc(crashing, crashing.root / "boom.py")
    [diag] = await diagnostics_of(crashing, boom)
    assert diag.severity == types.DiagnosticSeverity.Information
    assert diag.range.start.line == 0 and "analysis of this file failed" in diag.message
    assert "engine exploded" in diag.message
    await wait_until(lambda: any(m.type == types.MessageType.Error and "engine exploded" in m.message
                                 for m in crashing.log_messages), what="an error log line")
    app = open_doc(crashing, crashing.root / "app.py")  # the server still serves
    [finding] = await diagnostics_of(crashing, app)
    assert finding.code == "SQS102"


# -- hover --------------------------------------------------------------------------------------------------------
async def hover(client: LanguageClient, uri: str, line: int, character: int):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))


async def test_hover_shows_the_session_state_of_a_name(client):
    uri = open_doc(client, client.root / "app.py")
    # After the with-block, on the buggy line: the column is in the client's units (non-ASCII before it).
    at = units(BUGGY_LINE[: BUGGY_LINE.index("user.addresses")], client.position_encoding)
    after = await hover(client, uri, BUG_LINE0, at + 2)
    assert after.contents.kind == types.MarkupKind.Markdown
    assert after.contents.value.startswith("`user: User` · detached")
    assert "unloaded: addresses (lazy)" in after.contents.value and "loaded: id, name" in after.contents.value
    inside = await hover(client, uri, 5, APP.splitlines()[5].index("user"))  # `user = s.get(User, 1)`
    assert "persistent" in inside.contents.value and "detached" not in inside.contents.value
    assert await hover(client, uri, 5, 2) is None  # indentation
    assert await hover(client, uri, 2, 0) is None  # an empty line
    # The hover follows the unsaved text: one line added above moves everything down.
    change(client, uri, 2, "\n" + APP)
    moved = await hover(client, uri, BUG_LINE0 + 1, at)
    assert "detached" in moved.contents.value
    assert await hover(client, uri, BUG_LINE0, at) is None  # now past the end of `print(user.name)`


# -- the user's Python environment, and logLevel --------------------------------------------------------------------
EXTERNAL_APP = textwrap.dedent('''
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
''').lstrip()


@pytest.fixture
def user_env(tmp_path):
    """A virtualenv (not the server's) whose site-packages holds the project's declarative base and sessionmaker."""
    env = tmp_path / "userenv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    [site] = env.glob("lib/python3*/site-packages")
    (site / "extlib").mkdir()
    (site / "extlib" / "__init__.py").write_text(
        "from sqlalchemy.orm import DeclarativeBase, sessionmaker\n"
        "class Base(DeclarativeBase):\n    pass\n"
        "SessionLocal = sessionmaker()\n")
    return env


@pytest.fixture
def external(tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "app.py").write_text(EXTERNAL_APP, encoding="utf-8")
    return project


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def in_user_env(request, lsp_client: LanguageClient, external, user_env):
    yield await start(lsp_client, request.param, external, options={"pythonPath": str(user_env / "bin" / "python")})
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def in_server_env(lsp_client: LanguageClient, external):
    yield await start(lsp_client, "visual-studio-code", external)
    await lsp_client.shutdown_session()


async def test_python_path_resolves_imports_in_the_users_site_packages(in_user_env):
    uri = open_doc(in_user_env, in_user_env.root / "app.py")
    [diag] = await diagnostics_for(in_user_env, uri)
    assert diag.code == "SQS102" and diag.range.start.line == EXTERNAL_APP.splitlines().index("    return u.friends")


async def test_environment_changed_at_runtime_rebuilds_the_workspace(in_server_env, user_env):
    client = in_server_env
    uri = open_doc(client, client.root / "app.py")
    assert await diagnostics_for(client, uri, until=lambda d: True) == []  # extlib isn't in the server's venv
    client.set_configuration({"environment": str(user_env)}, section="sqlascope")  # a virtualenv directory
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102"
    assert [p.version for p in client.published if p.uri == uri] == [1, 1]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=["error", "debug"])
async def logging_at(request, lsp_client: LanguageClient, project):
    yield await start(lsp_client, "visual-studio-code", project, options={"logLevel": request.param})
    await lsp_client.shutdown_session()


async def test_log_level_filters_log_messages(logging_at):
    client = logging_at
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri)
    debug = lambda: [m for m in client.log_messages if m.type == types.MessageType.Log and "analysed" in m.message]
    if client.init_options["logLevel"] == "debug":
        await wait_until(debug, what="a debug line about the analysis")
        assert any(m.type == types.MessageType.Info and "indexed 2" in m.message for m in client.log_messages)
    else:
        await asyncio.sleep(0.3)
        assert [m for m in client.log_messages if m.type != types.MessageType.Error] == []
    client.set_configuration({"logLevel": "info"}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await asyncio.sleep(0.3)
    count = len(debug())
    change(client, uri, 2, "\n" + APP)
    await diagnostics_for(client, uri, until=lambda ds: ds and ds[0].range.start.line == BUG_LINE0 + 1)
    await asyncio.sleep(0.2)
    assert len(debug()) == count  # no more debug lines once the level is back to info


# -- analyzeWorkspace: every indexed file, in the background, with progress -------------------------------------------
def progress_of(client: LanguageClient) -> list:
    """The workspace analysis' progress notifications ([] before it created its token)."""
    found = [r for t, r in client.progress_reports.items() if str(t).startswith("sqlascope-workspace")]
    assert len(found) <= 1
    return list(found[0]) if found else []


def progress_ended(client: LanguageClient) -> bool:
    reports = progress_of(client)
    return bool(reports) and reports[-1].kind == "end"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def whole_workspace(lsp_client: LanguageClient, project):
    (project / "clean.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project, options={"analyzeWorkspace": True})
    await lsp_client.shutdown_session()


async def test_analyze_workspace_reports_progress_and_publishes_unopened_files(whole_workspace):
    client = whole_workspace
    app = (client.root / "app.py").as_uri()
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    reports = progress_of(client)
    assert [r.kind for r in reports] == ["begin", "report", "report", "report", "end"]
    assert reports[0].title == "sqlascope" and reports[0].cancellable and reports[0].message == "Analyzing 0/3 files"
    assert [r.message for r in reports[1:4]] == [f"Analyzing {n}/3 files" for n in (1, 2, 3)]
    assert reports[-1].message == "Analyzed 3 files: 1 finding(s)"
    # app.py was never opened: its finding is pushed (unversioned); clean files get nothing.
    [diag] = current(client, app)
    assert diag.code == "SQS102" and diag.range.start.line == BUG_LINE0
    assert {p.uri for p in client.published} == {app} and client.published[0].version is None
    # Opening it hands it over to the document analysis; closing it goes back to the file on disk.
    open_doc(client, client.root / "app.py", FIXED)
    await wait_until(lambda: current(client, app) == [], what="the open document's own diagnostics")
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=app)))
    await wait_until(lambda: current(client, app), what="the file on disk's finding again")


SLOW = [sys.executable, "-c", textwrap.dedent('''
    import sys, time
    import sqlascope.lsp.analyzer as analyzer
    real = analyzer.Analyzer.analyse
    def analyse(self, path, text, *args, **kwargs):
        if text is None:  # the workspace pass: slow enough to cancel
            time.sleep(0.4)
        return real(self, path, text, *args, **kwargs)
    analyzer.Analyzer.analyse = analyse
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SLOW))
async def slow_workspace(lsp_client: LanguageClient, project):
    for n in range(6):
        (project / f"extra{n}.py").write_text(APP, encoding="utf-8")
    yield await start(lsp_client, "visual-studio-code", project, options={"analyzeWorkspace": True})
    await lsp_client.shutdown_session()


async def test_workspace_analysis_yields_to_edits_and_can_be_cancelled(slow_workspace):
    client = slow_workspace
    await wait_until(lambda: [r for r in progress_of(client) if r.kind == "report"], what="a first progress report")
    uri = open_doc(client, client.root / "app.py", "\n" + APP)  # analysed before the pass goes on
    [diag] = await diagnostics_for(client, uri, until=lambda ds: any(p.version == 1 for p in client.published))
    assert diag.range.start.line == BUG_LINE0 + 1
    assert not progress_ended(client)
    [token] = [t for t in client.progress_reports if str(t).startswith("sqlascope-workspace")]
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    await wait_until(lambda: progress_ended(client), what="the cancelled pass to end")
    reports = progress_of(client)
    assert reports[-1].message == "cancelled"
    assert len([r for r in reports if r.kind == "report"]) < 8  # 8 files: it stopped early


SLOW_HOVER = [sys.executable, "-c", textwrap.dedent('''
    import sys, time
    import sqlascope.lsp.analyzer as analyzer
    real = analyzer.Analyzer.hover
    def hover(self, *args, **kwargs):
        time.sleep(1.5)  # a long job on the worker
        return real(self, *args, **kwargs)
    analyzer.Analyzer.hover = hover
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SLOW_HOVER))
async def slow_hover(lsp_client: LanguageClient, project):
    yield await start(lsp_client, "visual-studio-code", project)
    await lsp_client.shutdown_session()


async def test_cancel_request_is_honoured_and_the_server_keeps_serving(slow_hover):
    from pygls.exceptions import JsonRpcRequestCancelled

    client = slow_hover
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                               position=types.Position(line=BUG_LINE0, character=25))
    started = time.monotonic()
    pending = asyncio.wrap_future(client.protocol.send_request(types.TEXT_DOCUMENT_HOVER, params, msg_id="slow-hover"))
    await asyncio.sleep(0.2)
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="slow-hover"))
    with pytest.raises(JsonRpcRequestCancelled):
        await asyncio.wait_for(pending, 5)
    assert time.monotonic() - started < 1.2  # answered at cancellation, not after the 1.5 s job
    # The worker finishes its job, then the server answers the next request normally.
    hover = await asyncio.wait_for(client.text_document_hover_async(params), 10)
    assert hover is not None and "detached" in hover.contents.value
