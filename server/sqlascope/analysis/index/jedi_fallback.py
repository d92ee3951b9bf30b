"""jedi as the fallback resolver: where does a module outside the workspace live?

The workspace index resolves workspace imports from syntax trees alone; jedi is asked only for modules it
cannot find (site-packages, the user's environment). jedi reads files; it never imports the user's code.
jedi is not thread-safe, so one locator must only be used from one thread.
"""

from __future__ import annotations

import os
from typing import Callable

from .module_roots import module_roots
from .workspace import Workspace


def jedi_module_locator(project_root: str, environment_path: str | None = None) -> Callable[[str, str], str | None]:
    import jedi

    try:
        environment = jedi.create_environment(environment_path, safe=False) if environment_path else None
    except Exception:  # a missing or broken interpreter must not stop the analysis
        environment = None
    project = jedi.Project(project_root, environment_path=environment_path if environment else None)

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
