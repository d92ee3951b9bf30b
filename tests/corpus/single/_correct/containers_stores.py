"""Correct versions of single/containers_stores.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from containers_stores import User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_list_append_then_close():
    Session = _setup()
    found = []
    with Session() as session:
        found.append(session.get(User, 1, options=[selectinload(User.addresses)]))
        print(found[0].addresses)


def correct_pickle_after_commit_expired():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        name = user.name
        session.commit()
    print(name)


def correct_iterating_one_of_two_collections():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
        addresses = user.addresses if user.name else []
        print([address.user.name for address in addresses])
