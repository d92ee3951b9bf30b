"""move-read: a plain read moves up, to right after the instance is loaded, when a callee ends the shared session
(after a rollback, so `expire_on_commit=False` would not help)."""
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str]


Session = scoped_session(sessionmaker(create_engine("sqlite://")))


def discard():
    Session.rollback()
    Session.remove()


def handle_of(member_id):
    member = Session.get(Member, member_id)
    discard()
    handle = member.handle
    return handle
