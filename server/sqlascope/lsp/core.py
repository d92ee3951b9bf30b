"""The server core: the pygls server instance with the plumbing every feature uses (handlers, the worker, logging).

Features receive the core and register their handlers on it; the assembly (server.py) builds them. This module
imports no feature. ``log`` goes to ``window/logMessage`` with the ``logLevel`` threshold, and records of the
``sqlascope`` loggers (from any thread) follow the same path.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from .. import __version__
from .analyzer import Analyzer
from .protocol import Protocol
from .settings import log_level

T = TypeVar("T")


class ServerCore(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sqlascope", __version__, protocol_cls=Protocol)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlascope-engine")
        self.analyzer = Analyzer()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.epoch = 0  # bumped when any input changes: stored results of an older epoch are re-analysed on pull
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task] = set()
        self.logs = ClientLog(self)
        #: what work started now must wait for (each gives a future, or None): the first index, a settings change
        self.pending_setup: list[Callable[[], Awaitable[Any] | None]] = []

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

    async def wait_ready(self) -> None:
        """Wait for the index and for a settings change being applied: work started now must not use old ones."""
        for pending in [setup() for setup in self.pending_setup]:  # those pending when called, not ones started later
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


_LOGGING_TO_MESSAGE = [(logging.ERROR, types.MessageType.Error), (logging.WARNING, types.MessageType.Warning),
                       (logging.INFO, types.MessageType.Info), (0, types.MessageType.Log)]  # not Debug (LSP 3.18): older clients reject it


class ClientLogHandler(logging.Handler):
    """Forwards the ``sqlascope`` loggers' records (from any thread) to window/logMessage, subject to logLevel."""

    def __init__(self, server: ServerCore) -> None:
        super().__init__()
        self.server = server

    def emit(self, record: logging.LogRecord) -> None:
        loop = self.server.loop
        if loop is None or loop.is_closed():
            return
        kind = next(kind for level, kind in _LOGGING_TO_MESSAGE if record.levelno >= level)
        try:
            message = f"sqlascope: {self.format(record)}"
            loop.call_soon_threadsafe(self.server.log, kind, message)
        except Exception:  # logging must never take the server down
            pass


class ClientLog:
    """``window/logMessage`` with the ``logLevel`` threshold."""

    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.threshold = types.MessageType.Info.value  # highest message type sent (logLevel)
        self.handler = ClientLogHandler(server)

    def log(self, kind: types.MessageType, message: str) -> None:
        if kind.value <= self.threshold:
            self.server.window_log_message(types.LogMessageParams(type=kind, message=message))

    def apply_level(self, editor: dict) -> None:
        threshold, problem = log_level(editor)
        self.threshold = threshold
        package = logging.getLogger("sqlascope")
        package.setLevel({1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}.get(threshold, logging.DEBUG))
        if self.handler not in package.handlers:
            package.addHandler(self.handler)
        if problem:
            self.log(types.MessageType.Warning, f"sqlascope: {problem}")
