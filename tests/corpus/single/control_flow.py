"""Branches, loops and exception handlers that end the session before a read."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.add(User(id=2, name="bob", addresses=[Address(id=2, email="bob@example.com")]))
        s.add(User(id=3, name="carol", addresses=[Address(id=3, email="carol@example.com")]))
        s.add(User(id=4, name="dave", addresses=[Address(id=4, email="dave@example.com")]))
        s.commit()
    return Session


def count_addresses(Session, close_early):
    session = Session()
    user = session.get(User, 1)
    if close_early:
        session.close()
    return len(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_branch_closes():
    Session = _setup()
    print(count_addresses(Session, True))


def scenario_ok_branch_keeps_open():
    Session = _setup()
    print(count_addresses(Session, False))


def scenario_bad_loop_commits_and_closes_in_body():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User).order_by(User.id)).all()
    for user in users:
        print(user.name, len(user.addresses))  # expect: DetachedInstanceError
        session.commit()
        session.close()


def scenario_ok_loop_closes_in_body_reads_columns():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User).order_by(User.id)).all()
    for user in users:
        print(user.id, user.name)
        session.close()


def scenario_ok_loop_commits_in_body_session_open():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User).order_by(User.id)).all()
    for user in users:
        user.name = user.name.title()  # expect-warning: SQS201
        session.commit()
    print([u.name for u in users])  # expect-warning: SQS201
    session.close()


def scenario_bad_rollback_in_handler_then_read_after_block():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        try:
            session.add(User(id=3, name=None))
            session.flush()
        except IntegrityError:
            session.rollback()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_rollback_in_handler_then_read_while_open():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        try:
            session.add(User(id=3, name=None))
            session.flush()
        except IntegrityError:
            session.rollback()
        print(user.name)


def scenario_ok_try_finally_close_then_column():
    Session = _setup()
    session = Session()
    try:
        user = session.get(User, 1)
    finally:
        session.close()
    print(user.name)


def scenario_bad_try_finally_close_then_relationship():
    Session = _setup()
    session = Session()
    try:
        user = session.get(User, 1)
    finally:
        session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_early_return_path_skips_load():
    Session = _setup()
    session = Session()
    user = session.get(User, 2)
    if user.name != "alice":
        session.close()
    else:
        print(len(user.addresses))
        session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_both_paths_load_before_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 2)
    if user.name != "alice":
        print(len(user.addresses))
        session.close()
    else:
        print(len(user.addresses))
        session.close()
    print(user.addresses)


def _refresh_either(Session, first, refresh=True):
    with Session() as s:
        if first:
            user = s.get(User, 1)
        else:
            user = s.get(User, 2)
        if refresh:
            s.refresh(user)
        return user


def scenario_ok_helper_allocating_on_two_branches_called_in_a_loop():
    # each call's instance is a new one: the previous call's (detached by now) is not what it refreshes
    Session = _setup()
    for i in range(3):
        print(_refresh_either(Session, i % 2 == 0, refresh=i == 2).name)


def scenario_bad_helper_result_refreshed_after_its_session_closed():
    Session = _setup()
    with Session() as s:
        for i in range(2):
            user = _refresh_either(Session, i % 2 == 0)
            s.refresh(user)  # expect: InvalidRequestError
            print(user.name)
