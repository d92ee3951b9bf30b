from billing import active_products, active_products_by_email, customer_tier, warm_up
from cache import get_customer
from db import init_db


def scenario_bad_cached_instance_relationship():
    init_db()
    warm_up(1)
    print(active_products(1))


def scenario_bad_cached_instance_relationship_in_caller():
    init_db()
    warm_up(1)
    customer = get_customer(1)
    count = len(customer.subscriptions)  # expect: DetachedInstanceError
    print(count)


def scenario_ok_cached_instance_loaded_column():
    init_db()
    warm_up(1)
    print(customer_tier(1))


def scenario_ok_cached_id_then_requery():
    init_db()
    print(active_products_by_email("ops@acme.test"))
    print(active_products_by_email("ops@acme.test"))
