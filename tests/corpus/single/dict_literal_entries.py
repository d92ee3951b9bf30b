"""A dict literal with constant keys gives, for a constant key, that key's value: a table of callbacks runs only
the one the code picks. A store into the dict can put anything under any key."""

from __future__ import annotations

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str]
    entries: Mapped[list[Entry]] = relationship()


class Entry(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))


FORMATTERS = {
    "short": lambda acct: f"#{acct.id} {acct.owner}",
    "full": lambda acct: f"#{acct.id} {len(acct.entries)} entries",  # expect: DetachedInstanceError
}


def _account():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine)
    with factory() as s:
        s.add(Account(id=1, owner="ada", entries=[Entry()]))
        s.commit()
    with factory() as session:
        return session.get(Account, 1)


def scenario_ok_short_formatter_after_close():
    print(FORMATTERS["short"](_account()))


def scenario_bad_full_formatter_after_close():
    print(FORMATTERS["full"](_account()))


def scenario_ok_short_formatter_through_get():
    formatter = FORMATTERS.get("short", str)
    print(formatter(_account()))


def scenario_bad_local_table_rebound_under_a_key():
    handlers = {"summary": lambda acct: acct.owner, "detail": lambda acct: acct.owner}
    handlers["summary"] = lambda acct: len(acct.entries)  # expect: DetachedInstanceError
    print(handlers["summary"](_account()))


def scenario_ok_local_table_other_key():
    handlers = {"summary": lambda acct: acct.owner, "detail": lambda acct: len(acct.entries)}
    print(handlers["summary"](_account()))
