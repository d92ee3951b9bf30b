"""``analyzeWorkspace``: the background analysis of every indexed file, with ``$/progress``.

One indexed file per worker call; document analyses and settings changes go first; the client can cancel it.
Findings of files that aren't open are pushed to push clients, and kept for pull clients' ``workspace/diagnostic``
(sent ``workspace/diagnostic/refresh`` when a pass has finished and changed anything they were told)."""

from __future__ import annotations

import asyncio
import os
from typing import Iterator

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path

from .analyzer import Outcome
from .core import ServerCore
from .diagnostics import Published


TOKEN_PREFIX = "sqlascope-workspace"


class WorkspacePass:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.task: asyncio.Task | None = None
        self.published: set[str] = set()  # uris of unopened files it pushed diagnostics for
        self.results: dict[str, Published] = {}  # uri → diagnostics of the file on disk (unopened files)
        self.own: dict[str, list[types.Diagnostic]] = {}  # uri → findings from analysing the file itself
        #: target uri → source uri → findings located in the target that only the source's functions reach
        #: (a model's ``__repr__`` failing where a report calls it); shown with the target, as ``check`` does
        self.reached: dict[str, dict[str, list[types.Diagnostic]]] = {}
        self.reported: dict[str, str] = {}  # uri → result id last answered to workspace/diagnostic
        self.pulled = False  # the client has sent workspace/diagnostic

    @property
    def enabled(self) -> bool:
        return self.server.config.analyze_workspace

    def restart(self) -> None:
        """(Re)start the pass when ``analyzeWorkspace`` is on."""
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = None
        if self.enabled:
            self.task = asyncio.get_running_loop().create_task(self.run())

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    async def yield_to_documents(self) -> None:
        """Let document analyses (waiting out their debounce or running) and settings changes go first."""
        server = self.server
        while server.diagnostics.busy or server.config.busy:
            await asyncio.sleep(0.05)

    async def run(self) -> None:
        server = self.server
        await server.wait_ready()
        files = await server.on_worker(server.analyzer.indexed_files)
        progress = server.work_done_progress
        token: str | None = None
        cancelled = None
        if get_capability(server.client_capabilities, "window.work_done_progress", False):
            token = f"{TOKEN_PREFIX}-{server.next_id()}"
            try:
                await progress.create_async(token)
                progress.begin(token, types.WorkDoneProgressBegin(
                    title="sqlascope", message=f"Analyzing 0/{len(files)} files", percentage=0, cancellable=True))
                cancelled = progress.tokens.get(token)
            except Exception as exc:
                server.log(types.MessageType.Warning, f"sqlascope: no progress reporting: {exc}")
                token = None
        done = findings = from_cache = 0
        outcome_message = "cancelled"
        seen: set[str] = set()
        try:
            for path in files:
                if cancelled is not None and cancelled.cancelled():
                    break
                await self.yield_to_documents()
                uri = from_fs_path(path) or path
                seen.add(uri)
                if server.documents.get(uri) is None:  # open documents are analysed on their own
                    outcome = await self.analyse_on_disk(path)
                    if outcome.diagnostics is not None and server.documents.get(uri) is None:
                        findings += len(outcome.diagnostics)
                        from_cache += outcome.cached
                        self.take(uri, outcome)
                done += 1
                if token is not None:
                    progress.report(token, types.WorkDoneProgressReport(
                        message=f"Analyzing {done}/{len(files)} files", percentage=done * 100 // max(len(files), 1)))
            else:
                outcome_message = f"Analyzed {done} files: {findings} finding(s)"
                for uri in [u for u in self.results if u not in seen]:  # deleted, or no longer indexed
                    self.drop(uri)
                if server.diagnostics.pull_mode and self.outdated():
                    server.diagnostics.refresh()
        finally:
            if token is not None:
                progress.end(token, types.WorkDoneProgressEnd(message=outcome_message))
            progress.tokens.pop(token, None)
        server.log(types.MessageType.Info,
                   f"sqlascope: workspace analysis {outcome_message}; {from_cache} file(s) from the cache")

    async def analyse_on_disk(self, path: str) -> Outcome:
        """The file as saved, with the findings its functions reach in other files."""
        server = self.server
        return await server.on_worker(server.analyzer.analyse, path, None, server.config.settings,
                                      server.workspace.position_codec, server.documents.unsynced(),
                                      server.config.max_file_size, True)

    def take(self, uri: str, outcome: Outcome) -> None:
        """An unopened file's analysis: its own findings, and those its functions reach in other files; every file
        whose combined findings that changes is stored again."""
        self.own[uri] = outcome.diagnostics
        for target in {uri, *self.reach(uri, outcome.foreign)}:
            self.store_combined(target)

    def reach(self, source: str, foreign: dict[str, list[types.Diagnostic]]) -> set[str]:
        """Record what ``source``'s functions found in other files; the uris whose findings that changed."""
        targets = {from_fs_path(path) or path: diagnostics for path, diagnostics in foreign.items()}
        touched = set()
        for target, by_source in self.reached.items():
            if source in by_source and target not in targets:
                del by_source[source]
                touched.add(target)
        for target, diagnostics in targets.items():
            if self.reached.setdefault(target, {}).get(source) != diagnostics:
                self.reached[target][source] = diagnostics
                touched.add(target)
        return touched

    def store_combined(self, uri: str) -> None:
        """An unopened file's own findings and those other files reach in it, each once."""
        if self.server.documents.get(uri) is not None:
            return  # open documents show their own analysis
        combined: dict[tuple, types.Diagnostic] = {}
        for diagnostic in [*self.own.get(uri, []), *(d for ds in self.reached.get(uri, {}).values() for d in ds)]:
            r = diagnostic.range
            key = (r.start.line, r.start.character, r.end.line, r.end.character, diagnostic.code, diagnostic.message)
            combined.setdefault(key, diagnostic)
        self.store(uri, list(combined.values()))

    def store(self, uri: str, diagnostics: list[types.Diagnostic]) -> None:
        """The diagnostics of an unopened file: kept, and pushed to a push client."""
        server = self.server
        previous = self.results.get(uri)
        self.results[uri] = server.diagnostics.result(previous, diagnostics, None)
        if not server.diagnostics.pull_mode and (diagnostics or uri in self.published):
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
            self.published.add(uri)

    def drop(self, uri: str) -> None:
        """A file that is gone: its pushed diagnostics are cleared."""
        self.results.pop(uri, None)
        self.own.pop(uri, None)
        for by_source in self.reached.values():
            by_source.pop(uri, None)
        if uri in self.published and self.server.documents.get(uri) is None:
            self.published.discard(uri)
            if not self.server.diagnostics.pull_mode:
                self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    async def closed(self, uri: str, path: str) -> None:
        """A document closed: back to the file on disk, as the pass shows unopened files."""
        server = self.server
        if not self.enabled or not os.path.isfile(path):
            return
        outcome = await self.analyse_on_disk(path)
        if outcome.diagnostics is None or server.documents.get(uri) is not None:
            return
        self.take(uri, outcome)  # with what other files reach in it, as the pass showed it before it was opened
        if server.diagnostics.pull_mode and self.outdated():
            server.diagnostics.refresh()

    def outdated(self) -> bool:
        """The client pulled workspace diagnostics that have changed since."""
        unopened = {uri: p for uri, p in self.results.items() if self.server.documents.get(uri) is None}
        return self.pulled and (any(self.reported.get(uri) != p.result_id for uri, p in unopened.items())
                                or any(uri not in unopened for uri in self.reported))

    def report(self, answered: set[str]) -> Iterator[tuple[str, Published]]:
        """What workspace/diagnostic says about files that aren't open (``answered``: those that are): their last
        results, and an empty report for a file reported before and now gone."""
        self.pulled = True
        for uri in answered:
            self.reported.pop(uri, None)
        for uri, published in list(self.results.items()):
            if uri in answered or self.server.documents.get(uri) is not None:
                continue
            self.reported[uri] = published.result_id
            yield uri, published
        for uri in [u for u in self.reported if u not in self.results and u not in answered]:
            del self.reported[uri]
            yield uri, Published(None, [], self.server.next_id())
