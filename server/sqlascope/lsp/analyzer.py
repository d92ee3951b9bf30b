"""The engine side of the server, run on the single worker thread.

The engine side of the server. Every method runs on the server's single worker thread: the workspace
and the engine (with its incremental caches) are never touched from anywhere else."""

from __future__ import annotations

import logging
import gc
import os
import traceback
from dataclasses import dataclass, field
from typing import Iterable

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..analysis.engine.core import Engine
from ..analysis.index.jedi_fallback import workspace_resolving_installed
from ..analysis.index.source import SourceFile
from ..analysis.index.workspace import Workspace, discover_python_files, skipped_dir
from ..cache import CheckCache, default_cache_dir
from ..check import analyse_in_isolation, cached_entry, findings_for_file, keep
from ..config import Settings
from ..fixes import fixes_for, preferred_fix
from ..fixes.apply import plan_fixes
from .convert import PositionConverter, failure_diagnostic, skipped_diagnostic, split_lines, to_diagnostic
from .fix_actions import FIX_ALL, fix_all, quick_fix, workspace_edit

logger = logging.getLogger(__name__)

#: (absolute path, current editor text) of open documents whose text the workspace must hold.
Texts = Iterable[tuple[str, str]]


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
    #: Why the file is not analysed at all (too large, NUL bytes, not UTF-8, beyond the parser's limits): the
    #: diagnostics are then one Information diagnostic saying so.
    skipped: str | None = None
    #: Findings this file's functions reach in other files (a model's ``__repr__`` called from here), by path.
    #: Computed only when asked for (``analyse(..., reached=True)``).
    foreign: dict[str, list[types.Diagnostic]] = field(default_factory=dict)
    #: The findings came from the persistent cache (``sqlascope check`` shares it).
    cached: bool = False


def skip_reason(source: SourceFile) -> str | None:
    """Why ``source`` can't be analysed when that is not an ordinary syntax error (which the user is
    presumably in the middle of typing), else None: such a file is shown as skipped, not as "being edited"."""
    return None if source.syntax_error else source.error


def oversize(text: str, limit: int | None) -> str | None:
    """The complaint when ``text`` is over ``limit`` bytes of UTF-8, else None."""
    if not limit or len(text) * 4 <= limit:
        return None
    size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (f"skipped: the file is {_megabytes(size)}, larger than the maxFileSize limit of {_megabytes(limit)}")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def make_workspace(roots: list[str], environment: str | None) -> Workspace:
    """A workspace whose imports of installed packages resolve through jedi, in the user's environment
    (``environment``: an interpreter or a virtualenv directory) or, without one, the server's."""
    if not roots and not environment:
        return Workspace()
    return workspace_resolving_installed(os.path.abspath(roots[0]) if roots else os.getcwd(), environment or None)


