"""Quick fixes, proven by running the fixed program under real SQLAlchemy.

For every bad corpus scenario, each fix offered for the finding at the runtime's fault line is applied to a copy
of the case, and the scenario is run again: it must now run clean. A fix that only compiles is not enough.

When the case has a hand-written correct version of the scenario (``correct_<what>`` for ``scenario_bad_<what>``
in ``tests/corpus/<group>/_correct/<case>.py``, see tests/corpus/README.md), the fixed scenario must also print
and return exactly what the correct version does, and that output must not be empty: a fix that runs clean by
skipping the work, or by reading something else (say a primary key before the flush that gives it), fails.
"""

from __future__ import annotations

import ast
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from corpus_runtime import CORPUS_ROOT, Case, _make_case, discover_cases, runtime_outcomes
from sqlascope.analysis.findings import Severity
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.fixes import Fix, apply_edits, fixes_for, preferred_fix
from test_corpus_analyzer import _scenario_span, findings_for

CASES = discover_cases()


def _offered(case: Case, scenario: str):
    """Each fix offered at the fault line, together with the preferred fixes of the line's other findings
    (a line can fault in two ways, e.g. an expired column and a lazy relationship: a user fixes both)."""
    outcome = runtime_outcomes(case)[scenario]
    if outcome.kind != "raised":
        return []
    workspace = Workspace()
    at_fault = [f for f in findings_for(case) if (str(f.location.path), f.location.line) == (outcome.path, outcome.line)]
    source_of = workspace.source
    at_fault = [_for_this_scenario(f, case, scenario) for f in at_fault]
    per_finding = [[fix for fix in fixes_for(f, source_of) if fix.kind != "suppress"] for f in at_fault]
    combined = []
    for index, fixes in enumerate(per_finding):
        others = [preferred_fix(other) for i, other in enumerate(per_finding) if i != index]
        if any(other is None for other in others):
            continue  # another fault on this line has no fix: nothing here can make the line run
        for fix in fixes:
            combined.append(Fix(fix.title, fix.code, fix.kind, fix.edits + tuple(e for o in others for e in o.edits)))
    return combined


def _for_this_scenario(finding, case: Case, scenario: str):
    """A line shared by several callers carries one fix-data variant per cause: keep this scenario's."""
    variants = finding.data.get("variants")
    if not variants:
        return finding
    first, last = _scenario_span(case, scenario)

    def in_scenario(span) -> bool:
        return span is not None and span[0] == str(case.entry) and first <= span[1] <= last

    mine = [v for v in variants if in_scenario(v.get("load")) or any(in_scenario(s) for s in v.get("via", []))]
    return replace(finding, data=mine[0]) if len(mine) == 1 else finding


def _apply_to_copy(case: Case, fix, tmp_path: Path) -> Case:
    tmp_path.mkdir(parents=True, exist_ok=True)
    root = tmp_path / case.root.name
    if case.root.is_dir():
        shutil.copytree(case.root, root)
        relocate = lambda path: root / Path(path).relative_to(case.root)  # noqa: E731
    else:
        shutil.copy(case.root, root)
        relocate = lambda path: root  # noqa: E731
    for original in fix.paths():
        target = relocate(original)
        fixed = apply_edits(target.read_text(), [e for e in fix.edits if e.path == original])
        ast.parse(fixed)  # the fixed file must still be Python
        target.write_text(fixed)
    entry = root / "main.py" if root.is_dir() else root
    return _make_case(case.name, root, entry)


PARAMS = [
    pytest.param(case, scenario, id=f"{case.name}::{scenario}")
    for case in CASES
    for scenario in case.bad_scenarios
]


# --------------------------------------------------------------------------- running with captured output

BAD_PREFIX, CORRECT_PREFIX = "scenario_bad_", "correct_"
CORRECT_DIR = "_correct"

#: Runs one function of one module with stdout captured, in a child forked from a server that already imported
#: SQLAlchemy (each child runs exactly one function, so runs never share state). Reports what was printed, the
#: repr of what it returned, and every exception (including ones raised in threads).
_CAPTURE = r"""
import asyncio, contextlib, importlib, importlib.util, inspect, io, json, os, select, sys, threading, time, traceback


def capture(case_dir, module_path, module_name, function):
    sys.path.insert(0, case_dir)
    os.chdir(case_dir)
    out, errors, result = io.StringIO(), [], None

    def hook(args):
        if args.exc_type is not SystemExit:
            errors.append("".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))

    threading.excepthook = hook
    with contextlib.redirect_stdout(out):
        try:
            if module_name == "main":
                module = importlib.import_module("main")
            else:
                spec = importlib.util.spec_from_file_location(module_name, module_path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[module_name] = module
                spec.loader.exec_module(module)
            result = getattr(module, function)()
            if inspect.isawaitable(result):
                async def wait(awaitable):
                    return await awaitable
                result = asyncio.run(wait(result))
        except BaseException:
            errors.append(traceback.format_exc())
    return {"stdout": out.getvalue(), "result": repr(result), "errors": errors}


def serve(timeout):
    import sqlalchemy, sqlalchemy.orm, sqlalchemy.exc  # noqa: F401  (pre-warm)
    try:
        import sqlalchemy.ext.asyncio, aiosqlite, greenlet  # noqa: F401
    except Exception:
        pass
    sys.dont_write_bytecode = True
    requests, replies = sys.stdin, sys.stdout
    devnull = os.open(os.devnull, os.O_RDWR)
    for line in requests:
        request = json.loads(line)
        read, write = os.pipe()
        replies.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                data = json.dumps(capture(**request)).encode()
                while data:
                    data = data[os.write(write, data):]
            finally:
                os._exit(0)
        os.close(write)
        chunks, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read], [], [], deadline - time.monotonic())
            chunk = os.read(read, 65536) if ready else b""
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read)
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        try:
            reply = json.loads(b"".join(chunks).decode())
        except ValueError:
            reply = {"stdout": "", "result": "None", "errors": ["the run printed no result (crash or timeout)"]}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve(float(sys.argv[1]))
"""

