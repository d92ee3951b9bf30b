"""init-collection: a new object's untouched collection starts empty where the object is made."""
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


SessionLocal = sessionmaker(create_engine("sqlite://"), expire_on_commit=False)


def register(name):
    with SessionLocal.begin() as session:
        user = User(
            name=name,  # as typed
        )
        session.add(user)
    return user


def address_count(name):
    return len(register(name).addresses)
