"""Progress of a long ``check`` on a terminal: files done / total and the current file, on stderr (tqdm)."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from .formats.model import relative

#: Seconds before the bar appears: short runs never show it. ``SQLASCOPE_PROGRESS_DELAY`` overrides it.
DEFAULT_DELAY = 1.0


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 0


class Progress:
    """``check_paths``' progress callback. Shows nothing unless ``stream`` is a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, delay: float | None = None) -> None:
        self.stream = stream
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.delay = delay if delay is not None else float(os.environ.get("SQLASCOPE_PROGRESS_DELAY", DEFAULT_DELAY))
        self.bar = None

    def __call__(self, path: str, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            known = _columns(self.stream) > 0  # a terminal that reports no size (0 x 0) gets 80 x 24
            self.bar = tqdm(total=total, file=self.stream, delay=self.delay, unit="file", leave=False,
                            dynamic_ncols=known, ncols=None if known else 80, nrows=None if known else 24,
                            desc="sqlascope")
            self.bar.set_postfix_str(relative(path), refresh=False)
            return
        # the file name first, then the count: the refresh the update may make (only after ``delay``) shows both
        self.bar.set_postfix_str(relative(path), refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
