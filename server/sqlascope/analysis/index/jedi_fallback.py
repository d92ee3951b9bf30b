"""jedi as the fallback resolver: where does a module outside the workspace live?

The workspace index resolves workspace imports from syntax trees alone; jedi is asked only for modules it
cannot find (site-packages, the user's environment). jedi reads files; it never imports the user's code.
jedi is not thread-safe, so one locator must only be used from one thread.
"""

from __future__ import annotations

import os
import weakref
from typing import Callable

from .module_roots import module_roots
from .workspace import Workspace

#: jedi projects and environments the locators use (weakly): a forked process must not share their helper processes.
_IN_USE: list[weakref.ref] = []
#: A forked process's copies of its parent's jedi helper processes, kept so that collecting them never kills the
#: parent's (jedi kills its helper when the object holding it is collected).
_PARENTS_HELPERS: list = []


def _own_helpers_after_fork() -> None:
    """In a forked process (``check --jobs``): jedi talks to a helper process over pipes, and the fork copied the
    parent's pipes. Two processes speaking on one pipe garble each other's answers (jedi then finds nothing), so the
    child forgets the parent's helper and starts its own on first use."""
    environments = [*_cached_default_environments(), *(ref() for ref in _IN_USE)]
    for thing in environments:
        environment = getattr(thing, "_environment", thing)  # a Project holds its environment
        helper = getattr(environment, "_subprocess", None)
        if helper is not None:
            _PARENTS_HELPERS.append(helper)
            environment._subprocess = None


def _cached_default_environments() -> list:
    """The default environments jedi has cached, read without calling it. Asking jedi for it could compute it
    again once its cache has aged (ten minutes), which drops the cached one: its helper's finalizer then kills the
    parent's helper process and waits for a reader thread that the forked child does not have, for ever."""
    import jedi.api.environment as jedi_environment

    for cell in getattr(jedi_environment._get_cached_default_environment, "__closure__", None) or ():
        cached = cell.cell_contents
        if isinstance(cached, dict):  # jedi.cache.time_cache's {key: (created, environment)}
            return [entry[1] for entry in cached.values() if isinstance(entry, tuple) and len(entry) == 2]
    return []


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _own_helpers_after_fork() if _IN_USE else None)


def jedi_module_locator(project_root: str, environment_path: str | None = None) -> Callable[[str, str], str | None]:
    import jedi

    try:
        environment = jedi.create_environment(environment_path, safe=False) if environment_path else None
    except Exception:  # a missing or broken interpreter must not stop the analysis
        environment = None
    project = jedi.Project(project_root, environment_path=environment_path if environment else None)
    _IN_USE[:] = [ref for ref in _IN_USE if ref() is not None]
    _IN_USE.extend(weakref.ref(thing) for thing in (project, environment) if thing is not None)

    def locate(module: str, importer: str) -> str | None:
        code = f"import {module}"
        try:
            script = jedi.Script(code=code, path=importer, project=project, environment=environment)
            names = script.goto(1, len(code), follow_imports=True)
        except Exception:  # jedi raises on some caches and inputs; an unresolved name is simply unknown
            return None
        for name in names:
            path = name.module_path
            if path is not None and str(path).endswith(".py") and os.path.isfile(path):
                return str(path)
        return None

    return locate


def workspace_resolving_installed(project_root: str, environment_path: str | None = None,
                                  extra_paths: tuple[str, ...] = ()) -> Workspace:
    """A workspace that finds the project's own modules under its import roots (see module_roots) and whose
    imports of installed packages resolve through jedi, in ``environment_path`` (an interpreter or a
    virtualenv) or, without one, this interpreter's environment."""
    return Workspace(fallback=jedi_module_locator(project_root, environment_path),
                     search_roots=module_roots(project_root, extra_paths))
