from database import db_session
from models import Invoice
from worker import celery_app

outbox = []


@celery_app.task
def mark_paid(invoice):
    db_session.refresh(invoice)  # expect: InvalidRequestError
    invoice.paid = True
    db_session.commit()


@celery_app.task
def mark_paid_merged(invoice):
    invoice = db_session.merge(invoice)
    db_session.refresh(invoice)
    invoice.paid = True
    db_session.commit()
    outbox.append(invoice.id)


@celery_app.task
def mark_paid_by_id(invoice_id):
    invoice = db_session.get(Invoice, invoice_id)
    invoice.paid = True
    db_session.commit()
    outbox.append((invoice.number, invoice.paid))


@celery_app.task
def email_total(invoice):
    outbox.append((invoice.number, sum(line.amount for line in invoice.lines)))  # expect: DetachedInstanceError


@celery_app.task
def email_total_merged(invoice):
    invoice = db_session.merge(invoice)
    outbox.append((invoice.number, sum(line.amount for line in invoice.lines)))
