"""eager-load: `get()` gains `options=[...]` (a multi-line call with a trailing comma), the import joins an
existing `from sqlalchemy.orm import ...` line."""
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


Session = sessionmaker(create_engine("sqlite://"))


def show(user_id):
    with Session() as s:
        # the user, for the page header
        user = s.get(
            User,
            user_id,
        )
    return len(user.addresses)  # how many addresses
