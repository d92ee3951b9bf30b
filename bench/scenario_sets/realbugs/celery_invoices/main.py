from database import init_db
from tasks import email_total, email_total_merged, mark_paid, mark_paid_merged
from views import pay_invoice, pay_invoice_by_id


def scenario_bad_task_refreshes_pickled_invoice():
    init_db()
    print(pay_invoice(1, mark_paid))


def scenario_ok_task_merges_pickled_invoice_first():
    init_db()
    print(pay_invoice(1, mark_paid_merged))


def scenario_ok_task_requeries_by_id():
    init_db()
    print(pay_invoice_by_id(1))


def scenario_bad_task_lazy_loads_lines_of_pickled_invoice():
    init_db()
    print(pay_invoice(1, email_total))


def scenario_ok_task_merges_pickled_invoice_then_lazy_loads():
    init_db()
    print(pay_invoice(1, email_total_merged))
