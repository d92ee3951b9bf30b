#!/usr/bin/env python
"""Throughput benchmark for sqlascope: whole-workspace check vs. the read+ast.parse floor,
and warm re-check latency of one ~1 kLOC module. Prints figures; never asserts on times.

Usage: python bench/bench_check.py [--quick] [--seed N] [--keep]
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time

from sqlascope.analysis.engine.core import Engine
from sqlascope.analysis.index.workspace import Workspace
from sqlascope.check import check_paths
from sqlascope.config import Settings

# ---------------------------------------------------------------------------------------------------------
# Synthetic workspace
# ---------------------------------------------------------------------------------------------------------

MODELS = [
    # name, table, columns, (relationship name, target, is_list, back_populates)
    ("User", "users", ["name", "email", "status"], [("orders", "Order", True, "user"), ("profile", "Profile", False, "user")]),
    ("Profile", "profiles", ["bio", "website", "locale"], [("user", "User", False, "profile")]),
    ("Order", "orders", ["status", "reference", "note"], [("user", "User", False, "orders"), ("lines", "OrderLine", True, "order")]),
    ("OrderLine", "order_lines", ["sku", "label", "unit"], [("order", "Order", False, "lines"), ("product", "Product", False, "lines")]),
    ("Product", "products", ["sku", "title", "description"], [("lines", "OrderLine", True, "product"), ("category", "Category", False, "products")]),
    ("Category", "categories", ["name", "slug", "path"], [("products", "Product", True, "category")]),
    ("Invoice", "invoices", ["number", "currency", "state"], [("payments", "Payment", True, "invoice")]),
    ("Payment", "payments", ["method", "currency", "state"], [("invoice", "Invoice", False, "payments")]),
    ("Tag", "tags", ["name", "color", "kind"], [("notes", "Note", True, "tag")]),
    ("Note", "notes", ["title", "body", "author"], [("tag", "Tag", False, "notes")]),
]
FK = {  # model -> (fk column, target table) for its many-to-one sides
    "Profile": [("user_id", "users")],
    "Order": [("user_id", "users")],
    "OrderLine": [("order_id", "orders"), ("product_id", "products")],
    "Product": [("category_id", "categories")],
    "Payment": [("invoice_id", "invoices")],
    "Note": [("tag_id", "tags")],
}


def gen_models() -> str:
    out = [
        '"""Mapped classes, SQLAlchemy 2.0 declarative style (generated)."""',
        "",
        "from __future__ import annotations",
        "",
        "from sqlalchemy import ForeignKey, String",
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship",
        "",
        "",
        "class Base(DeclarativeBase):",
        "    pass",
        "",
    ]
    for name, table, cols, rels in MODELS:
        out += ["", f"class {name}(Base):", f'    __tablename__ = "{table}"', "",
                "    id: Mapped[int] = mapped_column(primary_key=True)"]
        for fk, target in FK.get(name, []):
            out.append(f'    {fk}: Mapped[int] = mapped_column(ForeignKey("{target}.id"))')
        for col in cols:
            out.append(f"    {col}: Mapped[str] = mapped_column(String(100))")
        out.append("")
        for rel, target, is_list, back in rels:
            ann = f"list[{target}]" if is_list else target
            out.append(f'    {rel}: Mapped[{ann}] = relationship(back_populates="{back}")')
        out += ["", "    def __repr__(self) -> str:", f'        return f"<{name} {{self.id}}>"', ""]
    return "\n".join(out) + "\n"


DB = '''"""Engine and session factory (generated)."""

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)
'''


class Gen:
    """Builds one module's text from function templates until it reaches the requested line count."""

    def __init__(self, rng: random.Random, index: int, session_module_indices: list[int]) -> None:
        self.rng = rng
        self.index = index
        self.session_modules = session_module_indices
        self.counter = 0
        self.helpers: list[str] = []  # session-helper function names defined in this module

    def uid(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.index}_{self.counter}"

    # -- ordinary Python ----------------------------------------------------------------------------------
    def plain_class(self) -> list[str]:
        name = "Record" + self.uid("C").replace("_", "")
        f1, f2 = self.rng.sample(["alpha", "beta", "gamma", "delta", "size", "label", "weight"], 2)
        return [
            f"class {name}:",
            f'    """A plain record {name}."""',
            "",
            "    def __init__(self, key, payload=None):",
            "        self.key = key",
            "        self.payload = dict(payload or {})",
            f"        self.{f1} = 0",
            f"        self.{f2} = []",
            "",
            "    def update(self, **changes):",
            "        for k, v in changes.items():",
            "            if k.startswith('_'):",
            "                continue",
            "            self.payload[k] = v",
            f"        self.{f1} += len(changes)",
            "        return self",
            "",
            "    def summary(self):",
            '        parts = [f"{k}={v!r}" for k, v in sorted(self.payload.items())]',
            f'        return "{name}(" + ", ".join(parts) + ")"',
            "",
            "    def __repr__(self):",
            "        return self.summary()",
            "",
        ]

    def plain_func(self) -> list[str]:
        kind = self.rng.randrange(4)
        name = self.uid("compute")
        if kind == 0:
            return [
                f"def {name}(items, threshold={self.rng.randint(1, 99)}):",
                "    result = {}",
                "    for i, item in enumerate(items):",
                "        key = str(item).lower().strip()",
                "        if not key:",
                "            continue",
                "        bucket = result.setdefault(key[:2], [])",
                "        if i % 2 == 0 and len(bucket) < threshold:",
                "            bucket.append(item)",
                "        else:",
                "            bucket.insert(0, item)",
                "    return {k: sorted(v, key=str) for k, v in result.items()}",
                "",
            ]
        if kind == 1:
            return [
                f"def {name}(text, sep=','):",
                "    try:",
                "        fields = [f.strip() for f in text.split(sep)]",
                "        numbers = [int(f) for f in fields if f.isdigit()]",
                "    except (AttributeError, ValueError) as exc:",
                f'        raise RuntimeError(f"bad input for {name}: {{exc}}") from exc',
                "    total = sum(numbers)",
                "    mean = total / len(numbers) if numbers else 0.0",
                '    return "{:>8} {:.3f} {}".format(total, mean, len(fields))',
                "",
            ]
        if kind == 2:
            return [
                f"def {name}(matrix):",
                "    rows = len(matrix)",
                "    cols = max((len(r) for r in matrix), default=0)",
                "    out = [[0] * rows for _ in range(cols)]",
                "    for r in range(rows):",
                "        for c in range(len(matrix[r])):",
                "            value = matrix[r][c]",
                "            if value is None:",
                "                value = 0",
                "            elif isinstance(value, str):",
                "                value = len(value)",
                "            out[c][r] = value * 2 if value > 0 else -value",
                "    return out",
                "",
            ]
        return [
            f"def {name}(config, defaults=None):",
            "    merged = dict(defaults or {})",
            "    stack = [(merged, config)]",
            "    while stack:",
            "        target, source = stack.pop()",
            "        for key, value in source.items():",
            "            if isinstance(value, dict):",
            "                child = target.setdefault(key, {})",
            "                stack.append((child, value))",
            "            elif isinstance(value, list):",
            "                target[key] = list(target.get(key, [])) + value",
            "            else:",
            "                target[key] = value",
            "    return merged",
            "",
        ]

    # -- session-using code ---------------------------------------------------------------------------------
    def model(self):
        return self.rng.choice(MODELS)

    def session_func(self) -> list[str]:
        name, _table, cols, rels = self.model()
        col = self.rng.choice(cols)
        rel, target, is_list, _ = self.rng.choice(rels)
        var = name.lower()
        fn = self.uid(f"load_{var}")
        kind = self.rng.randrange(7)
        if kind == 0:  # BUG: expired attribute read after commit + close (SQS101-ish)
            return [
                f"def {fn}(item_id):",
                "    with SessionLocal() as s:",
                f"        {var} = s.get({name}, item_id)",
                f"        {var}.{col} = str(item_id)",
                "        s.commit()",
                f"    return {var}.{col}  # BUG: expired after commit, detached after close",
                "",
            ]
        if kind == 1:  # BUG: lazy relationship after the block (SQS102-ish)
            loop = [f"    for x in {var}.{rel}:  # BUG: lazy load on detached", "        print(x.id)"] if is_list else \
                   [f"    print({var}.{rel})  # BUG: lazy load on detached"]
            return [
                f"def {fn}(item_id):",
                "    with SessionLocal() as s:",
                f"        {var} = s.get({name}, item_id)",
                f"        label = {var}.{col}",
                *loop,
                "    return label",
                "",
            ]
        if kind == 2:  # OK: everything inside the block
            body = [f"        for x in {var}.{rel}:", "            names.append(x.id)"] if is_list else \
                   [f"        names.append({var}.{rel})"]
            return [
                f"def {fn}(item_id):",
                "    names = []",
                "    with SessionLocal() as s:",
                f"        {var} = s.get({name}, item_id)",
                "        if " + var + " is None:",
                "            return names",
                f"        names.append({var}.{col})",
                *body,
                "    return names",
                "",
            ]
        if kind == 3:  # OK: scalars + loop inside, read loaded column after close (not expired)
            return [
                f"def {fn}(limit=10):",
                "    with SessionLocal() as s:",
                f"        rows = s.scalars(select({name}).limit(limit)).all()",
                f"        labels = [r.{col} for r in rows]",
                f"    first = rows[0].{col} if rows else None",
                "    return first, labels",
                "",
            ]
        if kind == 4:  # helper taking a session (called from other modules)
            self.helpers.append(fn)
            return [
                f"def {fn}(s, item_id):",
                f"    {var} = s.get({name}, item_id)",
                f"    if {var} is not None:",
                f"        {var}.{col} = {var}.{col}.strip()",
                f"    return {var}",
                "",
            ]
        if kind == 5 and self.imported_helpers:  # call a helper from another generated module
            mod, helper = self.rng.choice(self.imported_helpers)
            return [
                f"def {fn}(item_id):",
                "    with SessionLocal() as s:",
                f"        obj = {mod}.{helper}(s, item_id)",
                "        s.commit()",
                "    return obj  # returned detached, attributes expired",
                "",
            ]
        # OK-ish: commit and re-read inside the block
        return [
            f"def {fn}(item_id, value):",
            "    with SessionLocal() as s:",
            f"        {var} = s.get({name}, item_id)",
            f"        {var}.{col} = value",
            "        s.commit()",
            f"        return {var}.{col}",
            "",
        ]

    imported_helpers: list = []

    def module(self, target_lines: int, uses_session: bool, helper_registry: dict[int, list[str]]) -> str:
        head = [f'"""Generated module {self.index}."""', "", "from __future__ import annotations", "",
                "import json", "import os", ""]
        self.imported_helpers = []
        if uses_session:
            head[-1:] = ["from sqlalchemy import select", "",
                         "from app.db import SessionLocal",
                         "from app.models import " + ", ".join(m[0] for m in MODELS)]
            others = [i for i in self.session_modules if i < self.index and helper_registry.get(i)]
            for i in self.rng.sample(others, min(2, len(others))):
                head.append(f"from app import mod_{i:04d}")
                self.imported_helpers += [(f"mod_{i:04d}", h) for h in helper_registry[i]]
            head.append("")
        lines = head + ["", f"DEFAULTS = {{'name': 'module{self.index}', 'path': os.sep}}", "", ""]
        while len(lines) < target_lines:
            r = self.rng.random()
            if uses_session and r < 0.45:
                block = self.session_func()
            elif r < 0.7:
                block = self.plain_func()
            else:
                block = self.plain_class()
            lines += block + [""]
        lines += ["", "def dump():", "    return json.dumps(DEFAULTS)", ""]
        return "\n".join(lines)


