from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(50), unique=True)
    karma: Mapped[int] = mapped_column(default=0)
    events: Mapped[list["AuditEvent"]] = relationship(back_populates="member")


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    member: Mapped["Member"] = relationship(back_populates="events")
