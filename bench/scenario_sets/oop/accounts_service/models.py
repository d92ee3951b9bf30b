from __future__ import annotations

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(50))
    balance: Mapped[int] = mapped_column(default=0)
    entries: Mapped[list[Entry]] = relationship(back_populates="account", order_by="Entry.id")

    @classmethod
    def open(cls, session: Session, owner: str, deposit: int = 0) -> "Account":
        account = cls(owner=owner, balance=deposit)
        session.add(account)
        session.commit()
        return account

    @classmethod
    def by_owner(cls, session: Session, owner: str) -> "Account | None":
        return session.scalars(select(cls).where(cls.owner == owner)).first()


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[int]
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    account: Mapped[Account] = relationship(back_populates="entries")
