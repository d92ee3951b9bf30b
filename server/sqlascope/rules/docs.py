"""Where each rule's documentation lives: a Markdown page shipped inside the package, or a page under a base URL."""

from __future__ import annotations

from pathlib import Path

#: The rule pages (``SQS102.md``, ...) and their index (``README.md``), installed with the package.
DOCS_DIR = Path(__file__).resolve().parent.parent / "rule_docs"


def doc_path(code: str) -> Path:
    return DOCS_DIR / f"{code}.md"


def doc_text(code: str) -> str:
    return doc_path(code).read_text(encoding="utf-8")


def doc_href(code: str, docs_url: str | None = None) -> str:
    """The page a diagnostic links to: ``<docs_url>/<CODE>.md`` when a base URL is configured (``{code}`` in it is
    replaced instead, for sites with their own page names), else the installed Markdown file's ``file:`` URI."""
    if docs_url:
        return docs_url.replace("{code}", code) if "{code}" in docs_url else f"{docs_url.rstrip('/')}/{code}.md"
    return doc_path(code).as_uri()


def help_text(code: str) -> str:
    """The page without its title line: what the rule detects, why it fails, bad and fixed code."""
    lines = doc_text(code).splitlines()
    return "\n".join(lines[1:] if lines and lines[0].startswith("# ") else lines).strip()
