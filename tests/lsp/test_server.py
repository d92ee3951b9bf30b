"""The language server end to end, over stdio, with pytest-lsp clients speaking as VS Code and Neovim."""

from __future__ import annotations

import asyncio
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


async def start(client: LanguageClient, profile: str, root, options=None) -> LanguageClient:
    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(profile),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=options,
    ))
    client.position_encoding = result.capabilities.position_encoding
    client.profile = profile
    client.published = record_publishes(client)
    client.root = root
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def client(request, lsp_client: LanguageClient, project):
    yield await start(lsp_client, request.param, project)
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


async def test_open_publishes_the_finding_with_range_code_link_and_related(client):
    uri = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_of(client, uri)
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
    assert [p.version for p in client.published if p.uri == uri] == [1]


async def test_pull_diagnostics_match_the_pushed_ones(client):
    uri = open_doc(client, client.root / "app.py")
    pushed = await diagnostics_of(client, uri)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert report.kind == "full"
    assert list(report.items) == list(pushed)
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id


async def test_rapid_edits_publish_only_the_final_version(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_of(client, uri)
    for version in range(2, 6):  # still buggy, on a moving line
        change(client, uri, version, "\n" * version + APP)
        await asyncio.sleep(0.01)
    change(client, uri, 6, FIXED)
    await wait_until(lambda: any(p.version == 6 for p in client.published), what="publish of version 6")
    assert current(client, uri) == []
    await asyncio.sleep(0.6)  # nothing stale arrives later
    assert [p.version for p in client.published if p.uri == uri] == [1, 6]
    assert current(client, uri) == []


async def test_syntax_error_keeps_the_last_good_diagnostics(client):
    uri = open_doc(client, client.root / "app.py")
    good = await diagnostics_of(client, uri)
    change(client, uri, 2, BROKEN)
    # A pull request is answered for the current (broken) version: the last good findings.
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(report.items) == list(good)
    await asyncio.sleep(0.5)  # the debounced analysis of version 2 has run and published nothing new
    assert list(client.diagnostics[uri]) == list(good)
    assert [p.version for p in client.published if p.uri == uri] == [1]
    change(client, uri, 3, "\n" + APP)  # parses again; the finding moved one line down
    [moved] = await wait_until(
        lambda: [d for d in client.diagnostics[uri] if d.range.start.line == BUG_LINE0 + 1], what="moved finding")
    assert moved.code == "SQS102"


async def test_close_clears(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_of(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await cleared(client, uri, "cleared diagnostics")


async def test_imports_resolve_through_open_documents(client):
    """The model lives in another module; an unsaved edit to that module changes the findings here."""
    app = open_doc(client, client.root / "app.py")
    await diagnostics_of(client, app)
    models = open_doc(client, client.root / "models.py")
    eager = MODELS.replace('relationship(back_populates="user")', 'relationship(back_populates="user", lazy="selectin")')
    change(client, models, 2, eager)
    await cleared(client, app, "app findings to go with an eager relationship")


async def test_configuration_change_ignoring_the_code_clears_it(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_of(client, uri)
    client.set_configuration({"ignore": ["SQS102"]}, section="sqlascope")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
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
    await wait_until(lambda: uri in pyproject_only.diagnostics, what="a publish")
    assert current(pyproject_only, uri) == []


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
