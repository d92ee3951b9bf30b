"""Correct versions of single/transactions.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from transactions import User, _engine, _setup
from sqlalchemy.orm import Session, sessionmaker


def correct_rollback_close_then_read():
    SessionLocal = _setup()
    with SessionLocal() as session:
        user = session.get(User, 1)
        session.rollback()
        print(user.name)


def correct_expire_on_commit_false_rollback():
    SessionLocal = sessionmaker(_engine(), expire_on_commit=False)
    with SessionLocal() as session:
        user = session.get(User, 1)
        session.rollback()
        print(user.name)


def correct_expire_on_commit_false_lazy_relationship():
    with Session(_engine(), expire_on_commit=False) as session:
        user = session.get(User, 1)
        session.commit()
        print(user.addresses)
