"""Self-referential many-to-one under AsyncSession: the parent row is not in the identity map."""
from sqlalchemy import ForeignKey, String, select
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


async def scenario_bad_parent_of_got_child():
    factory = await make_factory()
    async with factory() as session:
        phones = await session.get(Category, 2)
        print(phones.parent.name)  # expect: MissingGreenlet


async def scenario_ok_parent_already_loaded():
    factory = await make_factory()
    async with factory() as session:
        everything = (await session.scalars(select(Category))).all()
        phones = await session.get(Category, 2)
        print(phones.parent.name, len(everything))
