"""Context managers in every form: @contextmanager methods, classes whose __exit__ commits, rolls back or closes
(a unit of work), contextlib.ExitStack, and one `with` holding several managers that depend on each other."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

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


class Database:
    def __init__(self, factory):
        self.factory = factory

    @contextmanager
    def session(self):
        session = self.factory()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self):
        session = self.factory()
        yield session
        session.rollback()


class UnitOfWork:
    def __init__(self, factory):
        self.factory = factory

    def __enter__(self):
        self.session = self.factory()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.session.commit()
        else:
            self.session.rollback()
        self.session.close()


class KeepOpenUnitOfWork:
    def __init__(self, factory):
        self.factory = factory

    def __enter__(self):
        self.session = self.factory()
        return self.session

    def __exit__(self, exc_type, exc, tb):
        self.session.flush()


class Audit:
    def __init__(self, session):
        self.session = session

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.session.expunge_all()


def scenario_bad_contextmanager_method_commits_and_closes():
    db = Database(_setup())
    with db.session() as session:
        user = session.get(User, 1)
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_contextmanager_method_read_inside():
    db = Database(_setup())
    with db.session() as session:
        user = session.get(User, 1)
        print(user.name, len(user.addresses))


def scenario_bad_contextmanager_method_rollback_keeps_session_open():
    db = Database(_setup())
    with db.reading() as session:
        user = session.get(User, 1)
    session.close()
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_contextmanager_method_rollback_then_read_while_open():
    db = Database(_setup())
    with db.reading() as session:
        user = session.get(User, 1)
    print(user.name)


def scenario_bad_unit_of_work_exit_commits():
    with UnitOfWork(_setup()) as uow:
        user = uow.session.get(User, 1)
    print(user.name)  # expect: DetachedInstanceError


def scenario_ok_unit_of_work_keep_open_exit_flushes():
    with KeepOpenUnitOfWork(_setup()) as session:
        user = session.get(User, 1)
    print(user.name, len(user.addresses))


def scenario_bad_exit_stack_closes_session():
    Session = _setup()
    with ExitStack() as stack:
        session = stack.enter_context(Session())
        user = session.get(User, 1)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_bad_exit_stack_closed_by_hand():
    Session = _setup()
    stack = ExitStack()
    session = stack.enter_context(Session())
    user = session.get(User, 1)
    stack.close()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_exit_stack_read_inside():
    Session = _setup()
    with ExitStack() as stack:
        session = stack.enter_context(Session())
        user = session.get(User, 1)
        print(user.addresses)


def scenario_bad_two_managers_in_one_with():
    Session = _setup()
    with Session() as session, Audit(session) as audit:
        user = audit.session.get(User, 1)
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_two_managers_read_inside():
    Session = _setup()
    with Session() as session, Audit(session):
        user = session.get(User, 1)
        print(user.addresses)
