"""Session.close(): loaded columns survive, lazy relationships and expired attributes do not."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
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


def scenario_ok_close_then_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.close()
    print(user.name)


def scenario_bad_close_then_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_commit_close_then_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_read_relationship_before_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    count = len(user.addresses)
    session.close()
    print(count, user.addresses[0].email)


def scenario_ok_commit_then_read_before_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    user.name = "alice2"
    session.commit()
    print(user.name)
    session.close()
    print(user.name)


def scenario_bad_commit_close_then_primary_key():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.id)  # expect: DetachedInstanceError
