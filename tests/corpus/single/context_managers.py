"""`with Session() as s`, `with Session.begin() as s` and `with s.begin():`."""

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


def scenario_ok_with_session_then_column():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.name)


def scenario_bad_with_session_then_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_with_session_commit_inside_then_column():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        user.name = "alice2"
        s.commit()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_with_begin_then_column():
    Session = _setup()
    with Session.begin() as s:
        user = s.scalars(select(User).where(User.id == 1)).one()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_with_begin_read_inside():
    Session = _setup()
    with Session.begin() as s:
        user = s.scalars(select(User).where(User.id == 1)).one()
        name = user.name
        emails = [a.email for a in user.addresses]
    print(name, emails)


def scenario_ok_inner_begin_then_read_while_open():
    Session = _setup()
    s = Session()
    with s.begin():
        user = s.get(User, 1)
    print(user.name, len(user.addresses))
    s.close()


def scenario_bad_inner_begin_then_close_then_read():
    Session = _setup()
    s = Session()
    with s.begin():
        user = s.get(User, 1)
    s.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_begin_after_autobegin():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        with s.begin():  # expect: InvalidRequestError
            user.name = "alice2"


def scenario_ok_begin_before_any_query():
    Session = _setup()
    with Session() as s:
        with s.begin():
            user = s.get(User, 1)
            user.name = "alice2"
        print(user.name)


def scenario_bad_begin_after_an_expired_attribute_loaded():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        print(user.name)
        with s.begin():  # expect: InvalidRequestError
            user.name = "alice2"
        print(user.name)


def scenario_bad_begin_after_add():
    Session = _setup()
    with Session() as s:
        s.add(User(id=2, name="bob"))
        with s.begin():  # expect: InvalidRequestError
            user = s.get(User, 2)
        print(user.name)


def scenario_ok_begin_after_commit():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        with s.begin():
            user.name = "alice2"
        print(user.name)


def scenario_ok_begin_after_merging_an_instance_the_session_holds():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
        user = s.merge(user)  # already persistent here: handed back, nothing begins
        with s.begin():
            user.name = "alice2"


def scenario_bad_begin_after_merging_a_detached_instance():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    with Session() as s:
        user = s.merge(user)
        with s.begin():  # expect: InvalidRequestError
            user.name = "alice2"
