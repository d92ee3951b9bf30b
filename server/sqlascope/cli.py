"""``sqlascope check`` and ``sqlascope serve``."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .analysis.findings import Severity
from .check import CheckResult, check_paths
from .cache import DEFAULT_CACHE_DIR, default_cache_dir
from .config import ConfigError, load_settings
from .parallel import available_cores

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (text or "").split(",") if c.strip())


def _relative(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def render_text(result: CheckResult) -> str:
    lines = []
    for f in result.findings:
        loc = f.location
        lines.append(f"{_relative(loc.path)}:{loc.line}:{loc.column + 1}: {f.code} {f.message}")
        for related in f.related:
            r = related.location
            lines.append(f"    {_relative(r.path)}:{r.line}:{r.column + 1}: {related.message}")
    for skipped in result.skipped:
        lines.append(f"{_relative(skipped.path)}:{skipped.line}:1: {skipped.reason}")
    for error in result.internal_errors:
        lines.append(f"{_relative(error.path)}:1:1: {error.reason}")
    problems = _problems(result)
    errors = sum(1 for f in problems if f.severity is Severity.ERROR)
    warnings = len(problems) - errors
    notices = len(result.findings) - len(problems)
    lines.append(
        f"Found {len(problems)} problem{'s' if len(problems) != 1 else ''} "
        f"({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}) "
        f"in {result.files} file{'s' if result.files != 1 else ''}"
        + (f"; {notices} notice{'s' if notices != 1 else ''}" if notices else "")
        + (f"; {len(result.skipped)} skipped" if result.skipped else "")
    )
    return "\n".join(lines)


def render_json(result: CheckResult) -> str:
    rows = []
    for f in result.findings:
        loc = f.location
        rows.append({
            "path": _relative(loc.path),
            "line": loc.line,
            "column": loc.column + 1,
            "end_line": loc.end_line,
            "end_column": loc.end_column + 1,
            "code": f.code,
            "severity": f.severity.label,
            "message": f.message,
            "related": [
                {"path": _relative(r.location.path), "line": r.location.line, "column": r.location.column + 1,
                 "message": r.message}
                for r in f.related
            ],
        })
    return json.dumps(rows, indent=2)


def _check(args: argparse.Namespace) -> int:
    paths = args.paths or ["."]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        print(f"sqlascope: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
    try:
        settings = load_settings(paths[0]).merged(select=_codes(args.select), ignore=_codes(args.ignore))
    except ConfigError as exc:
        print(f"sqlascope: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print("sqlascope: --jobs must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    jobs = args.jobs or available_cores()
    result = check_paths(paths, settings, jobs=jobs, cache_dir=None if args.no_cache else _cache_dir(args, paths[0]))
    if args.fix or args.diff:
        return _fix(result, write=args.fix and not args.diff)
    print(render_json(result) if args.format == "json" else render_text(result))
    if result.skipped and args.format == "json":
        for skipped in result.skipped:
            print(f"{_relative(skipped.path)}:{skipped.line}: {skipped.reason}", file=sys.stderr)
    if result.internal_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if _problems(result) else EXIT_CLEAN


def _cache_dir(args: argparse.Namespace, first_path: str) -> str:
    return args.cache_dir or default_cache_dir(first_path)


def _problems(result: CheckResult) -> list:
    """Errors and warnings: what fails a CI run. Information and hints (an SQS001 notice) are shown only."""
    return [f for f in result.findings if f.severity >= Severity.WARNING]


def _fix(result: CheckResult, write: bool) -> int:
    from .analysis.index.workspace import Workspace
    from .fixes.apply import plan_fixes

    source_of = Workspace().source
    plan = plan_fixes(result.findings, source_of)
    if write:
        for path, text in plan.new_texts.items():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    else:
        print(plan.diff(lambda path: source_of(path).text, _relative), end="")
    for finding, title in plan.fixed:
        loc = finding.location
        print(f"{_relative(loc.path)}:{loc.line}:{loc.column + 1}: {finding.code} {'fixed' if write else 'would fix'}: {title}")
    for finding, reason in plan.unfixable:
        loc = finding.location
        print(f"{_relative(loc.path)}:{loc.line}:{loc.column + 1}: {finding.code} not fixed: {reason}")
    verb = "Fixed" if write else "Would fix"
    print(f"{verb} {len(plan.fixed)} of {len(result.findings)} findings; {len(plan.unfixable)} left as they are")
    return EXIT_FINDINGS if plan.unfixable or not write and plan.fixed else EXIT_CLEAN


def _serve(args: argparse.Namespace) -> int:
    try:
        from .lsp.server import main as serve_main
    except ImportError as exc:  # the LSP layer lands with the language-server issue
        print(f"sqlascope: the language server is not available: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return serve_main(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sqlascope", description="Find SQLAlchemy session-lifecycle bugs before they run.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="analyse files or folders and report findings")
    check.add_argument("paths", nargs="*", help="files or folders (default: .)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to report")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--fix", action="store_true", help="apply the preferred fix of each finding")
    check.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; write nothing")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="analyse in N processes (default: one per available core); the output does not depend on N")
    check.add_argument("--no-cache", action="store_true",
                       help=f"neither read nor write the persistent cache ({DEFAULT_CACHE_DIR}/)")
    check.add_argument("--cache-dir", metavar="DIR",
                       help=f"where the persistent cache lives (default: {DEFAULT_CACHE_DIR}/ in the project folder)")
    check.set_defaults(handler=_check)
    serve = commands.add_parser("serve", help="run the language server over stdio")
    serve.add_argument("--tcp", help="HOST:PORT to listen on instead of stdio (debugging)")
    serve.set_defaults(handler=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except BrokenPipeError:  # `sqlascope check | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
