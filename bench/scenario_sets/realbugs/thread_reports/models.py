from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    rows: Mapped[list["Row"]] = relationship(back_populates="report")


class Row(Base):
    __tablename__ = "rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int]
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    report: Mapped[Report] = relationship(back_populates="rows")
