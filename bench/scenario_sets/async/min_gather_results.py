"""Instances returned through asyncio.gather(...) / an awaited Task come from sessions that are already closed."""
import asyncio
from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sales: Mapped[list["Sale"]] = relationship()


class Sale(Base):
    __tablename__ = "sales"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add_all([Shop(id=1, name="a", sales=[Sale()]), Shop(id=2, name="b")])
        await session.commit()
    return factory


async def load_shop(factory, shop_id):
    async with factory() as session:
        return await session.get(Shop, shop_id)


async def scenario_bad_gather_results_lazy_collection():
    factory = await make_factory()
    first, second = await asyncio.gather(load_shop(factory, 1), load_shop(factory, 2))
    print(first.sales, second.sales)  # expect: DetachedInstanceError


async def scenario_bad_awaited_task_result_lazy_collection():
    factory = await make_factory()
    task = asyncio.create_task(load_shop(factory, 1))
    shop = await task
    print(shop.sales)  # expect: DetachedInstanceError


async def scenario_ok_gather_results_loaded_column():
    factory = await make_factory()
    first, second = await asyncio.gather(load_shop(factory, 1), load_shop(factory, 2))
    print(first.name, second.name)
