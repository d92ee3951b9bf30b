from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db


class Member(db.Model):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    badges: Mapped[list["Badge"]] = relationship(back_populates="member")


class Badge(db.Model):
    __tablename__ = "badges"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    member: Mapped[Member] = relationship(back_populates="badges")
