"""lazy="dynamic" on a detached parent: warns and reads as empty instead of raising."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, DynamicMapped, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: DynamicMapped[Address] = relationship(back_populates="user", lazy="dynamic")


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


def scenario_ok_dynamic_all_after_close():
    # Runtime: SAWarning "Instance is detached, dynamic relationship cannot return a correct result"
    # and an empty list; no exception.
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.addresses.all())


def scenario_ok_dynamic_inside_session():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(user.addresses.filter_by(email="alice@example.com").count())


def scenario_bad_dynamic_parent_column_after_commit():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        s.commit()
    print(user.name)  # expect: DetachedInstanceError
