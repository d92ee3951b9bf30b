"""The engine side of the server. Every method runs on the server's single worker thread: the workspace
and the engine (with its incremental caches) are never touched from anywhere else."""

from __future__ import annotations

import logging
import os
import traceback
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..analysis.engine import Engine
from ..analysis.workspace import Workspace, discover_python_files
from ..check import default_workspace, findings_for_file
from ..config import Settings
from .convert import PositionConverter, failure_diagnostic, to_diagnostic

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What analysing one document version produced."""

    #: None when the text doesn't parse: the caller keeps the last good diagnostics.
    diagnostics: list[types.Diagnostic] | None
    #: Set when the file could not be analysed (syntax error or engine crash).
    problem: str | None = None
    #: The traceback of an engine crash, for the log.
    crash: str | None = None
    findings: int = field(default=0)


class Analyzer:
    def __init__(self) -> None:
        self.workspace: Workspace | None = None
        self.engine: Engine | None = None

    def index(self, roots: list[str]) -> int:
        """Create the workspace and add every .py file under ``roots`` (read from disk)."""
        self.workspace = default_workspace(roots[:1]) if roots else Workspace()
        for path in discover_python_files([r for r in roots if os.path.isdir(r)]):
            try:
                self.workspace.add_file(path)
            except Exception:  # an unreadable file costs that file only
                logger.exception("cannot index %s", path)
        self.engine = Engine(self.workspace)
        return len(self.workspace.files)

    def _ready(self) -> tuple[Workspace, Engine]:
        if self.workspace is None or self.engine is None:
            self.index([])
        assert self.workspace is not None and self.engine is not None
        return self.workspace, self.engine

    def close(self, path: str) -> None:
        """The editor's text is gone: fall back to the file on disk, or forget it."""
        workspace, _ = self._ready()
        if path not in workspace.files:
            return
        if os.path.isfile(path):
            workspace.add_file(path)
        else:
            workspace.remove_file(path)

    def analyse(self, path: str, text: str, settings: Settings, codec: PositionCodec) -> Outcome:
        workspace, engine = self._ready()
        source = workspace.add_file(path, text)
        if source.error is not None:
            return Outcome(None, problem=f"line {source.error_line}: {source.error}")
        try:
            findings = [f for f in findings_for_file(engine, source.path, settings) if f.location.path == source.path]
        except Exception as exc:  # an engine bug costs this file, never the server
            reason = f"{type(exc).__name__}: {exc}"
            return Outcome([failure_diagnostic(reason)], problem=reason, crash=traceback.format_exc())

        def text_for(p: str) -> str | None:
            if p == source.path:
                return text
            other = workspace.files.get(p)
            return other.text if other is not None else None

        positions = PositionConverter(codec, text_for)
        return Outcome([to_diagnostic(f, positions) for f in findings], findings=len(findings))
