"""rollback() rolls back the transaction under way; after a commit (or a rollback) nothing is under way until the
session talks to the database or its unit of work changes (an attribute set, add(), delete(), merge()), so a
rollback then expires nothing. commit() expires whether or not a transaction was under way."""

from __future__ import annotations

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, expire_on_commit=False)
    with Session() as s:
        s.add(User(id=1, name="alice"))
        s.commit()
    return Session


def scenario_ok_rollback_right_after_commit_expires_nothing():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        session.rollback()
    print(user.name)


def scenario_ok_rollback_after_expire_only_expires_what_expire_did():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        session.expire(user, ["name"])
        session.rollback()
    print(user.id)


def scenario_bad_attribute_set_after_commit_begins_a_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        user.name = "alicia"
        session.rollback()
    print(user.id)  # expect: DetachedInstanceError


def scenario_bad_query_after_commit_begins_a_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        session.execute(select(User.id))
        session.rollback()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_add_after_commit_begins_a_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        session.add(User(id=2, name="bob"))
        session.rollback()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_rollback_of_the_first_transaction():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        session.rollback()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_reload_after_commit_begins_a_transaction():
    Session = _setup()
    Session.configure(expire_on_commit=True)
    with Session() as session:
        user = session.get(User, 1)
        session.commit()
        print(user.name)
        session.rollback()
    print(user.name)  # expect: DetachedInstanceError
