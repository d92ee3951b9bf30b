"""Runtime side of the corpus: discover cases, run their scenarios under real SQLAlchemy.

See tests/corpus/README.md for the contract. Public API:

- ``discover_cases(root=CORPUS_ROOT) -> list[Case]``
- ``run_scenario(case, scenario) -> Outcome`` (fresh subprocess per scenario)
- ``run_case(case) -> dict[str, Outcome]``
- ``runtime_outcomes(case) -> dict[str, Outcome]`` (memoized in-process)
- ``warm_runtime_outcomes(cases)`` (fills the memo for many cases with one worker pool)
- ``TARGET_ERRORS``
"""

from __future__ import annotations

import ast
import atexit
import io
import json
import os
import queue
import re
import subprocess
import sys
import threading
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
CORPUS_ROOT = TESTS_DIR / "corpus"

TARGET_ERRORS = ("DetachedInstanceError", "InvalidRequestError", "MissingGreenlet")
#: `scenario_nplus1_` runs clean like an ok scenario, but some line in it runs a lazy load once per row (N+1)
SCENARIO_PREFIXES = ("scenario_bad_", "scenario_ok_", "scenario_nplus1_")
#: The rule whose `# expect-warning:` lines are confirmed by counting lazy loads rather than by a raise.
NPLUS1_CODE = "SQS201"
TIMEOUT_S = 60

#: Which runtime error each rule's findings predict (SQS108 warns where nothing raises: see the README).
ERROR_OF_CODE = {
    "SQS101": {"DetachedInstanceError"},
    "SQS102": {"DetachedInstanceError"},
    "SQS103": {"InvalidRequestError"},
    "SQS104": {"DetachedInstanceError"},
    "SQS105": {"MissingGreenlet"},
    "SQS106": {"DetachedInstanceError", "MissingGreenlet"},
    "SQS107": {"InvalidRequestError"},
    # a warning where an instance is stored in a holder that outlives its session: nothing raises on that line
    # (it is marked `# expect-warning: SQS108`); the faults come later, where the kept instance is read
    "SQS108": set(),
    # a lazy load run once per row (N+1): nothing raises; each such line is marked `# expect-warning: SQS201`
    # and confirmed by counting lazy loads (tests/test_corpus_nplus1.py)
    "SQS201": set(),
}
MAX_WORKERS = 2

_EXPECT_RE = re.compile(r"#\s*expect:\s*([A-Za-z_][A-Za-z0-9_]*)")
#: `# expect-warning: SQS108` marks a line where the analyzer must warn although nothing raises there (e.g. where
#: an instance is stored in a cache that outlives its session). It is not a runtime fault.
_EXPECT_WARNING_RE = re.compile(r"#\s*expect-warning:\s*([A-Z]+[0-9]+)")
#: On an `# expect:` line, "(reported at the store: SQS108)" says the analyzer reports this fault where the
#: instance was stored (an `expect-warning` line of that code), because the read happens in a later request.
_STORE_REPORTED_RE = re.compile(r"reported at the store:\s*([A-Z]+[0-9]+)")
#: `# known-gap: <reason>` marks one line where the analyzer disagrees with the runtime and we have not fixed it
#: yet (tests/corpus/README.md, "Known gaps"). The reason may be empty only in a broken case, which a test rejects.
_KNOWN_GAP_RE = re.compile(r"known-gap:[ \t]*(.*?)\s*$")


