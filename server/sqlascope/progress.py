"""Progress of a long ``check`` on a terminal: files done / total and the current file, on stderr (tqdm)."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from .report.model import relative

#: Seconds before the bar appears: short runs never show it. ``SQLASCOPE_PROGRESS_DELAY`` overrides it.
DEFAULT_DELAY = 1.0


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

            self.bar = tqdm(total=total, file=self.stream, delay=self.delay, unit="file", leave=False,
                            dynamic_ncols=True, desc="sqlascope")
        else:
            self.bar.update(1)
        self.bar.set_postfix_str(relative(path))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
