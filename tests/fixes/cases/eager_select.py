"""eager-load: a statement built in a variable, with `.options(...)` already in its chain, gains the loader in that
call; a many-to-one uses `joinedload`; the import goes after a parenthesized import block."""
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    load_only,
    mapped_column,
    relationship,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


Session = sessionmaker(create_engine("sqlite://"))


def owner_of(email):
    with Session() as s:
        stmt = (
            select(Address)
            .options(load_only(Address.id, Address.email, Address.user_id))  # keep the row small
            .where(Address.email == email)
        )
        address = s.scalars(stmt).one()
    return address.user.name
