"""Session construction forms: Session(engine, ...), `with Session(engine) as s, s.begin():`, factory.begin(), scoped_session."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, scoped_session, sessionmaker


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
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(User(id=1, name="alice", email="alice@example.com", bio="likes tea",
                   addresses=[Address(id=1, email="alice@example.com")]))
        s.add(User(id=2, name="bob", email="bob@example.com"))
        s.commit()
    return engine


def scenario_ok_session_constructor_no_expire():
    engine = _setup()
    session = Session(engine, expire_on_commit=False)
    alice = session.get(User, 1)
    session.commit()
    session.close()
    print(alice.name)


def scenario_bad_session_constructor_default_expiry():
    engine = _setup()
    session = Session(engine)
    alice = session.get(User, 1)
    session.commit()
    session.close()
    print(alice.name)  # expect: DetachedInstanceError


def scenario_bad_with_session_and_begin_in_one_statement():
    engine = _setup()
    with Session(engine) as session, session.begin():
        alice = session.get(User, 1)
    print(alice.name)  # expect: DetachedInstanceError


def scenario_ok_with_session_and_begin_no_expire():
    engine = _setup()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        alice = session.get(User, 1)
    print(alice.name)


def scenario_bad_factory_begin_then_column():
    engine = _setup()
    factory = sessionmaker(engine)
    with factory.begin() as session:
        alice = session.get(User, 1)
    print(alice.email)  # expect: DetachedInstanceError


def scenario_ok_no_expire_factory_begin_then_column():
    engine = _setup()
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        alice = session.get(User, 1)
    print(alice.email)


def scenario_ok_scoped_session_commit_then_column_while_registered():
    engine = _setup()
    registry = scoped_session(sessionmaker(engine))
    alice = registry.get(User, 1)
    registry.commit()
    print(alice.name)
    registry.remove()


def scenario_bad_scoped_session_remove_then_relationship():
    engine = _setup()
    registry = scoped_session(sessionmaker(engine))
    alice = registry.get(User, 1)
    registry.remove()
    print(alice.addresses)  # expect: DetachedInstanceError


def scenario_ok_scoped_session_no_expire_commit_remove_column():
    engine = _setup()
    registry = scoped_session(sessionmaker(engine, expire_on_commit=False))
    alice = registry.get(User, 1)
    registry.commit()
    registry.remove()
    print(alice.name)


def scenario_ok_session_constructor_with_block_then_column():
    engine = _setup()
    with Session(engine) as session:
        alice = session.get(User, 1)
    print(alice.name)


def scenario_ok_factory_call_keyword_overrides_its_expiry():
    factory = sessionmaker(_setup())
    with factory(expire_on_commit=False) as session:
        alice = session.get(User, 1)
        session.commit()
    print(alice.name)


def scenario_bad_factory_call_keyword_restores_expiry():
    factory = sessionmaker(_setup(), expire_on_commit=False)
    with factory(expire_on_commit=True) as session:
        alice = session.get(User, 1)
        session.commit()
    print(alice.name)  # expect: DetachedInstanceError
