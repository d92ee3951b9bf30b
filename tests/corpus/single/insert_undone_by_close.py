"""Closing a session without a commit undoes the INSERTs it flushed, but the new objects keep their identity:
they are detached, not transient, and the row their key names is gone. Added to another session they are
persistent there, yet refresh() finds no row; merge() makes a new pending copy. rollback() instead makes them
transient again, even one expunged after its flush, or made transient and given its identity back
(make_transient_to_detached): the transaction still holds its INSERT."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import (DeclarativeBase, Mapped, Session, make_transient, make_transient_to_detached, mapped_column,
                            sessionmaker)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    return sessionmaker(engine)


def _create_user(factory) -> User:
    with factory() as session:
        user = User(name="carol")
        session.add(user)
        session.flush()
        return user


def scenario_bad_refresh_after_the_insert_was_closed_away():
    factory = _setup()
    user = _create_user(factory)
    with factory() as session:
        session.add(user)
        session.refresh(user)  # expect: InvalidRequestError
        print(user.name)


def scenario_bad_refresh_after_expunge_all_and_close():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    session.expunge_all()
    session.close()
    with factory() as other:
        other.add(user)
        other.refresh(user)  # expect: InvalidRequestError
        print(user.name)


def scenario_bad_refresh_of_the_copy_merge_makes():
    factory = _setup()
    user = _create_user(factory)
    with factory() as session:
        copy = session.merge(user)
        session.refresh(copy)  # expect: InvalidRequestError
        print(copy.name)


def scenario_bad_refresh_after_expunge_and_rollback():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    session.expunge(user)
    session.rollback()
    with factory() as other:
        other.add(user)
        other.refresh(user)  # expect: InvalidRequestError
        print(user.name)


def scenario_bad_refresh_after_make_transient_to_detached_and_rollback():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    make_transient(user)
    make_transient_to_detached(user)
    session.rollback()
    with factory() as other:
        other.add(user)
        other.refresh(user)  # expect: InvalidRequestError
        print(user.name)


def scenario_ok_made_detached_then_committed():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    make_transient(user)
    make_transient_to_detached(user)
    session.commit()
    session.close()
    with factory() as other:
        other.add(user)
        other.refresh(user)
        print(user.name)


def scenario_bad_merged_copy_of_a_deleted_row():
    factory = _setup()
    with factory(expire_on_commit=False) as session:
        user = User(name="dave")
        session.add(user)
        session.commit()
        session.delete(user)
        session.commit()
    with factory() as other:
        copy = other.merge(user)
        other.refresh(copy)  # expect: InvalidRequestError
        print(copy.name)


def scenario_ok_committed_before_the_session_closed():
    factory = _setup()
    with factory() as session:
        user = User(name="carol")
        session.add(user)
        session.commit()
    with factory() as session:
        session.add(user)
        session.refresh(user)
        print(user.name)


def scenario_ok_expunged_then_committed():
    factory = _setup()
    session = factory()
    user = User(name="carol")
    session.add(user)
    session.flush()
    session.expunge(user)
    session.commit()
    session.close()
    with factory() as other:
        other.add(user)
        other.refresh(user)
        print(user.name)


def scenario_ok_made_transient_and_inserted_again():
    factory = _setup()
    user = _create_user(factory)
    make_transient(user)
    with factory() as session:
        session.add(user)
        session.flush()
        session.refresh(user)
        print(user.name)


def scenario_ok_added_again_and_committed():
    factory = _setup()
    user = _create_user(factory)
    with factory() as session:
        session.add(user)
        session.commit()
    print(user.__class__.__name__)


def scenario_ok_new_session_refreshes_only_what_was_committed():
    factory = _setup()
    with Session(factory.kw["bind"]) as session:
        user = User(name="erin")
        session.add(user)
        session.flush()
        session.commit()
    with factory() as session:
        session.add(user)
        session.refresh(user)
        print(user.name)
