"""A variable a loop or a try may leave unbound: the path on which it is unbound raises NameError at its read, so
only the paths that bound it reach the code after. Re-attaching the loop's last instance in a with block makes it
persistent there."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add_all([User(id=1, name="alice"), User(id=2, name="bob")])
        s.commit()
    return Session


def _load_all(Session):
    with Session() as s:
        users = s.scalars(select(User)).all()
        s.commit()
    return users


def _iter_users(Session):
    with Session.begin() as s:
        yield from s.scalars(select(User)).all()


def scenario_ok_last_loop_instance_reattached_in_a_with_block():
    Session = _setup()
    for user in _load_all(Session):
        pass
    with Session() as session:
        session.add(user)
        print(user.name)


def scenario_bad_last_loop_instance_read_after_its_with_block():
    Session = _setup()
    for user in _load_all(Session):
        pass
    with Session() as session:
        session.add(user)
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_generator_loop_instance_reattached_in_a_try():
    Session = _setup()
    for user in _iter_users(Session):
        print(user.id)
    session = Session()
    try:
        session.add(user)
        print(user.name)
    finally:
        session.close()


def scenario_ok_variable_bound_in_a_try_body():
    Session = _setup()
    try:
        user = _load_all(Session)[0]
    except IndexError:
        return
    with Session() as session:
        session.add(user)
        print(user.name)
