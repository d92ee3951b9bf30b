"""`sqlascope check --format json|sarif|github` from the installed console script, validated against schemas:
the JSON report's own schema (shipped in the package) and the official SARIF 2.1.0 schema (tests/schemas)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from cli_support import BUGGY, run_cli

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"


@lru_cache(maxsize=None)
def examples(fmt: str) -> tuple[int, str, str]:
    """One run over examples/ per format (the same findings each time)."""
    return run_cli("check", "--format", fmt, "examples/", cwd=ROOT)


def _json_schema() -> dict:
    """The schema as installed with the package (not the source tree's copy)."""
    return json.loads(resources.files("sqlascope.formats").joinpath("check-report.schema.json").read_text())


@pytest.fixture
def project(tmp_path):
    (tmp_path / "app.py").write_text(BUGGY)
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n")
    return tmp_path


def test_json_is_one_document_that_validates_against_the_shipped_schema(project):
    code, out, err = run_cli("check", "--format", "json", ".", cwd=project)
    assert code == 1, err
    document = json.loads(out)  # stdout is the document and nothing else
    jsonschema.validate(document, _json_schema(), format_checker=jsonschema.FormatChecker())
    [finding] = document["findings"]
    assert finding["code"] == "SQS102" and finding["name"] == "lazy-load-on-detached"
    fix = finding["fix"]
    assert fix["kind"] == "eager-load" and fix["edits"]
    assert any("selectinload(User.addresses)" in edit["new_text"] for edit in fix["edits"])
    assert document["skipped"] == [{"path": "broken.py", "line": 1, "reason": document["skipped"][0]["reason"]}]
    assert document["skipped"][0]["reason"].startswith("skipped: syntax error")
    assert document["summary"] == {"files": 2, "analysed": 1, "skipped": 1, "cut_short": 0, "internal_errors": 0,
                                   "problems": 1, "errors": 1, "warnings": 0, "notices": 0, "exit_code": 1}
    assert err == ""  # skipped files are in the document, not on stderr


def test_json_of_the_examples_validates_and_counts_its_findings():
    code, out, _ = examples("json")
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, _json_schema(), format_checker=jsonschema.FormatChecker())
    summary = document["summary"]
    assert summary["problems"] + summary["notices"] == len(document["findings"]) > 10
    assert any(f["fix"] for f in document["findings"])
    for finding in document["findings"]:  # each link is a page that exists: the rule doc installed with sqlascope
        assert Path(unquote(urlparse(finding["url"]).path)).is_file(), finding["url"]


def test_sarif_of_the_examples_validates_against_the_official_schema():
    code, out, _ = examples("sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules) and len(rules) == 10
    for rule in rules:
        assert set(rule) >= {"id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"}
        assert rule["help"]["text"].startswith("## What it ") and rule["fullDescription"]["text"]
        assert Path(unquote(urlparse(rule["helpUri"]).path)).is_file()
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert (levels["SQS102"], levels["SQS108"], levels["SQS001"]) == ("error", "warning", "note")
    findings = json.loads(examples("json")[1])["findings"]
    results = run["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["code"] and rules[result["ruleIndex"]]["id"] == finding["code"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert len(result.get("relatedLocations", [])) == len(finding["related"])
        assert ("fixes" in result) == (finding["fix"] is not None)
    assert any("fixes" in r for r in results) and any(r.get("relatedLocations") for r in results)


def test_sarif_fix_replacements_are_the_json_fix_edits(project):
    sarif = json.loads(run_cli("check", "--format", "sarif", "app.py", cwd=project)[1])
    document = json.loads(run_cli("check", "--format", "json", "app.py", cwd=project)[1])
    [result] = sarif["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "app.py", "uriBaseId": "%SRCROOT%"}
    replacements = [(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"], r["insertedContent"]["text"])
                    for r in change["replacements"]]
    edits = [(e["line"], e["column"], e["new_text"]) for e in document["findings"][0]["fix"]["edits"]]
    assert replacements == edits


ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,"
                        r"title=(SQS\d{3}) ([a-z-]+)::(.+)$")


def test_github_has_one_annotation_per_finding_with_the_severity_mapped():
    code, out, _ = examples("github")
    assert code == 1
    findings = json.loads(examples("json")[1])["findings"]
    annotations = [ANNOTATION.match(line) for line in out.splitlines() if line.startswith("::")]
    assert all(annotations) and len(annotations) == len(findings)
    command = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}
    for match, finding in zip(annotations, findings):
        kind, path, line, col, rule_code, name, message = match.groups()
        assert (kind, path, int(line), int(col)) == (command[finding["severity"]], finding["path"], finding["line"],
                                                     finding["column"])
        assert (rule_code, name) == (finding["code"], finding["name"])
        assert "\n" not in message


def test_github_escapes_what_would_end_a_command(tmp_path):
    (tmp_path / "a,b:c.py").write_text(BUGGY)
    out = run_cli("check", "--format", "github", ".", cwd=tmp_path)[1]
    [line] = [line for line in out.splitlines() if line.startswith("::error")]
    assert line.startswith("::error file=a%2Cb%3Ac.py,line=26,")


def test_docs_url_sets_the_links(project):
    out = run_cli("check", "--format", "json", "--docs-url", "https://docs.example.org/rules/", "app.py", cwd=project)[1]
    assert json.loads(out)["findings"][0]["url"] == "https://docs.example.org/rules/SQS102.md"
    (project / "pyproject.toml").write_text('[tool.sqlascope]\ndocs-url = "https://docs.example.org/r/{code}.html"\n')
    sarif = json.loads(run_cli("check", "--format", "sarif", "app.py", cwd=project)[1])
    helps = {r["id"]: r["helpUri"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert helps["SQS102"] == "https://docs.example.org/r/SQS102.html"
