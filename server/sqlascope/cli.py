"""The command line: ``sqlascope check``, ``sqlascope rule`` and ``sqlascope serve``.

Exit codes (ruff's and pyright's conventions): 0 nothing found; 1 findings (errors or warnings); 2 a usage,
configuration or internal error, or no Python file was analysed."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import fields
from typing import Any

from . import __version__
from .cache import DEFAULT_CACHE_DIR, default_cache_dir
from .check import check_paths
from .config import ConfigError, load_settings, settings_from_mapping
from .formats import FORMATS, Report
from .rules import CODES
from .formats.model import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, plural, relative
from .formats.text import use_color
from .parallel import available_cores

#: Command-line flags that set a configuration option: flag → (option key, how the flag's text becomes a value).
#: Each goes through the same typed model as ``[tool.sqlascope]`` and the editor's settings.
SETTING_FLAGS: dict[str, tuple[str, Any]] = {
    "--select": ("select", lambda text: [c for c in text.split(",") if c.strip()]),
    "--ignore": ("ignore", lambda text: [c for c in text.split(",") if c.strip()]),
    "--time-budget": ("time-budget", float),
    "--work-budget": ("work-budget", int),
    "--docs-url": ("docs-url", str),
}

_SETTING_HELP = {
    "--select": "comma-separated rule codes or prefixes to report (e.g. SQS1,SQS001)",
    "--ignore": "comma-separated rule codes or prefixes to skip",
    "--time-budget": "language server only: a clock guard in seconds per file (0: none)",
    "--work-budget": "statements the analysis of one file may evaluate (0: unbounded); the same result on any machine",
    "--docs-url": "base URL of the rule pages that findings link to (default: the docs installed with sqlascope)",
}


def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def _settings(args: argparse.Namespace, start: str):
    """``[tool.sqlascope]`` with the command line's settings over it; raises ConfigError."""
    settings = load_settings(start, CODES)
    problems: list[str] = []
    for flag, (key, parse) in SETTING_FLAGS.items():
        text = getattr(args, _dest(flag))
        if text is None:
            continue
        try:
            over = settings_from_mapping({key: parse(text)}, CODES, flag)
        except ValueError as exc:  # ConfigError included
            problems.extend(exc.problems if isinstance(exc, ConfigError) else [f"{flag}: not a valid value: {text!r}"])
            continue
        settings = settings.merged(**{f.name: getattr(over, f.name) for f in fields(over)})
    if problems:
        raise ConfigError(problems)
    return settings


def _check(args: argparse.Namespace) -> int:
    paths = args.paths or ["."]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        print(f"sqlascope: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
    try:
        settings = _settings(args, paths[0])
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"sqlascope: {problem}", file=sys.stderr)
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print("sqlascope: --jobs must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    from .analysis.index.workspace import Workspace
    from .progress import Progress

    progress = Progress()
    try:
        result = check_paths(paths, settings, jobs=args.jobs or available_cores(),
                             cache_dir=None if args.no_cache else args.cache_dir or default_cache_dir(paths[0]),
                             progress=progress)
    finally:
        progress.close()
    report = Report(result, Workspace().source, settings.docs_url, color=use_color(sys.stdout))
    if args.fix or args.diff:
        return _fix(report, write=args.fix and not args.diff)
    print(FORMATS[args.format](report))
    return report.exit_code


def _fix(report: Report, write: bool) -> int:
    from .fixes.apply import plan_fixes

    result = report.result
    plan = plan_fixes(result.findings, report.source_of)
    if write:
        for path, text in plan.new_texts.items():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    else:
        print(plan.diff(lambda path: report.source_of(path).text, relative), end="")
    for finding, title in plan.fixed:
        loc = finding.location
        print(f"{relative(loc.path)}:{loc.line}:{loc.column + 1}: {finding.code} {'fixed' if write else 'would fix'}: {title}")
    for finding, reason in plan.unfixable:
        loc = finding.location
        print(f"{relative(loc.path)}:{loc.line}:{loc.column + 1}: {finding.code} not fixed: {reason}")
    if not plan.new_texts:
        print(f"{'Nothing was written' if write else 'Nothing would be written'}: no fix to apply; "
              f"{plural(len(plan.unfixable), 'finding')} left as they are")
    else:
        verb = "Fixed" if write else "Would fix"
        print(f"{verb} {len(plan.fixed)} of {plural(len(result.findings), 'finding')} "
              f"({plural(plan.edits, 'edit')} in {plural(len(plan.new_texts), 'file')}); "
              f"{len(plan.unfixable)} left as they are")
    if result.internal_errors or result.analysed == 0:
        return EXIT_ERROR
    return EXIT_FINDINGS if plan.unfixable or not write and plan.fixed else EXIT_CLEAN


def _rule(args: argparse.Namespace) -> int:
    from .rules import BY_CODE
    from .rules.docs import doc_text

    codes = list(CODES) if args.all else [args.code.strip().upper()] if args.code else []
    if not codes:
        print("sqlascope rule: give a rule code (e.g. SQS102) or --all", file=sys.stderr)
        return EXIT_ERROR
    unknown = [code for code in codes if code not in BY_CODE]
    if unknown:
        print(f"sqlascope rule: unknown rule code {', '.join(unknown)}; valid codes: {', '.join(CODES)}",
              file=sys.stderr)
        return EXIT_ERROR
    print("\n\n".join(doc_text(code).rstrip() for code in codes))
    return EXIT_CLEAN


def _serve(args: argparse.Namespace) -> int:
    try:
        from .lsp.server import main as serve_main
    except ImportError as exc:  # the LSP layer lands with the language-server issue
        print(f"sqlascope: the language server is not available: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return serve_main(args)


def _add_check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", help="files or folders (default: .)")
    output = check.add_argument_group("output")
    output.add_argument("--format", choices=tuple(FORMATS), default="text",
                        help="text (default), json (one document), sarif (SARIF 2.1.0), github (Actions annotations)")
    settings = check.add_argument_group("settings (over [tool.sqlascope])")
    for flag in SETTING_FLAGS:
        settings.add_argument(flag, dest=_dest(flag), metavar=SETTING_FLAGS[flag][0].upper().replace("-", "_"),
                              help=_SETTING_HELP[flag])
    fixes = check.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply the preferred fix of each finding")
    fixes.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; write nothing")
    speed = check.add_argument_group("speed")
    speed.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="analyse in N processes (default: one per available core); the output does not depend on N")
    speed.add_argument("--no-cache", action="store_true",
                       help=f"neither read nor write the persistent cache ({DEFAULT_CACHE_DIR}/)")
    speed.add_argument("--cache-dir", metavar="DIR",
                       help=f"where the persistent cache lives (default: {DEFAULT_CACHE_DIR}/ in the project folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sqlascope", description="Find SQLAlchemy session-lifecycle bugs before they run.",
                                     epilog="Exit codes: 0 nothing found, 1 findings, 2 usage/configuration/internal "
                                            "error or no Python file analysed.")
    parser.add_argument("--version", action="version", version=f"sqlascope {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="analyse files or folders and report findings")
    _add_check_options(check)
    check.set_defaults(handler=_check)
    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", nargs="?", help="a rule code, e.g. SQS102")
    rule.add_argument("--all", action="store_true", help="print every rule's documentation")
    rule.set_defaults(handler=_rule)
    serve = commands.add_parser("serve", help="run the language server over stdio")
    serve.add_argument("--tcp", help="HOST:PORT to listen on instead of stdio (debugging)")
    serve.set_defaults(handler=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help / --version
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except BrokenPipeError:  # `sqlascope check | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
