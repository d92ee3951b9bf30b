"""The persistent check cache: each file's findings on disk, reused while nothing its analysis consulted changed.

Like ruff's and mypy's caches. An entry holds one file's findings and is keyed by the tool (its version, the digest of
its own code, the Python running it), the settings and the file's content digest. It also lists every dependency the
analysis consulted (``analysis/index/dependencies.py``) with its fingerprint then (``fingerprints.py``, the mechanism
the language server's in-memory cache uses): a callee edited in another module changes that module's fingerprint, and
the caller's entry no longer holds.

Entries are JSON, one file per source file, written to a temporary file and renamed into place, so concurrent writers
never leave a torn entry. An entry that can't be read, doesn't parse, or was written by another version or with other
settings is ignored (and replaced), never an error.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field

from . import __version__
from .analysis.findings import Finding, Location, Related, Severity
from .analysis.index.dependencies import MISSING_MODULE, Dependency
from .analysis.index.fingerprints import fingerprint
from .analysis.index.source import decode_source, text_digest
from .analysis.index.workspace import Workspace
from .config import Settings, find_pyproject

#: The cache folder's name, made in the checked project (ruff's ``.ruff_cache``, mypy's ``.mypy_cache``).
DEFAULT_CACHE_DIR = ".sqlascope_cache"
#: Bumped when the layout of an entry changes.
FORMAT = 2
#: Entries are as readable as the sources they describe (a temporary file starts private).
_FILE_MODE = 0o644
_GITIGNORE = "# Made by sqlascope: the whole folder is a cache.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag made by sqlascope; see https://bford.info/cachedir/\n")


def default_cache_dir(start: str) -> str:
    """``.sqlascope_cache`` in the project folder: the one holding pyproject.toml (as found from ``start``), else the
    folder ``start`` is (or, for a file, is in). The command line and the language server share it."""
    pyproject = find_pyproject(start)
    if pyproject is not None:
        return os.path.join(os.path.dirname(pyproject), DEFAULT_CACHE_DIR)
    start = os.path.abspath(start)
    return os.path.join(start if os.path.isdir(start) else os.path.dirname(start), DEFAULT_CACHE_DIR)


@dataclass
class FileEntry:
    """One file's analysis as the cache keeps it."""

    digest: str  # of the file's text when analysed
    #: (module path, name, canonical fingerprint) of each dependency outside the file itself
    consulted: list[tuple[str, str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: the analysis stopped early (whatever the rule selection says about SQS001)
    cut_short: bool = False
    #: a clock guarded it, so where it stopped depended on the machine's load
    clocked: bool = False

    def holds(self, workspace: Workspace, path: str) -> bool:
        """Is this still the analysis of ``path`` as the workspace holds it now?"""
        source = workspace.files.get(path)
        if source is None or source.digest != self.digest:
            return False
        return all(canonical_fingerprint(workspace, (dep_path, name), path) == known
                   for dep_path, name, known in self.consulted)

    def to_json(self) -> dict:
        return {"digest": self.digest, "consulted": [list(c) for c in self.consulted],
                "findings": [finding_to_json(f) for f in self.findings], "cut_short": self.cut_short,
                "clocked": self.clocked}

    @classmethod
    def from_json(cls, data: dict) -> "FileEntry":
        return cls(str(data["digest"]), [(str(p), str(n), str(fp)) for p, n, fp in data["consulted"]],
                   [finding_from_json(f) for f in data["findings"]], bool(data.get("cut_short", False)),
                   bool(data.get("clocked", False)))


def consulted_fingerprints(workspace: Workspace, consulted: set[Dependency], home: str) -> list[tuple[str, str, str]]:
    """What an analysis of ``home`` consulted outside ``home`` itself (its own digest covers the rest), fingerprinted."""
    return [(dep_path, name, canonical_fingerprint(workspace, (dep_path, name), home))
            for dep_path, name in sorted(consulted) if dep_path != home]


def canonical_fingerprint(workspace: Workspace, dependency: Dependency, home: str) -> str:
    """The engine's fingerprint of ``dependency`` as a JSON text, which is how the cache stores and compares it.

    A module outside the checked folders (an installed package) joins the workspace only when an analysis looks it
    up; checking an entry must not add it (that would change what later analyses see), so it is read from disk. A
    module that was missing is fingerprinted by whether the project has it now."""
    path, name = dependency
    if path == MISSING_MODULE:
        # Whether the project itself now has that module: what the fallback located for it depends on which
        # lookups came first, and its files are fingerprinted on their own.
        return json.dumps(workspace.own_module(name))
    if path not in workspace.files:
        return json.dumps(_digest_on_disk(path))
    return json.dumps(fingerprint(workspace, dependency, home), separators=(",", ":"))


def _digest_on_disk(path: str) -> str | None:
    """What ``fingerprint`` gives for a file the workspace holds: the digest of its text (None if unreadable)."""
    try:
        with open(path, "rb") as handle:
            return text_digest(decode_source(handle.read()))
    except (OSError, UnicodeDecodeError, SyntaxError, LookupError):
        return None


def _location_to_json(location: Location) -> list:
    return [location.path, location.line, location.column, location.end_line, location.end_column]


def finding_to_json(finding: Finding) -> dict:
    return {"code": finding.code, "severity": int(finding.severity), "message": finding.message,
            "location": _location_to_json(finding.location),
            "related": [[_location_to_json(r.location), r.message] for r in finding.related],
            "data": finding.data}


def finding_from_json(data: dict) -> Finding:
    return Finding(str(data["code"]), Severity(data["severity"]), str(data["message"]), Location(*data["location"]),
                   tuple(Related(Location(*location), str(message)) for location, message in data["related"]),
                   dict(data["data"]))


def normalised(findings: list[Finding]) -> list[Finding]:
    """``findings`` as they come back from the cache (fix data through JSON), so that a fresh analysis and a cached
    one merge alike."""
    return [finding_from_json(json.loads(json.dumps(finding_to_json(f)))) for f in findings]


@functools.cache
def _code_digest() -> str:
    """A digest of the tool's own source: an engine change without a version bump must not reuse old results."""
    digest = hashlib.blake2b(digest_size=16)
    package = os.path.dirname(os.path.abspath(__file__))
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(f for f in filenames if f.endswith(".py")):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, package).encode())
            try:
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def cache_key(settings: Settings) -> str:
    """What every entry must have been written under: the format, the tool, the Python running it and the settings."""
    parts = [FORMAT, __version__, _code_digest(), list(sys.version_info[:2]), repr(settings)]
    return hashlib.blake2b(json.dumps(parts).encode(), digest_size=16).hexdigest()


