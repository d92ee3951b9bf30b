"""Correct versions of async_single/tasks_and_run_sync.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

NOTHING_TO_COMPARE = {
    "scenario_bad_task_reads_relationship_after_session_closed": "the task records into a module list; nothing is printed",
}
