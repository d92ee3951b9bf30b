"""The sqlascope language server: push and pull diagnostics for open Python documents.

Threading: pygls runs handlers on its asyncio loop. Every bit of engine work goes to ONE dedicated worker
thread (``Sqlascope.worker``) and is awaited with ``run_in_executor``: the loop never blocks, and pygls' own
thread pool (which also reads stdin) never runs analysis."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from .. import __version__
from ..config import Settings
from .analyzer import Analyzer, Outcome
from .settings import SECTION, ConfigError, layer, project_settings, unwrap

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Quiet time after the last keystroke before a changed document is analysed.
DEBOUNCE_SECONDS = 0.2


def analysable(doc: TextDocument) -> bool:
    """Python files on disk (saved or not); untitled buffers and other languages are left alone."""
    return doc.uri.startswith("file:") and (doc.language_id == "python" or doc.uri.endswith((".py", ".pyi")))


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]
    result_id: str
    generation: int = 0  # of the settings it was computed with


class Sqlascope(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sqlascope", __version__)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlascope-engine")
        self.analyzer = Analyzer()
        self.root: str | None = None
        self.project = Settings()
        self.editor: dict = {}  # initializationOptions, then workspace configuration
        self.settings = Settings()
        self.store: dict[str, Published] = {}  # uri → last diagnostics published (or served) for it
        self.pending: dict[str, asyncio.Task] = {}  # uri → debounced analysis
        self._ids = itertools.count(1)
        self.generation = 0  # bumped when the settings change: older results are stale for pull requests
        self._indexed: asyncio.Future | None = None

    # -- plumbing -------------------------------------------------------------------------------------------
    async def on_worker(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def rebuild_settings(self) -> bool:
        try:
            self.settings = layer(self.project, self.editor)
        except ConfigError as exc:
            self.log(types.MessageType.Error, f"sqlascope: {exc}")
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"sqlascope: {exc}"))
            return False
        return True

    def open_uris(self) -> list[str]:
        return [uri for uri, doc in self.workspace.text_documents.items() if analysable(doc)]

    # -- analysis -------------------------------------------------------------------------------------------
    async def analyse(self, uri: str) -> Published | None:
        """Analyse the current text of an open document. Returns what the document should show now, or None
        when the document closed or changed while the analysis ran (the result is dropped: it is stale)."""
        if self._indexed is not None:
            try:
                await asyncio.shield(self._indexed)
            except Exception:  # logged where indexing was awaited; analyse what we have
                pass
        doc = self.workspace.text_documents.get(uri)
        if doc is None or not analysable(doc):
            return None
        version, text, path, generation = doc.version, doc.source, os.path.abspath(doc.path), self.generation
        outcome: Outcome = await self.on_worker(
            self.analyzer.analyse, path, text, self.settings, self.workspace.position_codec)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or self.generation != generation:
            return None
        if outcome.crash is not None:
            self.log(types.MessageType.Error, f"sqlascope: analysing {path} failed: {outcome.problem}\n{outcome.crash}")
        if outcome.diagnostics is None:  # doesn't parse (yet): keep the last good diagnostics
            logger.debug("%s does not parse (%s); keeping its diagnostics", path, outcome.problem)
            previous = self.store.get(uri)
            return previous or Published(version, [], str(next(self._ids)), generation)
        published = Published(version, outcome.diagnostics, str(next(self._ids)), generation)
        self.store[uri] = published
        return published

    async def publish(self, uri: str) -> None:
        previous = self.store.get(uri)
        result = await self.analyse(uri)
        if result is None or result is previous:
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=result.diagnostics, version=result.version))

    async def publish_all(self, first: str | None = None) -> None:
        """Re-analyse every open document (``first`` first): an edit to one module can change another's findings."""
        uris = self.open_uris()
        if first in uris:
            uris.remove(first)
            uris.insert(0, first)
        for uri in uris:
            try:
                await self.publish(uri)
            except Exception as exc:
                self.log(types.MessageType.Error, f"sqlascope: publishing {uri} failed: {type(exc).__name__}: {exc}")

    def schedule(self, uri: str, delay: float, everything: bool = False) -> None:
        """(Re)start the analysis of ``uri`` after ``delay`` s, cancelling one still waiting for it."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()

        async def run() -> None:
            try:
                if delay:
                    await asyncio.sleep(delay)
                if everything:
                    await self.publish_all(first=uri)
                else:
                    await self.publish(uri)
            except asyncio.CancelledError:
                pass
            except Exception as exc:  # never let one document take the server down
                self.log(types.MessageType.Error, f"sqlascope: analysing {uri} failed: {type(exc).__name__}: {exc}")
            finally:
                if self.pending.get(uri) is task:
                    del self.pending[uri]

        task = asyncio.get_running_loop().create_task(run())
        self.pending[uri] = task

    async def pull_configuration(self) -> bool:
        """Ask the client for the ``sqlascope`` section; True when settings were received."""
        if not get_capability(self.client_capabilities, "workspace.configuration", False):
            return False
        try:
            values = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)]))
        except Exception as exc:
            self.log(types.MessageType.Warning, f"sqlascope: workspace/configuration failed: {exc}")
            return False
        value = values[0] if values else None
        if isinstance(value, dict):
            self.editor = {**self.editor, **unwrap(value)}
            return True
        return False


def create_server() -> Sqlascope:
    server = Sqlascope()

    @server.feature(types.INITIALIZE)
    def initialize(ls: Sqlascope, params: types.InitializeParams) -> None:
        ls.editor = unwrap(params.initialization_options)
        folders = params.workspace_folders or []
        root = to_fs_path(folders[0].uri) if folders else ls.workspace.root_path
        ls.root = os.path.abspath(root) if root else None
        try:
            ls.project = project_settings(ls.root)
        except ConfigError as exc:
            ls.project = Settings()
            ls.log(types.MessageType.Error, f"sqlascope: {exc}")
        ls.rebuild_settings()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: Sqlascope, params: types.InitializedParams) -> None:
        roots = [os.path.abspath(to_fs_path(f.uri)) for f in ls.workspace.folders.values()] or ([ls.root] if ls.root else [])
        ls._indexed = asyncio.ensure_future(ls.on_worker(ls.analyzer.index, roots))
        try:
            count = await ls._indexed
        except Exception as exc:
            ls.log(types.MessageType.Error, f"sqlascope: indexing {roots} failed: {type(exc).__name__}: {exc}")
            return
        ls.log(types.MessageType.Info, f"sqlascope {__version__}: indexed {count} Python file(s) under {', '.join(roots) or '(no folder)'}")
        if await ls.pull_configuration() and ls.rebuild_settings():
            ls.generation += 1
            ls.schedule("", 0.0, everything=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Sqlascope, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Sqlascope, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS, everything=True)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Sqlascope, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0.0, everything=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: Sqlascope, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.store.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if uri.startswith("file:"):
            await ls.on_worker(ls.analyzer.close, os.path.abspath(to_fs_path(uri)))

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier=SECTION, inter_file_dependencies=True, workspace_diagnostics=False),
    )
    async def document_diagnostic(ls: Sqlascope, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(uri)
        if doc is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        stored = ls.store.get(uri)
        if stored is None or stored.version != doc.version or stored.generation != ls.generation:
            stored = await ls.analyse(uri) or ls.store.get(uri)
        if stored is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id is not None and params.previous_result_id == stored.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=stored.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=stored.diagnostics, result_id=stored.result_id)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: Sqlascope, params: types.DidChangeConfigurationParams) -> None:
        if not await ls.pull_configuration():
            ls.editor = {**ls.editor, **unwrap(params.settings)}
        if not ls.rebuild_settings():
            return
        ls.generation += 1
        ls.schedule("", 0.0, everything=True)
        if get_capability(ls.client_capabilities, "workspace.diagnostics.refresh_support", False):
            ls.workspace_diagnostic_refresh(None)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: Sqlascope, params: None) -> None:
        for task in list(ls.pending.values()):
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def main(args: Any = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="sqlascope: %(levelname)s %(name)s: %(message)s")
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