class CheckCache:
    """Entries of one cache folder, read and written under one key."""

    def __init__(self, directory: str, key: str) -> None:
        self.directory = os.path.abspath(directory)
        self.key = key
        self._entries = os.path.join(self.directory, f"v{FORMAT}")
        self._ready = False

    @classmethod
    def for_settings(cls, directory: str, settings: Settings) -> "CheckCache":
        return cls(directory, cache_key(settings))

    def _entry_path(self, path: str) -> str:
        name = hashlib.blake2b(os.path.abspath(path).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self._entries, name[:2], name + ".json")

    def load(self, path: str) -> FileEntry | None:
        """The entry of ``path`` written under this key, or None (missing, unreadable, corrupt, foreign)."""
        try:
            with open(self._entry_path(path), encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("key") != self.key or data.get("path") != os.path.abspath(path):
                return None
            return FileEntry.from_json(data["entry"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def store(self, path: str, entry: FileEntry) -> None:
        """Write ``entry`` for ``path``; a cache that can't be written (read-only, full disk) is simply not written."""
        target = self._entry_path(path)
        text = json.dumps({"key": self.key, "path": os.path.abspath(path), "entry": entry.to_json()},
                          separators=(",", ":"))
        try:
            self._prepare()
            os.makedirs(os.path.dirname(target), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.chmod(temporary, _FILE_MODE)
                os.replace(temporary, target)  # atomic: readers see the old entry or the new one, never a mix
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        """The folder, with a ``.gitignore`` that keeps it out of version control and a CACHEDIR.TAG for backups."""
        if self._ready:
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.chmod(temporary, _FILE_MODE)
                os.replace(temporary, marker)
        self._ready = True


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
