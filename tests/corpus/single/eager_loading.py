"""Loader options: eager relationship loading, load_only / defer / deferred columns, raiseload."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    defer,
    immediateload,
    joinedload,
    load_only,
    mapped_column,
    raiseload,
    relationship,
    selectinload,
    sessionmaker,
    subqueryload,
    undefer,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(deferred=True)
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
        s.add(User(id=1, name="alice", bio="hi", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return Session


def scenario_ok_selectinload():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).first()
    print(user.addresses[0].email)


def scenario_ok_joinedload():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(joinedload(User.addresses))).unique().one()
    print(len(user.addresses))


def scenario_ok_subqueryload():
    Session = _setup()
    with Session() as session:
        user = session.query(User).options(subqueryload(User.addresses)).first()
    print(len(user.addresses))


def scenario_ok_immediateload():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(immediateload(User.addresses))).one()
    print(len(user.addresses))


def scenario_ok_joinedload_many_to_one():
    Session = _setup()
    with Session() as session:
        a = session.scalars(select(Address).options(joinedload(Address.user))).one()
    print(a.user.name)


def scenario_bad_selectinload_then_reverse():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(selectinload(User.addresses))).one()
    print(user.addresses[0].user)  # expect: DetachedInstanceError


def scenario_bad_selectinload_then_commit():
    Session = _setup()
    session = Session()
    user = session.scalars(select(User).options(selectinload(User.addresses))).one()
    session.commit()
    session.close()
    print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_bad_get_options_ignored_when_in_identity_map():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    user = session.get(User, 1, options=[selectinload(User.addresses)])
    session.close()
    print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_ok_get_with_options():
    Session = _setup()
    session = Session()
    user = session.get(User, 1, options=[selectinload(User.addresses)])
    session.close()
    print(len(user.addresses))


def scenario_bad_load_only():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(load_only(User.id))).one()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_load_only_includes_column():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(load_only(User.name))).one()
    print(user.id, user.name)


def scenario_bad_defer():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(defer(User.name))).one()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_deferred_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.close()
    print(user.name)
    print(user.bio)  # expect: DetachedInstanceError


def scenario_ok_undefer():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(undefer(User.bio))).one()
    print(user.bio)


def scenario_ok_deferred_column_read_while_open():
    Session = _setup()
    with Session() as session:
        user = session.get(User, 1)
        bio = user.bio
    print(bio, user.bio)


def scenario_ok_raiseload_relationship_not_read():
    Session = _setup()
    with Session() as session:
        user = session.scalars(select(User).options(raiseload(User.addresses))).one()
    print(user.name)
