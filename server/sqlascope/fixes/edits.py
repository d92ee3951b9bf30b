"""Text edits: what a fix changes, as positions in the source (1-based lines, code-point columns)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextEdit:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    code: str  # the diagnostic it fixes
    kind: str  # which fix family: "eager-load", "merge", "suppress", ...
    edits: tuple[TextEdit, ...]
    preferred: bool = False
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def paths(self) -> set[str]:
        return {edit.path for edit in self.edits}


def insertion(path: str, line: int, column: int, text: str) -> TextEdit:
    return TextEdit(path, line, column, line, column, text)


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """Apply edits of one file, last position first so earlier positions stay valid. Overlaps are refused."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        if line - 1 >= len(lines):
            return len(text)
        return starts[line - 1] + min(column, len(lines[line - 1].rstrip("\r\n")))

    unique = list(dict.fromkeys(edits))  # the same edit from two fixes (e.g. one import) is made once
    spans = sorted(((offset(e.line, e.column), offset(e.end_line, e.end_column), e.new_text) for e in unique), reverse=True)
    for (start, end, _), (next_start, next_end, _) in zip(spans[1:], spans):
        if end > next_start:
            raise ValueError("overlapping edits")
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def replace_lines(path: str, first: int, last: int, text: str) -> TextEdit:
    """Replace whole lines ``first``…``last`` (1-based, inclusive, with their line endings) by ``text``."""
    return TextEdit(path, first, 0, last + 1, 0, text)
