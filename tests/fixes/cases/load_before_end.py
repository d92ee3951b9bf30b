"""load-before-end: nothing better applies (the loader options come from the caller, the read is in another
function and is not a plain assignment), so the relationship is loaded before the block ends."""
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


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
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


SessionLocal = sessionmaker(create_engine("sqlite://"))


def load(user_id, opts):
    with SessionLocal() as s:
        user = s.get(User, user_id, options=opts)
        return user


def report(user_id):
    print(load(user_id, ()).addresses)
