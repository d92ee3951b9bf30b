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
    print(alice.email)  # expect: DetachedInstanceError


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
    print(alice.name)  # expect: DetachedInstanceError


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


def scenario_bad_object_added_before_savepoint_and_changed_inside_is_expired():
    Session = _setup()
    with Session() as session:
        dora = User(name="dora")
        session.add(dora)
        savepoint = session.begin_nested()
        dora.name = "dorothy"
        savepoint.rollback()
    print(dora.name)  # expect: DetachedInstanceError


def scenario_ok_object_added_before_savepoint_untouched_inside_keeps_values():
    Session = _setup()
    with Session() as session:
        dora = User(name="dora")
        session.add(dora)
        savepoint = session.begin_nested()
        savepoint.rollback()
    print(dora.name)


def _changed_in_savepoint_then_rolled_back(Session):
    with Session() as session, session.begin():
        erin = User(name="erin")
        session.add(erin)
        session.begin_nested()
        erin.name = "erin2"
        session.rollback()
    return erin


def scenario_bad_transaction_rollback_leaves_an_expired_transient_object():
    Session = _setup()
    erin = _changed_in_savepoint_then_rolled_back(Session)
    print(erin.name)  # expect: DetachedInstanceError


def scenario_ok_transaction_rollback_of_an_added_object_keeps_its_values():
    Session = _setup()
    with Session() as session, session.begin():
        fay = User(name="fay")
        session.add(fay)
        session.flush()
        session.rollback()
    print(fay.name)


def scenario_ok_released_inner_savepoint_then_outer_released():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    with session.begin_nested():
        with session.begin_nested():
            alice.name = "alicia"
    session.close()
    print(alice.name)


def scenario_bad_released_inner_savepoint_undone_by_the_outer_rollback():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    outer = session.begin_nested()
    with session.begin_nested():
        alice.name = "alicia"
    outer.rollback()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError


def scenario_bad_change_undone_by_a_savepoint_is_not_flushed_by_the_commit():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    alice = session.get(User, 1)
    savepoint = session.begin_nested()
    alice.name = "alicia"
    savepoint.rollback()
    session.commit()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError


def scenario_ok_change_kept_by_a_released_savepoint_is_flushed():
    Session = _setup()
    Session.configure(expire_on_commit=False)
    session = Session()
    alice = session.get(User, 1)
    savepoint = session.begin_nested()
    alice.name = "alicia"
    savepoint.commit()
    session.commit()
    session.close()
    print(alice.name)
