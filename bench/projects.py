#!/usr/bin/env python
"""Whole-project benchmark: `sqlascope check` on real folders against an `ast.parse` floor measured in the same run.

Usage: python bench/projects.py DIR... [--jobs N] [--skip-imports] [--json] [--timeout S]

For every DIR it prints: files and kLOC; the floor (read + ``ast.parse`` of every file, one process); the cold
check time (fresh cache when the CLI has one); the warm-cache time and the time after one file changed (only when
the CLI has a persistent cache: then the run works on a scratch copy of the project); each time's ratio to the
floor; peak RSS (summed over the check's process tree, sampled) and cores used (CPU seconds / wall seconds);
findings, SQS001 cut-offs and skipped files; and the share of the project's own imports that the index resolves.
It never asserts on times. Every check runs as ``python -m sqlascope check DIR --format json`` in a subprocess.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field

from sqlascope.analysis.index.workspace import discover_python_files, skipped_dir

#: Files that decide how a project's modules are found; copied with the sources into a scratch copy.
PROJECT_FILES = ("pyproject.toml", "setup.cfg", "setup.py")
#: What marks a project root when looking upwards from a checked folder.
ROOT_MARKERS = (*PROJECT_FILES, ".git")
#: The line appended to one file for the "one file changed" run: a new module-level name, a real edit.
EDIT_LINE = "\n_sqlascope_bench_edit = 1\n"


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    exit_code: int
    findings: int = 0
    cut_short: int = 0
    skipped: int = 0
    error: str = ""

    @property
    def cores(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


@dataclass
class ProjectFigures:
    path: str
    files: int
    lines: int
    floor_seconds: float
    floor_cpu_seconds: float = 0.0
    cold: Run | None = None
    warm: Run | None = None
    changed: Run | None = None
    changed_file: str = ""
    imports: dict = field(default_factory=dict)


# -- the floor ----------------------------------------------------------------------------------------------
def ast_floor(files: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds to read and parse every file in this process, and the number of lines read."""
    lines = 0
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            lines += data.count(b"\n") + 1
            ast.parse(data, filename=path)
        except (SyntaxError, ValueError, OSError):
            continue
    return time.perf_counter() - start, time.process_time() - cpu, lines


# -- a measured check ---------------------------------------------------------------------------------------
def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (0 once it has gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def _count_output(stdout: str, stderr: str) -> tuple[int, int, int]:
    """(findings, SQS001 cut-offs, skipped files) from the JSON output; lenient about its shape."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return 0, 0, 0
    rows = data.get("findings", []) if isinstance(data, dict) else data
    skipped = data.get("skipped") if isinstance(data, dict) else None
    codes = [row.get("code") for row in rows if isinstance(row, dict)]
    skipped_count = len(skipped) if isinstance(skipped, list) else sum(1 for line in stderr.splitlines() if line.strip())
    return len(codes), codes.count("SQS001"), skipped_count


def run_check(directory: str, extra: list[str], timeout: float, cwd: str | None = None) -> Run:
    command = [sys.executable, "-m", "sqlascope", "check", directory, "--format", "json", *extra]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        error = ""
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        error = f"timed out after {timeout:g} s"
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return _finish(Run(seconds, 0.0, peak[0] / 1024, process.returncode, error=error), stdout, stderr)


def _finish(run: Run, stdout: str, stderr: str) -> Run:
    run.findings, run.cut_short, run.skipped = _count_output(stdout, stderr)
    if run.exit_code not in (0, 1) and not run.error:
        run.error = (stderr.strip().splitlines() or [f"exit {run.exit_code}"])[-1][:200]
    return run


def measured_check(directory: str, extra: list[str], timeout: float, cwd: str | None = None) -> Run:
    import resource

    # The reaped child's CPU time (and that of the children it waited for) lands in RUSAGE_CHILDREN.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = run_check(directory, extra, timeout, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run


def cli_has_cache() -> bool:
    help_text = subprocess.run([sys.executable, "-m", "sqlascope", "check", "--help"], capture_output=True,
                               text=True).stdout
    return "--cache-dir" in help_text


# -- the scratch copy for cached runs -----------------------------------------------------------------------
def project_root(directory: str) -> str:
    """The nearest folder at or above ``directory`` that looks like a project root (else the folder itself)."""
    current = os.path.abspath(directory)
    while True:
        if any(os.path.exists(os.path.join(current, marker)) for marker in ROOT_MARKERS):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return os.path.abspath(directory)
        current = parent


def scratch_copy(directory: str, into: str) -> str:
    """Copy the project's Python sources and build files (not the rest) into ``into``; the copied ``directory``."""
    root = project_root(directory)
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not skipped_dir(d)]
        relative = os.path.relpath(folder, root)
        wanted = [f for f in filenames if f.endswith(".py") or f in PROJECT_FILES]
        if wanted:
            os.makedirs(os.path.join(into, relative), exist_ok=True)
        for name in wanted:
            shutil.copyfile(os.path.join(folder, name), os.path.join(into, relative, name))
    return os.path.normpath(os.path.join(into, os.path.relpath(os.path.abspath(directory), root)))


