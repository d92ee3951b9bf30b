"""Nightly report job: concurrent per-shop tasks with their own sessions, streaming rows, run_sync helpers."""
import asyncio
from dataclasses import dataclass

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload, sessionmaker


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Shop(Base):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sales: Mapped[list["Sale"]] = relationship(back_populates="shop")


class Sale(Base):
    __tablename__ = "sales"

    id: Mapped[int] = mapped_column(primary_key=True)
    amount_cents: Mapped[int]
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    shop: Mapped[Shop] = relationship(back_populates="sales")


@dataclass
class ShopReport:
    shop_name: str
    total_cents: int


async def setup_db():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        for i in range(1, 4):
            session.add(Shop(id=i, name=f"shop-{i}", sales=[Sale(amount_cents=100 * i), Sale(amount_cents=5)]))
        await session.commit()
    return engine


async def load_shop(factory, shop_id: int) -> Shop:
    async with factory() as session:
        return await session.get(Shop, shop_id)


async def load_shop_with_sales(factory, shop_id: int) -> Shop:
    async with factory() as session:
        stmt = select(Shop).where(Shop.id == shop_id).options(selectinload(Shop.sales))
        return (await session.scalars(stmt)).one()


def summarize(shop: Shop) -> ShopReport:
    return ShopReport(shop.name, sum(s.amount_cents for s in shop.sales))  # expect: DetachedInstanceError


async def scenario_bad_gather_then_summarize_lazy_sales():
    engine = await setup_db()
    factory = async_sessionmaker(engine, expire_on_commit=False)
    shops = await asyncio.gather(*(load_shop(factory, i) for i in (1, 2, 3)))
    print([summarize(s) for s in shops])


async def scenario_ok_gather_then_summarize_eager_sales():
    engine = await setup_db()
    factory = async_sessionmaker(engine, expire_on_commit=False)
    shops = await asyncio.gather(*(load_shop_with_sales(factory, i) for i in (1, 2, 3)))
    print([summarize(s) for s in shops])


async def close_day(factory, shop_id: int) -> Shop:
    async with factory() as session:
        async with session.begin():
            shop = await session.get(Shop, shop_id)
            session.add(Sale(amount_cents=1, shop_id=shop.id))
        return shop


async def scenario_bad_gather_begin_blocks_then_name():
    engine = await setup_db()
    factory = async_sessionmaker(engine)
    shops = await asyncio.gather(*(close_day(factory, i) for i in (1, 2)))
    print([s.name for s in shops])  # expect: DetachedInstanceError


async def scenario_ok_gather_begin_blocks_no_expire():
    engine = await setup_db()
    factory = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    shops = await asyncio.gather(*(close_day(factory, i) for i in (1, 2)))
    print([s.name for s in shops])


def totals_sync(session: Session) -> list[tuple[str, int]]:
    shops = session.scalars(select(Shop).order_by(Shop.id)).all()
    return [(shop.name, sum(s.amount_cents for s in shop.sales)) for shop in shops]


async def scenario_ok_run_sync_report_lazy_loads_inside():
    engine = await setup_db()
    async with AsyncSession(engine) as session:
        print(await session.run_sync(totals_sync))


async def scenario_bad_sync_report_called_with_sync_session_proxy():
    engine = await setup_db()
    async with AsyncSession(engine) as session:
        shop = await session.get(Shop, 1)
        print(shop.name, [s.amount_cents for s in shop.sales])  # expect: MissingGreenlet


async def stream_sales(session: AsyncSession):
    result = await session.stream_scalars(select(Sale).order_by(Sale.id))
    async for sale in result:
        yield sale


async def scenario_bad_streamed_sale_shop_lazy():
    engine = await setup_db()
    async with AsyncSession(engine) as session:
        async for sale in stream_sales(session):
            print(sale.amount_cents, sale.shop.name)  # expect: MissingGreenlet


async def scenario_ok_streamed_sale_shop_awaitable_attrs():
    engine = await setup_db()
    async with AsyncSession(engine) as session:
        async for sale in stream_sales(session):
            shop = await sale.awaitable_attrs.shop
            print(sale.amount_cents, shop.name)


async def scenario_ok_task_per_shop_awaits_own_session():
    engine = await setup_db()
    factory = async_sessionmaker(engine)

    async def shop_total(shop_id: int) -> ShopReport:
        async with factory() as session:
            shop = await session.get(Shop, shop_id)
            sales = await shop.awaitable_attrs.sales
            return ShopReport(shop.name, sum(s.amount_cents for s in sales))

    reports = await asyncio.gather(*[asyncio.create_task(shop_total(i)) for i in (1, 2, 3)])
    print(reports)
