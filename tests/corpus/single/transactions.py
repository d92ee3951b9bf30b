"""commit / rollback while the session is open or after close, and expire_on_commit=False."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker


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


def _engine():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return engine


def _setup():
    return sessionmaker(_engine())


def scenario_ok_commit_then_read_while_open():
    SessionLocal = _setup()
    session = SessionLocal()
    user = session.get(User, 1)
    user.name = "bob"
    session.commit()
    print(user.name)


def scenario_bad_rollback_close_then_read():
    SessionLocal = _setup()
    session = SessionLocal()
    user = session.get(User, 1)
    session.rollback()
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_rollback_then_read_while_open():
    SessionLocal = _setup()
    session = SessionLocal()
    user = session.get(User, 1)
    session.rollback()
    print(user.name)
    session.close()


def scenario_ok_expire_on_commit_false_factory():
    engine = _engine()
    SessionLocal = sessionmaker(engine, expire_on_commit=False)
    session = SessionLocal()
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.name)


def scenario_ok_expire_on_commit_false_session():
    engine = _engine()
    session = Session(engine, expire_on_commit=False)
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.name)


def scenario_bad_expire_on_commit_false_rollback():
    engine = _engine()
    SessionLocal = sessionmaker(engine, expire_on_commit=False)
    session = SessionLocal()
    user = session.get(User, 1)
    session.rollback()
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_bad_expire_on_commit_false_lazy_relationship():
    engine = _engine()
    session = Session(engine, expire_on_commit=False)
    user = session.get(User, 1)
    session.commit()
    session.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_expire_on_commit_false_with_block():
    engine = _engine()
    with Session(engine, expire_on_commit=False) as session:
        user = session.get(User, 1)
        user.name = "bob"
        session.commit()
    print(user.name)
