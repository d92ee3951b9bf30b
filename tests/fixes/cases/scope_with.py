"""scope: the statements after a `with` block, up to the read, move into the block; comments move with them and a
multi-line string keeps its text exactly."""
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


Session = sessionmaker(create_engine("sqlite://"))


def rename(user_id, name):
    with Session() as s:
        user = s.get(User, user_id)
        user.name = name
        s.commit()
    # tell the user
    banner = """
Renamed!
"""
    return banner + user.name  # the new name
