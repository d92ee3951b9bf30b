"""Reading and parsing one source file, with clear messages instead of exceptions."""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
import warnings
from dataclasses import dataclass, field
from typing import Iterable

from .reparse import reparse

#: Words of the parser's errors that no amount of further typing fixes (nesting and size limits).
_PARSER_LIMITS = ("too many", "too complex", "too deeply", "recursion")

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
        at_limit = any(limit in str(exc.msg).lower() for limit in _PARSER_LIMITS)
        return SourceFile(path, text, None, f"skipped: syntax error: {exc.msg} (line {line})", line, digest,
                          syntax_error=not at_limit)
    except (ValueError, RecursionError, MemoryError) as exc:
        return SourceFile(path, text, None, f"skipped: cannot parse ({type(exc).__name__}: {exc})", 1, digest)
    return SourceFile(path, text, tree, None, 1, digest)


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
