"""initialize / initialized / shutdown, and (re)building the index the engine resolves imports in."""

from __future__ import annotations

import asyncio
import os

from lsprotocol import types
from pygls.uris import to_fs_path

from .. import __version__
from .core import ServerCore
from .settings import environment


#: At most this many unanalysable files are named in the log after indexing.
NAMED_UNANALYSABLE = 10


class Lifecycle:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.indexing: asyncio.Future | None = None  # the first index (and the configuration it needs)
        self.environment: str | None = None  # the user's interpreter the workspace resolves imports in

    def register(self) -> None:
        feature = self.server.handle
        feature(types.INITIALIZE, self.initialize)
        feature(types.INITIALIZED, self.initialized)
        feature(types.SHUTDOWN, self.shutdown)

    def initialize(self, params: types.InitializeParams) -> None:
        server = self.server
        folders = params.workspace_folders or []
        root = to_fs_path(folders[0].uri) if folders else server.workspace.root_path
        server.config.initialize(params, root)

    async def initialized(self, params: types.InitializedParams) -> None:
        server = self.server
        server.loop = asyncio.get_running_loop()
        config = server.config
        roots = [os.path.abspath(to_fs_path(f.uri)) for f in server.workspace.folders.values()] or (
            [config.root] if config.root else [])
        server.spawn(server.watched_files.register_watchers(), "registering file watchers")

        async def setup() -> None:
            # The client's configuration first: it may name the environment the index resolves imports in.
            if await config.pull():
                config.rebuild()
            server.logs.apply_level(config.editor)
            await self.apply_environment(roots)

        self.indexing = asyncio.ensure_future(setup())
        try:
            await self.indexing
        except Exception as exc:
            server.log(types.MessageType.Error, f"sqlascope: indexing {roots} failed: {type(exc).__name__}: {exc}")
            return
        server.workspace_pass.restart()

    async def apply_environment(self, roots: list[str] | None = None) -> bool:
        """(Re)build the workspace when the user's interpreter changed (or on the first call). True if rebuilt."""
        server = self.server
        wanted = environment(server.config.editor, server.config.root)
        if roots is None:
            if wanted == self.environment:
                return False
            roots = server.analyzer.roots
        if wanted is not None and not os.path.exists(wanted):
            server.log(types.MessageType.Warning, f"sqlascope: the Python environment {wanted} does not exist")
        server.documents.synced.clear()  # the new workspace holds the files on disk: open documents are synced again
        self.environment = wanted
        count = await server.on_worker(server.analyzer.index, roots, wanted)
        server.log(types.MessageType.Info,
                   f"sqlascope {__version__}: indexed {count} Python file(s) under {', '.join(roots) or '(no folder)'}"
                   + (f"; imports resolve in {wanted}" if wanted else ""))
        unanalysable = await server.on_worker(server.analyzer.unanalysable)
        if unanalysable:
            named = "; ".join(f"{path}: {reason}" for path, reason in unanalysable[:NAMED_UNANALYSABLE])
            more = len(unanalysable) - NAMED_UNANALYSABLE
            server.log(types.MessageType.Warning,
                       f"sqlascope: {len(unanalysable)} file(s) are not analysed: {named}"
                       + (f"; and {more} more" if more > 0 else ""))
        server.changed()
        return True

    def shutdown(self, params: None) -> None:
        server = self.server
        server.diagnostics.cancel()
        server.workspace_pass.cancel()
        server.worker.shutdown(wait=False, cancel_futures=True)
