from db import make_factory
from repository import UserRepository


def shipping_labels(user):
    return [f"{user.name}, {a.street}, {a.city}" for a in user.addresses]


def scenario_bad_lazy_relationship_after_repository_closed():
    repo = UserRepository(make_factory())
    user = repo.get(1)
    addresses = user.addresses  # expect: DetachedInstanceError
    print(len(addresses))


def scenario_bad_lookup_by_email_then_relationship():
    repo = UserRepository(make_factory())
    user = repo.get_by_email("ada@example.com")
    first_city = user.addresses[0].city  # expect: DetachedInstanceError
    print(first_city)


def scenario_ok_loaded_column_after_repository_closed():
    repo = UserRepository(make_factory())
    user = repo.get(1)
    greeting = f"Hello {user.name} <{user.email}>"
    print(greeting)


def scenario_ok_repository_eager_loads_addresses():
    repo = UserRepository(make_factory())
    user = repo.get_with_addresses(1)
    for label in shipping_labels(user):
        print(label)
