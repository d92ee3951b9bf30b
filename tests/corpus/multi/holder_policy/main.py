from cache import cached, recent, remember, remember_by_id
from db import make_factory
from models import Customer


def _load_into_caches(factory):
    with factory() as session:
        for customer in session.query(Customer).order_by(Customer.id):
            remember(customer)
            remember_by_id(customer)


def scenario_ok_cached_instances_read_loaded_columns_later():
    factory = make_factory()
    _load_into_caches(factory)
    print([c.name for c in recent()])


def scenario_bad_cached_instance_lazy_relationship_later():
    factory = make_factory()
    _load_into_caches(factory)
    customer = cached(1)
    print(customer.orders)  # expect: DetachedInstanceError


def scenario_ok_cached_instance_merged_into_new_session():
    factory = make_factory()
    _load_into_caches(factory)
    with factory() as session:
        customer = session.merge(cached(1))
        print(len(customer.orders))
