"""Reparsing after an edit must give exactly the tree a full parse gives (node types, fields and every position),
or decline; and what it exists for must hold: untouched statements are reused, not parsed again."""

from __future__ import annotations

import ast
import os
import random
import sysconfig
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from sqlascope.analysis.index.reparse import reparse
from sqlascope.analysis.index.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "sqlascope-hypothesis"))
#: Edits produce invalid escape sequences now and then: the parser's warnings about them are noise here.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::SyntaxWarning")

#: Constructs whose statement boundaries are easy to get wrong: several statements on a line, decorators,
#: clauses that continue the statement above (else, except, case), strings and brackets over many lines.
TRICKY = '''"""Module docstring
with a line at column 0
"""
import os; import sys
x = 1; y = (2,
3)

@decorator
@other(arg)
def f(a,
      b):
    """doc"""
    return a + \\
        b

if x:
    pass
elif y:
    pass
else:
    z = """
not code: def g():
"""

try:
    import missing
except ImportError:
    missing = None
finally:
    pass

match x:
    case 1:
        pass
    case _:
        pass

class C(Base):
    attr = [
        1,
    ]

    def method(self): return self.attr
# trailing comment
'''

SNIPPETS = ["", "# comment", "x = 1", "    y = 2", "else:", "def g():", "def g(): pass", "@decorator", '"""',
            "(", ")", "x = 1; y = 2", "class A: pass", "    ", "if x:", "    return", "except E:", "\\", "'",
            "from __future__ import annotations", "async def h():", "    await g()", "case 1:"]
CHARACTERS = list("()[]{}:'\"\\#@ ;,=\tx1") + ["\n", "\n    "]


def _texts() -> list[tuple[str, str]]:
    files = sorted((ROOT / "tests" / "corpus").rglob("*.py"))[:40] + sorted((ROOT / "examples").rglob("*.py"))
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files += [stdlib / name for name in ("ast.py", "textwrap.py", "dataclasses.py", "json/decoder.py")]
    return [("tricky.py", TRICKY)] + [(p.name, p.read_text(encoding="utf-8")) for p in files]


