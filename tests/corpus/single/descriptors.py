"""Descriptors on plain (unmapped) classes that hold instances: property, functools.cached_property (the first
read stores the value, later reads do not run the getter) and __getattr__ delegation."""

from __future__ import annotations

from functools import cached_property

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


class UserView:
    def __init__(self, user):
        self.user = user

    @property
    def emails(self):
        return [a.email for a in self.user.addresses]  # expect: DetachedInstanceError

    @property
    def title(self):
        return self.user.name.title()

    @cached_property
    def email_count(self):
        return len(self.user.addresses)  # expect: DetachedInstanceError


class UserProxy:
    def __init__(self, user):
        self._user = user

    def __getattr__(self, name):
        return getattr(self._user, name)  # expect: DetachedInstanceError


def scenario_bad_property_on_view_after_close():
    Session = _setup()
    with Session() as session:
        view = UserView(session.get(User, 1))
    print(view.emails)


def scenario_ok_property_on_view_reads_column():
    Session = _setup()
    with Session() as session:
        view = UserView(session.get(User, 1))
    print(view.title)


def scenario_bad_cached_property_first_read_after_close():
    Session = _setup()
    with Session() as session:
        view = UserView(session.get(User, 1))
    print(view.email_count)


def scenario_ok_cached_property_first_read_inside():
    Session = _setup()
    with Session() as session:
        view = UserView(session.get(User, 1))
        print(view.email_count)
    print(view.email_count)


def scenario_bad_getattr_delegates_relationship():
    Session = _setup()
    with Session() as session:
        proxy = UserProxy(session.get(User, 1))
    print(proxy.addresses)


def scenario_ok_getattr_delegates_column():
    Session = _setup()
    with Session() as session:
        proxy = UserProxy(session.get(User, 1))
    print(proxy.name)
