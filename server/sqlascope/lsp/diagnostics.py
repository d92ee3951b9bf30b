"""Diagnostics of open documents: analysis, the store of results, and how they reach the client.

Diagnostics go ONE way per client: a client that can pull (capability ``textDocument.diagnostic``) is never
pushed to (VS Code and Neovim 0.10+ keep both sets and would show every finding twice); when its results
change behind its back (another file edited, settings changed) it is sent ``workspace/diagnostic/refresh``
if it supports that. Other clients get debounced, versioned ``publishDiagnostics``.

``workspace/diagnostic`` (a pull client with ``analyzeWorkspace`` on) answers open documents from the store
and every other indexed file from the background pass (``workspace_pass``)."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.workspace import TextDocument

from .analyzer import Outcome
from .core import ServerCore
from .settings import SECTION


logger = logging.getLogger(__name__)


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]
    result_id: str
    epoch: int = 0  # of all inputs (every open document's text, settings, environment) it was computed with


class Diagnostics:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.store: dict[str, Published] = {}  # uri → last diagnostics computed for it
        self.pushed: dict[str, str] = {}  # uri → result id last pushed (publishDiagnostics) to a push client
        self.pending: dict[str, asyncio.Task] = {}  # uri → debounced analysis
        self.served: dict[str, str] = {}  # uri → result id last answered to a pull request
        self.inflight: dict[str, tuple[tuple, asyncio.Task]] = {}  # uri → running analysis, keyed by its inputs

    def register(self) -> None:
        self.server.handle(types.TEXT_DOCUMENT_DIAGNOSTIC, self.document_diagnostic, types.DiagnosticOptions(
            identifier=SECTION, inter_file_dependencies=True, workspace_diagnostics=True))
        self.server.handle(types.WORKSPACE_DIAGNOSTIC, self.workspace_diagnostic)

    # -- the client ---------------------------------------------------------------------------------------------
    @property
    def pull_mode(self) -> bool:
        """The client pulls diagnostics: never push to it."""
        return get_capability(self.server.client_capabilities, "text_document.diagnostic", None) is not None

    @property
    def refresh_support(self) -> bool:
        return bool(get_capability(self.server.client_capabilities, "workspace.diagnostics.refresh_support", False))

    def refresh(self) -> None:
        if self.refresh_support:
            self.server.workspace_diagnostic_refresh(None)

    @property
    def busy(self) -> bool:
        """Document analyses are waiting out their debounce or running."""
        return bool(self.pending or self.inflight)

    # -- the store ----------------------------------------------------------------------------------------------
    def fresh(self, uri: str) -> Published | None:
        """The stored result when it was computed from the current inputs."""
        doc = self.server.documents.get(uri)
        stored = self.store.get(uri)
        if doc is None or stored is None or stored.version != doc.version or stored.epoch != self.server.epoch:
            return None
        return stored

    def forget(self, uri: str) -> None:
        """The document closed."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.store.pop(uri, None)
        self.served.pop(uri, None)
        self.pushed.pop(uri, None)

    def result(self, previous: Published | None, diagnostics: list[types.Diagnostic], version: int | None,
               epoch: int = 0) -> Published:
        """The same diagnostics keep their result id: a pull with it is answered "unchanged", a push is skipped."""
        same = previous is not None and previous.diagnostics == diagnostics
        return Published(version, diagnostics, previous.result_id if same else self.server.next_id(), epoch)

    # -- analysis -----------------------------------------------------------------------------------------------
    async def analyse(self, uri: str) -> Published | None:
        """Analyse the current text of an open document. Returns what the document should show now, or None
        when the document closed or changed while the analysis ran (the result is dropped: it is stale).
        Concurrent requests for the same inputs (a pull racing the background pass) share one analysis."""
        server = self.server
        await server.wait_ready()
        doc = server.documents.analysable(uri)
        if doc is None:
            return None
        uri = doc.uri
        key = (doc.version, server.epoch)
        running = self.inflight.get(uri)
        if running is None or running[0] != key:
            running = (key, asyncio.get_running_loop().create_task(self._analyse(uri, doc)))
            self.inflight[uri] = running
            running[1].add_done_callback(lambda _t, uri=uri, running=running: self.inflight.get(uri) is running
                                         and self.inflight.pop(uri))
        return await asyncio.shield(running[1])

    async def _analyse(self, uri: str, doc: TextDocument) -> Published | None:
        server = self.server
        config = server.config
        version, text, path = doc.version, doc.source, os.path.abspath(doc.path)
        generation, epoch = config.generation, server.epoch
        started = time.perf_counter()
        outcome: Outcome = await server.on_worker(
            server.analyzer.analyse, path, text, config.settings, server.workspace.position_codec,
            server.documents.unsynced(), config.max_file_size)
        logger.debug("analysed %s (version %s) in %.0f ms: %s", path, version, (time.perf_counter() - started) * 1000,
                     outcome.problem or f"{outcome.findings} finding(s)")
        current = server.documents.get(uri)
        if current is None or current.version != version or config.generation != generation:
            return None
        previous = self.store.get(uri)
        if outcome.crash is not None:
            server.log(types.MessageType.Error, f"sqlascope: analysing {path} failed: {outcome.problem}\n{outcome.crash}")
        elif outcome.skipped is not None and (previous is None or previous.diagnostics != outcome.diagnostics):
            server.log(types.MessageType.Warning, f"sqlascope: {path} is not analysed: {outcome.skipped}")
        if outcome.diagnostics is None:  # doesn't parse (yet): keep the last good diagnostics
            logger.debug("%s does not parse (%s); keeping its diagnostics", path, outcome.problem)
            diagnostics = previous.diagnostics if previous is not None else []
        else:
            diagnostics = outcome.diagnostics
        published = self.result(previous, diagnostics, version, epoch)
        self.store[uri] = published
        return published

    async def publish(self, uri: str) -> None:
        """Bring ``uri``'s diagnostics up to date: pushed to a push client, stored for a pull client."""
        doc = self.server.documents.get(uri)
        uri = doc.uri if doc is not None else uri
        result = await self.analyse(uri)
        if result is None or self.pull_mode:
            return
        if self.pushed.get(uri) == result.result_id:
            return  # nothing new to show
        self.pushed[uri] = result.result_id
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=result.diagnostics, version=result.version))

    async def publish_all(self, first: str | None = None) -> None:
        """Re-analyse every open document (``first`` first): an edit to one module can change another's findings.
        A pull client whose answers are now out of date is asked to pull again."""
        server = self.server
        uris = server.documents.open_uris()
        if first in uris:
            uris.remove(first)
            uris.insert(0, first)
        for uri in uris:
            try:
                await self.publish(uri)
            except Exception as exc:
                server.log(types.MessageType.Error, f"sqlascope: publishing {uri} failed: {type(exc).__name__}: {exc}")
        if self.pull_mode:
            outdated = [uri for uri, served in self.served.items()
                        if uri in self.store and self.store[uri].result_id != served]
            if outdated:
                self.refresh()

    # -- scheduling ---------------------------------------------------------------------------------------------
    def on_input_change(self, uri: str, delay: float) -> None:
        """A document's text changed (or it opened, or was saved)."""
        self.server.changed()
        if not self.pull_mode:
            self.schedule(uri, delay, everything=True)
        elif self.refresh_support and len(self.served) > (uri in self.served):
            # The client pulls ``uri`` itself; other documents it pulled may change: re-analyse, then refresh.
            self.schedule(uri, delay, everything=True)

    def inputs_changed(self) -> None:
        """Something every open document may depend on changed (a file on disk): re-analyse them all."""
        self.on_input_change("", 0.0)  # no document of that name: every open one, pulled ones refreshed

    def schedule(self, uri: str, delay: float, everything: bool = False) -> None:
        """(Re)start the analysis of ``uri`` after ``delay`` s, cancelling one still waiting for it."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        server = self.server

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
                server.log(types.MessageType.Error, f"sqlascope: analysing {uri} failed: {type(exc).__name__}: {exc}")
            finally:
                if self.pending.get(uri) is task:
                    del self.pending[uri]

        task = asyncio.get_running_loop().create_task(run())
        self.pending[uri] = task

    def cancel(self) -> None:
        for task in self.pending.values():
            task.cancel()

    # -- pull requests ------------------------------------------------------------------------------------------
    async def current(self, uri: str) -> Published | None:
        """The document's diagnostics for its current text (None when it isn't open)."""
        if self.server.documents.get(uri) is None:
            return None
        await self.server.watched_files.settled()
        await self.server.wait_ready()
        return self.fresh(uri) or await self.analyse(uri) or self.store.get(uri)

    async def document_diagnostic(self, params: types.DocumentDiagnosticParams):
        doc = self.server.documents.get(params.text_document.uri)
        stored = await self.current(doc.uri) if doc is not None else None
        if stored is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        self.served[doc.uri] = stored.result_id
        if params.previous_result_id is not None and params.previous_result_id == stored.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=stored.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=stored.diagnostics, result_id=stored.result_id)

    async def workspace_diagnostic(self, params: types.WorkspaceDiagnosticParams) -> types.WorkspaceDiagnosticReport:
        """Every file's diagnostics, when ``analyzeWorkspace`` is on: open documents from the store (analysed
        now when out of date), the others as the background pass left them (it may still be running: the client
        is sent a refresh when it has finished)."""
        server = self.server
        items: list = []
        if not server.config.analyze_workspace:
            return types.WorkspaceDiagnosticReport(items=items)
        await server.watched_files.settled()
        await server.wait_ready()
        previous = {p.uri: p.value for p in params.previous_result_ids or ()}
        answered: set[str] = set()

        def report(uri: str, version: int | None, stored: Published) -> None:
            answered.add(uri)
            if previous.get(uri) == stored.result_id:
                items.append(types.WorkspaceUnchangedDocumentDiagnosticReport(
                    uri=uri, version=version, result_id=stored.result_id))
            else:
                items.append(types.WorkspaceFullDocumentDiagnosticReport(
                    uri=uri, version=version, items=stored.diagnostics, result_id=stored.result_id))

        for uri in server.documents.open_uris():
            stored = await self.current(uri)
            doc = server.documents.get(uri)
            if stored is None or doc is None:
                continue
            self.served[uri] = stored.result_id
            report(uri, doc.version, stored)
        for uri, stored in server.workspace_pass.report(answered):
            report(uri, None, stored)
        return types.WorkspaceDiagnosticReport(items=items)
