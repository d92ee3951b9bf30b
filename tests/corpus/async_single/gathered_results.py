"""Awaiting asyncio.gather(), a task or wait_for() gives the results of the coroutines they wrap: instances that
their own sessions loaded and closed."""

from __future__ import annotations

import asyncio

from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Shop(Base):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    sales: Mapped[list[Sale]] = relationship()


class Sale(Base):
    __tablename__ = "sales"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))


async def _factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add_all([Shop(id=1, name="north", sales=[Sale()]), Shop(id=2, name="south")])
        await session.commit()
    return factory


async def load_shop(factory, shop_id):
    async with factory() as session:
        return await session.get(Shop, shop_id)


async def load_shop_with_sales(factory, shop_id):
    async with factory() as session:
        return await session.get(Shop, shop_id, options=[selectinload(Shop.sales)])


async def scenario_bad_gathered_results_lazy_collection():
    factory = await _factory()
    north, south = await asyncio.gather(load_shop(factory, 1), load_shop(factory, 2))
    print(len(north.sales), south.name)  # expect: DetachedInstanceError


async def scenario_ok_gathered_results_columns():
    factory = await _factory()
    north, south = await asyncio.gather(load_shop(factory, 1), load_shop(factory, 2))
    print(north.name, south.name)


async def scenario_bad_gathered_from_a_list():
    factory = await _factory()
    shops = await asyncio.gather(*[load_shop(factory, i) for i in (1, 2)])
    print([len(s.sales) for s in shops])  # expect: DetachedInstanceError


async def scenario_ok_gathered_with_loaded_collections():
    factory = await _factory()
    shops = await asyncio.gather(*[load_shop_with_sales(factory, i) for i in (1, 2)])
    print([len(s.sales) for s in shops])


async def scenario_bad_awaited_task_result():
    factory = await _factory()
    task = asyncio.create_task(load_shop(factory, 1))
    shop = await task
    print(len(shop.sales))  # expect: DetachedInstanceError


async def scenario_bad_wait_for_result():
    factory = await _factory()
    shop = await asyncio.wait_for(load_shop(factory, 1), timeout=5)
    print(len(shop.sales))  # expect: DetachedInstanceError
