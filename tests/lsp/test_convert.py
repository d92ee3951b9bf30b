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
    def explode(engine, path, settings):
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
