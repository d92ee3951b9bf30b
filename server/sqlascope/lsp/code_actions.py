"""``textDocument/codeAction``: quick fixes and fix-all for our diagnostics.

``textDocument/codeAction``: quick fixes as LSP code actions, one ``quickfix`` per offered fix, tied to its
diagnostic, the best one marked preferred, plus ``source.fixAll.sqlascope`` applying every preferred fix of the file.

Fixes are computed on the worker (``Analyzer.code_actions``, which turns them into LSP types with fix_actions.py);
this module answers the request.
"""

from __future__ import annotations

import os

from lsprotocol import types
from pygls.capabilities import get_capability

from .convert import SOURCE
from .core import ServerCore
from .fix_actions import FIX_ALL


KINDS = [types.CodeActionKind.QuickFix, FIX_ALL]


class CodeActions:
    def __init__(self, server: ServerCore) -> None:
        self.server = server

    def register(self) -> None:
        self.server.handle(types.TEXT_DOCUMENT_CODE_ACTION, self.code_action,
                           types.CodeActionOptions(code_action_kinds=KINDS))

    async def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        """Quick fixes for our diagnostics in the request's context, and ``source.fixAll.sqlascope``."""
        server = self.server
        doc = server.documents.analysable(params.text_document.uri)
        if doc is None:
            return None
        await server.wait_ready()
        doc = server.documents.get(params.text_document.uri)
        if doc is None:
            return None
        ours = [d for d in params.context.diagnostics if d.source == SOURCE]
        versioned = bool(get_capability(server.client_capabilities, "workspace.workspace_edit.document_changes", False))
        path = os.path.abspath(doc.path)
        try:
            return await server.on_worker(server.analyzer.code_actions, path, doc.source, server.config.settings,
                                          server.workspace.position_codec, ours, params.context.only,
                                          server.documents.versions(), versioned, server.documents.unsynced(),
                                          server.config.max_file_size)
        except Exception as exc:  # an engine bug costs these actions, never the server
            server.log(types.MessageType.Error,
                       f"sqlascope: code actions in {path} failed: {type(exc).__name__}: {exc}")
            return None
