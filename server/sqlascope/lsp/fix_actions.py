"""Fixes → LSP code actions: workspace edits, one ``quickfix`` per fix, and ``source.fixAll.sqlascope``.

Edits become versioned ``documentChanges`` when the client supports them (the version of open documents; None for
files on disk), plain ``changes`` otherwise.
"""

from __future__ import annotations

from collections import defaultdict

from lsprotocol import types
from pygls.uris import from_fs_path

from ..fixes import Fix, TextEdit
from .convert import PositionConverter

FIX_ALL = "source.fixAll.sqlascope"


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
