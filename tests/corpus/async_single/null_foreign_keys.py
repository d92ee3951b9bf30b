"""A many-to-one whose foreign key the program's own row holds NULL: reading it gives None without a query, so
no MissingGreenlet while the AsyncSession is open; one whose key is set lazy loads."""

from __future__ import annotations

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    parent: Mapped[Category | None] = relationship(remote_side=[id])


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, expire_on_commit=False)
    async with factory() as session:
        books = Category(name="books")
        session.add_all([books, Category(name="poetry", parent=books)])
        await session.commit()
    return factory


async def scenario_ok_null_key_read_while_open():
    factory = await make_factory()
    async with factory() as session:
        books = await session.get(Category, 1)
        print(books.parent)


async def scenario_bad_set_key_read_while_open():
    factory = await make_factory()
    async with factory() as session:
        poetry = (await session.scalars(select(Category).where(Category.id == 2))).one()
        print(poetry.parent)  # expect: MissingGreenlet
