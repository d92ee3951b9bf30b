"""Correct versions of single/alternatives_defaults.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from alternatives_defaults import Address, User, _setup
from sqlalchemy.orm import selectinload


def correct_write_strategy_after_query():
    Session = _setup()
    with Session() as session:
        session.get(Address, 1)
        user = session.get(User, 1)
        user.name = "alice2"
        session.commit()
        print(user.name)


def correct_session_or_default_closes_own_session():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1, options=[selectinload(User.addresses)])
    print(user.addresses)
