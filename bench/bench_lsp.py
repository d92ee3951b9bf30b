"""Language-server latency: didOpen → diagnostics and didChange → diagnostics, cold first open, server RSS.

Prints figures; never asserts. The client is pygls' own LanguageClient talking to `python -m sqlascope serve`
over stdio. Latencies are measured with pull diagnostics (`textDocument/diagnostic` right after the
notification), so they cover parse + analysis + conversion and no debounce; the cold start and RSS use pushes.

    python bench/bench_lsp.py            # 300 / 1000 / 5000-line modules, 20 rounds each
    python bench/bench_lsp.py --quick    # fewer rounds

Three edits are timed: appending a line at the end; a keystroke at the end of a line in the middle function
(the commonest edit: one statement is parsed and analysed again); and inserting a line at the top, the worst
case: every line moves, so the whole file is parsed again and every cached result is moved.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "server"))

import bench_check  # noqa: E402  (the same generator as the throughput benchmark)

EXAMPLES = HERE.parent / "examples"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("sqlascope-bench", "1")
        self.published: dict[str, list[tuple[float, int | None, int]]] = {}
        self.waiters: list[tuple[str, int, asyncio.Future]] = []

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: types.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.published.setdefault(params.uri, []).append((now, params.version, len(params.diagnostics)))
            for waiter in list(self.waiters):
                uri, version, future = waiter
                if uri == params.uri and params.version == version and not future.done():
                    future.set_result(now)
                    self.waiters.remove(waiter)

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams) -> None:
            pass  # the server's log lines are not part of the measurement

    def expect(self, uri: str, version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((uri, version, future))
        return future


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def start(root: Path, env: dict, pull_diagnostics: bool = False) -> Client:
    client = Client()
    await client.start_io(sys.executable, "-m", "sqlascope", "serve", env=env)
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities())
    ) if pull_diagnostics else types.ClientCapabilities()
    await client.initialize_async(types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="bench")],
    ))
    client.initialized(types.InitializedParams())
    return client


async def stop(client: Client) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def open_and_wait(client: Client, path: Path, text: str, version: int = 1) -> float:
    uri = path.as_uri()
    waiting = client.expect(uri, version)
    t0 = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=version, text=text)))
    done = await asyncio.wait_for(waiting, 60)
    return done - t0


async def pull(client: Client, uri: str) -> float:
    t0 = time.perf_counter()
    await asyncio.wait_for(client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri))), 60)
    return time.perf_counter() - t0


async def measure_module(root: Path, env: dict, lines: int, rounds: int, seed: int) -> dict:
    generator = bench_check.Gen(random.Random(seed + lines), 7000 + lines, [])
    text = generator.module(lines, True, {})
    path = root / "app" / f"bench_{lines}.py"
    path.write_text(text)
    uri = path.as_uri()
    client = await start(root, env, pull_diagnostics=True)
    try:
        opens, appends, typed, shifts = [], [], [], []
        lines = text.split("\n")
        middle = _middle_statement_end(text)
        for round_ in range(rounds + 1):
            t0 = time.perf_counter()
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
            await pull(client, uri)
            opened = time.perf_counter() - t0
            timings = []
            appended = text + f"\n# edit {round_}\n"
            keystroke = "\n".join([*lines[:middle - 1], lines[middle - 1] + f"  # {round_}", *lines[middle:]]) \
                + f"\n# edit {round_}\n"  # one line differs from the appended version
            for version, edited in ((2, appended), (3, keystroke), (4, "\n" + text)):
                t0 = time.perf_counter()
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
                await pull(client, uri)
                timings.append(time.perf_counter() - t0)
            client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
            if round_:  # the first round warms jedi, the index and the caches
                opens.append(opened)
                appends.append(timings[0])
                typed.append(timings[1])
                shifts.append(timings[2])
        return {"lines": text.count("\n") + 1, "open": opens, "append": appends, "type": typed, "shift": shifts}
    finally:
        await stop(client)
        path.unlink()


def _middle_statement_end(text: str) -> int:
    """The last line of the middle top-level function: where the mid-file keystroke goes."""
    functions = [s for s in ast.parse(text).body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return functions[len(functions) // 2].end_lineno


async def measure_cold(root: Path, env: dict) -> float:
    """A fresh server with empty jedi/parso caches: from launch to the first diagnostics of a 1 kLOC module."""
    generator = bench_check.Gen(random.Random(99), 9100, [])
    text = generator.module(1000, True, {})
    path = root / "app" / "cold.py"
    path.write_text(text)
    cache = tempfile.mkdtemp(prefix="sqlascope-cold-cache-")
    t0 = time.perf_counter()
    client = await start(root, {**env, "XDG_CACHE_HOME": cache})
    try:
        await open_and_wait(client, path, text)
        return time.perf_counter() - t0
    finally:
        await stop(client)
        path.unlink()
        shutil.rmtree(cache, ignore_errors=True)


async def measure_rss(env: dict) -> tuple[float, float]:
    client = await start(EXAMPLES, env)
    try:
        pid = client._server.pid  # noqa: SLF001 - the subprocess pygls started for us
        before = rss_mb(pid)
        for path in sorted(EXAMPLES.rglob("*.py")):
            await open_and_wait(client, path, path.read_text())
        return before, rss_mb(pid)
    finally:
        await stop(client)


def server_env(root: Path) -> dict:
    """The server's environment. Bytecode is written (to a cache under ``root``) so that, after the first
    server has run, the package starts as an installed one does: pip compiles bytecode at install time. This
    sandbox sets PYTHONDONTWRITEBYTECODE, which made every start compile sqlascope's sources again (~200 ms of
    the cold start)."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "server"), "PYTHONPYCACHEPREFIX": str(root / ".pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


async def main(quick: bool) -> None:
    rounds = 5 if quick else 20
    root = Path(tempfile.mkdtemp(prefix="sqlascope-lsp-bench-"))
    bench_check.generate_workspace(str(root), 5000, 1234)
    env = server_env(root)
    print(f"sqlascope LSP benchmark ({'quick' if quick else 'full'}, {rounds} rounds, python {sys.version.split()[0]})")
    print(f"{'module':<14}{'open p50':>10}{'p95':>8}{'append p50':>12}{'p95':>8}{'type p50':>10}{'p95':>8}"
          f"{'shift p50':>11}{'p95':>8}   (ms)")
    for lines in (300, 1000, 5000):
        result = await measure_module(root, env, lines, rounds, 1234)
        row = [x * 1000 for key in ("open", "append", "type", "shift")
               for x in (statistics.median(result[key]), pct(result[key], 0.95))]
        print(f"{result['lines']:>6} lines  " + "".join(f"{v:>{w}.1f}" for v, w in zip(row, (10, 8, 12, 8, 10, 8, 11, 8))))
    cold = await measure_cold(root, env)
    print(f"cold start → first diagnostics (1 kLOC, empty jedi cache): {cold * 1000:.0f} ms  (target ≤ 1500 ms)")
    before, after = await measure_rss(env)
    print(f"server RSS: {before:.0f} MB after start, {after:.0f} MB after opening every file of examples/")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    asyncio.run(main(parser.parse_args().quick))
