from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    activated: Mapped[bool] = mapped_column(default=False)


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
session = scoped_session(sessionmaker(engine))


def init_db():
    session.remove()
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    session.add(User(id=1, username="ada"))
    session.commit()
    session.remove()
