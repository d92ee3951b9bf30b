"""Instances that flow through aliases, tuples, lists, loops and comprehensions."""

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


def scenario_bad_simple_alias():
    Session = _setup()
    session = Session()
    u = session.get(User, 1)
    v = u
    session.close()
    print(v.addresses)  # expect: DetachedInstanceError


def scenario_ok_simple_alias_column():
    Session = _setup()
    session = Session()
    u = session.get(User, 1)
    v = u
    session.close()
    print(v.name)


def scenario_bad_tuple_unpacking():
    Session = _setup()
    session = Session()
    u, a = session.get(User, 1), session.get(Address, 1)
    session.close()
    print(u.name)
    print(a.user)  # expect: DetachedInstanceError


def scenario_ok_tuple_unpacking_fk():
    Session = _setup()
    session = Session()
    u, a = session.get(User, 1), session.get(Address, 1)
    session.close()
    print(u.name, a.user_id)


def scenario_bad_for_loop_after_close():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User)).all()
    session.close()
    for u in users:
        print(u.name, len(u.addresses))  # expect: DetachedInstanceError


def scenario_ok_for_loop_columns_after_close():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User)).all()
    session.close()
    for u in users:
        print(u.id, u.name)


def scenario_bad_list_comprehension():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User)).all()
    session.close()
    counts = [len(u.addresses) for u in users]  # expect: DetachedInstanceError
    print(counts)


def scenario_ok_list_comprehension_columns():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User)).all()
    session.close()
    names = [u.name for u in users]
    print(names)


def scenario_bad_index_after_commit():
    Session = _setup()
    session = Session()
    users = session.scalars(select(User)).all()
    session.commit()
    session.close()
    print(users[0].name)  # expect: DetachedInstanceError


def scenario_ok_list_call_then_column():
    Session = _setup()
    session = Session()
    users = list(session.scalars(select(User)))
    session.close()
    print(users[0].name)


def scenario_bad_list_call_then_relationship():
    Session = _setup()
    session = Session()
    users = list(session.scalars(select(User)))
    session.close()
    first = users[0]
    print(first.addresses)  # expect: DetachedInstanceError


def scenario_bad_dict_of_instances():
    Session = _setup()
    session = Session()
    by_id = {u.id: u for u in session.scalars(select(User))}
    session.close()
    print(by_id[1].addresses)  # expect: DetachedInstanceError
