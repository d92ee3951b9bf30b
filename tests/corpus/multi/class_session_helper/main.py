from billing import find_invoice, invoice_total, item_descriptions, mark_paid, pay_and_describe, peek_invoice
from db import init_db


def scenario_bad_column_after_committing_class_scope():
    init_db()
    invoice = find_invoice(1)
    print(invoice.number)  # expect: DetachedInstanceError


def scenario_ok_column_after_non_committing_class_scope():
    init_db()
    invoice = peek_invoice(1)
    print(invoice.number, invoice.paid)


def scenario_bad_relationship_after_non_committing_class_scope():
    init_db()
    invoice = peek_invoice(1)
    print(item_descriptions(invoice))


def scenario_ok_relationship_read_inside_class_scope():
    init_db()
    print(invoice_total(1))


def scenario_bad_unit_of_work_commits_on_exit_then_column():
    init_db()
    invoice = mark_paid(1)
    print(invoice.paid)  # expect: DetachedInstanceError


def scenario_ok_unit_of_work_reads_inside_its_block():
    init_db()
    print(pay_and_describe(1))
