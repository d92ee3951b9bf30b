"""Open documents: their synchronisation, lookup by URI, and the version the worker holds.

Open documents: didOpen / didChange / didSave / didClose, lookup by URI, and which version of each document the
worker's workspace holds.

pygls keys its documents by the *unquoted* URI while clients send quoted ones (``file:///my%20project/app.py``):
always look documents up through ``Documents.get``; a document's ``uri`` is the client's spelling, the one
diagnostics are published under."""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from .convert import key
from .core import ServerCore
from .settings import is_pyproject


#: Quiet time after the last keystroke before a changed document is analysed.
DEBOUNCE_SECONDS = 0.2


def analysable(doc: TextDocument) -> bool:
    """Python files on disk (saved or not); untitled buffers and other languages are left alone."""
    return doc.uri.startswith("file:") and (doc.language_id == "python" or doc.uri.endswith((".py", ".pyi")))


class Documents:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.synced: dict[str, int | None] = {}  # key(uri) → version of the text the worker's workspace holds

    def register(self) -> None:
        feature = self.server.handle
        feature(types.TEXT_DOCUMENT_DID_OPEN, self.did_open)
        feature(types.TEXT_DOCUMENT_DID_CHANGE, self.did_change)
        feature(types.TEXT_DOCUMENT_DID_SAVE, self.did_save)
        feature(types.TEXT_DOCUMENT_DID_CLOSE, self.did_close)

    # -- lookup ---------------------------------------------------------------------------------------------
    def get(self, uri: str) -> TextDocument | None:
        return self.server.workspace.text_documents.get(key(uri))

    def analysable(self, uri: str) -> TextDocument | None:
        doc = self.get(uri)
        return doc if doc is not None and analysable(doc) else None

    def open_uris(self) -> list[str]:
        return [doc.uri for doc in self.server.workspace.text_documents.values() if analysable(doc)]

    def open_paths(self) -> set[str]:
        return set(self.versions())

    def versions(self) -> dict[str, int | None]:
        """path → version of every open file (versioned workspace edits)."""
        return {os.path.abspath(d.path): d.version for d in self.server.workspace.text_documents.values()
                if d.uri.startswith("file:")}

    def unsynced(self) -> list[tuple[str, str]]:
        """Texts of open documents the worker's workspace doesn't hold yet. Called right before submitting work:
        the worker runs jobs in submission order, so marking them synced here is exact."""
        texts = []
        for uri, doc in self.server.workspace.text_documents.items():
            if analysable(doc) and self.synced.get(uri, -1) != doc.version:
                texts.append((os.path.abspath(doc.path), doc.source))
                self.synced[uri] = doc.version
        return texts

    # -- notifications --------------------------------------------------------------------------------------
    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        # Analysed at once (a pull client pulls it itself); the others too: its text may not be the one on disk
        # (a new file, a restored unsaved buffer) and they may import it.
        self.server.diagnostics.on_input_change(params.text_document.uri, 0.0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        # A change to a document that was never opened doesn't get here (Protocol warns and drops it).
        self.server.diagnostics.on_input_change(params.text_document.uri, DEBOUNCE_SECONDS)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if is_pyproject(key(uri)):
            self.server.spawn(self.server.config.reload_project(), f"reloading {uri}")
        self.server.diagnostics.on_input_change(uri, 0.0)

    async def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        server = self.server
        uri = params.text_document.uri
        server.diagnostics.forget(uri)
        self.synced.pop(key(uri), None)
        server.changed()
        if not server.diagnostics.pull_mode:
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if uri.startswith("file:"):
            path = os.path.abspath(to_fs_path(uri))
            await server.on_worker(server.analyzer.close, path)
            # The other documents now see the file on disk, not the closed document's unsaved text.
            server.diagnostics.inputs_changed()
            await server.workspace_pass.closed(uri, path)
