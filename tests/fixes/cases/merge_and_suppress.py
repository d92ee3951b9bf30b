"""merge: `obj = session.merge(obj)` before a refresh of a detached instance; a discarded merge result is assigned.
suppress: `# noqa: CODE` joins the line (after an existing comment)."""
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


SessionLocal = sessionmaker(create_engine("sqlite://"))


def reload(user_id):
    with SessionLocal() as s1:
        user = s1.get(User, user_id)
    with SessionLocal() as s2:
        s2.refresh(user)  # fetch the latest
        return user.name


def rename(user_id, name):
    with SessionLocal() as s1:
        user = s1.get(User, user_id)
        s1.commit()
    with SessionLocal() as s2:
        s2.merge(user)
        return user.name  # noqa: E501
