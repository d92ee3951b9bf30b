"""Quick fixes through the language server: request the code actions for a diagnostic, apply the returned
edit the way an editor does, and check the result (the finding is gone, the file still parses)."""

from __future__ import annotations

import ast

from lsprotocol import types

from lsp_helpers import APP, diagnostics_for, open_doc


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str | None) -> str:
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        if encoding == "utf-8":
            prefix = line.encode("utf-8")[: position.character].decode("utf-8")
        elif encoding == "utf-32":
            prefix = line[: position.character]
        else:
            prefix = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return sum(len(l) + 1 for l in lines[: position.line]) + len(prefix)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list((edit.changes or {}).get(uri, []))


async def test_quick_fix_eager_loads_and_the_finding_goes_away(client):
    uri = open_doc(client, client.root / "app.py")
    (diagnostic,) = await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic]),
    ))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    titles = [a.title for a in quick]  # the preferred fix first, the suppression last; others may come between
    assert titles[0] == "Load `addresses` eagerly: `selectinload(User.addresses)` in the query"
    assert titles[-1] == "Suppress SQS102 on this line"
    preferred = quick[0]
    assert preferred.is_preferred and list(preferred.diagnostics) == [diagnostic]
    fixed = apply_text_edits(APP, edits_for(preferred.edit, uri), client.position_encoding)
    assert "user = s.get(User, 1, options=[selectinload(User.addresses)])" in fixed
    assert "from sqlalchemy.orm import selectinload" in fixed
    ast.parse(fixed)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
    ))
    assert await diagnostics_for(client, uri, until=lambda d: len(d) == 0) == []


async def test_fix_all_source_action(client):
    uri = open_doc(client, client.root / "app.py")
    await diagnostics_for(client, uri, until=lambda d: len(d) == 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.sqlascope"]),
    ))
    assert [a.kind for a in actions] == ["source.fixAll.sqlascope"]
    fixed = apply_text_edits(APP, edits_for(actions[0].edit, uri), client.position_encoding)
    assert "options=[selectinload(User.addresses)]" in fixed