def file_to_change(files: list[str]) -> str:
    """A deterministic, realistic edit target: the largest file that mentions a session (else the largest)."""
    def size(path: str) -> int:
        return os.path.getsize(path)

    with_session = []
    for path in files:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                if "session" in handle.read():
                    with_session.append(path)
        except OSError:
            continue
    return max(with_session or files, key=lambda p: (size(p), p))


# -- imports the project makes of itself --------------------------------------------------------------------
def own_imports_resolved(directory: str, files: list[str]) -> dict:
    """How many of the project's imports of its own modules the index resolves to a file or package.

    "Own" is decided without the resolver under test, by where Python would look with the project installed or run
    from its root: an import is the project's own when it is relative, or when its module exists (``a/b/c.py``,
    ``a/b/c/__init__.py`` or a folder ``a/b/c``) under the project root, its ``src/`` folder, or the folder holding
    a checked file's top package; standard-library names are never the project's (they come first on sys.path).
    """
    from sqlascope.check import default_workspace

    root = project_root(directory)
    roots = {root, os.path.join(root, "src"), *(_top_package_parent(path) for path in files)}
    own_modules = set().union(*(modules_under(r) for r in sorted(roots) if os.path.isdir(r)))
    stdlib = set(getattr(sys, "stdlib_module_names", ()))
    workspace = default_workspace([directory])
    for path in files:
        workspace.add_file(path)
    total = resolved = 0
    unresolved: dict[str, int] = {}
    for path in files:
        tree = workspace.files[path].tree
        if tree is None:
            continue
        for node in ast.walk(tree):
            for module, level in _imported_modules(node):
                if level == 0 and (module not in own_modules or module.split(".")[0] in stdlib):
                    continue
                total += 1
                absolute = workspace.absolute_module(module, level, path)
                if _resolves(workspace, absolute, path):
                    resolved += 1
                else:
                    unresolved[absolute] = unresolved.get(absolute, 0) + 1
    worst = sorted(unresolved.items(), key=lambda item: (-item[1], item[0]))[:5]
    return {"own": total, "resolved": resolved, "share": resolved / total if total else 1.0, "unresolved": worst}


def _top_package_parent(path: str) -> str:
    """The folder above the outermost regular package (chain of ``__init__.py``) holding ``path``."""
    directory = os.path.dirname(os.path.abspath(path))
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory = os.path.dirname(directory)
    return directory


def modules_under(root: str) -> set[str]:
    """Every dotted name importable from ``root`` as a sys.path entry: modules, packages, namespace folders."""
    names: set[str] = set()
    for folder, dirnames, filenames in os.walk(root):
        parts = [] if folder == root else os.path.relpath(folder, root).split(os.sep)
        dirnames[:] = [d for d in dirnames if not skipped_dir(d) and d.isidentifier()]
        prefix = ".".join(parts)
        if prefix:
            names.add(prefix)
        names.update(".".join([*parts, f[:-3]]) for f in filenames
                     if f.endswith(".py") and f != "__init__.py" and f[:-3].isidentifier())
    return names