@dataclass(frozen=True)
class Case:
    name: str  # "single/<stem>" or "multi/<dir>"
    root: Path  # the .py file (single) or the directory (multi)
    entry: Path  # the entry module file
    scenarios: tuple[str, ...]
    # (absolute path str, 1-based line) -> expected error name
    annotations: dict[tuple[str, int], str] = field(hash=False, compare=False)
    # (absolute path str, 1-based line) -> rule code the analyzer must report there without a runtime fault
    warnings: dict[tuple[str, int], str] = field(default_factory=dict, hash=False, compare=False)
    # (absolute path str, 1-based line) of an `# expect:` line -> the code reported at the store instead
    store_reported: dict[tuple[str, int], str] = field(default_factory=dict, hash=False, compare=False)
    # (absolute path str, 1-based line) of a `# known-gap: <reason>` line -> the reason
    known_gaps: dict[tuple[str, int], str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_multi(self) -> bool:
        return self.root.is_dir()

    @property
    def bad_scenarios(self) -> tuple[str, ...]:
        return tuple(s for s in self.scenarios if s.startswith("scenario_bad_"))

    @property
    def ok_scenarios(self) -> tuple[str, ...]:
        return tuple(s for s in self.scenarios if s.startswith("scenario_ok_"))

    @property
    def nplus1_scenarios(self) -> tuple[str, ...]:
        return tuple(s for s in self.scenarios if s.startswith("scenario_nplus1_"))

    @property
    def counts_loads(self) -> bool:
        """Whether runs of this case record every lazy load (see ``Outcome.loads``)."""
        return bool(self.nplus1_scenarios) or NPLUS1_CODE in self.warnings.values()

    def files(self) -> list[Path]:
        if self.is_multi:
            return sorted(p.resolve() for p in self.root.rglob("*.py") if "__pycache__" not in p.parts)
        return [self.root]

    def contains(self, path: str | os.PathLike) -> bool:
        p = Path(os.path.realpath(path))
        if self.is_multi:
            return p == self.root or self.root in p.parents
        return p == self.root


@dataclass(frozen=True)
class Outcome:
    kind: str  # "ok" | "raised" | "crashed" (runner failed / timed out / printed no result)
    error: str | None = None  # a TARGET_ERRORS name or "Other:<module.Qualname>"
    message: str = ""
    path: str | None = None  # absolute path of the deepest traceback frame inside the case
    line: int | None = None
    #: Every lazy load the run executed, when the case counts loads: (path, line, kind, parent, origin), where
    #: the location is the user's line that triggered it, kind is "relationship", "column" or "query" (a
    #: per-parent query through a dynamic / write-only relationship or with_parent), parent identifies the parent
    #: row and origin is "path:line" of the user's line whose query loaded that parent, or the row it was reached
    #: from through relationships ("" when unknown).
    loads: tuple[tuple[str, int, str, str, str], ...] = ()
    #: what the scenario printed plus the repr of what it returned, when the case counts loads
    output: str = ""
    #: every traceback frame inside the case, outermost first, as (absolute path, line)
    frames: tuple[tuple[str, int], ...] = ()
    traceback: str = ""

    @property
    def location(self) -> tuple[str, int] | None:
        if self.path is None or self.line is None:
            return None
        return (self.path, self.line)


# --------------------------------------------------------------------------- discovery


def _scenario_names(entry: Path) -> tuple[str, ...]:
    tree = ast.parse(entry.read_text(encoding="utf-8"), filename=str(entry))
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(SCENARIO_PREFIXES):
            names.append(node.name)
    return tuple(names)


def parse_annotations(path: Path, pattern: re.Pattern = _EXPECT_RE) -> dict[tuple[str, int], str]:
    """`# expect: X` comments of one file (or those ``pattern`` matches), keyed by (abs path, line)."""
    out: dict[tuple[str, int], str] = {}
    src = path.read_text(encoding="utf-8")
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            m = pattern.search(tok.string)
            if m:
                out[(str(path), tok.start[0])] = m.group(1)
    return out


def _make_case(name: str, root: Path, entry: Path) -> Case:
    root = Path(os.path.realpath(root))
    entry = Path(os.path.realpath(entry))
    case = Case(name=name, root=root, entry=entry, scenarios=_scenario_names(entry), annotations={})
    for f in case.files():
        case.annotations.update(parse_annotations(f))
        case.warnings.update(parse_annotations(f, _EXPECT_WARNING_RE))
        reported = parse_annotations(f, _STORE_REPORTED_RE)
        case.store_reported.update({k: v for k, v in reported.items() if k in case.annotations})
        case.known_gaps.update(parse_annotations(f, _KNOWN_GAP_RE))
    return case


def discover_cases(root: Path | str = CORPUS_ROOT) -> list[Case]:
    """Every ``<group>/<name>.py`` is a single-file case; every ``<group>/<dir>/main.py`` a multi-module one."""
    root = Path(root)
    cases: list[Case] = []
    for group in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        for f in sorted(group.glob("*.py")):
            if not f.name.startswith("_"):
                cases.append(_make_case(f"{group.name}/{f.stem}", f, f))
        for d in sorted(p for p in group.iterdir() if p.is_dir()):
            if d.name.startswith(("_", ".")) or not (d / "main.py").is_file():
                continue
            cases.append(_make_case(f"{group.name}/{d.name}", d, d / "main.py"))
    return cases


# --------------------------------------------------------------------------- running

# The runner code runs in a separate interpreter. `run(...)` executes one scenario in the current
# process and returns the result dict. It is driven either directly (mode "once": a fresh
# `python -c` per scenario) or by a fork server (mode "server": a process that pre-imports
# SQLAlchemy once, then forks a fresh child per scenario; each child runs exactly one scenario,
# so scenarios never share interpreter state).
_RUNNER = r"""
import ast, asyncio, contextlib, importlib, importlib.util, inspect, io, json, os, re, sys, threading, traceback


def run(kind, case_root, entry, scenario, count_loads=False):
    case_root = os.path.realpath(case_root)
    case_dir = case_root if kind == "multi" else os.path.dirname(case_root)
    sys.path[0] = case_dir
    os.chdir(case_dir)

    thread_excs = []

    def _hook(args):
        if args.exc_type is SystemExit:
            return
        thread_excs.append((args.exc_value, args.exc_traceback))

    threading.excepthook = _hook

    def inside(fn):
        if fn.startswith("<"):  # generated code (dataclass __repr__/__eq__ run from "<string>"), not a case file
            return False
        p = os.path.realpath(fn)
        if kind == "multi":
            return p == case_root or p.startswith(case_root + os.sep)
        return p == case_root

    def frames(tb):
        out = []
        while tb is not None:
            fn = tb.tb_frame.f_code.co_filename
            if inside(fn):
                out.append((os.path.realpath(fn), tb.tb_lineno))
            tb = tb.tb_next
        return out

    def location(tb):
        inner = frames(tb)
        return inner[-1] if inner else (None, None)

    def chain(exc):
        seen = set()
        todo = [exc]
        while todo:
            e = todo.pop()
            if not isinstance(e, BaseException) or id(e) in seen:
                continue
            seen.add(id(e))
            yield e
            todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])

    def classify(exc):
        from sqlalchemy import exc as sa_exc
        from sqlalchemy.orm import exc as orm_exc

        if isinstance(exc, orm_exc.DetachedInstanceError):
            return "DetachedInstanceError"
        if any(isinstance(e, sa_exc.MissingGreenlet) for e in chain(exc)):
            return "MissingGreenlet"
        if isinstance(exc, sa_exc.InvalidRequestError):
            return "InvalidRequestError"
        wrapped = pydantic_attribute_error(exc)
        if wrapped is not None:
            return wrapped
        t = type(exc)
        return "Other:%s.%s" % (t.__module__, t.__qualname__)

    def endpoint_return(exc):
        # FastAPI fills a response_model after the endpoint returned, so no case frame is left on the traceback
        # of the ResponseValidationError it raises. The error names the endpoint (file and first line); the
        # fault is the endpoint's `return` (a case endpoint that fails this way has exactly one).
        ctx = getattr(exc, "endpoint_ctx", None) or {}
        file, first = ctx.get("file"), ctx.get("line")
        if not file or not first or not inside(file):
            return None, None
        with open(file) as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and first in (
                node.lineno, *(d.lineno for d in node.decorator_list)
            ):
                returns = [n for n in _own_nodes(node) if isinstance(n, ast.Return)]
                return os.path.realpath(file), (returns[0].lineno if len(returns) == 1 else node.lineno)
        return None, None

    def _own_nodes(func):
        todo = list(func.body)
        while todo:
            node = todo.pop()
            yield node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                todo.extend(ast.iter_child_nodes(node))

    def pydantic_attribute_error(exc):
        # Pydantic's from_attributes validation (model_validate(obj)) catches the error an attribute read
        # raised and reports it as a ValidationError of type get_attribute_error, keeping only its text
        # ("DetachedInstanceError: Parent instance ..."). That is how the target error reaches the user.
        if type(exc).__name__ not in ("ValidationError", "ResponseValidationError") or not hasattr(exc, "errors"):
            return None
        try:
            details = exc.errors()
        except Exception:
            return None
        for detail in details:
            if detail.get("type") != "get_attribute_error":
                continue
            text = str((detail.get("ctx") or {}).get("error", "")) + " " + str(detail.get("msg", ""))
            if "MissingGreenlet" in text or "greenlet_spawn has not been called" in text:
                return "MissingGreenlet"
            if "DetachedInstanceError" in text:
                return "DetachedInstanceError"
        return None

    def report(exc, tb):
        path, line = location(tb)
        if type(exc).__name__ == "ResponseValidationError":
            path, line = endpoint_return(exc)
        return {
            "outcome": "raised",
            "error": classify(exc),
            "message": str(exc)[:2000],
            "path": path,
            "line": line,
            "frames": frames(tb),
            "traceback": "".join(traceback.format_exception(type(exc), exc, tb))[-6000:],
        }

    loads = install_load_counter(inside) if count_loads else None
    printed = io.StringIO() if count_loads else None
    result = None
    returned = None
    try:
        if kind == "multi":
            mod = importlib.import_module("main")
        else:
            name = "_corpus_case_" + os.path.splitext(os.path.basename(entry))[0]
            spec = importlib.util.spec_from_file_location(name, entry)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[name] = mod
            spec.loader.exec_module(mod)
        fn = getattr(mod, scenario)
        with contextlib.redirect_stdout(printed) if printed is not None else contextlib.nullcontext():
            if inspect.iscoroutinefunction(fn):
                returned = asyncio.run(fn())
            else:
                returned = fn()
                if inspect.isawaitable(returned):
                    async def _await(x):
                        return await x

                    returned = asyncio.run(_await(returned))
    except BaseException as exc:
        result = report(exc, exc.__traceback__)
    if result is None and thread_excs:
        exc, tb = thread_excs[0]
        result = report(exc, tb)
    if result is None:
        result = {"outcome": "ok"}
    result["thread_exceptions"] = len(thread_excs)
    if loads is not None:
        result["loads"] = loads
        # what the scenario printed and returned (object addresses blanked), to compare a fixed program's output
        result["output"] = re.sub(r"0x[0-9a-fA-F]+", "0x?", printed.getvalue() + repr(returned))
    return result


def install_load_counter(inside):
    # Records every lazy load as (path, line, kind, parent). The line is the innermost frame inside the case on
    # the stack (for async, the stack of the greenlet that awaits the load). Work that runs after a case function
    # has returned, with no case frame left (a framework serializing a response_model), is charged to the line
    # that function returned from.
    import greenlet
    from sqlalchemy import event, inspect as sa_inspect
    from sqlalchemy.orm import Mapper, Session
    from sqlalchemy.sql import visitors
    from sqlalchemy.sql.elements import BindParameter

    loads, last_return, inside_cache, origins = [], [None], {}, {}

    def is_case(code):
        hit = inside_cache.get(code.co_filename)
        if hit is None:  # "<string>" (this runner) or "<frozen ...>" is no file, wherever the case lies
            hit = inside_cache[code.co_filename] = not code.co_filename.startswith("<") and inside(code.co_filename)
        return hit

    def innermost(frame):
        while frame is not None:
            if is_case(frame.f_code):
                return os.path.realpath(frame.f_code.co_filename), frame.f_lineno
            frame = frame.f_back
        return None

    def where():
        found = innermost(sys._getframe(2))
        g = greenlet.getcurrent()
        while found is None and g is not None:
            g = g.parent
            if g is not None:
                found = innermost(g.gr_frame)
        return found or last_return[0]

    def profile(frame, event_name, arg):
        if event_name == "return" and is_case(frame.f_code):
            last_return[0] = (os.path.realpath(frame.f_code.co_filename), frame.f_lineno)

    def relationship_parents(statement):
        # a per-parent query (dynamic / write-only relationship, with_parent) binds the parent's key through
        # a callable made by the relationship
        for element in visitors.iterate(statement):
            if isinstance(element, BindParameter) and element.callable is not None:
                if "RelationshipProperty" in getattr(element.callable, "__qualname__", ""):
                    return repr(element.effective_value)
        return None

    def on_load(target, context):
        # a row loaded through a relationship (lazily, or by lazy="immediate") comes from the query of the row it
        # was reached from: the query an eager-load fix must change
        parent = getattr(getattr(context, "load_options", None), "_lazy_loaded_from", None)
        if parent is not None and id(parent) in origins:
            origins.setdefault(id(sa_inspect(target)), origins[id(parent)])
            return
        found = where()
        if found is not None:
            origins.setdefault(id(sa_inspect(target)), "%s:%d" % found)

    def on_execute(state):
        if not state.is_select:
            return
        if state.is_relationship_load:
            # an eager loader's own SELECT (selectin, subquery) is a relationship load with no lazy parent
            kind, parent = "relationship", state.lazy_loaded_from
            if parent is None:
                return
        elif state.is_column_load:
            kind, parent = "column", state.load_options._refresh_state
        else:
            kind, parent = "query", relationship_parents(state.statement)
            if parent is None:
                return
        location = where()
        if location is not None:
            key = parent if isinstance(parent, str) else "state:%x" % id(parent)
            origin = "" if isinstance(parent, str) else origins.get(id(parent), "")
            loads.append([location[0], location[1], kind, key, origin])

    event.listen(Session, "do_orm_execute", on_execute)
    event.listen(Mapper, "load", on_load)
    sys.setprofile(profile)
    threading.setprofile(profile)
    return loads


def serve(timeout):
    import select, signal, tempfile, time

    import sqlalchemy, sqlalchemy.exc, sqlalchemy.orm, sqlalchemy.orm.exc  # noqa: F401  (pre-warm)
    try:
        import sqlalchemy.ext.asyncio, aiosqlite, greenlet  # noqa: F401
    except Exception:
        pass
    sys.dont_write_bytecode = True
    proto_in, proto_out = sys.stdin, sys.stdout
    devnull = os.open(os.devnull, os.O_RDONLY)
    while True:
        line = proto_in.readline()
        if not line:
            return
        req = json.loads(line)
        r, w = os.pipe()
        log = tempfile.TemporaryFile()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(r)
                os.dup2(devnull, 0)
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                res = run(req["kind"], req["root"], req["entry"], req["scenario"], req.get("count_loads", False))
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                except BaseException:
                    pass
                data = json.dumps(res).encode()
                while data:
                    data = data[os.write(w, data):]
            finally:
                os._exit(0)
        os.close(w)
        chunks, timed_out = [], False
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([r], [], [], left)
            if ready:
                chunk = os.read(r, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
        os.close(r)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
        try:
            res = json.loads(b"".join(chunks).decode()) if chunks else None
        except ValueError:
            res = None
        if res is None:
            log.seek(0)
            tail = log.read()[-3000:].decode(errors="replace")
            why = "timeout after %ss" % timeout if timed_out else "child exited with status %s" % status
            res = {"outcome": "crashed", "message": why + " without a result\n" + tail}
        log.close()
        proto_out.write(json.dumps(res) + "\n")
        proto_out.flush()


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve(float(sys.argv[2]))
    else:
        res = run(*sys.argv[2:6], count_loads=len(sys.argv) > 6 and sys.argv[6] == "count")
        sys.stdout.flush()
        sys.stdout.write("\n" + json.dumps(res) + "\n")
        sys.stdout.flush()
        os._exit(0)
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def _outcome_from(data: dict) -> Outcome:
    loads = tuple(tuple(entry) for entry in data.get("loads", ()))
    if data.get("outcome") == "ok":
        return Outcome(kind="ok", loads=loads, output=data.get("output", ""))
    if data.get("outcome") == "crashed":
        return Outcome(kind="crashed", message=data.get("message", ""))
    return Outcome(
        kind="raised",
        error=data.get("error"),
        message=data.get("message", ""),
        path=data.get("path"),
        line=data.get("line"),
        loads=loads,
        frames=tuple((path, line) for path, line in data.get("frames", ())),
        traceback=data.get("traceback", ""),
    )


def _request(case: Case, scenario: str) -> dict:
    return {
        "kind": "multi" if case.is_multi else "single",
        "root": str(case.root),
        "entry": str(case.entry),
        "scenario": scenario,
        "count_loads": case.counts_loads,
    }


def _run_plain(case: Case, scenario: str, timeout: float) -> Outcome:
    req = _request(case, scenario)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, "once", req["kind"], req["root"], req["entry"], scenario,
             "count" if req["count_loads"] else ""],
            cwd=str(case.root if case.is_multi else case.root.parent),
            env=_child_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Outcome(kind="crashed", message=f"timeout after {timeout}s")
    for raw in reversed(proc.stdout.splitlines()):
        raw = raw.strip()
        if not raw.startswith("{"):
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        if isinstance(data, dict) and "outcome" in data:
            return _outcome_from(data)
    return Outcome(
        kind="crashed",
        message=f"runner exited {proc.returncode} without a result\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}",
    )


class _ForkServer:
    def __init__(self, timeout: float):
        self.timeout = timeout
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _RUNNER, "server", str(timeout)],
            cwd=str(TESTS_DIR),
            env=_child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def run(self, case: Case, scenario: str) -> Outcome:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(_request(case, scenario)) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("fork server died")
        return _outcome_from(json.loads(line))

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()


_SERVERS: "queue.SimpleQueue[_ForkServer]" = queue.SimpleQueue()
_SERVERS_ALL: list[_ForkServer] = []
_SERVERS_LOCK = threading.Lock()


def _use_fork_server() -> bool:
    return hasattr(os, "fork") and os.environ.get("CORPUS_RUNTIME_MODE", "fork") != "subprocess"


def _checkout(timeout: float) -> _ForkServer:
    try:
        srv = _SERVERS.get_nowait()
    except queue.Empty:
        srv = _ForkServer(timeout)
        with _SERVERS_LOCK:
            _SERVERS_ALL.append(srv)
    return srv


@atexit.register
def _shutdown_servers() -> None:
    with _SERVERS_LOCK:
        servers = list(_SERVERS_ALL)
        _SERVERS_ALL.clear()
    for srv in servers:
        srv.close()


def run_scenario(case: Case, scenario: str, timeout: float = TIMEOUT_S) -> Outcome:
    """Run one scenario in a fresh process and report how it ended.

    By default the process is forked from a pre-warmed server (SQLAlchemy already imported);
    set CORPUS_RUNTIME_MODE=subprocess to start a plain `python -c` per scenario instead.
    """
    if _use_fork_server() and timeout == TIMEOUT_S:
        srv = _checkout(timeout)
        try:
            out = srv.run(case, scenario)
        except Exception:
            with _SERVERS_LOCK:
                if srv in _SERVERS_ALL:
                    _SERVERS_ALL.remove(srv)
            srv.close()
            return _run_plain(case, scenario, timeout)
        _SERVERS.put(srv)
        return out
    return _run_plain(case, scenario, timeout)


def run_case(case: Case, max_workers: int = MAX_WORKERS) -> dict[str, Outcome]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = {s: pool.submit(run_scenario, case, s) for s in case.scenarios}
        return {s: f.result() for s, f in futures.items()}


_CACHE: dict[tuple[str, str], dict[str, Outcome]] = {}
_CACHE_LOCK = threading.Lock()


def _key(case: Case) -> tuple[str, str]:
    return (case.name, str(case.root))


def runtime_outcomes(case: Case) -> dict[str, Outcome]:
    """run_case, memoized for the life of the process."""
    with _CACHE_LOCK:
        hit = _CACHE.get(_key(case))
    if hit is not None:
        return hit
    res = run_case(case)
    with _CACHE_LOCK:
        return _CACHE.setdefault(_key(case), res)


def warm_runtime_outcomes(cases: list[Case], max_workers: int = MAX_WORKERS) -> None:
    """Run every scenario of every not-yet-cached case in one pool, filling the memo."""
    with _CACHE_LOCK:
        todo = [c for c in cases if _key(c) not in _CACHE]
    if not todo:
        return
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futs = {(c, s): pool.submit(run_scenario, c, s) for c in todo for s in c.scenarios}
        results: dict[tuple[str, str], dict[str, Outcome]] = {}
        for (c, s), f in futs.items():
            results.setdefault(_key(c), {})[s] = f.result()
    with _CACHE_LOCK:
        for c in todo:
            _CACHE.setdefault(_key(c), results.get(_key(c), {}))


def runtime_outcome(case: Case, scenario: str) -> Outcome:
    return runtime_outcomes(case)[scenario]
