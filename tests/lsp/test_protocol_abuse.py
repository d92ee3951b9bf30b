"""A misbehaving client against the real server process: malformed JSON-RPC, unknown methods, impossible positions,
unknown documents, huge / deeply nested / NUL-laden documents, an undecodable file on disk.

Every case must end in a clean error response, or a warning in the log plus (where a document is concerned) one
Information diagnostic, never a crash or a pop-up; afterwards the server still answers hover and diagnostics for a
normal document."""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap

import pytest

from lsp_helpers import APP, BUG_LINE0, BUGGY_LINE, MODELS, units
from wire import PUSH_CAPABILITIES, Wire, frame, uri_of

INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, NOT_INITIALIZED = -32602, -32600, -32601, -32002
WARNING, INFORMATION = 2, 3
BUG_CHARACTER = units(BUGGY_LINE[: BUGGY_LINE.index("user.addresses")], "utf-16") + 2


def open_text(wire: Wire, uri: str, text: str, version: int = 1) -> None:
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": version,
                                                          "text": text}})


async def pull(wire: Wire, uri: str, timeout: float = 30.0) -> list[dict]:
    report = await wire.result("textDocument/diagnostic", {"textDocument": {"uri": uri}}, timeout)
    assert report["kind"] == "full"
    return report["items"]


async def hover(wire: Wire, uri: str, line: int, character: int) -> dict:
    return await wire.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                     "position": {"line": line, "character": character}})


async def healthy(wire: Wire, popups: int = 0) -> None:
    """The server still answers diagnostics and hover for the normal document, and popped up no message (but the
    ``popups`` a test asked for)."""
    [diag] = await pull(wire, wire.app)
    assert diag["code"] == "SQS102"
    answer = await hover(wire, wire.app, BUG_LINE0, BUG_CHARACTER)
    assert "detached" in answer["result"]["contents"]["value"]
    assert wire.alive
    assert len(wire.shown()) == popups, wire.shown()


def warned(wire: Wire, *words: str) -> list[str]:
    return [m for m in wire.logs(WARNING) if all(w in m for w in words)]


async def skipped_with(wire: Wire, uri: str, *words: str) -> dict:
    """The document's one Information diagnostic saying why it isn't analysed."""
    [diag] = await pull(wire, uri)
    assert diag["severity"] == INFORMATION and "not analysed" in diag["message"], diag
    assert all(w in diag["message"] for w in words), diag["message"]
    assert diag["range"]["start"] == {"line": 0, "character": 0}
    return diag


@pytest.fixture
async def server(project):
    wire = await Wire.spawn(cwd=str(project))
    await wire.initialize(str(project))
    wire.root = project
    wire.app = uri_of(project / "app.py")
    open_text(wire, wire.app, APP)
    yield wire
    assert wire.alive, wire.stderr[-4000:].decode(errors="replace")
    assert await wire.close() == 0
    assert wire.stray == []  # never a response to a request nobody sent


