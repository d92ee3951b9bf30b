"""Where a project's own modules are imported from: its sys.path-like roots, as Python would have them.

With the project installed (or run from its root), Python finds its modules under the folders its build
configuration declares (setuptools ``package-dir`` / ``packages.find``, hatch ``packages`` / ``sources``,
poetry ``packages.from``, pdm ``package-dir``, setup.cfg ``package_dir``), else under ``src/`` when there is one,
and under the project root itself; plus whatever the user adds with the ``extra-paths`` setting.
"""

from __future__ import annotations

import configparser
import os
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Files (or folders) that mark a project root when looking upwards from a checked folder.
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def find_project_root(start: str) -> str:
    """The nearest folder at or above ``start`` that looks like a project root (``start`` itself if none does)."""
    start = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start))
    current = start
    while True:
        if any(os.path.exists(os.path.join(current, marker)) for marker in ROOT_MARKERS):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return start
        current = parent


def _pyproject_roots(data: dict) -> list[str]:
    """Folders (relative to the project root) that pyproject.toml's build settings import packages from."""
    tool = data.get("tool", {}) if isinstance(data.get("tool"), dict) else {}
    roots: list[str] = []
    setuptools = tool.get("setuptools", {}) or {}
    package_dir = setuptools.get("package-dir", {}) or {}
    if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
        roots.append(package_dir[""])
    find = (setuptools.get("packages", {}) or {}) if isinstance(setuptools.get("packages"), dict) else {}
    where = (find.get("find", {}) or {}).get("where", []) if isinstance(find.get("find"), dict) else []
    roots.extend(w for w in ([where] if isinstance(where, str) else where) if isinstance(w, str))
    hatch_wheel = (((tool.get("hatch", {}) or {}).get("build", {}) or {}).get("targets", {}) or {}).get("wheel", {}) or {}
    hatch_build = ((tool.get("hatch", {}) or {}).get("build", {}) or {})
    for table in (hatch_build, hatch_wheel):
        for package in table.get("packages", []) or []:
            if isinstance(package, str):
                roots.append(os.path.dirname(package.rstrip("/")) or ".")
        sources = table.get("sources")
        if isinstance(sources, list):
            roots.extend(s for s in sources if isinstance(s, str))
        elif isinstance(sources, dict):  # {"src/pkg" = "pkg"}: the prefix removed is a root
            roots.extend(k for k, v in sources.items() if isinstance(k, str) and v in ("", None))
    for package in (tool.get("poetry", {}) or {}).get("packages", []) or []:
        if isinstance(package, dict) and isinstance(package.get("from"), str):
            roots.append(package["from"])
    pdm_dir = ((tool.get("pdm", {}) or {}).get("build", {}) or {}).get("package-dir")
    if isinstance(pdm_dir, str):
        roots.append(pdm_dir)
    return roots


def _setup_cfg_roots(path: str) -> list[str]:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return []
    roots = []
    for line in parser.get("options", "package_dir", fallback="").splitlines():
        key, _, value = line.partition("=")
        if value.strip() and not key.strip():  # `= src`: the root package folder
            roots.append(value.strip())
    roots.extend(parser.get("options.packages.find", "where", fallback="").split())
    return roots


def declared_roots(project_root: str) -> list[str]:
    """The import roots the project's build configuration declares, as absolute folders that exist."""
    relative: list[str] = []
    pyproject = os.path.join(project_root, "pyproject.toml")
    if os.path.isfile(pyproject):
        try:
            with open(pyproject, "rb") as handle:
                relative.extend(_pyproject_roots(tomllib.load(handle)))
        except (OSError, tomllib.TOMLDecodeError, AttributeError, TypeError):
            pass  # a broken pyproject.toml leaves the conventional roots
    setup_cfg = os.path.join(project_root, "setup.cfg")
    if os.path.isfile(setup_cfg):
        relative.extend(_setup_cfg_roots(setup_cfg))
    found = [os.path.normpath(os.path.join(project_root, r)) for r in relative]
    return [r for r in dict.fromkeys(found) if os.path.isdir(r)]


def module_roots(start: str, extra_paths: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The project's import roots, first match first: ``extra-paths`` (relative to the project root), the declared
    roots (else ``src/`` when it exists), then the project root."""
    root = find_project_root(start)
    extra = [os.path.normpath(os.path.join(root, os.path.expanduser(p))) for p in extra_paths]
    declared = declared_roots(root)
    if not declared and os.path.isdir(os.path.join(root, "src")):
        declared = [os.path.join(root, "src")]
    return tuple(dict.fromkeys(r for r in (*extra, *declared, root) if os.path.isdir(r)))
