"""Correct versions of multi/holder_policy's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from cache import cached
from db import make_factory
from main import _load_into_caches


def correct_cached_instance_lazy_relationship_later():
    factory = make_factory()
    _load_into_caches(factory)
    with factory() as session:
        customer = session.merge(cached(1))
        orders = list(customer.orders)
    print(orders)
