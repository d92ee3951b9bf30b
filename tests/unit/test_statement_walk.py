"""The index finds ``global`` rebinds by walking statements only: it must see the statements ``ast.walk`` sees,
in the same order (the first assignment of a name is its definition)."""

from __future__ import annotations

import ast
import os
import textwrap

from sqlascope.analysis.index.workspace import ModuleSymbols, _collect_global_rebinds, _statements

SOURCE = textwrap.dedent('''
    import os
    counter = 0

    def setup():
        global counter, handler
        try:
            counter = 1
        except ValueError as error:
            counter = 2
        else:
            handler = lambda: (counter := 3)
        finally:
            pass
        match os.name:
            case "nt":
                counter = 4
            case _:
                def nested():
                    global counter
                    counter = 5
        class Local:
            counter = 6
        while counter:
            counter = 7
        else:
            counter = 8

    async def later():
        global counter
        async with open_it() as it:
            for item in it:
                counter = item
''')


def test_statements_are_those_of_ast_walk_in_its_order():
    tree = ast.parse(SOURCE)
    assert list(_statements(tree)) == [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]


def test_statements_of_this_package_match_ast_walk():
    package = os.path.join(os.path.dirname(__file__), "..", "..", "server", "sqlascope")
    checked = 0
    for folder, _dirs, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    tree = ast.parse(handle.read())
                assert list(_statements(tree)) == [n for n in ast.walk(tree) if isinstance(n, ast.stmt)], name
                checked += 1
    assert checked > 50


def _rebinds_by_ast_walk(tree: ast.Module) -> dict:
    """The rebinds as the index collected them before, walking every node of every function."""
    rebinds: dict = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            declared = {name for stmt in ast.walk(function) if isinstance(stmt, ast.Global) for name in stmt.names}
            for stmt in ast.walk(function):
                if isinstance(stmt, ast.Assign) and declared:
                    for target in stmt.targets:
                        if isinstance(target, ast.Name) and target.id in declared:
                            rebinds.setdefault(target.id, []).append(stmt.value)
    return rebinds


def test_global_rebinds_are_those_a_walk_of_every_node_finds_in_its_order():
    tree = ast.parse(SOURCE)
    symbols = ModuleSymbols()
    _collect_global_rebinds(tree, symbols)
    expected = _rebinds_by_ast_walk(tree)
    assert symbols.rebinds == expected
    assert [ast.unparse(v) for v in expected["counter"]] == ["1", "6", "7", "8", "2", "4", "5", "item", "5"]
    assert ast.unparse(symbols.defs["counter"]) == "1"
