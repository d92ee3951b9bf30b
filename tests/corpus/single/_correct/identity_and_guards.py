"""Correct versions of single/identity_and_guards.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from identity_and_guards import Address, User, _setup
from sqlalchemy import select
from sqlalchemy.orm import selectinload


def correct_alias_relationship_after_close():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        same = session.get(User, alice.id)
        print(same.name)
        print(alice.addresses)


def correct_query_by_key_reloads_only_what_it_loads():
    Session = _setup()
    with Session() as session:
        alice = session.get(User, 1)
        session.commit()
        again = session.scalars(select(User).where(User.id == 1).options(selectinload(User.addresses))).one()
    print(again.name)
    print(alice.addresses)


def correct_row_instance_stays_the_old_one():
    Session = _setup()
    with Session() as session:
        alice, first = session.execute(select(User, Address).join(User.addresses).where(User.id == 1)).first()
        email = first.email
        session.commit()
    with Session() as session:
        session.add(alice)
        print([address.email for address in alice.addresses])
    print(email)
