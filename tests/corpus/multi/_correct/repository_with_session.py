"""Correct versions of multi/repository_with_session's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from db import make_factory
from repository import UserRepository


def correct_lazy_relationship_after_repository_closed():
    repo = UserRepository(make_factory())
    user = repo.get_with_addresses(1)
    print(len(user.addresses))


def correct_lookup_by_email_then_relationship():
    repo = UserRepository(make_factory())
    user = repo.get_with_addresses(1)
    print(user.addresses[0].city)
