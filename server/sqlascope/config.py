"""Settings: one typed model for ``[tool.sqlascope]``, the command line and the editor's settings.

Every setting is a row of ``OPTIONS``: its key (kebab-case, as in pyproject.toml; snake_case and camelCase
spellings are accepted too), what a value must be, and where it may appear. ``validate`` turns a raw mapping into
typed values or raises one ``ConfigError`` naming every problem: an unknown key (with a "did you mean"), a value
of the wrong type, an unknown rule code or prefix (with the valid codes). The valid codes are the caller's to give
(``rules.CODES``): settings sit below the rules in the layers."""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass, replace
from typing import Any, Callable, Collection, Mapping

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
    #: base URL of the rule pages; None links each diagnostic to the rule doc installed with the package
    docs_url: str | None = None

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
    """A setting is malformed; the message says which and why (every problem, one per line)."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class _Invalid(Exception):
    """A value is not what its option expects (the text says what it is instead)."""


# -- value types ------------------------------------------------------------------------------------------------
def _check_code(code: str, codes: Collection[str]) -> str:
    code = code.strip().upper()
    if not any(known.startswith(code) for known in codes):
        raise _Invalid(f"names an unknown rule code or prefix `{code}`; valid codes: {', '.join(sorted(codes))}")
    return code


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"must be a list of strings, not {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _codes(value: Any, codes: Collection[str]) -> tuple[str, ...]:
    return tuple(_check_code(code, codes) for code in _strings(value))


def _severities(value: Any, codes: Collection[str]) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, Mapping):
        raise _Invalid(f'must be a table of CODE = "error|warning|information|hint", not {value!r}')
    out = []
    for code, level in value.items():
        try:
            out.append((_check_code(str(code), codes), Severity.parse(str(level))))
        except KeyError:
            raise _Invalid(f"gives {code} an unknown level {level!r}: the severity of a code must be error, warning, "
                           "information or hint") from None
    return tuple(out)


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise _Invalid(f"must be a number of seconds (0 for unbounded), not {value!r}")
    return float(value)


def _statements(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Invalid(f"must be a whole number of statements (0 for unbounded), not {value!r}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"must be a number, not {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string, not {value!r}")
    return value


def _text_or_strings(value: Any) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else _strings(value)


def _url(value: Any) -> str:
    text = _text(value).strip()
    if "://" not in text:
        raise _Invalid(f"must be an absolute URL such as https://example.org/rules/, not {value!r}")
    return text


def _anything(value: Any) -> Any:
    return value


# -- the options ------------------------------------------------------------------------------------------------
PROJECT, EDITOR = "project", "editor"


@dataclass(frozen=True)
class Option:
    key: str  # kebab-case, as written in [tool.sqlascope]
    convert: Callable[..., Any]  # value (and the valid rule codes, when ``names_codes``) → typed value; raises _Invalid
    field: str | None = None  # the Settings field it fills; None: the language server or the editor reads it
    #: where it may be written: in pyproject.toml and the editor, or only in the editor's settings
    scopes: tuple[str, ...] = (PROJECT, EDITOR)
    names_codes: bool = False  # its value names rule codes, checked against the valid ones

    @property
    def spellings(self) -> tuple[str, ...]:
        head, *rest = self.key.split("-")
        return tuple(dict.fromkeys((self.key, self.key.replace("-", "_"), head + "".join(w.title() for w in rest))))


OPTIONS: tuple[Option, ...] = (
    Option("select", _codes, "select", names_codes=True),
    Option("ignore", _codes, "ignore", names_codes=True),
    Option("severity", _severities, "severity", names_codes=True),
    Option("session-helpers", _strings, "session_helpers"),
    Option("time-budget", _seconds, "time_budget"),
    Option("work-budget", _statements, "work_budget"),
    Option("extra-paths", _strings, "extra_paths"),
    Option("docs-url", _url, "docs_url"),
    # read by the language server (lsp/settings.py)
    Option("analyze-workspace", _boolean, scopes=(EDITOR,)),
    Option("log-level", _text, scopes=(EDITOR,)),
    Option("max-file-size", _number, scopes=(EDITOR,)),
    Option("python-path", _text_or_strings, scopes=(EDITOR,)),
    Option("environment", _text, scopes=(EDITOR,)),
    # the VS Code extension's own settings, which its workspace/configuration answer may carry along
    Option("enable", _anything, scopes=(EDITOR,)),
    Option("interpreter", _anything, scopes=(EDITOR,)),
    Option("import-strategy", _anything, scopes=(EDITOR,)),
    Option("path", _anything, scopes=(EDITOR,)),
    Option("trace", _anything, scopes=(EDITOR,)),
)


def _option_of(scope: str) -> dict[str, Option]:
    return {spelling: option for option in OPTIONS if scope in option.scopes for spelling in option.spellings}


def _unknown_key(key: str, known: dict[str, Option], origin: str) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"{origin}: unknown key `{key}`{hint}; known keys: {', '.join(sorted({o.key for o in known.values()}))}"


def validate(data: Mapping, codes: Collection[str], origin: str = "settings", scope: str = PROJECT) -> dict[str, Any]:
    """Typed values by option key (kebab-case) for the keys present in ``data``; raises ConfigError. ``codes``: the
    valid rule codes (a setting may name one of them or a prefix of some)."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{origin}: must be a table of settings, not {data!r}")
    known = _option_of(scope)
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, raw in data.items():
        option = known.get(str(key))
        if option is None:
            problems.append(_unknown_key(str(key), known, origin))
            continue
        try:
            values[option.key] = (None if raw is None else option.convert(raw, codes) if option.names_codes
                                  else option.convert(raw))
        except _Invalid as exc:
            problems.append(f"{origin}: `{key}` {exc}")
    if problems:
        raise ConfigError(problems)
    return values


def settings_from_mapping(data: Mapping, codes: Collection[str], origin: str = "settings",
                          scope: str = PROJECT) -> Settings:
    values = validate(data, codes, origin, scope)
    fields = {o.field: values[o.key] for o in OPTIONS if o.field and values.get(o.key) is not None}
    return Settings(**fields)


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


def load_settings(start: str, codes: Collection[str]) -> Settings:
    """``[tool.sqlascope]`` of the nearest pyproject.toml above ``start``; raises ConfigError."""
    path = find_pyproject(start)
    if path is None:
        return Settings()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read [tool.sqlascope]: {exc}") from None
    return settings_from_mapping(data.get("tool", {}).get("sqlascope", {}), codes, f"{path} [tool.sqlascope]")
