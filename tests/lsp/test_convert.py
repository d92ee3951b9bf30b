"""Findings → diagnostics, in-process: columns per position encoding, severities, crash handling."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from sqlascope.analysis.findings import Finding, Location, Related, Severity
from sqlascope.config import Settings
from sqlascope.lsp import analyzer as analyzer_module
from sqlascope.lsp.analyzer import Analyzer
from sqlascope.lsp.convert import PositionConverter, split_lines, to_diagnostic

LINE = 'x = {"ключ😀": y.attr}'
COLUMN = LINE.index("y.attr")  # 14 code points: 9 ASCII, 4 Cyrillic (2 UTF-8 bytes each), 1 emoji (4 bytes, 2 UTF-16 units)


def finding(path="/p/a.py", **kw):
    loc = Location(path, 1, COLUMN, 1, COLUMN + 6)
    return Finding("SQS102", kw.get("severity", Severity.WARNING), "message", loc,
                   (Related(Location("/p/other.py", 2, 1, 2, 3), "there"),), {"attribute": "attr"})


def test_columns_follow_the_negotiated_encoding():
    texts = {"/p/a.py": LINE + "\n"}
    expected = {"utf-8": 21, "utf-16": 15, "utf-32": 14}
    for encoding, start in expected.items():
        diag = to_diagnostic(finding(), PositionConverter(PositionCodec(encoding), texts.get))
        assert diag.range.start == types.Position(line=0, character=start), encoding
        assert diag.range.end.character - start == 6


def test_unknown_text_passes_columns_through_and_related_uses_file_uris():
    diag = to_diagnostic(finding(severity=Severity.HINT), PositionConverter(PositionCodec("utf-16"), lambda p: None))
    assert diag.range.start.character == COLUMN
    assert diag.severity == types.DiagnosticSeverity.Hint
    [related] = diag.related_information
    assert related.location.uri == "file:///p/other.py" and related.location.range.start == types.Position(line=1, character=1)
    assert diag.data == {"attribute": "attr"} and diag.source == "sqlascope" and diag.code == "SQS102"


def test_lines_split_like_lsp():
    assert split_lines("a\fb\r\nc\rd\u2028e\n") == ["a\fb", "c", "d\u2028e", ""]


def test_engine_crash_becomes_one_information_diagnostic(tmp_path, monkeypatch):
    def explode(engine, path, settings, time_guard=False):
        raise ValueError("boom")

    monkeypatch.setattr(analyzer_module, "findings_for_file", explode)
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    outcome = analyzer.analyse(str(tmp_path / "a.py"), "x = 1\n", Settings(), PositionCodec())
    [diag] = outcome.diagnostics
    assert diag.severity == types.DiagnosticSeverity.Information and "ValueError: boom" in diag.message
    assert "Traceback" in outcome.crash


def test_syntax_error_means_keep_previous(tmp_path):
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    outcome = analyzer.analyse(str(tmp_path / "a.py"), "def f(:\n", Settings(), PositionCodec())
    assert outcome.diagnostics is None and outcome.problem


# -- what the server skips, and files changed on disk ---------------------------------------------------------------
def test_oversize_text_is_one_information_diagnostic(tmp_path):
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    outcome = analyzer.analyse(str(tmp_path / "a.py"), "x = 1\n" * 100, Settings(), PositionCodec(), (), 500)
    [diag] = outcome.diagnostics
    assert diag.severity == types.DiagnosticSeverity.Information and "maxFileSize" in diag.message
    assert outcome.skipped and "600 bytes" in outcome.skipped
    assert analyzer.analyse(str(tmp_path / "a.py"), "x = 1\n", Settings(), PositionCodec(), (), 500).diagnostics == []


def test_parser_limits_are_shown_ordinary_syntax_errors_are_not(tmp_path):
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    nested = analyzer.analyse(str(tmp_path / "a.py"), "x = " + "(" * 500 + ")" * 500 + "\n", Settings(), PositionCodec())
    [diag] = nested.diagnostics
    assert "too many nested parentheses" in diag.message
    assert analyzer.analyse(str(tmp_path / "b.py"), "def f(:\n", Settings(), PositionCodec()).diagnostics is None


def test_max_file_size_setting():
    from sqlascope.lsp.settings import DEFAULT_MAX_FILE_SIZE, MAX_SOURCE_BYTES, max_file_size

    assert max_file_size({}) == (DEFAULT_MAX_FILE_SIZE, None)
    assert max_file_size({"maxFileSize": 1000}) == (1000, None)
    assert max_file_size({"maxFileSize": 0})[1] and max_file_size({"maxFileSize": "1MB"})[1]
    capped, problem = max_file_size({"maxFileSize": MAX_SOURCE_BYTES * 2})
    assert capped == MAX_SOURCE_BYTES and "analyzer's own limit" in problem


def test_files_changed_on_disk(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    a, b, hidden = str(tmp_path / "a.py"), str(tmp_path / "b.py"), str(tmp_path / ".venv" / "c.py")
    assert analyzer.files_changed([(a, True)], set()) == 0  # same contents: same digest, nothing to do
    (tmp_path / "a.py").write_text("x = 2\n")
    (tmp_path / "b.py").write_text("y = 1\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "c.py").write_text("z = 1\n")
    assert analyzer.files_changed([(a, True), (b, True), (hidden, True)], set()) == 2
    assert analyzer.workspace.files[a].text == "x = 2\n" and b in analyzer.workspace.files
    assert hidden not in analyzer.workspace.files  # not indexed: like discover_python_files
    (tmp_path / "a.py").unlink()
    assert analyzer.files_changed([(a, False), (b, True)], {b}) == 1  # b is open: the editor's text wins
    assert a not in analyzer.workspace.files


def test_a_module_created_after_an_import_failed_to_resolve(tmp_path):
    """The engine caches a function's result with what it consulted, not with "no such module"; the analyzer
    makes a new engine when modules appear."""
    models = ("from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker\n"
              "class Base(DeclarativeBase):\n    pass\n"
              "class User(Base):\n    __tablename__ = 'users'\n"
              "    id: Mapped[int] = mapped_column(primary_key=True)\n    addresses = relationship('Address')\n"
              "Session = sessionmaker()\n")
    app = ("from models import Session\nfrom schema import User\n"
           "def show():\n    with Session() as s:\n        user = s.get(User, 1)\n    return user.addresses\n")
    (tmp_path / "models.py").write_text(models)
    (tmp_path / "app.py").write_text(app)
    analyzer = Analyzer()
    analyzer.index([str(tmp_path)])
    path = str(tmp_path / "app.py")
    assert analyzer.analyse(path, None, Settings(), PositionCodec()).diagnostics == []
    (tmp_path / "schema.py").write_text(models)
    assert analyzer.files_changed([(str(tmp_path / "schema.py"), True)], set()) == 1
    [diag] = analyzer.analyse(path, None, Settings(), PositionCodec()).diagnostics
    assert diag.code == "SQS102"


def test_the_rule_link_is_the_installed_doc_unless_a_docs_url_is_set():
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    positions = PositionConverter(PositionCodec("utf-16"), lambda p: None)
    href = to_diagnostic(finding(), positions).code_description.href
    page = Path(unquote(urlparse(href).path))
    assert href.startswith("file://") and page.name == "SQS102.md" and page.is_file()
    assert page.read_text().startswith("# SQS102 lazy-load-on-detached")
    assert to_diagnostic(finding(), positions, "https://docs.example.org/rules").code_description.href == \
        "https://docs.example.org/rules/SQS102.md"
    assert to_diagnostic(finding(), positions, "https://x.org/{code}.html").code_description.href == \
        "https://x.org/SQS102.html"
