"""Calls with several possible targets are alternatives analysed from the same state (a strategy chosen at run
time), and default arguments that are not constants (`session=Session()` evaluated once at `def`,
`session=None` then `session = session or Session()`)."""

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


class ReadStrategy:
    def run(self, session):
        return session.get(User, 1)


class WriteStrategy:
    def run(self, session):
        with session.begin():  # expect: InvalidRequestError
            user = session.get(User, 1)
            user.name = "alice2"
        return user


class AuditedWriteStrategy:
    def run(self, session):
        with session.begin():
            user = session.get(User, 1)
            user.name = "alice3"
        return user


def pick(kind):
    if kind == "read":
        return ReadStrategy()
    return AuditedWriteStrategy()


def run_configured(kind, session):
    return pick(kind).run(session)


def scenario_ok_strategy_alternatives_from_fresh_session():
    Session = _setup()
    with Session() as session:
        user = run_configured("write", session)
        print(user.name)


def scenario_ok_read_strategy_alternative():
    Session = _setup()
    with Session() as session:
        user = run_configured("read", session)
        print(user.name)


def scenario_ok_strategy_chosen_by_branch(kind="write"):
    Session = _setup()
    strategy = ReadStrategy() if kind == "read" else AuditedWriteStrategy()
    with Session() as session:
        print(strategy.run(session).name)


def scenario_bad_write_strategy_after_query():
    Session = _setup()
    with Session() as session:
        session.get(Address, 1)
        user = WriteStrategy().run(session)
        print(user.name)


def get_user(Session, user_id, session=None):
    owned = session is None
    session = session or Session()
    try:
        return session.get(User, user_id)
    finally:
        if owned:
            session.close()


def scenario_bad_session_or_default_closes_own_session():
    Session = _setup()
    user = get_user(Session, 1)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_session_or_default_keeps_caller_session():
    Session = _setup()
    with Session() as session:
        user = get_user(Session, 1, session)
        print(user.addresses)


def scenario_bad_default_session_argument_closed_by_callee():
    Session = _setup()

    def load_once(user_id, session=Session()):
        try:
            return session.get(User, user_id)
        finally:
            session.close()

    print(load_once(1).addresses)  # expect: DetachedInstanceError


def scenario_ok_default_session_argument_stays_open():
    Session = _setup()

    def load(user_id, session=Session()):
        return session.get(User, user_id)

    print(load(1).addresses)
