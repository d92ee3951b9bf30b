"""Methods found through the MRO: mixins, generic base repositories, super(), overrides, classmethods and
staticmethods called through a subclass."""

from __future__ import annotations

from typing import Generic, TypeVar

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


T = TypeVar("T")


class ClosingMixin:
    def finish(self):
        self.session.close()


class BaseService(ClosingMixin):
    def __init__(self, session):
        self.session = session

    def load_user(self, user_id):
        return self.session.get(User, user_id)


class UserService(BaseService):
    pass


class FlushingService(BaseService):
    def finish(self):
        self.session.flush()


class LoggingService(BaseService):
    def finish(self):
        print("finishing")
        super().finish()


class BaseRepository(Generic[T]):
    model: type

    def __init__(self, factory):
        self.factory = factory

    def get(self, item_id):
        with self.factory() as session:
            return session.get(self.model, item_id)

    @classmethod
    def fetch(cls, factory, item_id):
        with factory() as session:
            return session.get(cls.model, item_id)

    @staticmethod
    def detach_all(session):
        session.expunge_all()


class UserRepository(BaseRepository[User]):
    model = User


def scenario_bad_mixin_method_closes_session():
    Session = _setup()
    service = UserService(Session())
    user = service.load_user(1)
    service.finish()
    print(user.addresses)  # expect: DetachedInstanceError


def scenario_ok_override_only_flushes():
    Session = _setup()
    service = FlushingService(Session())
    user = service.load_user(1)
    service.finish()
    print(user.addresses)


def scenario_bad_override_calls_super():
    Session = _setup()
    service = LoggingService(Session())
    user = service.load_user(1)
    service.finish()
    print([a.email for a in user.addresses])  # expect: DetachedInstanceError


def scenario_ok_mixin_close_then_column():
    Session = _setup()
    service = UserService(Session())
    user = service.load_user(1)
    service.finish()
    print(user.name)


def scenario_bad_generic_base_repository_get():
    repo = UserRepository(_setup())
    user = repo.get(1)
    print(len(user.addresses))  # expect: DetachedInstanceError


def scenario_ok_generic_base_repository_column():
    repo = UserRepository(_setup())
    user = repo.get(1)
    print(user.name)


def scenario_bad_classmethod_through_subclass():
    user = UserRepository.fetch(_setup(), 1)
    for address in user.addresses:  # expect: DetachedInstanceError
        print(address.email)


def scenario_ok_classmethod_through_subclass_column():
    user = UserRepository.fetch(_setup(), 1)
    print(user.id, user.name)


def scenario_bad_staticmethod_through_subclass():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    UserRepository.detach_all(session)
    print(user.addresses[0].email)  # expect: DetachedInstanceError


def scenario_ok_staticmethod_through_subclass_column():
    Session = _setup()
    session = Session()
    user = session.get(User, 1)
    UserRepository.detach_all(session)
    print(user.name)
    session.close()
