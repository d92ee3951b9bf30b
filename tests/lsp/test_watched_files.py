"""Files changed on disk (workspace/didChangeWatchedFiles) and pyproject.toml changes, without a restart."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from lsp_helpers import (
    APP, EAGER_MODELS, MODELS, change, diagnostics_for, empty, notify_files, open_doc, pull, wait_until,
)

CHANGED, CREATED, DELETED = types.FileChangeType.Changed, types.FileChangeType.Created, types.FileChangeType.Deleted


async def still(client, uri: str) -> list:
    """The document's diagnostics a moment from now (push: whatever was last published)."""
    if client.pull:
        return list((await pull(client, uri)).items)
    await asyncio.sleep(0.6)
    return list(client.diagnostics[uri])


async def test_watchers_are_registered_when_the_client_can(client):
    if client.profile == "visual-studio-code":  # dynamicRegistration: true
        [registration] = await wait_until(lambda: client.registrations, what="client/registerCapability")
        assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        globs = [w["globPattern"] for w in registration.register_options["watchers"]]
        assert globs == ["**/*.py", "**/pyproject.toml"]
    else:  # Neovim: no dynamic registration; the server can't ask (but honours the notification, below)
        await asyncio.sleep(0.5)
        assert client.registrations == []


async def test_a_module_changed_on_disk_reanalyses_open_dependants(client):
    app = open_doc(client, client.root / "app.py")
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"
    (client.root / "models.py").write_text(EAGER_MODELS, encoding="utf-8")
    notify_files(client, (client.root / "models.py", CHANGED))
    assert await diagnostics_for(client, app, until=empty) == []
    (client.root / "models.py").write_text(MODELS, encoding="utf-8")
    notify_files(client, (client.root / "models.py", CHANGED))
    [again] = await diagnostics_for(client, app)
    assert again.code == "SQS102"


async def test_an_open_document_keeps_the_editors_text(client):
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    open_doc(client, client.root / "models.py", MODELS)  # open, unchanged
    (client.root / "models.py").write_text(EAGER_MODELS, encoding="utf-8")  # the disk says otherwise
    notify_files(client, (client.root / "models.py", CHANGED))
    [diag] = await still(client, app)
    assert diag.code == "SQS102"


async def test_deleted_and_created_modules(client):
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    (client.root / "models.py").unlink()
    notify_files(client, (client.root / "models.py", DELETED))
    assert await diagnostics_for(client, app, until=empty) == []  # `User` no longer resolves: nothing to say
    (client.root / "models.py").write_text(MODELS, encoding="utf-8")
    notify_files(client, (client.root / "models.py", CREATED))
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"


# `import sqlalchemy` makes the module worth analysing on its own, so its result is cached while `User` doesn't resolve.
ELSEWHERE = APP.replace("from models import Session, User", "import sqlalchemy\nfrom models import Session\nfrom schema import User")


async def test_a_module_created_on_disk_resolves_a_failed_import(client):
    app = open_doc(client, client.root / "app.py", ELSEWHERE)
    await asyncio.sleep(0.3)
    assert await diagnostics_for(client, app, until=lambda d: True) == []
    (client.root / "schema.py").write_text(MODELS, encoding="utf-8")
    notify_files(client, (client.root / "schema.py", CREATED))
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"


async def test_a_module_created_in_the_editor_resolves_a_failed_import(client):
    app = open_doc(client, client.root / "app.py", ELSEWHERE)
    await asyncio.sleep(0.3)
    assert await diagnostics_for(client, app, until=lambda d: True) == []
    open_doc(client, client.root / "schema.py", MODELS)  # a new, unsaved file
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"


async def test_pyproject_changed_on_disk_applies_without_restart(client):
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    pyproject = client.root / "pyproject.toml"
    pyproject.write_text('[tool.sqlascope]\nignore = ["SQS102"]\n', encoding="utf-8")
    notify_files(client, (pyproject, CREATED))
    assert await diagnostics_for(client, app, until=empty) == []
    # A broken file is reported; the last good settings stay.
    pyproject.write_text('[tool.sqlascope\nignore = ["SQS102"]\n', encoding="utf-8")
    notify_files(client, (pyproject, CHANGED))
    await wait_until(lambda: [m for m in client.log_messages
                              if m.type == types.MessageType.Error and "pyproject.toml" in m.message],
                     what="an error about the broken pyproject.toml")
    assert await still(client, app) == []
    pyproject.write_text('[tool.sqlascope]\nselect = ["SQS1"]\n', encoding="utf-8")
    notify_files(client, (pyproject, CHANGED))
    [diag] = await diagnostics_for(client, app)
    assert diag.code == "SQS102"


async def test_pyproject_saved_in_the_editor_applies(client):
    app = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, app)
    pyproject = client.root / "pyproject.toml"
    text = '[tool.sqlascope]\nseverity = { SQS102 = "hint" }\n'
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=pyproject.as_uri(), language_id="toml", version=1, text="")))
    change(client, pyproject.as_uri(), 2, text)
    pyproject.write_text(text, encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=pyproject.as_uri())))
    [diag] = await diagnostics_for(client, app, until=lambda ds: ds and ds[0].severity == types.DiagnosticSeverity.Hint)
    assert diag.code == "SQS102" and diag.severity == types.DiagnosticSeverity.Hint
