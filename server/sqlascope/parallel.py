"""Running one function over many items in worker processes, for ``check --jobs N``.

Workers are forked, so they start with the parent's state (the parsed workspace, the engine) instead of building it
again, and with its string-hash seed. Results come back as each finishes; callers put them in their own order.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: What the forked workers call; set in the parent just before the pool starts (a fork copies it).
_task: Callable | None = None


def available_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _call(item):
    assert _task is not None
    return item, _task(item)


def run_all(task: Callable[[Item], Result], items: Iterable[Item], jobs: int) -> Iterator[tuple[Item, Result]]:
    """``(item, task(item))`` for every item, in completion order, over ``jobs`` processes (in this one when
    ``jobs`` is 1, there is at most one item, or the platform cannot fork)."""
    global _task
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        for item in items:
            yield item, task(item)
        return
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
            yield from pool.imap_unordered(_call, items, chunksize=1)
    finally:
        _task = None