# -- malformed JSON-RPC --------------------------------------------------------------------------------------------
async def test_bodies_that_are_not_json_are_logged_and_ignored(server):
    server.send_body(b"{not json")
    server.send_body(b'{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover\xff"}')  # not UTF-8
    server.send_body(b"")  # Content-Length: 0
    server.write(b"X-Unknown-Header: 1\r\n")  # a header nobody asked for, before a normal message
    server.send_body(b"", b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n")
    await server.wait_for(lambda: len(warned(server, "not valid JSON")) >= 2, what="warnings about the bodies")
    await healthy(server)


async def test_requests_with_malformed_params_get_invalid_params(server):
    wrong_types = await server.request("textDocument/hover", {"textDocument": {"uri": 5}, "position": "x"})
    missing = await server.request("textDocument/hover")
    negative = await server.request("textDocument/hover", {"textDocument": {"uri": server.app},
                                                            "position": {"line": -1, "character": 0}})
    no_range = await server.request("textDocument/codeAction", {"textDocument": {"uri": server.app},
                                                                 "context": {"diagnostics": []}})
    for response in (wrong_types, missing, negative, no_range):
        assert response["error"]["code"] == INVALID_PARAMS, response
        assert "result" not in response
    assert "textDocument/hover" in wrong_types["error"]["message"]
    # The same mistakes in notifications: nothing to answer; a warning in the log.
    server.notify("textDocument/didOpen", {"textDocument": 3})
    server.notify("textDocument/didChange", {"textDocument": {"uri": server.app}, "contentChanges": "all"})
    await server.wait_for(lambda: len(warned(server, "malformed", "notification")) >= 2, what="the warnings")
    await healthy(server)


async def test_messages_that_are_not_json_rpc_requests(server):
    params = {"textDocument": {"uri": server.app}, "position": {"line": 0, "character": 0}}
    not_jsonrpc = server.expect(77)
    server.send({"id": 77, "method": "textDocument/hover", "params": params})  # no "jsonrpc"
    old_version = server.expect(78)
    server.send({"jsonrpc": "1.0", "id": 78, "method": "textDocument/hover", "params": params})
    for future in (not_jsonrpc, old_version):
        assert (await asyncio.wait_for(future, 10))["error"]["code"] == INVALID_REQUEST
    server.send_body(b"[1, 2]")  # a batch: not in LSP
    server.send_body(b"42")
    server.send({"jsonrpc": "2.0", "id": 79})  # neither a request nor a response to anything
    server.send({"jsonrpc": "2.0", "id": "no-such-request", "result": None})
    await server.wait_for(lambda: len(warned(server, "not a JSON-RPC 2.0 message")) >= 2, what="the warnings")
    await healthy(server)


async def test_unknown_methods(server):
    response = await server.request("sqlascope/noSuchMethod", {})
    assert response["error"]["code"] == METHOD_NOT_FOUND
    dollar = await server.request("$/noSuchRequest", {})
    assert dollar["error"]["code"] == METHOD_NOT_FOUND
    count = len(server.received)
    server.notify("sqlascope/noSuchNotification", {"x": 1})  # ignored: nothing comes back
    server.notify("$/noSuchNotification", {})
    server.notify("$/cancelRequest", {"id": 123456})  # nothing to cancel
    await healthy(server)
    assert all("id" in m or m.get("method") != "window/showMessage" for m in server.received[count:])


async def test_positions_out_of_range(server):
    for line, character in [(10_000, 0), (0, 10_000), (BUG_LINE0, 10_000), (2**31 - 1, 2**31 - 1)]:
        response = await hover(server, server.app, line, character)
        assert response.get("result") is None and "error" not in response, (line, character, response)
    # Inside the surrogate pair of the emoji on the buggy line (UTF-16 column between its two units).
    emoji = units(BUGGY_LINE[: BUGGY_LINE.index("😀")], "utf-16") + 1
    assert "error" not in await hover(server, server.app, BUG_LINE0, emoji)
    far = {"start": {"line": 10_000, "character": 0}, "end": {"line": 20_000, "character": 5}}
    diagnostic = {"range": far, "message": "x", "source": "sqlascope", "code": "SQS102"}
    actions = await server.request("textDocument/codeAction", {"textDocument": {"uri": server.app}, "range": far,
                                                                "context": {"diagnostics": [diagnostic]}})
    assert "error" not in actions and all(a["kind"] != "quickfix" for a in actions["result"] or [])
    await healthy(server)


async def test_unknown_documents(server):
    nowhere = uri_of(server.root / "nowhere.py")
    server.notify("textDocument/didChange", {"textDocument": {"uri": nowhere, "version": 2},
                                             "contentChanges": [{"text": "x = 1\n"}]})
    await server.wait_for(lambda: warned(server, "didChange", "not open"), what="a warning about the change")
    assert (await hover(server, nowhere, 0, 0)).get("result") is None
    assert await pull(server, nowhere) == []
    actions = await server.request("textDocument/codeAction", {
        "textDocument": {"uri": nowhere}, "range": {"start": {"line": 0, "character": 0},
                                                    "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})
    assert actions.get("result") is None and "error" not in actions
    server.notify("textDocument/didSave", {"textDocument": {"uri": nowhere}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": nowhere}})
    untitled = "untitled:Untitled-1"
    open_text(server, untitled, "import sqlalchemy\n")
    assert await pull(server, untitled) == []
    await healthy(server)


async def test_incremental_changes_out_of_range(server):
    other = uri_of(server.root / "other.py")
    open_text(server, other, "x = 1\n")
    server.notify("textDocument/didChange", {"textDocument": {"uri": other, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 60, "character": 0}}, "text": "y = 2\n"},
        {"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 200}}, "text": "z"},
    ]})
    assert await pull(server, other) == []
    await healthy(server)


# -- documents no analysis should try ---------------------------------------------------------------------------
async def test_a_huge_document_is_skipped_with_a_message(server):
    big = uri_of(server.root / "big.py")
    text = "from sqlalchemy.orm import Session\n" + "x = 1\n" * 1_750_000  # 10.5 MB
    open_text(server, big, text)
    await server.drain()
    await skipped_with(server, big, "larger than", "maxFileSize")
    server.notify("textDocument/didChange", {"textDocument": {"uri": big, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "y = 2\n"}]})
    await skipped_with(server, big, "larger than")
    assert (await hover(server, big, 0, 5)).get("result") is None
    await server.wait_for(lambda: warned(server, "big.py", "not analysed"), what="a warning in the log")
    await healthy(server)
    server.notify("textDocument/didClose", {"textDocument": {"uri": big}})
    await healthy(server)


@pytest.fixture
async def small_limit(project):
    wire = await Wire.spawn(cwd=str(project))
    await wire.initialize(str(project), options={"maxFileSize": 2000})
    wire.root, wire.app = project, uri_of(project / "app.py")
    open_text(wire, wire.app, APP)
    yield wire
    assert await wire.close() == 0


async def test_max_file_size_is_a_setting(small_limit):
    server = small_limit
    models = uri_of(server.root / "models.py")
    padded = MODELS + "#" * 1500 + "\n"  # over 2,000 bytes
    open_text(server, models, padded)
    await skipped_with(server, models, "maxFileSize", "2,000 bytes")
    # Raised at run time (the client's workspace/configuration answer): analysed again.
    server.settings = {"maxFileSize": 1_000_000}
    server.notify("workspace/didChangeConfiguration", {"settings": None})
    assert await pull(server, models) == []
    server.settings = {"maxFileSize": 0}  # understood, but no limit: a warning, and the default applies
    server.notify("workspace/didChangeConfiguration", {"settings": None})
    await server.wait_for(lambda: warned(server, "maxFileSize must be"), what="a warning about the value")
    server.settings = {"maxFileSize": "big"}  # the wrong type: refused, the last good settings stay
    server.notify("workspace/didChangeConfiguration", {"settings": None})
    await server.wait_for(lambda: [m for m in server.shown() if "`maxFileSize` must be a number" in m],
                          what="a pop-up refusing the value")
    assert [m for m in server.logs(1) if "`maxFileSize` must be a number" in m]
    assert await pull(server, models) == []
    await healthy(server, popups=1)


async def test_deeply_nested_expressions(server):
    head = "from sqlalchemy.orm import Session\n\n\ndef f(a):\n    return "
    cases = {
        "parens.py": (head + "(" * 5000 + "a" + ")" * 5000 + "\n", "too many nested parentheses"),
        "chain.py": (head + "+".join(["a"] * 100_000) + "\n", "RecursionError"),
        "attributes.py": (head + "a" + ".b" * 20_000 + "\n", "RecursionError"),
    }
    for name, (text, why) in cases.items():
        uri = uri_of(server.root / name)
        open_text(server, uri, text)
        await skipped_with(server, uri, why)
        assert "error" not in await hover(server, uri, 4, 12)
    # Deep enough to exhaust the analyzer's recursion, not the parser's: the analysis is cut short, and says so.
    deep = uri_of(server.root / "deep.py")
    open_text(server, deep, "from sqlalchemy.orm import Session\nx = " + "+".join(["a"] * 950) + "\n")
    diagnostics = await pull(server, deep)
    assert [d["severity"] for d in diagnostics] == [INFORMATION] and "cut short" in diagnostics[0]["message"]
    assert "error" not in await hover(server, deep, 1, 4)
    await healthy(server)


async def test_nul_bytes(server):
    nul = uri_of(server.root / "nul.py")
    open_text(server, nul, "import sqlalchemy\nx = 'a\x00b'\n")
    await skipped_with(server, nul, "NUL")
    # A NUL typed into the normal document mid-edit, then removed.
    server.notify("textDocument/didChange", {"textDocument": {"uri": server.app, "version": 2},
                                             "contentChanges": [{"text": APP + "\x00"}]})
    await skipped_with(server, server.app, "NUL")
    server.notify("textDocument/didChange", {"textDocument": {"uri": server.app, "version": 3},
                                             "contentChanges": [{"text": APP}]})
    await healthy(server)


@pytest.fixture
async def legacy(project):
    (project / "legacy.py").write_bytes(b"# caf\xe9 in Latin-1, no coding cookie\nGREETING = 'caf\xe9'\n")
    (project / "uses_legacy.py").write_text("from legacy import GREETING\n" + APP, encoding="utf-8")
    wire = await Wire.spawn(cwd=str(project))
    await wire.initialize(str(project), capabilities=PUSH_CAPABILITIES, options={"analyzeWorkspace": True})
    wire.root, wire.app = project, uri_of(project / "app.py")
    open_text(wire, wire.app, APP)
    yield wire
    assert await wire.close() == 0


async def test_a_file_on_disk_that_is_not_utf8(legacy):
    server = legacy
    await server.wait_for(lambda: warned(server, "legacy.py", "not valid UTF-8"), what="a warning naming legacy.py")
    uses = uri_of(server.root / "uses_legacy.py")
    open_text(server, uses, (server.root / "uses_legacy.py").read_text(encoding="utf-8"))
    [diag] = await pull(server, uses)  # the import of the undecodable module costs nothing else
    assert diag["code"] == "SQS102"
    # The workspace pass shows the file itself as not analysed (pushed: this client is a push client).
    legacy_uri = uri_of(server.root / "legacy.py")

    def published():
        found = [m["params"]["diagnostics"] for m in server.notifications
                 if m["method"] == "textDocument/publishDiagnostics" and m["params"]["uri"] == legacy_uri]
        return found[-1] if found else None

    [info] = await server.wait_for(published, what="the workspace pass' diagnostic for legacy.py")
    assert info["severity"] == INFORMATION and "UTF-8" in info["message"]
    await healthy(server)


# -- the session lifecycle ---------------------------------------------------------------------------------------
async def test_requests_out_of_lifecycle(project):
    wire = await Wire.spawn(cwd=str(project))
    early = await wire.request("textDocument/hover", {"textDocument": {"uri": uri_of(project / "app.py")},
                                                       "position": {"line": 0, "character": 0}})
    assert early["error"]["code"] == NOT_INITIALIZED
    open_text(wire, uri_of(project / "app.py"), APP)  # dropped: not initialized yet
    await wire.initialize(str(project))
    again = await wire.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert again["error"]["code"] == INVALID_REQUEST
    wire.app = uri_of(project / "app.py")
    assert await pull(wire, wire.app) == []  # the early didOpen was dropped: the document isn't open
    open_text(wire, wire.app, APP)
    await healthy(wire)
    assert (await wire.request("shutdown")).get("error") is None
    late = await wire.request("textDocument/hover", {"textDocument": {"uri": wire.app},
                                                      "position": {"line": 0, "character": 0}}, timeout=10)
    assert late["error"]["code"] == INVALID_REQUEST
    wire.notify("exit")
    assert await asyncio.wait_for(wire.process.wait(), 20) == 0


async def test_a_flood_of_garbage_then_normal_service(server):
    """Many bad messages back to back (the log and stderr must not block the server)."""
    for n in range(300):
        server.expect(f"bad-{n}")
        server.send_body(b"{bad json %d" % n)
        server.send_body(json.dumps({"jsonrpc": "2.0", "id": f"bad-{n}", "method": "textDocument/hover",
                                     "params": {"position": n}}).encode())
    server.write(frame(json.dumps({"jsonrpc": "2.0", "method": "$/noSuchNotification"}).encode()))
    await server.drain()
    await server.wait_for(lambda: sum(1 for m in server.received if str(m.get("id", "")).startswith("bad-")) == 300,
                          timeout=60, what="300 InvalidParams responses")
    await healthy(server)


COUNTING = [sys.executable, "-c", textwrap.dedent('''
    import sys
    import sqlascope.lsp.server as server
    original = server.create_server
    def create_server():
        srv = original()
        @srv.feature("sqlascope/pendingFutures")
        def pending(params):
            return len(srv.protocol._request_futures)
        return srv
    server.create_server = create_server
    from sqlascope.cli import main
    sys.exit(main(["serve"]))
''')]


async def test_handled_notifications_leave_nothing_behind(project):
    """pygls 2.1.1 keeps the future of every notification it handled (a leak per keystroke); the server drops them."""
    wire = await Wire.spawn(COUNTING, cwd=str(project))
    await wire.initialize(str(project))
    uri = uri_of(project / "app.py")
    open_text(wire, uri, APP)
    for version in range(2, 502):
        wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": "\n" * (version % 3) + APP}]})
    for _ in range(50):
        wire.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        open_text(wire, uri, APP)
    wire.notify("workspace/didChangeConfiguration", {"settings": {}})
    await wire.drain()
    await pull(wire, uri)
    await asyncio.sleep(0.5)
    assert await wire.result("sqlascope/pendingFutures", {}) == 0
    assert await wire.close() == 0
