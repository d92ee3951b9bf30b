"""The sqlascope language server, assembled from the core and one object per feature.

The features, one object each, in their own modules:

=================  ===================================================================================
lifecycle          initialize / initialized / shutdown; (re)building the index
configuration      settings: pyproject ``[tool.sqlascope]`` under the editor's; didChangeConfiguration
documents          didOpen / didChange / didSave / didClose; which text the worker holds
diagnostics        analysis of open documents; push or pull (document and workspace); refresh
workspace_pass     ``analyzeWorkspace``: every indexed file in the background, with $/progress
watched_files      workspace/didChangeWatchedFiles (files changed on disk, pyproject.toml)
hover              textDocument/hover
code_actions       textDocument/codeAction: quick fixes and fix-all
=================  ===================================================================================

Below the features: core (the server instance: handlers, worker, log), analyzer (the engine side, on the worker),
protocol (JSON-RPC that answers, or logs, malformed messages), convert / fix_actions (results → LSP types) and
settings. Features import the core and those, never this module.

Threading: pygls runs handlers on its asyncio loop. Every bit of engine work goes to ONE dedicated worker thread
(``ServerCore.worker``, running ``analyzer.Analyzer``) and is awaited with ``run_in_executor``: the loop never
blocks, and pygls' own thread pool (which also reads stdin) never runs analysis."""

from __future__ import annotations

import gc
import logging
import sys
from typing import Any

from .code_actions import CodeActions
from .configuration import Configuration
from .core import ServerCore
from .diagnostics import Diagnostics
from .documents import Documents
from .hover import Hover
from .lifecycle import Lifecycle
from .watched_files import WatchedFiles
from .workspace_pass import WorkspacePass


class Sqlascope(ServerCore):
    def __init__(self) -> None:
        super().__init__()
        self.lifecycle = Lifecycle(self)
        self.config = Configuration(self)
        self.documents = Documents(self)
        self.diagnostics = Diagnostics(self)
        self.workspace_pass = WorkspacePass(self)
        self.watched_files = WatchedFiles(self)
        self.features = [self.lifecycle, self.config, self.documents, self.diagnostics, self.watched_files,
                         Hover(self), CodeActions(self)]
        # Work started now waits for the first index and for a settings change being applied.
        self.pending_setup += [lambda: self.lifecycle.indexing, lambda: self.config.applying]


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
