"""Correct versions of multi/thread_worker's bad scenarios (tests/corpus/README.md, "Correct versions")."""

NOTHING_TO_COMPARE = {
    "scenario_bad_thread_reads_lazy_relationship": "the thread fills `outbox`; nothing is printed",
}
