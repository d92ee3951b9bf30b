"""The sqlascope language server: wiring. Each feature lives in its own module, as one object holding its state:

=================  ===================================================================================
lifecycle          initialize / initialized / shutdown; (re)building the index
configuration      settings: pyproject ``[tool.sqlascope]`` under the editor's; didChangeConfiguration
documents          didOpen / didChange / didSave / didClose; which text the worker holds
diagnostics        analysis of open documents; push or pull (document and workspace); refresh
workspace_pass     ``analyzeWorkspace``: every indexed file in the background, with $/progress
watched_files      workspace/didChangeWatchedFiles (files changed on disk, pyproject.toml)
hover              textDocument/hover
code_actions       textDocument/codeAction: quick fixes and fix-all
logs               window/logMessage with the logLevel threshold
protocol           JSON-RPC that answers, or logs, malformed messages instead of failing on them
=================  ===================================================================================

Threading: pygls runs handlers on its asyncio loop. Every bit of engine work goes to ONE dedicated worker
thread (``Sqlascope.worker``, running ``analyzer.Analyzer``) and is awaited with ``run_in_executor``: the loop
never blocks, and pygls' own thread pool (which also reads stdin) never runs analysis."""

from __future__ import annotations

import asyncio
import itertools
import gc
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from .. import __version__
from .analyzer import Analyzer
from .code_actions import CodeActions
from .configuration import Configuration
from .diagnostics import Diagnostics
from .documents import Documents
from .hover import Hover
from .lifecycle import Lifecycle
from .logs import ClientLog
from .protocol import Protocol
from .watched_files import WatchedFiles
from .workspace_pass import WorkspacePass

T = TypeVar("T")


class Sqlascope(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sqlascope", __version__, protocol_cls=Protocol)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlascope-engine")
        self.analyzer = Analyzer()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.epoch = 0  # bumped when any input changes: stored results of an older epoch are re-analysed on pull
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task] = set()
        self.logs = ClientLog(self)
        self.lifecycle = Lifecycle(self)
        self.config = Configuration(self)
        self.documents = Documents(self)
        self.diagnostics = Diagnostics(self)
        self.workspace_pass = WorkspacePass(self)
        self.watched_files = WatchedFiles(self)
        self.features = [self.lifecycle, self.config, self.documents, self.diagnostics, self.watched_files,
                         Hover(self), CodeActions(self)]

    # -- shared plumbing ------------------------------------------------------------------------------------
    def handle(self, method: str, handler: Callable[[Any], Any], options: Any = None) -> None:
        """Register a feature's (bound) method as the handler of an LSP ``method``."""
        if asyncio.iscoroutinefunction(handler):
            async def run(params: Any) -> Any:
                return await handler(params)
        else:
            def run(params: Any) -> Any:
                return handler(params)
        run.__name__ = run.__qualname__ = getattr(handler, "__name__", method)
        self.feature(method, options)(run)

    async def on_worker(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    def log(self, kind: types.MessageType, message: str) -> None:
        self.logs.log(kind, message)

    def next_id(self) -> str:
        return str(next(self._ids))

    def changed(self) -> None:
        """Some input changed (a document's text, the settings, the environment, a file on disk)."""
        self.epoch += 1

    @property
    def configuring(self) -> bool:
        return self.config.applying is not None and not self.config.applying.done()

    async def wait_ready(self) -> None:
        """Wait for the index and for a settings change being applied: work started now must not use old ones."""
        for pending in (self.lifecycle.indexing, self.config.applying):
            if pending is not None and not pending.done():
                try:
                    await asyncio.shield(pending)
                except Exception:  # logged where it was awaited; work with what we have
                    pass

    def spawn(self, work: Awaitable[None], what: str) -> None:
        """Run ``work`` in the background; a failure is logged."""
        async def run() -> None:
            try:
                await work
            except asyncio.CancelledError:
                pass
            except Exception as exc:
                self.log(types.MessageType.Error, f"sqlascope: {what} failed: {type(exc).__name__}: {exc}")

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls' out-of-band errors. The read loop's (source ``JsonRpcException``: a body that isn't JSON) are
        the client's fault: a warning in the log, not a pop-up."""
        if source is JsonRpcException:
            self.log(types.MessageType.Warning,
                     f"sqlascope: ignored a message that is not valid JSON: {type(error).__name__}: {error}"[:2000])
            return
        super().report_server_error(error, source)


def create_server() -> Sqlascope:
    server = Sqlascope()
    for feature in server.features:
        feature.register()
    return server


def main(args: Any = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="sqlascope: %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # stderr stays quiet whatever logLevel sends to the client
        handler.setLevel(logging.WARNING)
    # Parsing a module allocates tens of thousands of nodes: with the default thresholds that triggers full
    # collections over the engine's caches while the user types (p95 latency x3 at 1,000 lines). Collect less
    # often; the index itself is frozen out of collections once built (Analyzer.index).
    gc.set_threshold(50_000, 20, 100)
    server = create_server()
    tcp = getattr(args, "tcp", None)
    if tcp:
        host, _, port = tcp.rpartition(":")
        if not port.isdigit():
            print(f"sqlascope: --tcp expects HOST:PORT, got {tcp!r}", file=sys.stderr)
            return 2
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0
