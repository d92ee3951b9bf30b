from database import db_session
from models import Invoice
from tasks import email_total, email_total_merged, mark_paid, mark_paid_by_id, mark_paid_merged, outbox


def pay_invoice(invoice_id, task):
    invoice = db_session.get(Invoice, invoice_id)
    task.delay(invoice)
    db_session.remove()
    return outbox


def pay_invoice_by_id(invoice_id):
    invoice = db_session.get(Invoice, invoice_id)
    mark_paid_by_id.delay(invoice.id)
    return outbox


__all__ = ["pay_invoice", "pay_invoice_by_id", "mark_paid", "mark_paid_merged", "email_total", "email_total_merged"]
