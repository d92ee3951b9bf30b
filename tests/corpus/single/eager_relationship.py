"""Eager strategies configured on the relationship itself (lazy="selectin" / lazy="joined")."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list[Address]] = relationship(back_populates="user", lazy="selectin")
    orders: Mapped[list[Order]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses", lazy="joined")


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="orders", lazy="joined")


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")], orders=[Order(id=1)]))
        s.commit()
    return Session


def scenario_ok_lazy_selectin_collection():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.addresses[0].email)


def scenario_ok_lazy_joined_many_to_one():
    Session = _setup()
    with Session() as s:
        a = s.get(Address, 1)
    print(a.user.name)


def scenario_ok_selectin_then_joined_reverse():
    Session = _setup()
    with Session() as s:
        user = s.scalars(select(User)).one()
    print(user.addresses[0].user.name)


def scenario_bad_plain_lazy_sibling():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.addresses[0].email)
    print(user.orders)  # expect: DetachedInstanceError


def scenario_bad_plain_lazy_collection_then_joined_reverse():
    # Runtime: a plain lazy collection load does not apply the reverse side's lazy="joined"
    # (unlike the lazy="selectin" collection above), so the many-to-one is still unloaded.
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        orders = list(user.orders)
    print(orders[0].id)
    print(orders[0].user.name)  # expect: DetachedInstanceError


def scenario_ok_joined_many_to_one_loaded_with_order():
    Session = _setup()
    with Session() as s:
        order = s.get(Order, 1)
    print(order.user.name)


def scenario_bad_lazy_selectin_after_commit():
    Session = _setup()
    s = Session()
    user = s.get(User, 1)
    s.commit()
    s.close()
    print(user.addresses)  # expect: DetachedInstanceError
