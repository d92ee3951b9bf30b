from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Publisher(Base):
    __tablename__ = "publishers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    # a lazy relationship: reading it under AsyncSession needs IO
    titles: Mapped[list["Title"]] = relationship(back_populates="publisher")
    # loaded together with the publisher, by a second SELECT ... IN
    imprints: Mapped[list["Imprint"]] = relationship(lazy="selectin")


class Title(Base):
    __tablename__ = "titles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    publisher_id: Mapped[int] = mapped_column(ForeignKey("publishers.id"))
    publisher: Mapped[Publisher] = relationship(back_populates="titles")


class Imprint(Base):
    __tablename__ = "imprints"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    publisher_id: Mapped[int] = mapped_column(ForeignKey("publishers.id"))
