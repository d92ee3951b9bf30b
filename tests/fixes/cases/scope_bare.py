"""scope: a bare `s = Session()` … `s.close()` becomes `with Session() as s:` around the body up to the read; the
`close()` goes, comments stay."""
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


SessionLocal = sessionmaker(create_engine("sqlite://"))


def create(name):
    session = SessionLocal()  # one unit of work
    user = User(name=name)

    # save it
    session.add(user)
    session.commit()
    session.close()
    print("created", user.id)
    return name
