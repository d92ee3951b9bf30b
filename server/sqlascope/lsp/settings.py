"""Editor settings layered over the project's ``[tool.sqlascope]``."""

from __future__ import annotations

from typing import Any

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
                       session_helpers=over.session_helpers)


def project_settings(root: str | None) -> Settings:
    """``[tool.sqlascope]`` of the workspace's pyproject; raises ConfigError."""
    return load_settings(root) if root else Settings()


__all__ = ["SECTION", "ConfigError", "layer", "project_settings", "unwrap"]