def _as_class(text: str, last: bool = False) -> str:
    """``text`` with everything after its imports moved into one class (functions become static methods): the
    shape of a big service or repository class, where an edit lands inside a class body. ``last``: nothing
    follows the class."""
    tree = ast.parse(text)
    imports_end = max((s.end_lineno for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))), default=0)
    starts = {min([s.lineno, *(d.lineno for d in s.decorator_list)])
              for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    lines = text.split("\n")
    out = [*lines[:imports_end], "", "", "class Service(Base):", '    """Stand-in docstring."""', ""]
    for number, line in enumerate(lines[imports_end:], imports_end + 1):
        if number in starts:
            out.append("    @staticmethod")
        out.append("    " + line if line.strip() else line)
    out += [""] if last else ["", "", "AFTER = Service()", ""]  # the class last in the file, or followed by code
    return "\n".join(out)


TEXTS = _texts()
#: Drawn as often as all the others together: edits inside a class body take their own path.
CLASS_TEXTS = [(f"class-{name}", _as_class(text, last=name.startswith(("s", "d")))) for name, text in TEXTS
               if name in ("repository.py", "services.py", "api.py", "dataclasses.py")]


def _dump(tree: ast.AST) -> str:
    return ast.dump(tree, include_attributes=True)


def _full(text: str) -> ast.Module | None:
    try:
        return ast.parse(text, type_comments=False)
    except (SyntaxError, ValueError):
        return None


def _edit(text: str, data) -> str:
    lines = text.split("\n")
    at = data.draw(st.integers(0, len(lines) - 1))
    kind = data.draw(st.sampled_from(["insert line", "delete line", "replace line", "insert char", "delete char"]))
    if kind == "insert line":
        lines.insert(at, data.draw(st.sampled_from(SNIPPETS)))
    elif kind == "delete line":
        del lines[at]
    elif kind == "replace line":
        lines[at] = data.draw(st.sampled_from(SNIPPETS))
    else:
        line = lines[at]
        column = data.draw(st.integers(0, len(line)))
        if kind == "insert char":
            lines[at] = line[:column] + data.draw(st.sampled_from(CHARACTERS)) + line[column:]
        elif line:
            column = min(column, len(line) - 1)
            lines[at] = line[:column] + line[column + 1:]
    return "\n".join(lines)


@settings(max_examples=600, deadline=None, database=None)
@given(st.data())
def test_reparse_gives_the_full_parse_or_declines(data):
    """A chain of edits, each reparsed from the previous result (so reused statements are reused again)."""
    _name, text = data.draw(st.sampled_from(TEXTS) | st.sampled_from(CLASS_TEXTS))
    tree = _full(text)
    assert tree is not None
    for _ in range(data.draw(st.integers(1, 4))):
        edited = _edit(text, data)
        expected = _full(edited)
        got = reparse(text, tree, edited, "<edited>")
        if expected is None:
            assert got is None, "a text that does not parse got a tree"
            return
        if got is not None:
            assert _dump(got) == _dump(expected)
        text, tree = edited, got or expected


def _type_in_middle(text: str, tree: ast.Module, functions: list[ast.stmt]) -> ast.Module:
    """Reparse ``text`` after a comment is typed at the end of the middle one of ``functions`` (checked against
    a full parse)."""
    assert len(functions) >= 3
    line = functions[len(functions) // 2].body[-1].lineno
    lines = text.split("\n")
    lines[line - 1] += "  # typed"
    edited = "\n".join(lines)
    got = reparse(text, tree, edited, "repository.py")
    assert got is not None and _dump(got) == _dump(ast.parse(edited))
    return got


def test_a_keystroke_inside_a_function_reparses_that_function_only():
    text = (ROOT / "examples" / "shop" / "repository.py").read_text()
    tree = ast.parse(text)
    got = _type_in_middle(text, tree, [s for s in tree.body if isinstance(s, ast.FunctionDef)])
    reused = [new is old for new, old in zip(got.body, tree.body)]
    assert reused.count(False) == 1, reused  # only the edited function is a new object


def test_a_keystroke_inside_a_method_reparses_that_method_only():
    text = _as_class((ROOT / "examples" / "shop" / "repository.py").read_text())
    tree = ast.parse(text)
    [service] = [s for s in tree.body if isinstance(s, ast.ClassDef)]
    got = _type_in_middle(text, tree, [s for s in service.body if isinstance(s, ast.FunctionDef)])
    assert [new is old for new, old in zip(got.body, tree.body)].count(False) == 1  # the class, rebuilt
    [rebuilt] = [s for s in got.body if isinstance(s, ast.ClassDef)]
    reused = [new is old for new, old in zip(rebuilt.body, service.body)]
    assert reused.count(False) == 2, reused  # the edited method and the one before it (which opens the region)


def test_lines_added_at_the_end_reuse_everything_above():
    tree = ast.parse(TRICKY)
    got = reparse(TRICKY, tree, TRICKY + "\nprint(x)\n", "x.py")
    assert got is not None and all(new is old for new, old in zip(got.body, tree.body))
    assert len(got.body) == len(tree.body) + 1


def test_an_edited_decorator_reparses_its_function_only():
    tree = ast.parse(TRICKY)
    edited = TRICKY.replace("@other(arg)", "@other(arg, 2)")
    got = reparse(TRICKY, tree, edited, "x.py")
    assert got is not None and _dump(got) == _dump(ast.parse(edited))
    assert [new is old for new, old in zip(got.body, tree.body)].count(False) == 1


def test_a_clause_continuing_the_statement_above_is_left_to_the_full_parse():
    text = "if x:\n    pass\n\ny = 1\n"
    edited = "if x:\n    pass\nelse:\n    y = 1\n"
    assert reparse(text, ast.parse(text), edited, "x.py") is None
    assert reparse(text, ast.parse(text), "if x:\n    pass\n    y = 1\n", "x.py") is None  # the body grows


def test_carriage_returns_decline():
    text = "x = 1\r\ny = 2\r\n"
    assert reparse(text, ast.parse(text), text + "z = 3\r\n", "x.py") is None


# -- through the workspace ------------------------------------------------------------------------------

def test_workspace_edits_match_a_full_parse():
    rng = random.Random(7)
    _name, text = TEXTS[1]
    workspace = Workspace()
    workspace.add_file("/virtual/app.py", text)
    for _ in range(30):
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        lines.insert(at, rng.choice(["", "# note", "x = 1"]))
        candidate = "\n".join(lines)
        if _full(candidate) is None:
            continue
        text = candidate
        source = workspace.add_file("/virtual/app.py", text)
        assert _dump(source.tree) == _dump(ast.parse(text))
