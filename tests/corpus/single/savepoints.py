"""begin_nested(): releasing a savepoint expires nothing; rolling one back expires what changed inside it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(default="")
    bio: Mapped[str] = mapped_column(deferred=True, default="")
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
        s.add(User(id=1, name="alice", email="alice@example.com", bio="likes tea",
                   addresses=[Address(id=1, email="alice@example.com")]))
        s.add(User(id=2, name="bob", email="bob@example.com"))
        s.commit()
    return Session


def scenario_ok_released_savepoint_then_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    with session.begin_nested():
        alice.name = "alicia"
    session.close()
    print(alice.name, alice.email)


def scenario_bad_rolled_back_savepoint_expires_changed_object():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    savepoint = session.begin_nested()
    alice.name = "alicia"
    savepoint.rollback()
    session.close()
    print(alice.email)  # expect: DetachedInstanceError  # known-gap: rolling back a savepoint expires the objects changed inside it; not modelled


def scenario_ok_rolled_back_savepoint_keeps_unchanged_object():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    bob = session.get(User, 2)
    savepoint = session.begin_nested()
    alice.name = "alicia"
    savepoint.rollback()
    session.close()
    print(bob.name)


def scenario_ok_rolled_back_savepoint_object_only_read_inside():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    savepoint = session.begin_nested()
    print(alice.name)
    savepoint.rollback()
    session.close()
    print(alice.email)


def scenario_bad_exception_in_savepoint_block_expires_changed_object():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    try:
        with session.begin_nested():
            alice.name = "alicia"
            raise ValueError("invalid name")
    except ValueError:
        pass
    session.close()
    print(alice.name)  # expect: DetachedInstanceError  # known-gap: an exception leaving `with session.begin_nested():` rolls the savepoint back and expires what changed inside; not modelled


def scenario_ok_inner_savepoint_fails_outer_change_survives():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    bob = session.get(User, 2)
    with session.begin_nested():
        bob.name = "robert"
        try:
            with session.begin_nested():
                alice.name = "alicia"
                raise ValueError("invalid name")
        except ValueError:
            pass
    session.close()
    print(bob.name)


def scenario_ok_new_object_in_rolled_back_savepoint_keeps_values():
    Session = _setup()
    session = Session()
    savepoint = session.begin_nested()
    carol = User(name="carol")
    session.add(carol)
    session.flush()
    savepoint.rollback()
    session.close()
    print(carol.name)


def scenario_bad_released_savepoint_then_commit_expires():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    with session.begin_nested():
        alice.name = "alicia"
    session.commit()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError
