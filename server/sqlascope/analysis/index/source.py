"""Reading and parsing one source file, with clear messages instead of exceptions."""

from __future__ import annotations

import ast
import hashlib
import io
import re
import sys
import tokenize
import warnings
from dataclasses import dataclass, field
from typing import Iterable

from .downlevel import downlevel
from .reparse import reparse

#: Words of the parser's errors that no amount of further typing fixes (nesting and size limits).
_PARSER_LIMITS = ("too many", "too complex", "too deeply", "recursion")

#: Syntax newer than some interpreters parse: (pattern the failing line matches, Python it needs, what it is).
#: sqlascope parses with the interpreter it runs on, after rewriting these statements into older syntax
#: (downlevel.py); a file that still fails for want of a newer grammar is skipped with a message naming the
#: version (see newer_syntax), and the summary says which Python the project needs.
NEWER_SYNTAX = (
    (re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(\[.*\])?\s*="), (3, 12), "a `type` alias statement (PEP 695)"),
    (re.compile(r"^\s*(async\s+)?def\s+\w+\s*\["), (3, 12), "a generic function `def f[T]` (PEP 695)"),
    (re.compile(r"^\s*class\s+\w+\s*\["), (3, 12), "a generic class `class C[T]` (PEP 695)"),
    (re.compile(r"^\s*except\s*\*?\s*[^(:\s][^:]*,[^:]*:"), (3, 14), "`except A, B:` without parentheses (PEP 758)"),
)

#: Files above this size are skipped: nobody keeps hand-written models in them, and parsing would stall.
MAX_SOURCE_BYTES = 5_000_000


@dataclass
class SourceFile:
    path: str
    text: str
    tree: ast.Module | None
    #: Why the file can't be analysed (syntax error, undecodable, too large); None when ``tree`` is set.
    error: str | None = None
    error_line: int = 1
    digest: str = ""
    #: ``error`` is an ordinary syntax error, which further typing may fix (not a parser limit, an encoding, ...).
    syntax_error: bool = False
    #: the Python version whose grammar the file needs, when it failed to parse for want of it
    needs_python: tuple[int, int] | None = None
    _lines: list[str] | None = field(default=None, repr=False)
    _encoded: list[bytes] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def char_column(self, line: int, byte_column: int) -> int:
        """Convert an ``ast`` column (UTF-8 bytes) on a 1-based line into a code-point column."""
        if not 1 <= line <= len(self.lines):
            return byte_column
        text = self.lines[line - 1]
        if text.isascii():
            return byte_column
        return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="replace"))

    def segment(self, node: ast.AST) -> str:
        """Source text of a node (like ``ast.get_source_segment``, without re-splitting the file each call)."""
        line, end_line = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        col, end_col = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if None in (line, end_line, col, end_col) or not 1 <= line <= end_line <= len(self.lines):
            return ""
        if self._encoded is None:
            self._encoded = [text.encode("utf-8") for text in self.lines]
        if line == end_line:
            return self._encoded[line - 1][col:end_col].decode("utf-8", errors="replace")
        parts = [self._encoded[line - 1][col:]] + self._encoded[line:end_line - 1] + [self._encoded[end_line - 1][:end_col]]
        return b"\n".join(parts).decode("utf-8", errors="replace")


def decode_source(data: bytes) -> str:
    """Decode like the interpreter would: BOM, PEP 263 coding cookie, else UTF-8."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def parse_source(path: str, text: str, digest: str | None = None, previous: SourceFile | None = None) -> SourceFile:
    """``text`` parsed; ``previous`` (an earlier version of the same file) lets an edit reparse only the
    statements it touched."""
    digest = digest or text_digest(text)
    if len(text) > MAX_SOURCE_BYTES:
        return SourceFile(path, text, None, f"skipped: file is larger than {MAX_SOURCE_BYTES // 1_000_000} MB", 1, digest)
    if "\x00" in text:
        return SourceFile(path, text, None, "skipped: file contains NUL bytes", 1, digest)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences etc. are the user's business
            tree = None
            if previous is not None and previous.tree is not None:
                tree = reparse(previous.text, previous.tree, text, path)
            if tree is None:
                tree = ast.parse(text, filename=path, type_comments=False)
    except SyntaxError as exc:
        line = exc.lineno or 1
        newer = newer_syntax(text, line)
        tree = _parse_downlevelled(text, path) if newer is not None else None
        if tree is not None:
            return SourceFile(path, text, tree, None, 1, digest)
        if newer is not None:
            version, what = newer
            return SourceFile(path, text, None, f"skipped: needs Python {version[0]}.{version[1]}+ for {what} "
                              f"(line {line}); sqlascope runs on Python {sys.version_info[0]}.{sys.version_info[1]}",
                              line, digest, needs_python=version)
        at_limit = any(limit in str(exc.msg).lower() for limit in _PARSER_LIMITS)
        return SourceFile(path, text, None, f"skipped: syntax error: {exc.msg} (line {line})", line, digest,
                          syntax_error=not at_limit)
    except (ValueError, RecursionError, MemoryError) as exc:
        return SourceFile(path, text, None, f"skipped: cannot parse ({type(exc).__name__}: {exc})", 1, digest)
    return SourceFile(path, text, tree, None, 1, digest)


def _parse_downlevelled(text: str, path: str) -> ast.Module | None:
    """The tree of ``text`` with its newer statements rewritten (downlevel.py), if that parses."""
    rewritten = downlevel(text)
    if rewritten is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(rewritten, filename=path, type_comments=False)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def newer_syntax(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """(Python version, construct) when the line a SyntaxError points at uses syntax newer than this interpreter."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    for pattern, version, what in NEWER_SYNTAX:
        if sys.version_info[:2] < version and pattern.match(lines[line - 1]):
            return version, what
    return None


def read_source(path: str, known: Iterable[SourceFile | None] = ()) -> SourceFile:
    """The file on disk, parsed; or one of ``known`` (earlier readings of it) when the text is the same: a
    parse costs far more than reading and hashing."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        return SourceFile(path, "", None, f"skipped: cannot read file ({exc.strerror or exc})")
    if len(data) > MAX_SOURCE_BYTES:
        return SourceFile(path, "", None, f"skipped: file is larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
    try:
        text = decode_source(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        return SourceFile(path, "", None, f"skipped: file is not valid UTF-8 or its declared encoding ({exc})")
    digest = text_digest(text)
    for earlier in known:
        if earlier is not None and earlier.digest == digest and earlier.text == text:
            return earlier
    return parse_source(path, text, digest)
