"""Reading and parsing one source file, with clear messages instead of exceptions."""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
import warnings
from dataclasses import dataclass, field

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
    _lines: list[str] | None = field(default=None, repr=False)

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
        try:
            return ast.get_source_segment(self.text, node) or ""
        except Exception:  # positions can be off for synthetic nodes
            return ""


def decode_source(data: bytes) -> str:
    """Decode like the interpreter would: BOM, PEP 263 coding cookie, else UTF-8."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def parse_source(path: str, text: str) -> SourceFile:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if len(text) > MAX_SOURCE_BYTES:
        return SourceFile(path, text, None, f"skipped: file is larger than {MAX_SOURCE_BYTES // 1_000_000} MB", 1, digest)
    if "\x00" in text:
        return SourceFile(path, text, None, "skipped: file contains NUL bytes", 1, digest)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences etc. are the user's business
            tree = ast.parse(text, filename=path, type_comments=False)
    except SyntaxError as exc:
        line = exc.lineno or 1
        return SourceFile(path, text, None, f"skipped: syntax error: {exc.msg} (line {line})", line, digest)
    except (ValueError, RecursionError, MemoryError) as exc:
        return SourceFile(path, text, None, f"skipped: cannot parse ({type(exc).__name__}: {exc})", 1, digest)
    return SourceFile(path, text, tree, None, 1, digest)


def read_source(path: str) -> SourceFile:
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
    return parse_source(path, text)
