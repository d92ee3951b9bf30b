"""expunge / expunge_all detach without expiring; expire / expire_all before close."""

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


def scenario_ok_expunge_then_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expunge(user)
    print(user.name)
    session.close()


def scenario_bad_expunge_then_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expunge(user)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_expunge_all_then_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expunge_all()
    print(user.name)


def scenario_bad_expunge_all_then_relationship():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expunge_all()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_expire_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire(user)
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_expire_then_read_while_open():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire(user)
    print(user.name)
    session.close()
    print(user.name)


def scenario_ok_expire_one_attribute_read_other():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire(user, ["name"])
    session.close()
    print(user.id)


def scenario_bad_expire_one_attribute_read_it():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire(user, ["name"])
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_expire_all_then_close():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    session.expire_all()
    session.close()
    print(user.id)  # expect: DetachedInstanceError


def scenario_bad_expire_on_other_session():
    Session = _setup()
    s1 = Session()
    user = s1.get(User, 1)
    s1.close()
    s2 = Session()
    s2.expire(user)  # expect: InvalidRequestError


def scenario_bad_expire_all_discards_change_then_commit_close():
    """expire_all() discards the unflushed name change, so the commit UPDATEs nothing and loads nothing back."""
    Session = _setup()
    session = Session(expire_on_commit=False)
    user = session.get(User, 1)
    user.name = "alicia"
    session.expire_all()
    session.commit()
    session.close()
    print(f"renamed {user.name}")  # expect: DetachedInstanceError


def scenario_bad_expire_discards_change_then_commit_close():
    Session = _setup()
    session = Session(expire_on_commit=False)
    user = session.get(User, 1)
    user.name = "alicia"
    session.expire(user)
    session.commit()
    session.close()
    print(f"renamed {user.name}")  # expect: DetachedInstanceError


def scenario_ok_change_then_commit_close_without_expiring():
    Session = _setup()
    session = Session(expire_on_commit=False)
    user = session.get(User, 1)
    user.name = "alicia"
    session.commit()
    session.close()
    print(f"renamed {user.name}")
