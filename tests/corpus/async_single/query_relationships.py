"""Dynamic and write-only relationships under AsyncSession: a dynamic query runs synchronously, a write-only one never runs."""

from __future__ import annotations

import warnings

from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, DynamicMapped, Mapped, WriteOnlyMapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"

    id: Mapped[int] = mapped_column(primary_key=True)
    books: DynamicMapped[Book] = relationship(viewonly=True)
    labels: WriteOnlyMapped[Book] = relationship(viewonly=True)


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))


async def _setup():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add_all([Shelf(id=1), Book(id=1, shelf_id=1)])
        await session.commit()
    return engine


async def scenario_bad_dynamic_query_runs_in_async_session():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        shelf = await session.get(Shelf, 1)
        print(shelf.books.count())  # expect: MissingGreenlet


async def scenario_ok_write_only_statement_executed_with_await():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        shelf = await session.get(Shelf, 1)
        await session.commit()
        books = (await session.scalars(shelf.labels.select())).all()
        print(len(books))


async def scenario_ok_dynamic_query_of_detached_shelf_is_empty():
    engine = await _setup()
    async with AsyncSession(engine) as session:
        shelf = await session.get(Shelf, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        print(shelf.books.count())
