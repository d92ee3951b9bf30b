"""eager-load of columns: a column left out by `load_only(...)` joins its list; a `defer(...)` option goes."""
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, defer, load_only, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str]


Session = sessionmaker(create_engine("sqlite://"))


def name_of(user_id):
    with Session() as s:
        user = s.scalars(select(User).options(load_only(User.id)).where(User.id == user_id)).one()
    return user.name


def bio_of(user_id):
    with Session() as s:
        user = s.scalars(
            select(User)
            .options(defer(User.bio))
            .where(User.id == user_id)
        ).one()
    return user.bio
