"""Relationship state across commit/close: collections, reverse many-to-one, FK columns."""

from __future__ import annotations

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


def scenario_bad_relationship_read_before_commit_then_again():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    print(len(user.addresses))
    session.commit()
    session.close()
    print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_bad_collection_loaded_then_reverse_many_to_one():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    addresses = user.addresses
    session.close()
    print(addresses[0].email)
    print(user.addresses[0].user)  # expect: DetachedInstanceError


def scenario_ok_collection_loaded_then_child_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    print(len(user.addresses))
    session.close()
    print(user.addresses[0].email)


def scenario_ok_fk_column_after_close():
    Session = _setup()
    session = Session()
    a = session.get(Address, 1)
    session.close()
    print(a.user_id)


def scenario_bad_many_to_one_after_close():
    Session = _setup()
    session = Session()
    a = session.scalars(select(Address).where(Address.email == "alice@example.com")).one()
    session.close()
    print(a.user.name)  # expect: DetachedInstanceError


def scenario_ok_many_to_one_loaded_before_close():
    Session = _setup()
    session = Session()
    a = session.get(Address, 1)
    owner = a.user
    session.close()
    print(owner.name, a.user.name)


def scenario_ok_fk_column_then_requery():
    Session = _setup()
    session = Session()
    a = session.get(Address, 1)
    session.close()
    with Session() as s2:
        user = s2.get(User, a.user_id)
        print(user.name, len(user.addresses))


def _owner_name_expired(address):
    return address.user.name  # expect: DetachedInstanceError


def scenario_bad_expired_related_instance_read_in_helper():
    # the helper is given the address only: the owner it reads is the one loaded (then expired) through it
    Session = _setup()
    session = Session()
    a = session.get(Address, 1)
    owner = a.user
    session.expire(owner)
    session.close()
    print(_owner_name_expired(a))


def _owner_name(address):
    return address.user.name


def scenario_ok_related_instance_read_in_helper():
    Session = _setup()
    session = Session()
    a = session.get(Address, 1)
    print(a.user.id)
    session.close()
    print(_owner_name(a))
