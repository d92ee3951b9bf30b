"""Async catalog endpoints: loader chains and rows under AsyncSession."""

from __future__ import annotations

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelves"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="shelf")


class Publisher(Base):
    __tablename__ = "publishers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))
    publisher_id: Mapped[int] = mapped_column(ForeignKey("publishers.id"))
    shelf: Mapped[Shelf] = relationship(back_populates="books")
    publisher: Mapped[Publisher] = relationship()


async def init():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine, expire_on_commit=False)
    async with Session() as s:
        pub = Publisher(id=1, name="O'Reilly")
        s.add(Shelf(id=1, label="A", books=[Book(id=1, title="Fluent Python", publisher=pub),
                                          Book(id=2, title="Effective Python", publisher=pub)]))
        await s.commit()
    return Session


async def scenario_ok_selectin_chain():
    Session = await init()
    async with Session() as s:
        shelves = (await s.scalars(
            select(Shelf).options(selectinload(Shelf.books).joinedload(Book.publisher)))).all()
        for shelf in shelves:
            print(shelf.label, [(b.title, b.publisher.name) for b in shelf.books])


async def scenario_bad_publisher_not_in_chain():
    Session = await init()
    async with Session() as s:
        shelves = (await s.scalars(select(Shelf).options(selectinload(Shelf.books)))).all()
        for shelf in shelves:
            for book in shelf.books:
                print(book.title, book.publisher.name)  # expect: MissingGreenlet


async def scenario_ok_rows_unpacked():
    Session = await init()
    async with Session() as s:
        result = await s.execute(select(Book, Shelf).join(Book.shelf))
        for book, shelf in result:
            print(book.title, shelf.label)


async def scenario_ok_joined_unique_books():
    Session = await init()
    async with Session() as s:
        result = await s.scalars(select(Shelf).options(joinedload(Shelf.books)))
        shelves = result.unique().all()
    print([len(sh.books) for sh in shelves])


async def scenario_bad_loop_book_publisher_then_shelf():
    Session = await init()
    async with Session() as s:
        books = (await s.scalars(select(Book).options(joinedload(Book.publisher)))).all()
        for book in books:
            print(book.publisher.name, book.shelf.label)  # expect: MissingGreenlet
