"""Settings: rule selection and severity overrides, from ``[tool.sqlascope]`` and the command line / editor."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace

from .analysis.findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # code prefixes; empty means every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # code → severity override
    #: extra names of session-helper context managers / decorators (compiled or unresolvable helpers)
    session_helpers: tuple[str, ...] = ()
    #: seconds one file's analysis may take in the language server (a guard; `check` has no clock): None leaves
    #: the default, 0 means no clock
    time_budget: float | None = None
    #: statements one file's analysis may evaluate: None leaves the engine's default, 0 means unbounded
    work_budget: int | None = None
    #: folders (relative to the project root) where the project's own modules are also imported from
    extra_paths: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def severity_for(self, code: str, default: Severity) -> Severity:
        for prefix, severity in self.severity:
            if code.startswith(prefix):
                return severity
        return default

    def merged(self, **overrides) -> "Settings":
        clean = {k: v for k, v in overrides.items() if v not in (None, (), [])}
        return replace(self, **clean)


class ConfigError(ValueError):
    """A setting is malformed; the message says which and why."""


def _codes(value, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of rule codes")
    return tuple(v.strip().upper() for v in value if v.strip())


def _paths(value, origin: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{origin}: `extra-paths` must be a list of folders")
    return tuple(v for v in value if v.strip())


def settings_from_mapping(data: dict, origin: str = "settings") -> Settings:
    severity: list[tuple[str, Severity]] = []
    raw = data.get("severity", {}) or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: `severity` must be a table of CODE = \"error|warning|information|hint\"")
    for code, level in raw.items():
        try:
            severity.append((code.upper(), Severity.parse(str(level))))
        except KeyError:
            raise ConfigError(f"{origin}: severity of {code} must be error, warning, information or hint") from None
    budget = data.get("time-budget", data.get("time_budget", data.get("timeBudget")))
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, (int, float)) or budget < 0):
        raise ConfigError(f"{origin}: `time-budget` must be a number of seconds (0 for unbounded), not {budget!r}")
    work = data.get("work-budget", data.get("work_budget", data.get("workBudget")))
    if work is not None and (isinstance(work, bool) or not isinstance(work, int) or work < 0):
        raise ConfigError(f"{origin}: `work-budget` must be a whole number of statements (0 for unbounded), not {work!r}")
    return Settings(
        time_budget=float(budget) if budget is not None else None,
        work_budget=work,
        select=_codes(data.get("select", []), f"{origin}: select"),
        ignore=_codes(data.get("ignore", []), f"{origin}: ignore"),
        severity=tuple(severity),
        extra_paths=_paths(data.get("extra-paths", data.get("extra_paths", data.get("extraPaths", []))), origin),
        session_helpers=tuple(data.get("session-helpers", data.get("session_helpers", data.get("sessionHelpers", []))) or ()),
    )


def find_pyproject(start: str) -> str | None:
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start))
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_settings(start: str) -> Settings:
    path = find_pyproject(start)
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read [tool.sqlascope]: {exc}") from None
    return settings_from_mapping(data.get("tool", {}).get("sqlascope", {}), path)