_SERVER: list[subprocess.Popen] = []
_SERVER_LOCK = threading.Lock()


def _server() -> subprocess.Popen:
    if not _SERVER or _SERVER[0].poll() is not None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONWARNINGS="ignore")
        _SERVER[:] = [subprocess.Popen([sys.executable, "-c", _CAPTURE, "60"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)]
    return _SERVER[0]


@atexit.register
def _stop_server() -> None:
    for server in _SERVER:
        if server.stdin:
            server.stdin.close()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


def _capture(case_dir: Path, module_path: Path, module_name: str, function: str) -> dict:
    request = {"case_dir": str(case_dir), "module_path": str(module_path), "module_name": module_name, "function": function}
    with _SERVER_LOCK:
        server = _server()
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
    if not line:
        raise RuntimeError("the capture server died")
    return json.loads(line)


def run_captured(case: Case, function: str) -> dict:
    """Run ``function`` of the case's entry module (as the corpus runner does) with its output captured."""
    if case.is_multi:
        return _capture(case.root, case.entry, "main", function)
    return _capture(case.root.parent, case.entry, case.root.stem, function)


def correct_module(case: Case) -> Path:
    """``tests/corpus/<group>/_correct/<case>.py`` (a folder the corpus discovery skips)."""
    group, name = case.name.split("/")
    return CORPUS_ROOT / group / CORRECT_DIR / f"{name}.py"


def correct_functions(case: Case) -> set[str]:
    path = correct_module(case)
    if not path.is_file():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith(CORRECT_PREFIX)}


def nothing_to_compare(case: Case) -> dict[str, str]:
    """``NOTHING_TO_COMPARE = {"scenario_bad_<what>": "why"}`` in the correct module: bad scenarios that print and
    return nothing even when they work, so there is no output to compare (the test checks that this stays true)."""
    path = correct_module(case)
    if not path.is_file():
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "NOTHING_TO_COMPARE" for t in node.targets):
            return ast.literal_eval(node.value)
    return {}


_ADDRESSES = re.compile(r"0x[0-9a-fA-F]+")


def _normalized(run: dict) -> str:
    """What a run printed and returned, with object addresses blanked out."""
    return _ADDRESSES.sub("0x…", f"{run['stdout']}\nreturned: {run['result']}")


_CORRECT_OUTPUTS: dict[tuple[str, str], str] = {}


def correct_output(case: Case, scenario: str) -> str | None:
    """The normalised output of the hand-written correct version of ``scenario``, or None if there is none. The
    correct version must run clean and print or return something (so that a comparison means something)."""
    function = CORRECT_PREFIX + scenario[len(BAD_PREFIX):]
    if function not in correct_functions(case):
        return None
    key = (case.name, function)
    if key not in _CORRECT_OUTPUTS:
        case_dir = case.root if case.is_multi else case.root.parent
        run = _capture(case_dir, correct_module(case), f"_correct_{case.root.stem if not case.is_multi else case.root.name}", function)
        assert not run["errors"], f"{function} does not run clean:\n{run['errors'][0][-3000:]}"
        assert run["stdout"].strip() or run["result"] != "None", f"{function} prints and returns nothing: nothing to compare"
        _CORRECT_OUTPUTS[key] = _normalized(run)
    return _CORRECT_OUTPUTS[key]


# --------------------------------------------------------------------------- tests

PARAMS = [
    pytest.param(case, scenario, id=f"{case.name}::{scenario}")
    for case in CASES
    for scenario in case.bad_scenarios
]


@pytest.mark.parametrize("case, scenario", PARAMS)
def test_every_offered_fix_makes_the_scenario_run_clean(case: Case, scenario: str, tmp_path: Path):
    fixes = _offered(case, scenario)
    if not fixes:
        pytest.skip("no fix offered for this finding yet")
    expected = correct_output(case, scenario)
    silent = scenario in nothing_to_compare(case)
    for index, fix in enumerate(fixes):
        fixed_case = _apply_to_copy(case, fix, tmp_path / str(index))
        got = run_captured(fixed_case, scenario)
        assert not got["errors"], f"after '{fix.title}':\n{got['errors'][0][-3000:]}"
        if silent:
            assert _normalized(got) == _normalized({"stdout": "", "result": "None"}), "NOTHING_TO_COMPARE, yet it has output"
        if expected is not None:
            assert _normalized(got) == expected, (
                f"after '{fix.title}': the output differs from {CORRECT_PREFIX}{scenario[len(BAD_PREFIX):]}"
            )


