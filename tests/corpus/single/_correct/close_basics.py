"""Correct versions of single/close_basics.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from close_basics import User, _setup


def correct_close_then_relationship():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        addresses = list(user.addresses)
    print(addresses)


def correct_commit_close_then_column():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        name = user.name
    print(name)


def correct_commit_close_then_primary_key():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        user_id = user.id
    print(user_id)
