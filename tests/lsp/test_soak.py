"""bench/soak.py --quick as a test: the invariants of a few hundred random edits, never the timings."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import soak  # noqa: E402


async def test_quick_soak_keeps_every_invariant():
    stats = await soak.soak(edits=1000, seed=20251125)
    summary = soak.report(stats, 1000, 20251125)
    assert stats.server_died is None and stats.exit_code == 0, summary
    assert stats.edits >= 1000 and stats.requests > 50 and stats.publishes > 0, summary
    assert stats.unanswered == 0 and stats.duplicate_answers == 0, summary
    assert stats.errors == {}, summary  # only RequestCancelled, for the cancelled ones
    assert stats.stale == [], summary
    assert stats.final_documents >= 2 and stats.final_mismatches == [], summary
    # Steady memory: a leak per edit would show between the middle and the end (generous: not a timing).
    assert stats.rss_end - stats.rss_middle < 50, summary
    assert stats.ok
