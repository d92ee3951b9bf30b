"""Correct versions of multi/celery_tasks's bad scenarios (tests/corpus/README.md, "Correct versions")."""

NOTHING_TO_COMPARE = {
    "scenario_bad_delay_with_instance_task_reads_relationship": "the task fills `packed`; nothing is printed",
    "scenario_bad_apply_async_after_commit_task_reads_expired_column": "the task fills `packed`; nothing is printed",
}
