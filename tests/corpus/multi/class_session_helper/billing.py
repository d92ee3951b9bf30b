from db import SessionScope, UnitOfWork
from models import Invoice


def find_invoice(invoice_id):
    with SessionScope() as session:
        return session.get(Invoice, invoice_id)


def peek_invoice(invoice_id):
    with SessionScope(commit=False) as session:
        return session.get(Invoice, invoice_id)


def invoice_total(invoice_id):
    with SessionScope(commit=False) as session:
        invoice = session.get(Invoice, invoice_id)
        return sum(item.amount_cents for item in invoice.items)


def mark_paid(invoice_id):
    with UnitOfWork() as uow:
        invoice = uow.session.get(Invoice, invoice_id)
        invoice.paid = True
    return invoice


def pay_and_describe(invoice_id):
    with UnitOfWork() as uow:
        invoice = uow.session.get(Invoice, invoice_id)
        invoice.paid = True
        return invoice.number, [item.description for item in invoice.items]


def item_descriptions(invoice):
    return [item.description for item in invoice.items]  # expect: DetachedInstanceError
