"""The server's log: ``sqlascope`` logger records and server messages → ``window/logMessage``, filtered by the
``logLevel`` setting."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from .settings import log_level

if TYPE_CHECKING:
    from .server import Sqlascope

_LOGGING_TO_MESSAGE = [(logging.ERROR, types.MessageType.Error), (logging.WARNING, types.MessageType.Warning),
                       (logging.INFO, types.MessageType.Info), (0, types.MessageType.Log)]  # not Debug (LSP 3.18): older clients reject it


class ClientLogHandler(logging.Handler):
    """Forwards the ``sqlascope`` loggers' records (from any thread) to window/logMessage, subject to logLevel."""

    def __init__(self, server: "Sqlascope") -> None:
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

    def __init__(self, server: "Sqlascope") -> None:
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
