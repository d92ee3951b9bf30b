"""Walking a many-to-one chain in a loop (node = node.parent) under AsyncSession."""
from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    parent: Mapped["Category | None"] = relationship(remote_side=[id])


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(Category(id=2, name="Phones", parent=Category(id=1, name="Electronics")))
        await session.commit()
    return factory


async def scenario_bad_walk_parents_in_loop():
    factory = await make_factory()
    async with factory() as session:
        node = await session.get(Category, 2)
        names = []
        while node is not None:
            names.append(node.name)
            node = node.parent  # expect: MissingGreenlet
        print(names)


async def scenario_ok_walk_parents_awaiting_each():
    factory = await make_factory()
    async with factory() as session:
        node = await session.get(Category, 2)
        names = []
        while node is not None:
            names.append(node.name)
            node = await session.get(Category, node.parent_id) if node.parent_id else None
        print(names)
