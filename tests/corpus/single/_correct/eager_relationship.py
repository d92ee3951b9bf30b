"""Correct versions of single/eager_relationship.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from eager_relationship import User, _setup


def correct_plain_lazy_sibling():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(user.addresses[0].email)
        print(user.orders)


def correct_plain_lazy_collection_then_joined_reverse():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        orders = list(user.orders)
        print(orders[0].id)
        print(orders[0].user.name)


def correct_lazy_selectin_after_commit():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        print(user.addresses)
