from cache import customer_id_for, get_customer
from db import SessionLocal
from models import Customer


def warm_up(customer_id):
    get_customer(customer_id)


def active_products(customer_id):
    customer = get_customer(customer_id)
    return [s.product for s in customer.subscriptions if s.active]  # expect: DetachedInstanceError


def customer_tier(customer_id):
    return get_customer(customer_id).tier


def active_products_by_email(email):
    customer_id = customer_id_for(email)
    with SessionLocal() as session:
        customer = session.get(Customer, customer_id)
        return [s.product for s in customer.subscriptions if s.active]
