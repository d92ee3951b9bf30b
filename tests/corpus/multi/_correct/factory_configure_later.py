"""Correct versions of multi/factory_configure_later's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import ReportSession, SessionLocal
from models import Customer
from startup import init_db


def correct_configured_factory_lazy_relationship_after_close():
    init_db()
    with SessionLocal() as session:
        customer = session.get(Customer, 1)
        session.commit()
        orders = list(customer.orders)
    print(orders)


def correct_factory_configured_without_option_expires():
    init_db()
    with ReportSession() as session:
        customer = session.get(Customer, 1)
        session.commit()
        name = customer.name
    print(name)
