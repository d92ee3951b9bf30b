"""Correct versions of single/rollback_without_transaction.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select

from rollback_without_transaction import User, _setup


def correct_attribute_set_after_commit_begins_a_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        user.name = "alicia"
        session.rollback()
        print(user.id)


def correct_query_after_commit_begins_a_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        session.execute(select(User.id))
        session.rollback()
        print(user.name)


def correct_rollback_of_the_first_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.rollback()
        print(user.name)
