"""Reads reached through an exception edge: a failed commit rolled back in `except` is a real bug; an edge no statement can raise is not."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine, expire_on_commit=False)
    with Session() as s:
        s.add(User(id=1, name="alice"))
        s.commit()
    return Session


def scenario_bad_failed_commit_rolled_back_then_read_after_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.add(User(id=2, name="alice"))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError


def scenario_bad_read_in_except_after_rollback_and_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.add(User(id=2, name="alice"))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        session.close()
        print(f"could not save next to {alice.name}")  # expect: DetachedInstanceError


def scenario_ok_failed_commit_reraises_so_read_is_unreachable():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    alice.name = "alicia"
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise
    session.close()
    print(alice.name)


def scenario_ok_handler_for_an_exception_the_body_cannot_raise():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    try:
        alice.name = "alicia"
        session.add(alice)
    except SQLAlchemyError:
        session.rollback()
    session.commit()
    session.close()
    print(alice.name)  # known-gap: the except edge needs SQLAlchemyError from an attribute store and add(), which cannot raise it; the analyzer takes every except edge


def scenario_ok_rollback_in_except_then_read_while_open():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.add(User(id=2, name="alice"))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
    print(alice.name)
    session.close()


def scenario_ok_finally_close_after_successful_commit():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    try:
        alice.name = "alicia"
        session.commit()
    finally:
        session.close()
    print(alice.name)


def scenario_ok_failed_insert_rolled_back_keeps_the_new_objects_values():
    Session = _setup()
    session = Session()
    duplicate = User(name="alice")
    session.add(duplicate)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        session.close()
        print(f"{duplicate.name} is taken")


def scenario_bad_failed_insert_then_refresh_the_new_object():
    Session = _setup()
    session = Session()
    duplicate = User(name="alice")
    session.add(duplicate)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        session.refresh(duplicate)  # expect: InvalidRequestError
    print(duplicate.name)


def _register(session, name):
    """Get-or-create: insert a new user, or on a duplicate name return the one already there."""
    user = User(name=name)
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        user = session.query(User).filter_by(name=name).one()
    return user


def scenario_ok_get_or_create_returns_the_existing_row():
    Session = _setup()
    session = Session()
    user = _register(session, "alice")
    session.refresh(user)
    print(user.name)
    session.close()


def scenario_ok_get_or_create_returns_the_new_row():
    Session = _setup()
    session = Session()
    user = _register(session, "bob")
    session.refresh(user)
    print(user.name)
    session.close()


def scenario_bad_get_or_create_new_row_read_after_close():
    Session = _setup()
    session = Session(expire_on_commit=True)
    user = _register(session, "bob")
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_flush_then_commit_in_try_read_after_rollback():
    """Whether the flush failed (the object still pending) or the commit did (its INSERT flushed), the rollback
    makes the new object transient with its values."""
    Session = _setup()
    with Session() as session:
        duplicate = User(name="alice")
        session.add(duplicate)
        try:
            session.flush()
            session.commit()
        except IntegrityError:
            session.rollback()
            print(f"{duplicate.name} is taken")
