"""Correct versions of multi/dict_cache's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import selectinload

from db import SessionLocal, init_db
from models import Customer


def _customer_with_subscriptions(customer_id):
    with SessionLocal() as session:
        return session.get(Customer, customer_id, options=[selectinload(Customer.subscriptions)])


def correct_cached_instance_relationship():
    init_db()
    customer = _customer_with_subscriptions(1)
    print([s.product for s in customer.subscriptions if s.active])


def correct_cached_instance_relationship_in_caller():
    init_db()
    customer = _customer_with_subscriptions(1)
    print(len(customer.subscriptions))
