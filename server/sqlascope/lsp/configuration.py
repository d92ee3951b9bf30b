"""Settings: the project's ``[tool.sqlascope]`` (pyproject.toml) with the editor's settings layered over it.

The editor's come from ``initializationOptions``, then ``workspace/configuration`` (pulled at start and on every
``workspace/didChangeConfiguration``; the notification's own payload when the client can't be asked). The
pyproject is read at start and again whenever it changes on disk (``workspace/didChangeWatchedFiles``) or is
saved in the editor. Any change re-analyses everything; changes are applied one at a time, and analyses wait
for the one being applied (``ServerCore.wait_ready``)."""

from __future__ import annotations

import asyncio
import os
from typing import Awaitable, Callable

from lsprotocol import types
from pygls.capabilities import get_capability

from ..config import Settings
from .core import ServerCore
from .settings import SECTION, ConfigError, layer, max_file_size, project_settings, unwrap


#: How long to wait for the client's answer to workspace/configuration.
CONFIGURATION_TIMEOUT = 5.0


class Configuration:
    def __init__(self, server: ServerCore) -> None:
        self.server = server
        self.root: str | None = None
        self.project = Settings()
        self.initial: dict = {}  # initializationOptions
        self.editor: dict = {}  # the client's workspace configuration over initializationOptions
        self.settings = Settings()
        self.max_file_size = max_file_size({})[0]
        self.generation = 0  # bumped when the settings change: results computed before are dropped
        self.applying: asyncio.Future | None = None  # the settings change being applied

    def register(self) -> None:
        self.server.handle(types.WORKSPACE_DID_CHANGE_CONFIGURATION, self.did_change_configuration)

    @property
    def busy(self) -> bool:
        """A settings change is being applied."""
        return self.applying is not None and not self.applying.done()

    @property
    def analyze_workspace(self) -> bool:
        return self.editor.get("analyzeWorkspace") is True

    # -- at start -------------------------------------------------------------------------------------------
    def initialize(self, params: types.InitializeParams, root: str | None) -> None:
        self.initial = self.editor = unwrap(params.initialization_options)
        self.server.logs.apply_level(self.editor)
        self.root = os.path.abspath(root) if root else None
        try:
            self.project = project_settings(self.root)
        except ConfigError as exc:
            self.project = Settings()
            self.report(exc)
        if not self.rebuild():
            self.initial = self.editor = {}  # no good editor settings yet: the project's (or the defaults) apply
            self.rebuild()

    # -- layering -------------------------------------------------------------------------------------------
    def rebuild(self) -> bool:
        try:
            self.settings = layer(self.project, self.editor)
        except ConfigError as exc:
            self.report(exc)
            return False
        self.max_file_size, problem = max_file_size(self.editor)
        if problem:
            self.server.log(types.MessageType.Warning, f"sqlascope: {problem}")
        return True

    def report(self, exc: ConfigError) -> None:
        """A configuration the server refuses: a pop-up and a log line; the last good settings stay in force."""
        message = f"sqlascope: {exc} (the previous settings stay in force)"
        self.server.log(types.MessageType.Error, message)
        self.server.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    async def pull(self) -> bool:
        """Ask the client for the ``sqlascope`` section; True when settings were received. The answer is the whole
        section: a setting the user removed is gone (back to initializationOptions, then the default)."""
        server = self.server
        if not get_capability(server.client_capabilities, "workspace.configuration", False):
            return False
        try:
            values = await asyncio.wait_for(server.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])), CONFIGURATION_TIMEOUT)
        except Exception as exc:
            server.log(types.MessageType.Warning, f"sqlascope: workspace/configuration failed: {exc}")
            return False
        value = values[0] if values else None
        if isinstance(value, dict):
            self.editor = {**self.initial, **unwrap(value)}
            return True
        return False

    # -- changes --------------------------------------------------------------------------------------------
    async def serialised(self, apply: Callable[[], Awaitable[None]]) -> None:
        """Apply one change after the one being applied; work started meanwhile waits for it."""
        previous = self.applying
        if previous is not None and not previous.done():
            await asyncio.shield(previous)
        self.applying = asyncio.ensure_future(apply())
        await self.applying

    def settings_changed(self) -> None:
        """Everything computed with the old settings is out of date: re-analyse, or have the client pull again."""
        server = self.server
        self.generation += 1
        server.changed()
        if server.diagnostics.pull_mode:
            server.diagnostics.refresh()
        else:
            server.diagnostics.schedule("", 0.0, everything=True)
        server.workspace_pass.restart()

    async def did_change_configuration(self, params: types.DidChangeConfigurationParams) -> None:
        server = self.server

        async def apply() -> None:
            last_good = self.editor
            if not await self.pull():
                self.editor = {**self.editor, **unwrap(params.settings)}
            if not self.rebuild():
                self.editor = last_good
                return
            server.logs.apply_level(self.editor)
            await server.lifecycle.apply_environment()
            self.settings_changed()

        await self.serialised(apply)

    async def reload_project(self) -> None:
        """pyproject.toml changed (on disk or saved in the editor): re-read ``[tool.sqlascope]``; re-analyse when
        it changed. A broken file is reported and the last good settings stay."""
        server = self.server

        async def apply() -> None:
            try:
                project = project_settings(self.root)
            except ConfigError as exc:
                self.report(exc)
                return
            if project == self.project:
                return
            last_good, self.project = self.project, project
            if not self.rebuild():
                self.project = last_good
                return
            server.log(types.MessageType.Info, "sqlascope: [tool.sqlascope] changed; re-analysing")
            self.settings_changed()

        await self.serialised(apply)
