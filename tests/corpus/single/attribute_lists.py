"""refresh(obj, [names]), expire(obj, [names]), populate_existing and with_for_update act on exactly what they load."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
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


def scenario_ok_refresh_named_column_after_commit_then_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.refresh(alice, ["name"])
    session.close()
    print(alice.name)


def scenario_bad_refresh_named_column_leaves_others_expired():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.refresh(alice, ["name"])
    session.close()
    print(alice.email)  # expect: DetachedInstanceError


def scenario_ok_refresh_named_relationship_then_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.refresh(alice, ["addresses"])
    session.close()
    print(len(alice.addresses))


def scenario_bad_refresh_all_does_not_load_relationship():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.refresh(alice)
    session.close()
    print(len(alice.addresses))  # expect: DetachedInstanceError


def scenario_bad_expire_named_column_then_close():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.expire(alice, ["email"])
    session.close()
    print(alice.email)  # expect: DetachedInstanceError


def scenario_ok_expire_named_column_then_close_other_column():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.expire(alice, ["email"])
    session.close()
    print(alice.name)


def scenario_ok_populate_existing_query_after_commit():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.scalars(select(User).execution_options(populate_existing=True)).all()
    session.close()
    print(alice.name, alice.email)


def scenario_bad_populate_existing_does_not_load_relationship():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.scalars(select(User).execution_options(populate_existing=True)).all()
    session.close()
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_with_for_update_query_after_commit():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    locked = session.scalars(select(User).where(User.id == 1).with_for_update()).one()
    session.close()
    print(locked.name, alice.email)


def scenario_ok_get_with_for_update_after_commit():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.get(User, 1, with_for_update=True)
    session.close()
    print(alice.name)


def scenario_bad_query_of_other_rows_does_not_reload():
    Session = _setup()
    session = Session()
    alice = session.get(User, 1)
    session.commit()
    session.scalars(select(User).where(User.id == 2)).all()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError
