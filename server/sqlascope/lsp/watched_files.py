"""``workspace/didChangeWatchedFiles``: files changed on disk behind the editor's back.

``workspace/didChangeWatchedFiles``: files changed on disk behind the editor's back (a ``git checkout``, a
formatter, another tool).

The server registers watchers for ``**/*.py`` and ``**/pyproject.toml`` when the client supports dynamic
registration (VS Code); clients that don't (Neovim 0.7-0.9) may still send the notification, and it is honoured.

- A created, changed or deleted ``.py`` is re-read into the engine's workspace (unchanged contents are recognised
  by digest and cost nothing; an open document keeps the editor's text), then every open document is
  re-analysed (pushed, or a pull client is asked to refresh) and the workspace pass, if on, runs again.
- A changed ``pyproject.toml`` re-reads ``[tool.sqlascope]`` and re-analyses when the settings changed.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import to_fs_path

from .core import ServerCore
from .settings import is_pyproject


REGISTRATION_ID = "sqlascope-watched-files"
GLOBS = ("**/*.py", "**/pyproject.toml")
#: Changes arriving within this many seconds are handled together (a checkout touches many files at once).
BATCH_SECONDS = 0.05


class WatchedFiles:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.registered = False
        self.queued: list[types.FileEvent] = []
        self.flushing: asyncio.Task | None = None

    def register(self) -> None:
        self.server.handle(types.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.did_change_watched_files)

    async def register_watchers(self) -> None:
        """Ask the client to watch our files (only possible when it supports dynamic registration)."""
        server = self.server
        if not get_capability(server.client_capabilities, "workspace.did_change_watched_files.dynamic_registration",
                              False):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in GLOBS])
        try:
            await server.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id=REGISTRATION_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=options)]))
        except Exception as exc:
            server.log(types.MessageType.Warning, f"sqlascope: could not register file watchers: {exc}")
            return
        self.registered = True

    async def settled(self) -> None:
        """Wait until changes already notified are applied (a pull right after the notification sees them)."""
        flushing = self.flushing
        if flushing is not None and not flushing.done():
            try:
                await asyncio.shield(flushing)
            except Exception:
                pass

    def did_change_watched_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        self.queued.extend(params.changes)
        if self.flushing is None or self.flushing.done():
            self.flushing = asyncio.get_running_loop().create_task(self.flush())

    async def flush(self) -> None:
        server = self.server
        await asyncio.sleep(BATCH_SECONDS)
        await server.wait_ready()
        while self.queued:
            events, self.queued = self.queued, []
            try:
                await self.handle(events)
            except Exception as exc:  # never let a file event take the server down
                server.log(types.MessageType.Error,
                           f"sqlascope: handling changed files failed: {type(exc).__name__}: {exc}")

    async def handle(self, events: list[types.FileEvent]) -> None:
        server = self.server
        python: dict[str, bool] = {}  # path → exists (the last event for a path wins)
        pyproject = False
        for event in events:
            path = to_fs_path(event.uri) if event.uri.startswith("file:") else None
            if path is None:
                continue
            if path.endswith(".py"):
                python[path] = event.type != types.FileChangeType.Deleted
            elif is_pyproject(path):
                pyproject = True
        if python:
            changed = await server.on_worker(server.analyzer.files_changed, list(python.items()),
                                             server.documents.open_paths())
            if changed:
                server.log(types.MessageType.Log, f"sqlascope: {changed} file(s) changed on disk; re-analysing")
                server.diagnostics.inputs_changed()
                server.workspace_pass.restart()
        if pyproject:
            await server.config.reload_project()
