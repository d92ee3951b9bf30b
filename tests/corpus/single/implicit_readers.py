"""Reads hidden in __repr__, properties, f-strings, getattr and hasattr."""

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

    def __repr__(self):
        return f"User({self.name!r}, {len(self.addresses)} addresses)"  # expect: DetachedInstanceError

    @property
    def primary_email(self):
        return self.addresses[0].email if self.addresses else None  # expect: DetachedInstanceError

    @property
    def display_name(self):
        return self.name.title()


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address({self.email!r})"  # expect: DetachedInstanceError


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(User(id=1, name="alice", addresses=[Address(id=1, email="alice@example.com")]))
        s.commit()
    return Session


def scenario_bad_fstring_repr():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(f"loaded {user!r}")


def scenario_bad_repr_call():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    text = repr(user)
    print(text)


def scenario_bad_str_falls_back_to_repr():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user)


def scenario_ok_repr_inside_session():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
        print(repr(user))


def scenario_bad_property_reads_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.primary_email)


def scenario_ok_property_reads_column():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(user.display_name)


def scenario_ok_column_only_repr_after_close():
    Session = _setup()
    with Session() as s:
        address = s.get(Address, 1)
    print(f"{address!r}")


def scenario_bad_column_only_repr_after_commit():
    Session = _setup()
    with Session() as s:
        address = s.get(Address, 1)
        s.commit()
    print(repr(address))


def scenario_bad_getattr_with_default():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    addresses = getattr(user, "addresses", None)  # expect: DetachedInstanceError
    print(addresses)


def scenario_ok_getattr_column_with_default():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    print(getattr(user, "name", None))


def scenario_bad_hasattr_relationship():
    Session = _setup()
    with Session() as s:
        user = s.get(User, 1)
    if hasattr(user, "addresses"):  # expect: DetachedInstanceError
        print("has addresses")
