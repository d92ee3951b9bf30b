"""The sqlascope language server: push or pull diagnostics for open Python documents, and hover.

Diagnostics go ONE way per client: a client that can pull (capability ``textDocument.diagnostic``) is never
pushed to (VS Code and Neovim 0.10+ keep both sets and would show every finding twice); when its results
change behind its back (another file edited, settings changed) it is sent ``workspace/diagnostic/refresh``
if it supports that. Other clients get debounced, versioned ``publishDiagnostics``.

Threading: pygls runs handlers on its asyncio loop. Every bit of engine work goes to ONE dedicated worker
thread (``Sqlascope.worker``) and is awaited with ``run_in_executor``: the loop never blocks, and pygls' own
thread pool (which also reads stdin) never runs analysis."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from .. import __version__
from ..config import Settings
from . import code_actions
from .analyzer import Analyzer, Outcome
from .settings import SECTION, ConfigError, environment, layer, log_level, project_settings, unwrap

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Quiet time after the last keystroke before a changed document is analysed.
DEBOUNCE_SECONDS = 0.2
#: How long to wait for the client's answer to workspace/configuration.
CONFIGURATION_TIMEOUT = 5.0
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


def analysable(doc: TextDocument) -> bool:
    """Python files on disk (saved or not); untitled buffers and other languages are left alone."""
    return doc.uri.startswith("file:") and (doc.language_id == "python" or doc.uri.endswith((".py", ".pyi")))


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]
    result_id: str
    generation: int = 0  # of the settings it was computed with
    epoch: int = 0  # of all inputs (every open document's text, settings, environment) it was computed with


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
        self.generation = 0  # bumped when the settings change: results computed before are dropped
        self.epoch = 0  # bumped when any input changes: stored results of an older epoch are re-analysed on pull
        self.served: dict[str, str] = {}  # uri → result id last answered to a pull request
        self._synced: dict[str, int | None] = {}  # uri → version of the text the worker's workspace holds
        self._inflight: dict[str, tuple[tuple, asyncio.Task]] = {}  # uri → running analysis, keyed by its inputs
        self._indexed: asyncio.Future | None = None
        self._configuring: asyncio.Future | None = None
        self.log_threshold = types.MessageType.Info.value  # highest message type sent (logLevel)
        self.environment: str | None = None  # the user's interpreter the workspace resolves imports in
        self.loop: asyncio.AbstractEventLoop | None = None
        self.log_handler = ClientLogHandler(self)
        self.workspace_pass: asyncio.Task | None = None  # the background analysis of every indexed file
        self.workspace_published: set[str] = set()  # uris of unopened files it pushed diagnostics for

    # -- plumbing -------------------------------------------------------------------------------------------
    async def on_worker(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, fn, *args)

    def log(self, kind: types.MessageType, message: str) -> None:
        if kind.value <= self.log_threshold:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def apply_log_level(self) -> None:
        threshold, problem = log_level(self.editor)
        self.log_threshold = threshold
        package = logging.getLogger("sqlascope")
        package.setLevel({1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}.get(threshold, logging.DEBUG))
        if self.log_handler not in package.handlers:
            package.addHandler(self.log_handler)
        if problem:
            self.log(types.MessageType.Warning, f"sqlascope: {problem}")

    async def apply_environment(self, roots: list[str] | None = None) -> bool:
        """(Re)build the workspace when the user's interpreter changed (or on the first call). True if rebuilt."""
        wanted = environment(self.editor, self.root)
        if roots is None:
            if wanted == self.environment:
                return False
            roots = self.analyzer.roots
        if wanted is not None and not os.path.exists(wanted):
            self.log(types.MessageType.Warning, f"sqlascope: the Python environment {wanted} does not exist")
        self._synced.clear()  # the new workspace holds the files on disk: open documents are synced again
        self.environment = wanted
        count = await self.on_worker(self.analyzer.index, roots, wanted)
        self.log(types.MessageType.Info,
                 f"sqlascope {__version__}: indexed {count} Python file(s) under {', '.join(roots) or '(no folder)'}"
                 + (f"; imports resolve in {wanted}" if wanted else ""))
        self.changed()
        return True

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

    @property
    def pull_mode(self) -> bool:
        """The client pulls diagnostics: never push to it."""
        return get_capability(self.client_capabilities, "text_document.diagnostic", None) is not None

    @property
    def refresh_support(self) -> bool:
        return bool(get_capability(self.client_capabilities, "workspace.diagnostics.refresh_support", False))

    def changed(self) -> None:
        """Some input changed (a document's text, the settings, the environment)."""
        self.epoch += 1

    def unsynced(self) -> list[tuple[str, str]]:
        """Texts of open documents the worker's workspace doesn't hold yet. Called right before submitting work:
        the worker runs jobs in submission order, so marking them synced here is exact."""
        texts = []
        for uri, doc in self.workspace.text_documents.items():
            if analysable(doc) and self._synced.get(uri, -1) != doc.version:
                texts.append((os.path.abspath(doc.path), doc.source))
                self._synced[uri] = doc.version
        return texts

    async def wait_indexed(self) -> None:
        """Wait for the index and for a settings change being applied: work started now must not use old ones."""
        for pending in (self._indexed, self._configuring):
            if pending is not None and not pending.done():
                try:
                    await asyncio.shield(pending)
                except Exception:  # logged where it was awaited; work with what we have
                    pass

    def fresh(self, uri: str) -> Published | None:
        """The stored result when it was computed from the current inputs."""
        doc = self.workspace.text_documents.get(uri)
        stored = self.store.get(uri)
        if doc is None or stored is None or stored.version != doc.version or stored.epoch != self.epoch:
            return None
        return stored

    # -- analysis -------------------------------------------------------------------------------------------
    async def analyse(self, uri: str) -> Published | None:
        """Analyse the current text of an open document. Returns what the document should show now, or None
        when the document closed or changed while the analysis ran (the result is dropped: it is stale).
        Concurrent requests for the same inputs (a pull racing the background pass) share one analysis."""
        await self.wait_indexed()
        doc = self.workspace.text_documents.get(uri)
        if doc is None or not analysable(doc):
            return None
        key = (doc.version, self.epoch)
        running = self._inflight.get(uri)
        if running is None or running[0] != key:
            running = (key, asyncio.get_running_loop().create_task(self._analyse(uri, doc)))
            self._inflight[uri] = running
            running[1].add_done_callback(lambda _t, uri=uri, running=running: self._inflight.get(uri) is running
                                         and self._inflight.pop(uri))
        return await asyncio.shield(running[1])

    async def _analyse(self, uri: str, doc: TextDocument) -> Published | None:
        version, text, path = doc.version, doc.source, os.path.abspath(doc.path)
        generation, epoch = self.generation, self.epoch
        started = time.perf_counter()
        outcome: Outcome = await self.on_worker(
            self.analyzer.analyse, path, text, self.settings, self.workspace.position_codec, self.unsynced())
        logger.debug("analysed %s (version %s) in %.0f ms: %s", path, version, (time.perf_counter() - started) * 1000,
                     outcome.problem or f"{outcome.findings} finding(s)")
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or self.generation != generation:
            return None
        if outcome.crash is not None:
            self.log(types.MessageType.Error, f"sqlascope: analysing {path} failed: {outcome.problem}\n{outcome.crash}")
        previous = self.store.get(uri)
        if outcome.diagnostics is None:  # doesn't parse (yet): keep the last good diagnostics
            logger.debug("%s does not parse (%s); keeping its diagnostics", path, outcome.problem)
            diagnostics = previous.diagnostics if previous is not None else []
        else:
            diagnostics = outcome.diagnostics
        # The same diagnostics keep their result id: a pull with it is answered "unchanged", a push is skipped.
        same = previous is not None and previous.diagnostics == diagnostics
        published = Published(version, diagnostics, previous.result_id if same else str(next(self._ids)),
                              generation, epoch)
        self.store[uri] = published
        return published
    async def publish(self, uri: str) -> None:
        """Bring ``uri``'s diagnostics up to date: pushed to a push client, stored for a pull client."""
        previous = self.store.get(uri)
        result = await self.analyse(uri)
        if result is None or self.pull_mode:
            return
        if previous is not None and result.result_id == previous.result_id:
            return  # nothing new to show
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=result.diagnostics, version=result.version))

    async def publish_all(self, first: str | None = None) -> None:
        """Re-analyse every open document (``first`` first): an edit to one module can change another's findings.
        A pull client whose answers are now out of date is asked to pull again."""
        uris = self.open_uris()
        if first in uris:
            uris.remove(first)
            uris.insert(0, first)
        for uri in uris:
            try:
                await self.publish(uri)
            except Exception as exc:
                self.log(types.MessageType.Error, f"sqlascope: publishing {uri} failed: {type(exc).__name__}: {exc}")
        if self.pull_mode:
            outdated = [uri for uri, served in self.served.items()
                        if uri in self.store and self.store[uri].result_id != served]
            if outdated:
                self.refresh()

    # -- workspace analysis ------------------------------------------------------------------------------------
    def restart_workspace_pass(self) -> None:
        """(Re)start the background analysis of every indexed file when ``analyzeWorkspace`` is on."""
        if self.workspace_pass is not None and not self.workspace_pass.done():
            self.workspace_pass.cancel()
        self.workspace_pass = None
        if self.editor.get("analyzeWorkspace") is True:
            self.workspace_pass = asyncio.get_running_loop().create_task(self.analyse_workspace())

    async def yield_to_documents(self) -> None:
        """Let document analyses (waiting out their debounce or running) and settings changes go first."""
        while self.pending or self._inflight or (self._configuring is not None and not self._configuring.done()):
            await asyncio.sleep(0.05)

    async def analyse_workspace(self) -> None:
        """One indexed file per worker call, reporting $/progress; cancellable by the client. Findings of files
        that aren't open are pushed to push clients (a pull client only pulls open documents: skipped)."""
        await self.wait_indexed()
        files = await self.on_worker(self.analyzer.indexed_files)
        progress = self.work_done_progress
        token: str | None = None
        cancelled = None
        if get_capability(self.client_capabilities, "window.work_done_progress", False):
            token = f"sqlascope-workspace-{next(self._ids)}"
            try:
                await progress.create_async(token)
                progress.begin(token, types.WorkDoneProgressBegin(
                    title="sqlascope", message=f"Analyzing 0/{len(files)} files", percentage=0, cancellable=True))
                cancelled = progress.tokens.get(token)
            except Exception as exc:
                self.log(types.MessageType.Warning, f"sqlascope: no progress reporting: {exc}")
                token = None
        done = findings = 0
        outcome_message = "cancelled"
        try:
            for path in files:
                if cancelled is not None and cancelled.cancelled():
                    break
                await self.yield_to_documents()
                uri = from_fs_path(path) or path
                if uri not in self.workspace.text_documents:  # open documents are analysed on their own
                    outcome: Outcome = await self.on_worker(
                        self.analyzer.analyse, path, None, self.settings, self.workspace.position_codec, self.unsynced())
                    if outcome.diagnostics is not None and uri not in self.workspace.text_documents:
                        findings += len(outcome.diagnostics)
                        if not self.pull_mode and (outcome.diagnostics or uri in self.workspace_published):
                            self.text_document_publish_diagnostics(
                                types.PublishDiagnosticsParams(uri=uri, diagnostics=outcome.diagnostics))
                            self.workspace_published.add(uri)
                done += 1
                if token is not None:
                    progress.report(token, types.WorkDoneProgressReport(
                        message=f"Analyzing {done}/{len(files)} files", percentage=done * 100 // max(len(files), 1)))
            else:
                outcome_message = f"Analyzed {done} files: {findings} finding(s)"
        finally:
            if token is not None:
                progress.end(token, types.WorkDoneProgressEnd(message=outcome_message))
            progress.tokens.pop(token, None)
        self.log(types.MessageType.Info, f"sqlascope: workspace analysis {outcome_message}")

    def refresh(self) -> None:
        if self.refresh_support:
            self.workspace_diagnostic_refresh(None)

    def on_input_change(self, uri: str, delay: float) -> None:
        """A document's text changed (or it opened, or was saved)."""
        self.changed()
        if not self.pull_mode:
            self.schedule(uri, delay, everything=True)
        elif self.refresh_support and len(self.served) > (uri in self.served):
            # The client pulls ``uri`` itself; other documents it pulled may change: re-analyse, then refresh.
            self.schedule(uri, delay, everything=True)

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
            values = await asyncio.wait_for(self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])), CONFIGURATION_TIMEOUT)
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
        ls.apply_log_level()
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
        ls.loop = asyncio.get_running_loop()
        roots = [os.path.abspath(to_fs_path(f.uri)) for f in ls.workspace.folders.values()] or ([ls.root] if ls.root else [])

        async def setup() -> None:
            # The client's configuration first: it may name the environment the index resolves imports in.
            if await ls.pull_configuration():
                ls.rebuild_settings()
            ls.apply_log_level()
            await ls.apply_environment(roots)

        ls._indexed = asyncio.ensure_future(setup())
        try:
            await ls._indexed
        except Exception as exc:
            ls.log(types.MessageType.Error, f"sqlascope: indexing {roots} failed: {type(exc).__name__}: {exc}")
            return
        ls.restart_workspace_pass()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Sqlascope, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.changed()
        if not ls.pull_mode:
            ls.schedule(uri, 0.0)
        # A pull client pulls the document it opened.

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Sqlascope, params: types.DidChangeTextDocumentParams) -> None:
        ls.on_input_change(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Sqlascope, params: types.DidSaveTextDocumentParams) -> None:
        ls.on_input_change(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: Sqlascope, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.store.pop(uri, None)
        ls.served.pop(uri, None)
        ls._synced.pop(uri, None)
        ls.changed()
        if not ls.pull_mode:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if uri.startswith("file:"):
            path = os.path.abspath(to_fs_path(uri))
            await ls.on_worker(ls.analyzer.close, path)
            if ls.editor.get("analyzeWorkspace") is True and not ls.pull_mode and os.path.isfile(path):
                # Back to the file on disk, as the workspace analysis shows unopened files.
                outcome = await ls.on_worker(ls.analyzer.analyse, path, None, ls.settings,
                                             ls.workspace.position_codec, ls.unsynced())
                if outcome.diagnostics and uri not in ls.workspace.text_documents:
                    ls.text_document_publish_diagnostics(
                        types.PublishDiagnosticsParams(uri=uri, diagnostics=outcome.diagnostics))
                    ls.workspace_published.add(uri)

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier=SECTION, inter_file_dependencies=True, workspace_diagnostics=False),
    )
    async def document_diagnostic(ls: Sqlascope, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(uri)
        if doc is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        await ls.wait_indexed()
        stored = ls.fresh(uri) or await ls.analyse(uri) or ls.store.get(uri)
        if stored is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        ls.served[uri] = stored.result_id
        if params.previous_result_id is not None and params.previous_result_id == stored.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=stored.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=stored.diagnostics, result_id=stored.result_id)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: Sqlascope, params: types.HoverParams) -> types.Hover | None:
        """What the engine knows about the name under the cursor: its session state and loaded attributes."""
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(uri)
        if doc is None or not analysable(doc):
            return None
        await ls.wait_indexed()
        doc = ls.workspace.text_documents.get(uri)
        if doc is None:
            return None
        text = await ls.on_worker(ls.analyzer.hover, os.path.abspath(doc.path), doc.source, params.position,
                                  ls.workspace.position_codec, ls.unsynced())
        if not text:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=code_actions.KINDS))
    async def code_action(ls: Sqlascope, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        """Quick fixes for our diagnostics in the request's context, and ``source.fixAll.sqlascope``."""
        uri = params.text_document.uri
        doc = ls.workspace.text_documents.get(uri)
        if doc is None or not analysable(doc):
            return None
        await ls.wait_indexed()
        ours = [d for d in params.context.diagnostics if d.source == code_actions.SOURCE]
        versions = {os.path.abspath(d.path): d.version for d in ls.workspace.text_documents.values() if d.uri.startswith("file:")}
        versioned = bool(get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False))
        return await ls.on_worker(ls.analyzer.code_actions, os.path.abspath(doc.path), doc.source, ls.settings,
                                  ls.workspace.position_codec, ours, params.context.only, versions, versioned,
                                  ls.unsynced())

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: Sqlascope, params: types.DidChangeConfigurationParams) -> None:
        async def apply() -> None:
            if not await ls.pull_configuration():
                ls.editor = {**ls.editor, **unwrap(params.settings)}
            ls.apply_log_level()
            if not ls.rebuild_settings():
                return
            await ls.apply_environment()
            ls.generation += 1
            ls.changed()
            if ls.pull_mode:
                ls.refresh()
            else:
                ls.schedule("", 0.0, everything=True)
            ls.restart_workspace_pass()

        previous = ls._configuring
        if previous is not None and not previous.done():
            await asyncio.shield(previous)
        ls._configuring = asyncio.ensure_future(apply())
        await ls._configuring

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: Sqlascope, params: None) -> None:
        for task in [*ls.pending.values(), *([ls.workspace_pass] if ls.workspace_pass else [])]:
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def main(args: Any = None) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="sqlascope: %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # stderr stays quiet whatever logLevel sends to the client
        handler.setLevel(logging.WARNING)
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
