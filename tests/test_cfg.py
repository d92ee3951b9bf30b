"""Structure of the control-flow graphs built by ``sqlascope.analysis.interp.cfg.build_cfg``."""

from __future__ import annotations

import ast
import asyncio
import sys
import textwrap
import typing
from collections import Counter
from pathlib import Path

import pytest

from sqlascope.analysis.interp.cfg import build_cfg
from sqlascope.analysis.interp.graph import (
    CFG,
    Block,
    EdgeKind,
    ForBind,
    ForIter,
    Handler,
    MatchCase,
    MatchSubject,
    Raise,
    Return,
    Simple,
    Test as Cond,
    WithEnter,
    WithExit,
)


needs_try_star = pytest.mark.skipif(sys.version_info < (3, 11), reason="except* needs Python 3.11")


def cfg_of(source: str) -> CFG:
    """CFG of the first function in ``source``, or of the module if it defines none."""
    module = ast.parse(textwrap.dedent(source))
    funcs = [n for n in module.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return build_cfg(funcs[0] if funcs else module)


def label(node) -> str:
    match node:
        case Simple(stmt):
            return ast.unparse(stmt)
        case Cond(expr, _):
            return f"Test {ast.unparse(expr)}"
        case WithEnter(_, i):
            return f"WithEnter[{i}]"
        case WithExit(_, i, exceptional):
            return f"WithExit[{i}]" + ("!exc" if exceptional else "")
        case Handler(handler):
            return "Handler" + (f" {ast.unparse(handler.type)}" if handler.type else "")
        case MatchCase(case, _):
            return f"MatchCase {ast.unparse(case.pattern)}"
        case _:
            return type(node).__name__


def paths(cfg: CFG, to: Block | None = None, limit: int = 500) -> set[tuple[str, ...]]:
    """Node labels along every simple path (no block repeated) from entry to ``to`` (default: exit)."""
    target = cfg.exit if to is None else to
    found: set[tuple[str, ...]] = set()

    def walk(block: Block, seen: frozenset[int], labels: tuple[str, ...]) -> None:
        assert len(found) < limit, "too many paths"
        labels += tuple(label(n) for n in block.nodes)
        if block is target:
            found.add(labels)
            return
        for succ, _ in block.succs:
            if succ.id not in seen:
                walk(succ, seen | {succ.id}, labels)

    walk(cfg.entry, frozenset({cfg.entry.id}), ())
    return found


def blocks_with(cfg: CFG, kind: type) -> list[Block]:
    return [b for b in cfg.blocks if any(isinstance(n, kind) for n in b.nodes)]


def only_block_with(cfg: CFG, kind: type) -> Block:
    (block,) = blocks_with(cfg, kind)
    return block


def succ_kinds(block: Block) -> Counter[EdgeKind]:
    return Counter(kind for _, kind in block.succs)


def check_invariants(cfg: CFG) -> None:
    ids = {id(b) for b in cfg.blocks}
    assert len(ids) == len(cfg.blocks)
    assert {id(cfg.entry), id(cfg.exit), id(cfg.raise_exit)} <= ids
    for end in (cfg.exit, cfg.raise_exit):
        assert not end.nodes and not end.succs
    mirrored = Counter((id(p), id(b), kind) for b in cfg.blocks for p, kind in b.preds)
    assert mirrored == Counter((id(b), id(s), kind) for b in cfg.blocks for s, kind in b.succs)
    for block in cfg.blocks:
        assert all(id(s) in ids for s, _ in block.succs)
        tests = [i for i, n in enumerate(block.nodes) if isinstance(n, Cond)]
        assert tests in ([], [len(block.nodes) - 1]), "a Test must be the last node of its block"
        kinds = succ_kinds(block)
        if tests:
            assert kinds[EdgeKind.TRUE] == kinds[EdgeKind.FALSE] == 1
            assert kinds[EdgeKind.NORMAL] == 0
        else:
            assert kinds[EdgeKind.TRUE] == kinds[EdgeKind.FALSE] == 0


# -- straight-line code and conditionals ---------------------------------------------------------------


def test_straight_line_code_is_one_block_without_exception_edges():
    cfg = cfg_of("""
        def f():
            a()
            b()
    """)
    check_invariants(cfg)
    assert [label(n) for n in cfg.entry.nodes] == ["a()", "b()"]
    assert cfg.entry.succs == [(cfg.exit, EdgeKind.NORMAL)]
    assert not cfg.raise_exit.preds


def test_if_elif_else_paths():
    cfg = cfg_of("""
        def f():
            if c1():
                a()
            elif c2():
                b()
            else:
                d()
            e()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("Test c1()", "a()", "e()"),
        ("Test c1()", "Test c2()", "b()", "e()"),
        ("Test c1()", "Test c2()", "d()", "e()"),
    }
    first = blocks_with(cfg, Cond)[0]
    (true_succ,) = [s for s, k in first.succs if k is EdgeKind.TRUE]
    assert [label(n) for n in true_succ.nodes] == ["a()"]


def test_if_without_else_falls_through():
    cfg = cfg_of("""
        def f():
            if c():
                a()
            b()
    """)
    assert paths(cfg) == {("Test c()", "a()", "b()"), ("Test c()", "b()")}


def test_code_after_return_is_unreachable():
    cfg = cfg_of("""
        def f():
            if c():
                return 1
                dead()
            return 2
            dead()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("Test c()", "Return")}
    assert len(cfg.exit.preds) == 2
    for block in cfg.blocks:  # unreachable code may be dropped or kept in blocks nothing flows into
        if any(label(n) == "dead()" for n in block.nodes):
            assert not block.preds


def test_module_level_code():
    cfg = cfg_of("""
        import x
        if x.y:
            z = 1
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("import x", "Test x.y", "z = 1"), ("import x", "Test x.y")}


def test_nested_definitions_stay_simple_nodes():
    cfg = cfg_of("""
        def f():
            def g():
                return 1
            class C:
                def h(self):
                    raise E
            return g
    """)
    assert [type(n) for n in cfg.entry.nodes] == [Simple, Simple, Return]
    assert not blocks_with(cfg, Raise)


def test_assert_failure_raises():
    cfg = cfg_of("""
        def f(x):
            assert x, "msg"
            a()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("Test x", "a()")}
    assert paths(cfg, cfg.raise_exit) == {("Test x",)}
    test_block = only_block_with(cfg, Cond)
    (fails,) = [s for s, k in test_block.succs if k is EdgeKind.FALSE]
    assert fails.succs == [(cfg.raise_exit, EdgeKind.EXCEPTION)]


def test_assert_inside_try_reaches_handler():
    cfg = cfg_of("""
        def f(x):
            try:
                assert x
            except AssertionError:
                h()
    """)
    handler = only_block_with(cfg, Handler)
    assert ("Test x", "Handler AssertionError", "h()") in paths(cfg, handler)
    assert ("Test x", "Handler AssertionError", "h()") in paths(cfg)


# -- loops -------------------------------------------------------------------------------------------


def test_while_loop_back_edge():
    cfg = cfg_of("""
        def f():
            while c():
                a()
            b()
    """)
    check_invariants(cfg)
    head = only_block_with(cfg, Cond)
    (body,) = [s for s, k in head.succs if k is EdgeKind.TRUE]
    assert [label(n) for n in body.nodes] == ["a()"]
    assert (head, EdgeKind.NORMAL) in body.succs, "the body must loop back to the test"
    assert paths(cfg) == {("Test c()", "b()")}


def test_while_break_continue_and_else():
    cfg = cfg_of("""
        def f():
            while c():
                if d():
                    break
                if e():
                    continue
                a()
            else:
                done()
            after()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("Test c()", "done()", "after()"),
        ("Test c()", "Test d()", "after()"),  # break skips the else clause
    }
    head = blocks_with(cfg, Cond)[0]
    back_edges = [p for p, k in head.preds if k is EdgeKind.NORMAL and p.id > head.id]
    assert len(back_edges) == 2  # from `continue` and from the end of the body


def test_while_true_still_has_a_false_edge():
    cfg = cfg_of("""
        def f():
            while True:
                if c():
                    break
            a()
    """)
    check_invariants(cfg)
    assert ("Test True", "Test c()", "a()") in paths(cfg)


def test_for_loop_structure():
    cfg = cfg_of("""
        def f(xs):
            for x in xs:
                a(x)
            b()
    """)
    check_invariants(cfg)
    iter_block = only_block_with(cfg, ForIter)
    ((head, kind),) = iter_block.succs
    assert kind is EdgeKind.NORMAL and not head.nodes
    assert all(k is EdgeKind.NORMAL for _, k in head.succs) and len(head.succs) == 2
    body = only_block_with(cfg, ForBind)
    assert [label(n) for n in body.nodes] == ["ForBind", "a(x)"]
    assert (body, EdgeKind.NORMAL) in head.succs
    assert (head, EdgeKind.NORMAL) in body.succs
    assert paths(cfg) == {("ForIter", "ForDone", "b()")}  # leaving the loop finishes what it iterated


def test_break_in_for_skips_else():
    cfg = cfg_of("""
        async def f(xs):
            async for x in xs:
                if c(x):
                    break
            else:
                e()
            g()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("ForIter", "e()", "ForDone", "g()"),
        ("ForIter", "ForBind", "Test c(x)", "ForDone", "g()"),
    }


def test_continue_in_nested_loop_targets_inner_loop():
    cfg = cfg_of("""
        def f(xs):
            for x in xs:
                for y in x:
                    continue
                a()
    """)
    check_invariants(cfg)
    inner_head = next(s for s, _ in blocks_with(cfg, ForIter)[1].succs)
    inner_body = next(b for b in blocks_with(cfg, ForBind) if b.nodes[0].stmt.target.id == "y")
    assert inner_body.succs == [(inner_head, EdgeKind.NORMAL)]


# -- try ---------------------------------------------------------------------------------------------


def test_raise_inside_try_reaches_handler():
    cfg = cfg_of("""
        def f():
            try:
                a()
                raise E()
            except E as e:
                h(e)
            b()
    """)
    check_invariants(cfg)
    assert ("a()", "Raise", "Handler E", "h(e)", "b()") in paths(cfg)
    raise_block = only_block_with(cfg, Raise)
    ((dispatch, kind),) = raise_block.succs
    assert kind is EdgeKind.EXCEPTION
    assert (only_block_with(cfg, Handler), EdgeKind.NORMAL) in dispatch.succs
    # `except E` may not match: the exception propagates.
    assert (cfg.raise_exit, EdgeKind.EXCEPTION) in dispatch.succs


def test_every_node_in_try_body_can_reach_handlers():
    cfg = cfg_of("""
        def f():
            x = 0
            try:
                a()
                b()
                c()
            except Exception:
                h()
    """)
    check_invariants(cfg)
    handler = only_block_with(cfg, Handler)
    assert paths(cfg, handler) == {
        ("x = 0", "Handler Exception", "h()"),  # the state before the try body
        ("x = 0", "a()", "Handler Exception", "h()"),
        ("x = 0", "a()", "b()", "Handler Exception", "h()"),
        ("x = 0", "a()", "b()", "c()", "Handler Exception", "h()"),
    }
    body_blocks = [b for b in cfg.blocks if any(label(n) in ("a()", "b()", "c()") for n in b.nodes)]
    assert all(len(b.nodes) == 1 for b in body_blocks)
    assert all(EdgeKind.EXCEPTION in succ_kinds(b) for b in body_blocks)
    # Code in the handler is outside the try: its nodes are not split off with exception edges.
    assert [label(n) for n in handler.nodes] == ["Handler Exception", "h()"]


def test_bare_except_does_not_propagate():
    cfg = cfg_of("""
        def f():
            try:
                a()
            except ValueError:
                v()
            except:
                h()
    """)
    check_invariants(cfg)
    assert not cfg.raise_exit.preds
    assert paths(cfg) >= {("a()",), ("a()", "Handler ValueError", "v()"), ("a()", "Handler", "h()")}


def test_else_clause_runs_after_body_and_is_not_guarded():
    cfg = cfg_of("""
        def f():
            try:
                a()
            except E:
                h()
            else:
                el()
            b()
    """)
    check_invariants(cfg)
    assert ("a()", "el()", "b()") in paths(cfg)
    assert not any("el()" in p for p in paths(cfg, only_block_with(cfg, Handler)))


def test_finally_is_duplicated_per_continuation():
    cfg = cfg_of("""
        def f():
            try:
                if c():
                    return 1
                a()
            finally:
                fin()
            b()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("Test c()", "Return", "fin()"),
        ("Test c()", "a()", "fin()", "b()"),
    }
    copies = [b for b in cfg.blocks if any(label(n) == "fin()" for n in b.nodes)]
    assert len(copies) == 3  # normal completion, return, exception
    return_copy = next(
        b for b in copies if any(isinstance(p.nodes[-1], Return) for p, k in b.preds if k is EdgeKind.NORMAL)
    )
    assert return_copy.succs == [(cfg.exit, EdgeKind.NORMAL)], "the return copy must not fall into b()"
    exception_copy = next(b for b in copies if (cfg.raise_exit, EdgeKind.EXCEPTION) in b.succs)
    assert exception_copy.succs == [(cfg.raise_exit, EdgeKind.EXCEPTION)]
    assert ("Test c()", "a()", "fin()") in paths(cfg, cfg.raise_exit)


def test_exception_in_handler_runs_finally():
    cfg = cfg_of("""
        def f():
            try:
                a()
            except E:
                rollback()
                raise
            finally:
                close()
    """)
    check_invariants(cfg)
    assert ("a()", "Handler E", "rollback()", "Raise", "close()") in paths(cfg, cfg.raise_exit)
    assert paths(cfg) == {("a()", "close()")}


def test_break_and_continue_through_finally():
    cfg = cfg_of("""
        def f(xs):
            for x in xs:
                try:
                    if c():
                        break
                    continue
                finally:
                    fin()
            else:
                e()
            g()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("ForIter", "e()", "ForDone", "g()"), ("ForIter", "ForBind", "Test c()", "fin()", "ForDone", "g()")}
    head = next(s for s, _ in only_block_with(cfg, ForIter).succs)
    continue_copies = [p for p, _ in head.preds if any(label(n) == "fin()" for n in p.nodes)]
    assert len(continue_copies) == 1


def test_return_in_finally_swallows_the_exception():
    cfg = cfg_of("""
        def f():
            try:
                a()
            finally:
                return 1
    """)
    check_invariants(cfg)
    assert not cfg.raise_exit.preds


@needs_try_star
def test_try_star_is_lowered_like_try():
    cfg = cfg_of("""
        def f():
            try:
                a()
            except* ValueError:
                h()
    """)
    check_invariants(cfg)
    assert ("a()", "Handler ValueError", "h()") in paths(cfg)


def test_nested_try_propagates_to_outer_handler():
    cfg = cfg_of("""
        def f():
            try:
                try:
                    raise E()
                except KeyError:
                    k()
                finally:
                    inner()
            except E:
                h()
    """)
    check_invariants(cfg)
    assert ("Raise", "inner()", "Handler E", "h()") in paths(cfg)
    assert all("inner()" in p for p in paths(cfg) if "Raise" in p and "h()" in p)
    # Exceptions that `except E` does not catch still run the inner finally before escaping.
    assert all("inner()" in p for p in paths(cfg, cfg.raise_exit) if "Raise" in p)


# -- with --------------------------------------------------------------------------------------------


def test_with_normal_and_exceptional_exits():
    cfg = cfg_of("""
        def f():
            with m() as s:
                s.a()
            b()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("WithEnter[0]", "s.a()", "WithExit[0]", "b()")}
    assert paths(cfg, cfg.raise_exit) == {
        ("WithEnter[0]", "WithExit[0]!exc"),
        ("WithEnter[0]", "s.a()", "WithExit[0]!exc"),
    }
    assert all(kind is EdgeKind.EXCEPTION for _, kind in cfg.raise_exit.preds)
    exc_exit = next(b for b in blocks_with(cfg, WithExit) if b.nodes[0].exceptional)
    assert exc_exit.succs == [(cfg.raise_exit, EdgeKind.EXCEPTION)]


def test_return_inside_with_exits_before_returning():
    cfg = cfg_of("""
        def f():
            with m() as s:
                return s.get()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("WithEnter[0]", "Return", "WithExit[0]")}
    (last,) = [p for p, _ in cfg.exit.preds]
    assert last.nodes == [WithExit(last.nodes[0].stmt, 0, exceptional=False)]


def test_multiple_items_exit_in_reverse_order():
    cfg = cfg_of("""
        def f():
            with a() as x, b() as y:
                c()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("WithEnter[0]", "WithEnter[1]", "c()", "WithExit[1]", "WithExit[0]")}
    assert paths(cfg, cfg.raise_exit) == {
        ("WithEnter[0]", "WithExit[0]!exc"),
        ("WithEnter[0]", "WithEnter[1]", "WithExit[0]!exc"),  # entering b() failed: only a() exits
        ("WithEnter[0]", "WithEnter[1]", "WithExit[1]!exc", "WithExit[0]!exc"),
        ("WithEnter[0]", "WithEnter[1]", "c()", "WithExit[1]!exc", "WithExit[0]!exc"),
        ("WithEnter[0]", "WithEnter[1]", "c()", "WithExit[1]", "WithExit[0]!exc"),  # b().__exit__ raised
    }


def test_return_passes_finally_and_with_exits_innermost_first():
    cfg = cfg_of("""
        async def f():
            async with m():
                try:
                    return 1
                finally:
                    fin()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {("WithEnter[0]", "Return", "fin()", "WithExit[0]")}


def test_exception_in_with_inside_try_reaches_handler_after_exit():
    cfg = cfg_of("""
        def f():
            try:
                with m() as s:
                    s.a()
            except E:
                h()
    """)
    check_invariants(cfg)
    assert ("WithEnter[0]", "s.a()", "WithExit[0]!exc", "Handler E", "h()") in paths(cfg)
    assert ("WithEnter[0]", "s.a()", "WithExit[0]", "Handler E", "h()") in paths(cfg)  # __exit__ may raise


def test_break_inside_with_inside_loop():
    cfg = cfg_of("""
        def f(xs):
            for x in xs:
                with m():
                    break
            b()
    """)
    check_invariants(cfg)
    assert ("ForIter", "ForBind", "WithEnter[0]", "WithExit[0]", "ForDone", "b()") in paths(cfg)


# -- match -------------------------------------------------------------------------------------------


def test_match_cases_and_guard():
    cfg = cfg_of("""
        def f(v):
            match v:
                case 1:
                    a()
                case [x] if x > 0:
                    b()
                case _:
                    c()
            d()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("MatchSubject", "MatchCase 1", "a()", "d()"),
        ("MatchSubject", "MatchCase 1", "MatchCase [x]", "Test x > 0", "b()", "d()"),
        ("MatchSubject", "MatchCase 1", "MatchCase [x]", "Test x > 0", "MatchCase _", "c()", "d()"),
        ("MatchSubject", "MatchCase 1", "MatchCase [x]", "MatchCase _", "c()", "d()"),
    }
    match_stmt = only_block_with(cfg, MatchSubject).nodes[-1].stmt
    assert only_block_with(cfg, Cond).nodes[0].stmt is match_stmt
    cases = blocks_with(cfg, MatchCase)
    assert len(cases) == 3
    assert all(len(b.nodes) == 1 and b.nodes[0].subject is match_stmt.subject for b in cases)


def test_match_without_wildcard_can_fall_through():
    cfg = cfg_of("""
        def f(v):
            match v:
                case {'k': y}:
                    return y
            after()
    """)
    check_invariants(cfg)
    assert paths(cfg) == {
        ("MatchSubject", "MatchCase {'k': y}", "Return"),
        ("MatchSubject", "MatchCase {'k': y}", "after()"),
    }


# -- robustness --------------------------------------------------------------------------------------


@needs_try_star
def test_unusual_constructs_do_not_raise():
    source = """
        import contextlib
        counter = 0
        break
        continue
        return 1
        @decorator(lambda x: x)
        async def f(*args, **kw):
            global counter
            def inner():
                nonlocal args
            items = [y := 1, *args]
            while True:
                yield (z := await g())
                async with a() as (p, q), b():
                    x = [i async for i in h() if i]
                    continue
                try:
                    pass
                except* (ValueError, TypeError) as eg:
                    raise
                except* BaseException:
                    pass
                break
            else:
                return
            yield from ()
        match point:
            case Point(x=0, y=yy) | [yy, *_] if yy:
                pass
            case {**rest}:
                pass
            case str() | bytes() as s:
                pass
            case _:
                pass
    """
    module = ast.parse(textwrap.dedent(source))
    for node in [module, *(n for n in ast.walk(module) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
        check_invariants(build_cfg(node))


def test_deep_nesting():
    levels = 60
    kinds = ["if c{0}():", "with m{0}():", "try:", "for x{0} in y:", "while c{0}():"]
    lines, tails = [], []
    for depth in range(levels):
        indent = "    " * (depth + 1)
        header = kinds[depth % len(kinds)]
        lines.append(indent + header.format(depth))
        if header == "try:":
            tails.append((depth, indent + "finally:\n" + indent + f"    fin{depth}()"))
    lines.append("    " * (levels + 1) + "return 1")
    body = "\n".join(lines)
    for depth, tail in reversed(tails):
        body += "\n" + tail
    cfg = cfg_of("def f():\n" + body)
    check_invariants(cfg)
    assert cfg.exit.preds


STDLIB_MODULES = [Path(ast.__file__), Path(asyncio.__file__).parent / "base_events.py", Path(typing.__file__)]


@pytest.mark.parametrize("path", STDLIB_MODULES, ids=lambda p: p.name)
def test_stdlib_functions(path: Path):
    module = ast.parse(path.read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(module) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert len(functions) > 50
    for node in [module, *functions]:
        cfg = build_cfg(node)
        check_invariants(cfg)
        assert cfg.exit.preds or cfg.raise_exit.preds
