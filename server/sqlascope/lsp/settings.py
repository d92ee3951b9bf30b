"""Editor settings layered over the project's ``[tool.sqlascope]``."""

from __future__ import annotations

import os
from typing import Any

from ..analysis.index.source import MAX_SOURCE_BYTES
from ..config import ConfigError, Settings, load_settings, settings_from_mapping

SECTION = "sqlascope"


def unwrap(value: Any) -> dict:
    """Accept ``{"select": ...}`` or ``{"sqlascope": {"select": ...}}``; anything else counts as no settings."""
    if not isinstance(value, dict):
        return {}
    inner = value.get(SECTION)
    return dict(inner) if isinstance(inner, dict) else dict(value)


def layer(base: Settings, editor: dict) -> Settings:
    """``editor`` (initializationOptions / workspace configuration) over ``base``; raises ConfigError."""
    over = settings_from_mapping(editor, "editor settings")
    return base.merged(select=over.select, ignore=over.ignore, severity=over.severity,
                       session_helpers=over.session_helpers, time_budget=over.time_budget,
                       work_budget=over.work_budget)


#: ``logLevel`` → the highest window/logMessage type sent (Error=1 … Debug=5).
LOG_LEVELS = {"error": 1, "warning": 2, "warn": 2, "info": 3, "debug": 5}
DEFAULT_LOG_LEVEL = "info"


def log_level(editor: dict) -> tuple[int, str | None]:
    """The message-type threshold for ``logLevel``, and a complaint when the value is not understood."""
    raw = editor.get("logLevel", editor.get("log_level", DEFAULT_LOG_LEVEL))
    level = LOG_LEVELS.get(str(raw).strip().lower()) if raw is not None else LOG_LEVELS[DEFAULT_LOG_LEVEL]
    if level is None:
        return LOG_LEVELS[DEFAULT_LOG_LEVEL], f"logLevel must be error, warning, info or debug, not {raw!r}"
    return level, None


#: ``maxFileSize`` (bytes of UTF-8): larger documents are not analysed. The default is the engine's own limit
#: (the one ``sqlascope check`` applies); above it the engine still skips the file.
DEFAULT_MAX_FILE_SIZE = MAX_SOURCE_BYTES


def max_file_size(editor: dict) -> tuple[int, str | None]:
    """The ``maxFileSize`` limit in bytes, and a complaint when the value is not understood."""
    raw = editor.get("maxFileSize", editor.get("max_file_size", editor.get("max-file-size")))
    if raw is None:
        return DEFAULT_MAX_FILE_SIZE, None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw <= 0:
        return DEFAULT_MAX_FILE_SIZE, f"maxFileSize must be a positive number of bytes, not {raw!r}"
    if raw > MAX_SOURCE_BYTES:
        return MAX_SOURCE_BYTES, (f"maxFileSize {int(raw)} is above the analyzer's own limit of {MAX_SOURCE_BYTES} "
                                  "bytes: larger files are still skipped")
    return int(raw), None


def environment(editor: dict, root: str | None) -> str | None:
    """The user's Python (``pythonPath``: an interpreter; ``environment``: an interpreter or a virtualenv
    directory) whose site-packages resolve imports; relative paths are taken from the workspace root."""
    for key in ("pythonPath", "python_path", "environment"):
        value = editor.get(key)
        if isinstance(value, str) and value.strip():
            path = os.path.expanduser(os.path.expandvars(value.strip()))
            return os.path.abspath(os.path.join(root or os.getcwd(), path))
    return None


def project_settings(root: str | None) -> Settings:
    """``[tool.sqlascope]`` of the workspace's pyproject; raises ConfigError."""
    return load_settings(root) if root else Settings()


__all__ = ["DEFAULT_MAX_FILE_SIZE", "SECTION", "ConfigError", "environment", "layer", "log_level", "max_file_size",
           "project_settings", "unwrap"]


def is_pyproject(uri_or_path: str) -> bool:
    return uri_or_path.rstrip("/").endswith("/pyproject.toml") or uri_or_path == "pyproject.toml"
