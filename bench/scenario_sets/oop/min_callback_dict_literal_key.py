from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str]
    entries: Mapped[list["Entry"]] = relationship()


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))


def _setup():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    Session = sessionmaker(engine)
    with Session() as s:
        s.add(Account(id=1, owner="ada", entries=[Entry()]))
        s.commit()
    return Session


FORMATTERS = {
    "short": lambda acct: f"#{acct.id} {acct.owner}",
    "full": lambda acct: f"#{acct.id} {len(acct.entries)} entries",
}


def scenario_ok_short_formatter_after_close():
    Session = _setup()
    with Session() as session:
        account = session.get(Account, 1)
    print(FORMATTERS["short"](account))
