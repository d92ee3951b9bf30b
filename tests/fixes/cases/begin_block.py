"""explicit-commit (SQS107): `with s.begin():` after autobegin goes, its body dedents, and `s.commit()` ends it
(keeping the header's comment); or commit first."""
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


SessionLocal = sessionmaker(create_engine("sqlite://"))


def deactivate(user_id):
    with SessionLocal() as s:
        user = s.get(User, user_id)
        with s.begin():  # one transaction
            # mark it
            user.name = f"{user.name} (inactive)"
            note = """kept
as is"""
        return note
