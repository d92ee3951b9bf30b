"""Moving an instance into a second session: refresh, add, merge, make_transient."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, make_transient, mapped_column, relationship, sessionmaker


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


def scenario_bad_refresh_in_other_session():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
    s2 = Session()
    s2.refresh(u)  # expect: InvalidRequestError
    print(u.name)


def scenario_bad_refresh_after_close_same_session():
    Session = _setup()
    s = Session()
    u = s.get(User, 1)
    s.commit()
    s.close()
    s.refresh(u)  # expect: InvalidRequestError


def scenario_ok_add_then_refresh():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
    s2 = Session()
    s2.add(u)
    s2.refresh(u)
    print(u.name, len(u.addresses))
    s2.close()


def scenario_ok_add_expired_then_read():
    Session = _setup()
    s = Session()
    u = s.get(User, 1)
    s.commit()
    s.close()
    s2 = Session()
    s2.add(u)
    print(u.name, len(u.addresses))


def scenario_ok_merge_result_used():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
        s.commit()
    s2 = Session()
    u = s2.merge(u)
    print(len(u.addresses))


def scenario_bad_merge_result_ignored():
    Session = _setup()
    with Session() as s:
        u = s.get(User, 1)
    s2 = Session()
    s2.merge(u)
    print(len(u.addresses))  # expect: DetachedInstanceError


def scenario_ok_make_transient_then_column():
    Session = _setup()
    s = Session()
    u = s.get(User, 1)
    s.close()
    make_transient(u)
    print(u.id, u.name)


def scenario_ok_make_transient_then_relationship():
    # Runtime: a transient object's unloaded lazy collection silently reads as empty.
    Session = _setup()
    s = Session()
    u = s.get(User, 1)
    s.close()
    make_transient(u)
    print(u.addresses)


def scenario_ok_requery_by_id():
    Session = _setup()
    with Session() as s:
        user_id = s.get(User, 1).id
    with Session() as s2:
        u = s2.get(User, user_id)
        print(len(u.addresses))


def scenario_ok_make_transient_forgets_what_commit_expired():
    Session = _setup()
    s = Session()
    u = s.get(User, 1)
    s.commit()
    s.close()
    make_transient(u)
    print(u.name)


def scenario_bad_rollback_of_an_inserted_object_keeps_its_expired_column():
    Session = _setup()
    s = Session()
    v = User(name="vera")
    s.add(v)
    s.flush()
    s.expire(v, ["name"])
    s.rollback()
    s.close()
    print(v.name)  # expect: DetachedInstanceError