def _imported_modules(node: ast.AST) -> list[tuple[str, int]]:
    if isinstance(node, ast.Import):
        return [(alias.name, 0) for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [(node.module or "", node.level)]
    return []


def _resolves(workspace, module: str, importer: str) -> bool:
    if not module:
        return False
    return workspace.find_module(module, importer) is not None


# -- one project --------------------------------------------------------------------------------------------
def measure(directory: str, args: argparse.Namespace, cached: bool) -> ProjectFigures:
    files = discover_python_files([directory])
    floor, floor_cpu, lines = ast_floor(files)
    figures = ProjectFigures(os.path.abspath(directory), len(files), lines, floor, floor_cpu)
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    if not cached:
        figures.cold = measured_check(directory, jobs, args.timeout)
    else:
        with tempfile.TemporaryDirectory(prefix="sqlascope-bench-") as scratch:
            copy = scratch_copy(directory, os.path.join(scratch, "project"))
            cache = ["--cache-dir", os.path.join(scratch, "cache")]
            figures.cold = measured_check(copy, jobs + cache, args.timeout)
            figures.warm = measured_check(copy, jobs + cache, args.timeout)
            changed = file_to_change(discover_python_files([copy]))
            figures.changed_file = os.path.relpath(changed, copy)
            with open(changed, "a", encoding="utf-8") as handle:
                handle.write(EDIT_LINE)
            figures.changed = measured_check(copy, jobs + cache, args.timeout)
    if not args.skip_imports:
        figures.imports = own_imports_resolved(directory, files)
    return figures


def _ratio(run: Run | None, floor: float) -> str:
    return f"{run.seconds / floor:.1f}x" if run and floor else "-"


def _seconds(run: Run | None) -> str:
    return f"{run.seconds:.1f}" if run else "-"


def _short(path: str) -> str:
    """The last two components of a path: `prefect/prefect`, `full-stack-fastapi-template/backend`."""
    return os.sep.join(os.path.normpath(path).split(os.sep)[-2:])


def report(all_figures: list[ProjectFigures]) -> str:
    header = ("| project | files | kLOC | ast floor s | cold s | × floor | cold CPU s | × floor CPU | warm s | × floor "
              "| 1 changed s | × floor | peak RSS MB | cores | findings | SQS001 | skipped | own imports resolved |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for f in all_figures:
        cold = f.cold
        imports = f"{f.imports['resolved']}/{f.imports['own']} ({100 * f.imports['share']:.1f} %)" if f.imports else "-"
        rss = max((r.peak_rss_mb for r in (f.cold, f.warm, f.changed) if r), default=0)
        lines.append(
            f"| {_short(f.path)} | {f.files} | {f.lines / 1000:.1f} | {f.floor_seconds:.2f} "
            f"| {_seconds(cold)} | {_ratio(cold, f.floor_seconds)} | {cold.cpu_seconds:.1f} "
            f"| {cold.cpu_seconds / f.floor_cpu_seconds if f.floor_cpu_seconds else 0:.1f}x | {_seconds(f.warm)} | {_ratio(f.warm, f.floor_seconds)} "
            f"| {_seconds(f.changed)} | {_ratio(f.changed, f.floor_seconds)} | {rss:.0f} | {cold.cores:.2f} "
            f"| {cold.findings} | {cold.cut_short} | {cold.skipped} | {imports} |"
        )
    for f in all_figures:
        for label, run in (("cold", f.cold), ("warm", f.warm), ("changed", f.changed)):
            if run and run.error:
                lines.append(f"{f.path}: {label} run: {run.error}")
        if f.imports and f.imports["unresolved"]:
            worst = ", ".join(f"{name} ×{count}" for name, count in f.imports["unresolved"])
            lines.append(f"{f.path}: most frequent unresolved own imports: {worst}")
        if f.changed_file:
            lines.append(f"{f.path}: changed file: {f.changed_file}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", help="project folders to check")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to the check (when the CLI has it)")
    parser.add_argument("--skip-imports", action="store_true", help="don't measure own-import resolution")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one check may run (default 3600)")
    args = parser.parse_args(argv)
    cached = cli_has_cache()
    figures = []
    for directory in args.dirs:
        figures.append(measure(directory, args, cached))
        print(report(figures[-1:]).splitlines()[2], file=sys.stderr, flush=True)  # progress, one row per project
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end; "
          f"persistent cache: {'yes' if cached else 'no'}. CPU columns count the check's processes' CPU time, "
          "which a shared machine inflates less than wall time.")
    print(report(figures))
    if args.json:
        print(json.dumps([asdict(f) for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
