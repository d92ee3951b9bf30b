"""expire-on-commit: `expire_on_commit=False` joins a multi-line factory call with a trailing comma; for a
relationship a commit expired, it comes with eager loading."""
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


SessionLocal = sessionmaker(
    create_engine("sqlite://"),
    autoflush=False,
)


def load(user_id):
    with SessionLocal.begin() as s:
        return s.get(User, user_id)


def name_of(user_id):
    return load(user_id).name


def count_of(user_id):
    return len(load(user_id).addresses)
