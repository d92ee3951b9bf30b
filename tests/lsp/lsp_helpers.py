"""Shared by the language-server tests: the sample project, client helpers (open, change, wait, pull) and
``start``, which initializes a pytest-lsp client speaking as VS Code or Neovim. Fixtures are in conftest.py."""

from __future__ import annotations

import asyncio
import sys
import textwrap
import time

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

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


def capabilities(profile: str, refresh: bool = False) -> types.ClientCapabilities:
    caps = client_capabilities(profile)
    if refresh:
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


def record_registrations(client: LanguageClient) -> list[types.Registration]:
    """Answer client/registerCapability (as VS Code does) and keep what was registered."""
    registrations: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    @client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def unregister(params: types.UnregistrationParams) -> None:
        gone = {u.id for u in params.unregisterations}
        registrations[:] = [r for r in registrations if r.id not in gone]

    return registrations


async def start(client: LanguageClient, profile: str, root, options=None, refresh: bool = False) -> LanguageClient:
    caps = capabilities(profile, refresh)
    client.registrations = record_registrations(client)
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


def passes(client: LanguageClient) -> list[list]:
    """The progress notifications of each workspace analysis pass, oldest first."""
    tokens = sorted((t for t in client.progress_reports if str(t).startswith("sqlascope-workspace")),
                    key=lambda t: int(str(t).rsplit("-", 1)[1]))
    return [list(client.progress_reports[t]) for t in tokens]


def progress_of(client: LanguageClient) -> list:
    """The workspace analysis' progress notifications ([] before it created its token)."""
    found = passes(client)
    assert len(found) <= 1
    return found[0] if found else []


def progress_ended(client: LanguageClient, count: int = 1) -> bool:
    """``count`` workspace passes have ended."""
    ended = [reports for reports in passes(client) if reports and reports[-1].kind == "end"]
    return len(ended) >= count


def notify_files(client: LanguageClient, *changes) -> None:
    """workspace/didChangeWatchedFiles for ``(path, FileChangeType)`` pairs."""
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=path.as_uri(), type=kind) for path, kind in changes]))


EAGER_MODELS = MODELS.replace('relationship(back_populates="user")',
                              'relationship(back_populates="user", lazy="selectin")')
