from sqlalchemy import select

from db import SessionLocal
from models import Customer

_customers_by_id = {}
_customer_ids_by_email = {}


def get_customer(customer_id):
    """Process-wide cache of Customer rows."""
    customer = _customers_by_id.get(customer_id)
    if customer is None:
        with SessionLocal() as session:
            customer = session.get(Customer, customer_id)
        _customers_by_id[customer_id] = customer  # expect-warning: SQS108
    return customer


def customer_id_for(email):
    """Cache only the primary key; callers load the row in their own session."""
    if email not in _customer_ids_by_email:
        with SessionLocal() as session:
            stmt = select(Customer.id).where(Customer.email == email)
            _customer_ids_by_email[email] = session.scalars(stmt).one()
    return _customer_ids_by_email[email]
