"""``textDocument/hover``: what the engine knows about the name under the cursor.

``textDocument/hover``: what the engine knows about the name under the cursor (its session state and loaded
attributes)."""

from __future__ import annotations

import os

from lsprotocol import types

from .core import ServerCore


class Hover:
    def __init__(self, server: ServerCore) -> None:
        self.server = server

    def register(self) -> None:
        self.server.handle(types.TEXT_DOCUMENT_HOVER, self.hover)

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        server = self.server
        if server.documents.analysable(params.text_document.uri) is None:
            return None
        await server.wait_ready()
        doc = server.documents.get(params.text_document.uri)
        if doc is None:
            return None
        path = os.path.abspath(doc.path)
        try:
            text = await server.on_worker(server.analyzer.hover, path, doc.source, params.position,
                                          server.workspace.position_codec, server.documents.unsynced(),
                                          server.config.max_file_size)
        except Exception as exc:  # an engine bug costs this hover, never the server
            server.log(types.MessageType.Error, f"sqlascope: hover in {path} failed: {type(exc).__name__}: {exc}")
            return None
        if not text:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))
