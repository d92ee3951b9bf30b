"""Files with syntax newer than the running interpreter: the newer statements are rewritten into older syntax
(keeping positions) and analysed; what cannot be rewritten is skipped with the Python it needs, said in the summary."""

from __future__ import annotations

import ast
import sys

import pytest

from sqlascope.analysis.index.source import parse_source
from sqlascope.check import check_paths
from sqlascope.formats.model import Report
from sqlascope.formats.text import render_text
from sqlascope.config import Settings

NEWER = [
    ("x = 1\ntype Alias = list[int]\n", (3, 12), 2, "`type` alias"),
    ("type Pair[T] = tuple[T, T]\n", (3, 12), 1, "`type` alias"),
    ("class Box[T]:\n    item: T\n", (3, 12), 1, "generic class"),
    ("async def first[T](items: list[T]) -> T:\n    return items[0]\n", (3, 12), 1, "generic function"),
    ("try:\n    pass\nexcept ValueError, TypeError:\n    pass\n", (3, 14), 3, "PEP 758"),
]


def _parses_here(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


#: newer statements that cannot be rewritten on one line (the type parameters span lines)
UNREWRITABLE = [
    ("class Box[\n    T,\n]:\n    item: T\n", (3, 12), 1, "generic class"),
]


@pytest.mark.parametrize("text, version, line, what", NEWER)
def test_newer_syntax_is_rewritten_and_analysed(text, version, line, what):
    source = parse_source("mod.py", text)
    assert source.tree is not None and source.needs_python is None and source.error is None
    if sys.version_info[:2] < version:
        assert not _parses_here(text)  # ground truth: this interpreter really rejects it


def test_rewriting_keeps_the_columns_after_type_parameters_and_alias_names():
    text = "class Box[T: int](Base):\n    pass\ntype Alias = Other\n"
    tree = parse_source("mod.py", text).tree
    box, alias = tree.body[0], tree.body[1]
    base = box.bases[0]
    assert text.splitlines()[0][base.col_offset:base.end_col_offset] == "Base"
    assert text.splitlines()[2][alias.value.col_offset:alias.value.end_col_offset] == "Other"


@pytest.mark.parametrize("text, version, line, what", UNREWRITABLE)
def test_newer_syntax_that_cannot_be_rewritten_names_the_python_it_needs(text, version, line, what):
    source = parse_source("mod.py", text)
    if sys.version_info[:2] >= version:  # this interpreter knows the syntax: the file is simply analysed
        assert source.tree is not None and source.needs_python is None
        return
    assert not _parses_here(text)
    assert source.tree is None and source.needs_python == version and source.error_line == line
    assert what in source.error and f"needs Python {version[0]}.{version[1]}+" in source.error


@pytest.mark.parametrize("text", ["x = (\n", "class C:\n    x = = 1\n", "type = 3\ntype(x)\n", "except_ = 1, 2\n"])
def test_ordinary_errors_and_the_soft_keyword_as_a_name_are_not_newer_syntax(text):
    source = parse_source("mod.py", text)
    assert source.needs_python is None
    assert (source.tree is not None) == _parses_here(text)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="this interpreter parses PEP 695 syntax")
def test_the_summary_says_which_python_the_project_needs(tmp_path):
    (tmp_path / "aliases.py").write_text("class Box[\n    T,\n]:\n    item: T\n")
    (tmp_path / "plain.py").write_text("x = 1\n")
    result = check_paths([str(tmp_path)], Settings())
    summary = render_text(Report(result, lambda path: None)).splitlines()[-1]
    assert "1 skipped (" in summary and "1 of them needs Python 3.12+" in summary
