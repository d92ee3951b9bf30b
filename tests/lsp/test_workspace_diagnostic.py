"""workspace/diagnostic (with analyzeWorkspace), and documents whose URIs need quoting."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import (
    APP, BUG_LINE0, FIXED, MODELS, PROFILES, SERVER, diagnostics_for, notify_files, open_doc, progress_ended, start,
    wait_until,
)


async def workspace_pull(client: LanguageClient, previous: dict[str, str] | None = None) -> dict:
    """uri → report, from one workspace/diagnostic request."""
    report = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
        previous_result_ids=[types.PreviousResultId(uri=uri, value=value) for uri, value in (previous or {}).items()]))
    items = {item.uri: item for item in report.items}
    assert len(items) == len(report.items)  # one report per document
    return items


def result_ids(items: dict) -> dict[str, str]:
    return {uri: item.result_id for uri, item in items.items()}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def whole(request, lsp_client: LanguageClient, project):
    (project / "clean.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    yield await start(lsp_client, request.param, project, options={"analyzeWorkspace": True}, refresh=True)
    await lsp_client.shutdown_session()


async def test_workspace_diagnostic_reports_every_file(whole):
    client = whole
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    app, models, clean = ((client.root / name).as_uri() for name in ("app.py", "models.py", "clean.py"))
    items = await workspace_pull(client)
    assert set(items) == {app, models, clean}
    assert {item.kind for item in items.values()} == {"full"}
    assert all(item.version is None for item in items.values())  # none is open: the files on disk
    [diag] = items[app].items
    assert diag.code == "SQS102" and diag.range.start.line == BUG_LINE0
    assert list(items[models].items) == [] and list(items[clean].items) == []
    # Nothing changed: every document is reported unchanged.
    again = await workspace_pull(client, result_ids(items))
    assert {item.kind for item in again.values()} == {"unchanged"}
    # An open document comes from the document store, with its version.
    open_doc(client, client.root / "app.py", FIXED)
    opened = await workspace_pull(client, result_ids(items))
    assert opened[app].kind == "full" and opened[app].version == 1 and list(opened[app].items) == []
    assert opened[models].kind == "unchanged"


async def test_a_file_changed_on_disk_is_reported_again(whole):
    client = whole
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    app = (client.root / "app.py").as_uri()
    items = await workspace_pull(client)
    assert len(items[app].items) == 1
    refreshes = client.diagnostic_refresh_count
    (client.root / "app.py").write_text(FIXED, encoding="utf-8")
    notify_files(client, (client.root / "app.py", types.FileChangeType.Changed))
    await wait_until(lambda: progress_ended(client, 2), what="the second workspace pass")
    if client.pull:  # told to pull again
        await wait_until(lambda: client.diagnostic_refresh_count > refreshes, what="workspace/diagnostic/refresh")
    else:  # pushed: the finding of the unopened file is cleared
        await wait_until(lambda: list(client.diagnostics.get(app, [None])) == [], what="the cleared push")
    again = await workspace_pull(client, result_ids(items))
    assert again[app].kind == "full" and list(again[app].items) == []
    assert again[(client.root / "models.py").as_uri()].kind == "unchanged"
    # Deleted: reported once more, empty, then no longer.
    (client.root / "app.py").unlink()
    notify_files(client, (client.root / "app.py", types.FileChangeType.Deleted))
    await wait_until(lambda: progress_ended(client, 3), what="the third workspace pass")
    gone = await workspace_pull(client, result_ids(again))
    assert gone[app].kind == "full" and list(gone[app].items) == []
    assert app not in await workspace_pull(client, result_ids(gone))


async def test_without_analyze_workspace_the_workspace_report_is_empty(client):
    open_doc(client, client.root / "app.py")
    await diagnostics_for(client, (client.root / "app.py").as_uri())
    assert await workspace_pull(client) == {}


# -- URIs that need quoting: spaces and non-ASCII in the path ---------------------------------------------------------
@pytest.fixture
def awkward(tmp_path):
    folder = tmp_path / "my project ключ"
    folder.mkdir()
    (folder / "models.py").write_text(MODELS, encoding="utf-8")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    return folder


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def awkward_client(request, lsp_client: LanguageClient, awkward):
    yield await start(lsp_client, request.param, awkward)
    await lsp_client.shutdown_session()


async def test_documents_with_quoted_uris(awkward_client):
    client = awkward_client
    uri = open_doc(client, client.root / "app.py")
    assert "%20" in uri and "%D0%BA" in uri  # as clients send them
    [diag] = await diagnostics_for(client, uri)
    assert diag.code == "SQS102"
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=diag.range.start))
    assert hover is not None and "detached" in hover.contents.value
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    if not client.pull:
        await wait_until(lambda: list(client.diagnostics[uri]) == [], what="cleared diagnostics")
    reopened = open_doc(client, client.root / "app.py", FIXED)
    assert await diagnostics_for(client, reopened, until=lambda d: d == []) == []
    await asyncio.sleep(0.3)


OWNERS = '''\
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Owner(Base):
    __tablename__ = "owners"
    id: Mapped[int] = mapped_column(primary_key=True)
    pets: Mapped[list["Pet"]] = relationship()

    def __repr__(self):
        return f"Owner({len(self.pets)} pets)"


class Pet(Base):
    __tablename__ = "pets"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))


OwnerSession = sessionmaker()
'''
REPORT = '''\
from owners import Owner, OwnerSession


def describe(owner_id):
    with OwnerSession() as s:
        owner = s.get(Owner, owner_id)
    return repr(owner)
'''


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=PROFILES)
async def reaching(request, lsp_client: LanguageClient, project):
    (project / "owners.py").write_text(OWNERS, encoding="utf-8")
    (project / "report.py").write_text(REPORT, encoding="utf-8")
    yield await start(lsp_client, request.param, project, options={"analyzeWorkspace": True}, refresh=True)
    await lsp_client.shutdown_session()


async def test_a_finding_another_file_reaches_is_reported_in_its_own_file(reaching):
    """`owners.py`'s `__repr__` fails only where `report.py` calls it: like `sqlascope check`, the workspace report
    shows it in owners.py (line 15), where the read is, once."""
    client = reaching
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    owners, report = ((client.root / name).as_uri() for name in ("owners.py", "report.py"))
    if client.pull:
        items = await workspace_pull(client)
        owner_diagnostics, report_diagnostics = list(items[owners].items), list(items[report].items)
    else:
        await wait_until(lambda: client.diagnostics.get(owners), what="pushed diagnostics for owners.py")
        owner_diagnostics, report_diagnostics = client.diagnostics[owners], client.diagnostics.get(report, [])
    [diagnostic] = owner_diagnostics
    assert diagnostic.code == "SQS106" and diagnostic.range.start.line == 14
    assert report_diagnostics == []


async def test_closing_a_file_keeps_the_findings_other_files_reach_in_it(reaching):
    """Opened, owners.py shows its own analysis; closed, it is back to the workspace pass's view, which includes
    the `__repr__` finding that report.py reaches in it."""
    client = reaching
    await wait_until(lambda: progress_ended(client), what="the end of the workspace analysis")
    owners = open_doc(client, client.root / "owners.py")
    await asyncio.sleep(0.5)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(owners)))

    async def shown() -> list:
        if client.pull:
            return list((await workspace_pull(client))[owners].items)
        return client.diagnostics.get(owners, [])

    deadline = asyncio.get_running_loop().time() + 10
    while not (diagnostics := await shown()) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.1)
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("SQS106", 14)]
