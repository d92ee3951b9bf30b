"""Nightly billing job: mark invoices paid one at a time, then print a summary."""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload

log = logging.getLogger("billing")


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200))
    invoices: Mapped[list[Invoice]] = relationship(back_populates="customer")


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    status: Mapped[str] = mapped_column(String(20), default="open")
    due: Mapped[date]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="invoices")


def get_engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        acme = Customer(name="ACME", email="ap@acme.test")
        globex = Customer(name="Globex", email="billing@globex.test")
        session.add_all(
            [
                Invoice(number="INV-001", total=Decimal("120.00"), due=date(2024, 1, 31), customer=acme),
                Invoice(number="INV-002", total=Decimal("75.50"), due=date(2024, 2, 28), customer=globex),
                Invoice(number="INV-003", total=Decimal("310.00"), due=date(2024, 3, 31), customer=acme),
            ]
        )
        session.commit()
    return engine


def charge(invoice: Invoice) -> bool:
    return invoice.total > 0


def run_billing(engine):
    processed = []
    with Session(engine) as session:
        invoices = session.scalars(select(Invoice).where(Invoice.status == "open").order_by(Invoice.id)).all()
        for invoice in invoices:
            if charge(invoice):
                invoice.status = "paid"
                session.commit()
                processed.append(invoice)
    return processed


def run_billing_and_reload(engine):
    with Session(engine) as session:
        invoices = session.scalars(select(Invoice).where(Invoice.status == "open").order_by(Invoice.id)).all()
        for invoice in invoices:
            if charge(invoice):
                invoice.status = "paid"
                session.commit()
        # fetch the final state for the summary
        processed = session.scalars(select(Invoice).where(Invoice.status == "paid").order_by(Invoice.id)).all()
    return processed


def scenario_bad_summary_after_per_item_commit():
    engine = get_engine()
    processed = run_billing(engine)
    for inv in processed:
        print(f"{inv.number}: {inv.total} {inv.status}")  # expect: DetachedInstanceError


def scenario_ok_summary_after_requery_refreshes():
    engine = get_engine()
    processed = run_billing_and_reload(engine)
    for inv in processed:
        print(f"{inv.number}: {inv.total} {inv.status}")


def run_billing_logged(engine):
    last = None
    with Session(engine) as session:
        for invoice in session.scalars(select(Invoice).order_by(Invoice.id)).all():
            invoice.status = "paid"
            session.commit()
            log.info("charged invoice %s", invoice.number)
            last = invoice
    return last


def scenario_ok_last_invoice_reloaded_by_log_line():
    engine = get_engine()
    last = run_billing_logged(engine)
    print("last charged:", last.number, last.total)


def scenario_bad_last_invoice_relationship_after_log_reload():
    engine = get_engine()
    last = run_billing_logged(engine)
    print("last charged:", last.number, last.customer.email)  # expect: DetachedInstanceError


def overdue_invoices(engine, today):
    with Session(engine) as session, session.begin():
        rows = session.scalars(select(Invoice).where(Invoice.due < today)).all()
        for inv in rows:
            inv.status = "overdue"
    return rows


def overdue_invoices_readonly(engine, today):
    with Session(engine) as session:
        return session.scalars(select(Invoice).where(Invoice.due < today)).all()


def scenario_bad_begin_block_commits_before_return():
    engine = get_engine()
    rows = overdue_invoices(engine, date(2024, 3, 1))
    print(", ".join(inv.number for inv in rows))  # expect: DetachedInstanceError


def scenario_ok_readonly_helper_columns():
    engine = get_engine()
    rows = overdue_invoices_readonly(engine, date(2024, 3, 1))
    print(", ".join(inv.number for inv in rows))


def scenario_bad_sort_by_customer_name_after_close():
    engine = get_engine()
    rows = overdue_invoices_readonly(engine, date(2024, 12, 1))
    for inv in sorted(rows, key=lambda i: (i.customer.name, i.due)):  # expect: DetachedInstanceError
        print(inv.number)


def scenario_ok_sort_by_customer_name_eager():
    engine = get_engine()
    with Session(engine) as session:
        rows = session.scalars(select(Invoice).options(selectinload(Invoice.customer))).all()
    for inv in sorted(rows, key=lambda i: (i.customer.name, i.due)):
        print(inv.number, inv.customer.email)