@pytest.mark.parametrize("case", [c for c in CASES if correct_module(c).is_file()], ids=lambda c: c.name)
def test_correct_versions_match_bad_scenarios(case: Case):
    """Every ``correct_<what>`` stands beside a ``scenario_bad_<what>`` (none left over when a scenario is renamed)."""
    orphans = {f for f in correct_functions(case) if BAD_PREFIX + f[len(CORRECT_PREFIX):] not in case.bad_scenarios}
    orphans |= {s for s in nothing_to_compare(case) if s not in case.bad_scenarios}
    assert not orphans, orphans


def test_correct_versions_cover_the_fix_kinds():
    """Enough of the fixed programs are compared with a hand-written correct version: per case file, each fix kind
    offered there is checked against at least one. New corpus cases may lag behind (MINIMUM_CORRECT_SHARE)."""
    needed, covered = 0, 0
    for case in CASES:
        kinds_needed: set[str] = set()
        kinds_covered: set[str] = set()
        correct, silent = correct_functions(case), nothing_to_compare(case)
        for scenario in case.bad_scenarios:
            kinds = {fix.kind for fix in _offered(case, scenario)}
            kinds_needed |= kinds
            if CORRECT_PREFIX + scenario[len(BAD_PREFIX):] in correct or scenario in silent:
                kinds_covered |= kinds
        needed += len(kinds_needed)
        covered += len(kinds_needed & kinds_covered)
    print(f"{covered}/{needed} (case file, fix kind) pairs are checked against a correct version")
    assert needed and covered / needed >= MINIMUM_CORRECT_SHARE


def test_suppression_fix_silences_the_finding(tmp_path: Path):
    case = next(c for c in CASES if c.name == "single/close_basics")
    from sqlascope.check import check_paths
    from sqlascope.config import Settings

    findings = check_paths([str(case.root)], Settings()).findings
    workspace = Workspace()
    source_of = workspace.source
    fix = next(f for f in fixes_for(findings[0], source_of) if f.kind == "suppress")
    copy = _apply_to_copy(case, fix, tmp_path)
    after = check_paths([str(copy.root)], Settings()).findings
    assert len(after) == len(findings) - 1
    assert f"# noqa: {findings[0].code}" in copy.root.read_text().splitlines()[findings[0].location.line - 1]


# --------------------------------------------------------------------------- ratchets
# Not the goal but floors: raise them as fixes land; they must never go down.

#: Issue 4 asks that ≥ 90 % of the error and warning findings in the corpus offer at least one fix (suppression
#: aside). Achieved when raised: 160/172 (93.0 %); the rest are SQS108 stores (their fix is a refactoring: keep the
#: id and re-query) and reads through a helper that loads any model (`session.get(model, ident)`).
MINIMUM_COVERAGE = 0.93
#: Of the bad scenarios the analyzer reports at their fault line, the share with a runtime-verified fix
#: (158/161 when raised; a little slack for corpus cases added with new analyzer support).
MINIMUM_SCENARIO_COVERAGE = 0.95
#: Of the (case file, fix kind) pairs, the share checked against a hand-written correct version (105/105 when
#: raised; new corpus cases may arrive before their correct versions).
MINIMUM_CORRECT_SHARE = 0.90


def test_share_of_findings_with_a_fix():
    source_of = Workspace().source
    # SQS201 (N+1) is a performance warning with its own fix contract: tests/test_fixes_nplus1.py requires a fix on
    # every N+1 line except where no loader option exists (expired columns, dynamic relationships)
    findings = [f for case in CASES for f in findings_for(case) if f.severity >= Severity.WARNING and f.code != "SQS201"]
    fixed = [f for f in findings if any(fix.kind != "suppress" for fix in fixes_for(f, source_of))]
    share = len(fixed) / len(findings)
    print(f"{len(fixed)}/{len(findings)} error and warning findings offer a fix ({share:.1%})")
    assert share >= MINIMUM_COVERAGE


def test_share_of_bad_scenarios_with_a_fix():
    detected, offered = 0, 0
    for case, scenario in ((p.values[0], p.values[1]) for p in PARAMS):
        outcome = runtime_outcomes(case)[scenario]
        if not any((str(f.location.path), f.location.line) == (outcome.path, outcome.line) for f in findings_for(case)):
            continue  # the analyzer misses it: test_corpus_analyzer's business, not a fix's
        detected += 1
        offered += bool(_offered(case, scenario))
    share = offered / detected
    print(f"{offered}/{detected} reported bad scenarios have a runtime-verified fix ({share:.1%}); "
          f"{len(PARAMS)} bad scenarios in all")
    assert share >= MINIMUM_SCENARIO_COVERAGE
