"""Inventory with audit timestamps: onupdate columns, bulk UPDATEs, re-query after commit, deletes."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.current_timestamp())


class Warehouse(TimestampMixin, Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10))
    items: Mapped[list["StockItem"]] = relationship(back_populates="warehouse")


class StockItem(TimestampMixin, Base):
    __tablename__ = "stock_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(default=0)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    warehouse: Mapped[Warehouse] = relationship(back_populates="items")


async def seeded_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory.begin() as session:
        session.add(
            Warehouse(id=1, code="BER", items=[StockItem(id=1, sku="bolt", quantity=10), StockItem(id=2, sku="nut", quantity=3)])
        )
    return factory


class StockService:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def adjust(self, item_id: int, delta: int) -> StockItem:
        item = await self.session.get(StockItem, item_id)
        item.quantity += delta
        await self.session.flush()
        return item

    async def normalize_skus(self, warehouse_id: int) -> None:
        await self.session.execute(
            update(StockItem).where(StockItem.warehouse_id == warehouse_id).values(sku=func.upper(StockItem.sku))
        )

    async def rename_sku(self, item_id: int, sku: str) -> None:
        await self.session.execute(update(StockItem).where(StockItem.id == item_id).values(sku=sku))


async def scenario_bad_audit_timestamp_after_flushed_update():
    factory = await seeded_factory()
    async with factory() as session:
        item = await StockService(session).adjust(1, -2)
        print(f"{item.sku}: {item.quantity} (changed {item.updated_at})")  # expect: MissingGreenlet


async def scenario_ok_audit_timestamp_after_flushed_insert():
    factory = await seeded_factory()
    async with factory() as session:
        item = StockItem(sku="washer", quantity=5, warehouse_id=1)
        session.add(item)
        await session.flush()
        print(f"{item.sku}: {item.quantity} (created {item.created_at}, changed {item.updated_at})")


async def scenario_ok_audit_timestamp_after_update_and_refresh():
    factory = await seeded_factory()
    async with factory() as session:
        item = await StockService(session).adjust(1, -2)
        await session.refresh(item, ["updated_at"])
        print(f"{item.sku}: {item.quantity} (changed {item.updated_at})")


async def scenario_bad_bulk_update_with_sql_expression_expires_loaded_rows():
    factory = await seeded_factory()
    async with factory() as session:
        items = (await session.scalars(select(StockItem).where(StockItem.warehouse_id == 1))).all()
        await StockService(session).normalize_skus(1)
        print([i.sku for i in items])  # expect: MissingGreenlet


async def scenario_ok_bulk_update_with_literal_syncs_loaded_rows():
    factory = await seeded_factory()
    async with factory() as session:
        item = await session.get(StockItem, 2)
        await StockService(session).rename_sku(2, "NUT-M8")
        print(item.sku, item.quantity)


async def scenario_ok_requery_after_commit_repopulates_instance():
    factory = await seeded_factory()
    async with factory() as session:
        bolt = await session.get(StockItem, 1)
        bolt.quantity = 0
        await session.commit()
        low_stock = (await session.scalars(select(StockItem).where(StockItem.quantity < 5))).all()
        print(f"{bolt.sku} is out of stock; {len(low_stock)} items low")


async def scenario_bad_requery_after_commit_misses_instance():
    factory = await seeded_factory()
    async with factory() as session:
        bolt = await session.get(StockItem, 1)
        bolt.quantity = 50
        await session.commit()
        low_stock = (await session.scalars(select(StockItem).where(StockItem.quantity < 5))).all()
        print(f"{bolt.sku} restocked; {len(low_stock)} items low")  # expect: MissingGreenlet


async def scenario_bad_deleted_item_relationship_after_commit():
    factory = await seeded_factory()
    async with factory() as session:
        item = await session.get(StockItem, 2)
        await session.delete(item)
        await session.commit()
        print(f"removed {item.sku} from {item.warehouse.code}")  # expect: DetachedInstanceError


async def scenario_ok_deleted_item_columns_after_commit():
    factory = await seeded_factory()
    async with factory() as session:
        item = await session.get(StockItem, 2)
        await session.delete(item)
        await session.commit()
        print(f"removed {item.sku} (#{item.id})")


async def scenario_bad_refresh_deleted_item():
    factory = await seeded_factory()
    async with factory() as session:
        item = await session.get(StockItem, 2)
        await session.delete(item)
        await session.flush()
        await session.refresh(item)  # expect: InvalidRequestError
