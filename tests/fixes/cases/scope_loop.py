"""scope: a `close()` at the end of a loop body, before the next iteration reads, moves after the loop."""
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


SessionLocal = sessionmaker(create_engine("sqlite://"))


def shout_all():
    session = SessionLocal()
    users = session.scalars(select(User)).all()
    for user in users:
        print(user.name)
        session.commit()
        session.close()  # release the connection
    return len(users)
