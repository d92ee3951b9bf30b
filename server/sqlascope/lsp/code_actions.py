"""``textDocument/codeAction``: quick fixes as LSP code actions, one ``quickfix`` per offered fix, tied to its
diagnostic, the best one marked preferred, plus ``source.fixAll.sqlascope`` applying every preferred fix of the file.

Fixes are computed on the worker (``Analyzer.code_actions``); this module answers the request and turns fixes into
LSP types. Edits become versioned ``documentChanges`` when the client supports them (the version of open documents;
None for files on disk), plain ``changes`` otherwise.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path

from ..fixes import Fix, TextEdit
from .convert import SOURCE, PositionConverter

if TYPE_CHECKING:
    from .server import Sqlascope

FIX_ALL = "source.fixAll.sqlascope"
__all__ = ["FIX_ALL", "KINDS", "SOURCE", "CodeActions", "fix_all", "quick_fix", "workspace_edit"]
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL]


class CodeActions:
    def __init__(self, server: "Sqlascope") -> None:
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


def workspace_edit(edits: list[TextEdit], positions: PositionConverter, versions: dict[str, int | None],
                   versioned: bool) -> types.WorkspaceEdit:
    by_path: dict[str, list[types.TextEdit]] = defaultdict(list)
    for edit in dict.fromkeys(edits):
        start = positions.position(edit.path, edit.line, edit.column)
        end = positions.position(edit.path, edit.end_line, edit.end_column)
        by_path[edit.path].append(types.TextEdit(range=types.Range(start=start, end=end), new_text=edit.new_text))
    if versioned:
        return types.WorkspaceEdit(document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=_uri(path), version=versions.get(path)),
                edits=changes,
            )
            for path, changes in by_path.items()
        ])
    return types.WorkspaceEdit(changes={_uri(path): changes for path, changes in by_path.items()})


def quick_fix(fix: Fix, diagnostic: types.Diagnostic | None, edit: types.WorkspaceEdit) -> types.CodeAction:
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic is not None else None,
        is_preferred=fix.preferred or None,
        edit=edit,
    )


def fix_all(edit: types.WorkspaceEdit, count: int) -> types.CodeAction:
    return types.CodeAction(title=f"sqlascope: apply {count} preferred fix{'es' if count != 1 else ''}",
                            kind=FIX_ALL, edit=edit)


def _uri(path: str) -> str:
    return from_fs_path(path) or path
