"""Correct versions of single/relationships.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from relationships import Address, User, _owner_name_expired, _setup


def correct_relationship_read_before_commit_then_again():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        print(len(user.addresses))
        session.commit()
        print(len(user.addresses))


def correct_collection_loaded_then_reverse_many_to_one():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        print(user.addresses[0].email)
        print(user.addresses[0].user)


def correct_many_to_one_after_close():
    Session = _setup()
    with Session() as session:
        a = session.scalars(select(Address).where(Address.email == "alice@example.com")).one()
        print(a.user.name)


def correct_expired_related_instance_read_in_helper():
    Session = _setup()
    with Session() as session:
        a = session.get(Address, 1)
        owner = a.user
        session.expire(owner)
        print(_owner_name_expired(a))
