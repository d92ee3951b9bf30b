"""A session that loses its last reference without being closed is garbage-collected (sessions hold reference
cycles, so this happens at the next cyclic collection, made certain here with gc.collect()). Its instances are
then detached: loaded columns stay readable, lazy loads and expired attributes raise."""

from __future__ import annotations

import gc

from sqlalchemy import ForeignKey, create_engine, select
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
        s.commit()
    return Session


def load_user_leaking_session(Session):
    session = Session()
    return session.get(User, 1)


def load_user_after_commit_leaking_session(Session):
    session = Session()
    user = session.get(User, 1)
    user.name = "alice2"
    session.commit()
    return user


def scenario_bad_collected_session_lazy_load():
    user = load_user_leaking_session(_setup())
    gc.collect()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_collected_session_loaded_column():
    user = load_user_leaking_session(_setup())
    gc.collect()
    print(user.name)


def scenario_bad_collected_session_expired_column():
    user = load_user_after_commit_leaking_session(_setup())
    gc.collect()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_session_kept_alive_by_caller():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    gc.collect()
    print(user.addresses)
    session.close()


_sessions = []


def load_user_keeping_session_in_a_global(Session):
    session = Session()
    _sessions.append(session)
    user = session.get(User, 1)
    session.commit()
    return user


class Repository:
    def __init__(self, Session):
        self.session = Session()

    def user(self):
        user = self.session.get(User, 1)
        self.session.commit()
        return user


def load_user_and_its_session(Session):
    session = Session()
    user = session.get(User, 1)
    session.commit()
    return session, user


def scenario_ok_session_kept_in_a_module_list():
    user = load_user_keeping_session_in_a_global(_setup())
    gc.collect()
    print(user.name, user.addresses)


def scenario_ok_session_kept_by_the_returned_pair():
    session, user = load_user_and_its_session(_setup())
    gc.collect()
    print(user.name, user.addresses)
    session.close()


def scenario_ok_session_kept_by_a_repository_object():
    repository = Repository(_setup())
    user = repository.user()
    gc.collect()
    print(user.name, user.addresses)


def scenario_bad_repository_dropped_with_its_session():
    user = Repository(_setup()).user()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_leaked_session_with_a_transaction_before_any_collection():
    user = load_user_leaking_session(_setup())
    print(user.addresses)


def iter_users(Session):
    session = Session()
    user = session.get(User, 1)
    session.commit()
    yield user


def scenario_bad_generator_session_freed_once_exhausted():
    user = list(iter_users(_setup()))[0]
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_generator_session_alive_while_suspended():
    for user in iter_users(_setup()):
        print(user.name)


def delete_address_keeping_values(Session):
    """expire_on_commit=False: the deleted address keeps its loaded values, and refers to the session by id only."""
    with Session(expire_on_commit=False) as session:
        address = session.get(Address, 1)
        session.delete(address)
        session.commit()
        return address


def scenario_ok_deleted_instance_keeps_its_loaded_columns():
    address = delete_address_keeping_values(_setup())
    print(address.email)


def scenario_bad_deleted_instance_lazy_load_once_its_session_is_freed():
    address = delete_address_keeping_values(_setup())
    print(address.user)  # expect: DetachedInstanceError


def scenario_ok_expunge_of_a_deleted_instance_that_still_refers_to_the_session():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        address = session.get(Address, 1)
        session.delete(address)
        session.commit()
        session.expunge(address)
        print(address.email)


def scenario_bad_expunged_deleted_instance_no_longer_loads():
    Session = _setup()
    with Session(expire_on_commit=False) as session:
        address = session.get(Address, 1)
        session.delete(address)
        session.commit()
        session.expunge(address)
        print(address.user)  # expect: DetachedInstanceError
