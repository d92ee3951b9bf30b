from db import init_db
from workers import queue_report, queue_report_by_id, render_while_open


def scenario_bad_executor_gets_instance_after_scoped_remove():
    init_db()
    future = queue_report(1)
    print(future.result())


def scenario_ok_executor_gets_id_and_uses_its_thread_session():
    init_db()
    print(queue_report_by_id(1).result())


def scenario_ok_worker_uses_instance_while_owner_session_open():
    init_db()
    print(render_while_open(1))
