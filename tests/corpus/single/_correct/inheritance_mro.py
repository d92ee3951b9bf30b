"""Correct versions of single/inheritance_mro.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from inheritance_mro import User, _setup
from sqlalchemy.orm import selectinload


def _user_with_addresses(Session, user_id):
    with Session() as session:
        return session.get(User, user_id, options=[selectinload(User.addresses)])


def correct_mixin_method_closes_session():
    user = _user_with_addresses(_setup(), 1)
    print(user.addresses)


def correct_override_calls_super():
    user = _user_with_addresses(_setup(), 1)
    print("finishing")
    print([a.email for a in user.addresses])


def correct_generic_base_repository_get():
    user = _user_with_addresses(_setup(), 1)
    print(len(user.addresses))


def correct_classmethod_through_subclass():
    user = _user_with_addresses(_setup(), 1)
    for address in user.addresses:
        print(address.email)


def correct_staticmethod_through_subclass():
    user = _user_with_addresses(_setup(), 1)
    print(user.addresses[0].email)