def generate_workspace(root: str, total_lines: int, seed: int) -> str:
    rng = random.Random(seed)
    pkg = os.path.join(root, "app")
    os.makedirs(pkg)
    with open(os.path.join(pkg, "__init__.py"), "w") as f:
        f.write("")
    with open(os.path.join(pkg, "models.py"), "w") as f:
        f.write(gen_models())
    with open(os.path.join(pkg, "db.py"), "w") as f:
        f.write(DB)
    per_module = 330
    n = max(5, total_lines // per_module)
    session_idx = sorted(rng.sample(range(n), max(1, n // 5)))
    registry: dict[int, list[str]] = {}
    for i in range(n):
        g = Gen(rng, i, session_idx)
        text = g.module(per_module, i in session_idx, registry)
        registry[i] = g.helpers
        with open(os.path.join(pkg, f"mod_{i:04d}.py"), "w") as f:
            f.write(text)
    return root


def py_files(root: str) -> list[str]:
    out = []
    for d, _, fs in os.walk(root):
        out += [os.path.join(d, f) for f in fs if f.endswith(".py")]
    return sorted(out)


# ---------------------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------------------

def measure_floor(files: list[str]) -> tuple[float, int]:
    best, lines = float("inf"), 0
    for _ in range(3):
        t0 = time.perf_counter()
        n = 0
        for p in files:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            ast.parse(text, p)
            n += text.count("\n") + 1
        best = min(best, time.perf_counter() - t0)
        lines = n
    return best, lines


def measure_check(root: str):
    best, result = float("inf"), None
    for _ in range(3):
        t0 = time.perf_counter()
        result = check_paths([root], Settings(), Workspace())
        best = min(best, time.perf_counter() - t0)
        if any("BudgetExceeded" in e.reason for e in result.internal_errors):
            break  # timings are budget-bound anyway; don't triple the wait
    return best, result


class BudgetExceeded(Exception):
    """Raised by SIGALRM when one analyze_file call exceeds its time budget."""


class budget:
    """Context manager: raise BudgetExceeded after `seconds` of wall time (main thread, POSIX)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def _fire(self, *_):
        raise BudgetExceeded(f"exceeded {self.seconds:g}s budget")

    def __enter__(self):
        self.old = signal.signal(signal.SIGALRM, self._fire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)
        return False


def install_file_budget(seconds: float) -> None:
    """Wrap Engine.analyze_file so one pathological file costs at most `seconds` (check_paths records the
    BudgetExceeded as an internal error for that file, which we report separately as a timeout)."""
    original = Engine.analyze_file

    def analyze_file(self, path):
        with budget(seconds):
            return original(self, path)

    Engine.analyze_file = analyze_file


def timeit(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * (len(s) - 1)))))]


def measure_recheck(root: str, seed: int, hot_lines: int, call_budget: float, iterations: int = 30):
    rng = random.Random(seed + 1)
    pkg = os.path.join(root, "app")
    n_existing = len([f for f in os.listdir(pkg) if f.startswith("mod_")])
    g = Gen(rng, 9999, [])
    # mostly session-using code, so the engine does real work
    text = g.module(hot_lines, True, {})
    path = os.path.join(pkg, "hot_module.py")
    with open(path, "w") as f:
        f.write(text)
    ws = Workspace()
    for p in (os.path.join(pkg, "__init__.py"), os.path.join(pkg, "models.py"), os.path.join(pkg, "db.py"), path):
        ws.add_file(p)
    engine = Engine(ws)
    path = os.path.abspath(path)
    times, analyze_times, parse_times, issues, timeouts = [], [], [], [], 0
    t0 = time.perf_counter()
    try:
        warm = engine.analyze_file(path)  # the budget is installed on Engine.analyze_file
    except BudgetExceeded:
        warm, timeouts, iterations = [], 1, 0
    warm_s = time.perf_counter() - t0
    for i in range(iterations):
        edited = text + f"\n# edit {i}\n"
        t0 = time.perf_counter()
        ws.add_file(path, edited)
        t_parsed = time.perf_counter()
        try:
            issues = engine.analyze_file(path)
        except BudgetExceeded:
            timeouts += 1
            break
        times.append(time.perf_counter() - t0)
        analyze_times.append(time.perf_counter() - t_parsed)
        t0 = time.perf_counter()
        ast.parse(edited, path)
        parse_times.append(time.perf_counter() - t0)
    os.remove(path)
    return {
        "lines": text.count("\n") + 1,
        "issues": len(issues),
        "warm_issues": len(warm),
        "warm_s": warm_s,
        "timeouts": timeouts,
        "iterations": len(times),
        "p50": pct(times, 0.5) * 1e3 if times else float("nan"),
        "p95": pct(times, 0.95) * 1e3 if times else float("nan"),
        "analyze_p50": pct(analyze_times, 0.5) * 1e3 if analyze_times else float("nan"),
        "analyze_p95": pct(analyze_times, 0.95) * 1e3 if analyze_times else float("nan"),
        "parse_p50": statistics.median(parse_times) * 1e3 if parse_times else
        min(timeit(lambda: ast.parse(text)) for _ in range(5)) * 1e3,
        "n_existing": n_existing,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5 kLOC workspace (CI smoke run)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--file-budget", type=float, default=10.0,
                    help="max seconds per analyze_file call; slower files are reported as timeouts (default 10)")
    ap.add_argument("--hot-lines", type=int, default=1000, help="size of the re-checked module (default 1000)")
    ap.add_argument("--keep", action="store_true", help="keep the generated workspace and print its path")
    args = ap.parse_args(argv)
    total = 5_000 if args.quick else 50_000

    tmp = tempfile.mkdtemp(prefix="sqlascope-bench-")
    try:
        t0 = time.perf_counter()
        root = generate_workspace(tmp, total, args.seed)
        gen_s = time.perf_counter() - t0
        files = py_files(root)

        install_file_budget(args.file_budget)
        floor_s, floor_lines = measure_floor(files)
        check_s, result = measure_check(root)
        rc = measure_recheck(root, args.seed, args.hot_lines, args.file_budget)
        timed_out = [e for e in result.internal_errors if "BudgetExceeded" in e.reason]
        crashed = [e for e in result.internal_errors if "BudgetExceeded" not in e.reason]

        codes: dict[str, int] = {}
        for f in result.findings:
            codes[f.code] = codes.get(f.code, 0) + 1

        floor_lps = floor_lines / floor_s
        check_lps = result.lines / check_s
        ratio = check_s / floor_s
        w = 44
        print(f"sqlascope benchmark ({'quick' if args.quick else 'full'}, seed {args.seed}, python {sys.version.split()[0]})")
        print(f"workspace: {len(files)} files, {floor_lines:,} lines (generated in {gen_s:.2f}s)")
        print()
        print(f"{'measure':<{w}} {'time':>12} {'lines/s':>14}")
        print("-" * (w + 28))
        print(f"{'floor: read + ast.parse (best of 3)':<{w}} {floor_s * 1e3:>9.1f} ms {floor_lps:>14,.0f}")
        print(f"{'check_paths, fresh Workspace (best of 3)':<{w}} {check_s * 1e3:>9.1f} ms {check_lps:>14,.0f}")
        print(f"{'ratio check/floor (target <= 10)':<{w}} {ratio:>12.1f}x")
        if timed_out:
            print(f"  !! {len(timed_out)} file(s) hit the {args.file_budget:g}s per-file budget; the check time above "
                  f"is a LOWER bound (single run)")
        print()
        print(f"{'warm re-check of ' + str(rc['lines']) + '-line module (30 edits)':<{w}} {'':>12}")
        print("-" * (w + 28))
        print(f"{'  first analyze_file (warm-up)':<{w}} {rc['warm_s'] * 1e3:>9.1f} ms")
        print(f"{'  timed iterations completed':<{w}} {rc['iterations']:>12}")
        if rc["timeouts"]:
            print(f"  !! analyze_file exceeded the {args.file_budget:g}s budget; re-check loop aborted")
        print(f"{'  edit + re-check p50 (parse + analyze)':<{w}} {rc['p50']:>9.2f} ms")
        print(f"{'  edit + re-check p95 (target <= 50)':<{w}} {rc['p95']:>9.2f} ms")
        print(f"{'  of which analyze_file p50':<{w}} {rc['analyze_p50']:>9.2f} ms")
        print(f"{'  of which analyze_file p95':<{w}} {rc['analyze_p95']:>9.2f} ms")
        print(f"{'  ast.parse of same text p50':<{w}} {rc['parse_p50']:>9.2f} ms")
        print(f"{'  issues in hot module':<{w}} {rc['issues']:>12}")
        print()
        print(f"findings: {len(result.findings)}  by code: {dict(sorted(codes.items()))}")
        print(f"skipped: {len(result.skipped)}  timeouts: {len(timed_out)}  internal errors: {len(crashed)}")
        for e in timed_out[:10]:
            print(f"  timeout: {os.path.relpath(e.path, root)}")
        for e in crashed[:5]:
            print(f"  internal error: {e.path}: {e.reason}")
        if args.keep:
            print(f"workspace kept at {root}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