class Analyzer:
    def __init__(self) -> None:
        self.workspace: Workspace | None = None
        self.engine: Engine | None = None
        self.roots: list[str] = []
        self.environment: str | None = None
        #: where the persistent cache lives (the first root's project folder), None without roots
        self.cache_dir: str | None = None
        self._cache: CheckCache | None = None

    def index(self, roots: list[str], environment: str | None = None) -> int:
        """(Re)create the workspace and add every .py file under ``roots`` (read from disk). Open documents'
        texts are gone from it afterwards: the caller syncs them again."""
        self.roots, self.environment = [os.path.abspath(root) for root in roots], environment
        self.cache_dir = default_cache_dir(self.roots[0]) if self.roots else None
        reindex = self.workspace is not None
        gc.unfreeze()  # the previous index, if any, becomes collectable again
        self.workspace = make_workspace(roots, environment)
        for path in discover_python_files([r for r in roots if os.path.isdir(r)]):
            try:
                self.workspace.add_file(path)
            except Exception:  # an unreadable file costs that file only
                logger.exception("cannot index %s", path)
        self.engine = Engine(self.workspace)
        # The index (every file's syntax tree) lives as long as the session: keep the collector from walking it
        # on every full collection, which otherwise shows up as 50-100 ms pauses while typing. Collecting first
        # matters only when a previous index is being replaced (~70 ms, not worth it on the way to the first
        # diagnostics).
        if reindex:
            gc.collect()
        gc.freeze()
        return len(self.workspace.files)

    def unanalysable(self) -> list[tuple[str, str]]:
        """(path, reason) of indexed files that can't be analysed for a reason other than a syntax error."""
        workspace, _ = self._ready()
        return sorted((path, reason) for path, source in workspace.files.items()
                      if (reason := skip_reason(source)) is not None)

    def indexable(self, path: str) -> bool:
        """Would indexing the roots pick ``path`` up?"""
        root = self._root_of(path)
        if root is None or not path.endswith(".py"):
            return False
        parts = os.path.relpath(os.path.dirname(path), root).split(os.sep)
        return not any(skipped_dir(part) for part in parts if part != ".")

    def files_changed(self, changes: list[tuple[str, bool]], open_paths: set[str]) -> int:
        """Files changed on disk: ``(path, exists)`` pairs. Indexed files are re-read (unchanged contents are
        recognised by digest), new ones under the roots added, deleted ones forgotten. Open documents keep the
        editor's text. Returns how many files the workspace now sees differently."""
        workspace, _ = self._ready()
        changed = 0
        for path, exists in changes:
            path = os.path.abspath(path)
            if path in open_paths:
                continue
            known = path in workspace.files
            before = workspace.generation
            try:
                if not exists or not os.path.isfile(path):
                    if known:
                        workspace.remove_file(path)
                elif known or self.indexable(path):
                    workspace.add_file(path)
            except Exception:
                logger.exception("cannot re-read %s", path)
            changed += workspace.generation != before
        return changed

    def indexed_files(self) -> list[str]:
        workspace, _ = self._ready()
        return sorted(workspace.files)

    def _ready(self) -> tuple[Workspace, Engine]:
        if self.workspace is None or self.engine is None:
            self.index([])
        assert self.workspace is not None and self.engine is not None
        return self.workspace, self.engine

    def _root_of(self, path: str) -> str | None:
        """The workspace root ``path`` (absolute) lies under."""
        return next((root for root in self.roots if os.path.commonpath([root, path]) == root), None)

    def _document(self, path: str, text: str, texts: Texts, max_size: int | None) -> SourceFile | None:
        """An open document's ``text`` in the workspace, the other open documents synced first; None when it
        is over ``max_size`` or doesn't parse."""
        workspace, _ = self._ready()
        self.sync(texts, max_size)
        if oversize(text, max_size) is not None:
            return None
        source = workspace.add_file(path, text)
        return source if source.error is None else None

    def _positions(self, codec: PositionCodec) -> PositionConverter:
        """Engine locations → client positions, against the texts the workspace holds."""
        files = self._ready()[0].files
        return PositionConverter(codec, lambda p: files[p].text if p in files else None)

    def sync(self, texts: Texts, max_size: int | None = None) -> None:
        """Give the workspace the editor's texts (one over ``max_size`` is not parsed: the workspace keeps
        what it had for that file)."""
        workspace, _ = self._ready()
        for path, text in texts:
            if oversize(text, max_size) is not None:
                continue
            try:
                workspace.add_file(path, text)
            except Exception:
                logger.exception("cannot add %s", path)

    def close(self, path: str) -> None:
        """The editor's text is gone: fall back to the file on disk, or forget it."""
        workspace, _ = self._ready()
        if path not in workspace.files:
            return
        if os.path.isfile(path):
            workspace.add_file(path)
        else:
            workspace.remove_file(path)

    def analyse(self, path: str, text: str | None, settings: Settings, codec: PositionCodec, texts: Texts = (),
                max_size: int | None = None, reached: bool = False) -> Outcome:
        """Findings for ``path`` with ``text`` (None: the workspace's text, e.g. the file on disk). A text over
        ``max_size`` bytes is not analysed. ``reached``: also convert the findings its functions reach in other
        files of the roots (``Outcome.foreign``; only the workspace pass shows them)."""
        workspace, engine = self._ready()
        self.sync(texts, max_size)
        too_large = oversize(text if text is not None else getattr(workspace.files.get(path), "text", ""), max_size)
        if too_large is not None:
            return Outcome([skipped_diagnostic(too_large)], problem=too_large, skipped=too_large)
        source = workspace.add_file(path, text) if text is not None else workspace.files.get(path)
        if source is None:
            return Outcome([])
        reason = skip_reason(source)
        if reason is not None:
            return Outcome([skipped_diagnostic(reason)], problem=reason, skipped=reason)
        if source.error is not None:
            return Outcome(None, problem=f"line {source.error_line}: {source.error}")
        try:
            every, cached = self._findings(source.path, settings, saved=text is None)
        except Exception as exc:  # an engine bug costs this file, never the server
            reason = f"{type(exc).__name__}: {exc}"
            return Outcome([failure_diagnostic(reason)], problem=reason, crash=traceback.format_exc())

        positions = self._positions(codec)
        findings = [f for f in every if f.location.path == source.path]
        foreign: dict[str, list[types.Diagnostic]] = {}
        for finding in every if reached else ():
            if finding.location.path != source.path and self._root_of(finding.location.path) is not None:
                foreign.setdefault(finding.location.path, []).append(to_diagnostic(finding, positions, settings.docs_url))
        return Outcome([to_diagnostic(f, positions, settings.docs_url) for f in findings], findings=len(findings), foreign=foreign,
                       cached=cached)

    def _findings(self, path: str, settings: Settings, saved: bool) -> tuple[list, bool]:
        """The findings of ``path`` and whether they came from the persistent cache. A file as saved (``saved``, what
        the workspace pass analyses) is looked up in the cache ``check`` shares, and stored there when analysed."""
        workspace, engine = self._ready()
        cache = self._cache_for(settings) if saved else None
        entry = cached_entry(engine, path, cache)
        if entry is not None:
            return entry.findings, True
        if cache is None:
            return findings_for_file(engine, path, settings, time_guard=True), False
        entry = analyse_in_isolation(engine, path, settings, time_guard=True)
        keep(cache, engine, path, entry)
        return entry.findings, False

    def _cache_for(self, settings: Settings) -> CheckCache | None:
        """The persistent cache under ``settings`` (entries written under other settings don't hold)."""
        if self.cache_dir is None:
            return None
        if self._cache is None or self._cache.key != CheckCache.for_settings(self.cache_dir, settings).key:
            self._cache = CheckCache.for_settings(self.cache_dir, settings)
        return self._cache

    def code_actions(self, path: str, text: str, settings: Settings, codec: PositionCodec, context: list,
                     only: list[str] | None, versions: dict[str, int | None], versioned: bool,
                     texts: Texts = (), max_size: int | None = None) -> list[types.CodeAction]:
        """Quick fixes for the diagnostics in ``context`` (matched by code and start line), and fix-all."""
        source = self._document(path, text, texts, max_size)
        if source is None:
            return []
        workspace, engine = self._ready()
        findings = [f for f in findings_for_file(engine, source.path, settings, time_guard=True) if f.location.path == source.path]
        positions = self._positions(codec)
        actions: list[types.CodeAction] = []
        if not only or any(kind.startswith("quickfix") for kind in only):
            for diagnostic in context:
                for finding in findings:
                    if finding.code == diagnostic.code and finding.location.line == diagnostic.range.start.line + 1:
                        for fix in fixes_for(finding, workspace.source):
                            actions.append(quick_fix(fix, diagnostic, workspace_edit(list(fix.edits), positions, versions, versioned)))
        if not only or any(FIX_ALL.startswith(kind) for kind in only):
            plan = plan_fixes(findings, workspace.source)
            if plan.fixed:
                edits = [e for f, _ in plan.fixed for e in preferred_fix(fixes_for(f, workspace.source)).edits]
                actions.append(fix_all(workspace_edit(edits, positions, versions, versioned), len(plan.fixed)))
        return actions

    def hover(self, path: str, text: str, position: types.Position, codec: PositionCodec, texts: Texts = (),
              max_size: int | None = None) -> str | None:
        """The engine's hover text at a client ``position`` (in the negotiated encoding) of ``text``."""
        source = self._document(path, text, texts, max_size)
        if source is None:
            return None
        lines = split_lines(text)
        if not 0 <= position.line < len(lines):
            return None
        line = lines[position.line]
        if codec.client_num_units(line) < position.character:
            return None
        at = codec.position_from_client_units([line], types.Position(line=0, character=position.character))
        column = at.character
        if column < len(line) and line[column].isspace() or not line.strip():
            return None
        return self._ready()[1].hover(source.path, position.line + 1, column)
