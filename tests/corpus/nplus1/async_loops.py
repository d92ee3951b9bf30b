"""Async N+1: `await obj.awaitable_attrs.rel` in a loop raises nothing but runs one SELECT per row."""

from __future__ import annotations

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[list[Book]] = relationship(order_by="Book.id")
    awards: Mapped[list[Award]] = relationship(lazy="selectin")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))


class Award(Base):
    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    year: Mapped[int]


async def _setup():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)
    async with Session() as s:
        for i in range(1, 4):
            s.add(Author(id=i, name=f"author{i}", books=[Book(title=f"book{i}{j}") for j in range(2)],
                         awards=[Award(year=2000 + i)]))
        await s.commit()
    return Session


async def scenario_nplus1_awaitable_attrs_in_loop():
    Session = await _setup()
    async with Session() as session:
        authors = (await session.scalars(select(Author))).all()
        for author in authors:
            books = await author.awaitable_attrs.books  # expect-warning: SQS201
            print(author.name, [b.title for b in books])


async def scenario_nplus1_awaitable_attrs_in_comprehension():
    Session = await _setup()
    async with Session() as session:
        authors = (await session.scalars(select(Author))).all()
        counts = [len(await a.awaitable_attrs.books) for a in authors]  # expect-warning: SQS201
    print(counts)


async def scenario_ok_selectinload_then_plain_read():
    Session = await _setup()
    async with Session() as session:
        authors = (await session.scalars(select(Author).options(selectinload(Author.books)))).all()
        for author in authors:
            print(author.name, [b.title for b in author.books])


async def scenario_ok_lazy_selectin_relationship():
    Session = await _setup()
    async with Session() as session:
        for author in (await session.scalars(select(Author))).all():
            print(author.name, [a.year for a in author.awards])


async def scenario_ok_awaitable_attrs_once():
    Session = await _setup()
    async with Session() as session:
        author = await session.get(Author, 1)
        books = await author.awaitable_attrs.books
    print([b.title for b in books])
