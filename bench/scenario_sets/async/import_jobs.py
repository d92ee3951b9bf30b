"""CSV-style import job: per-row savepoints, rollback handling, error reporting in except blocks."""
import logging

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

log = logging.getLogger("importer")


class Base(DeclarativeBase):
    pass


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    imported: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    products: Mapped[list["Product"]] = relationship(back_populates="batch")


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    batch: Mapped[ImportBatch | None] = relationship(back_populates="products")


ROWS = [
    {"sku": "A-1", "name": "Anvil"},
    {"sku": "B-2", "name": "Bucket"},
    {"sku": "C-3", "name": "Crowbar"},
    {"sku": "A-1", "name": "Anvil (dup)"},
]


async def get_session_factory(**kw):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, **kw)
    async with factory() as session:
        session.add(ImportBatch(id=1, filename="catalog.csv"))
        session.add(Product(sku="Z-9", name="Zipper"))
        await session.commit()
    return factory


async def import_rows(session: AsyncSession, batch: ImportBatch, rows, count_in_savepoint=False):
    batch_id = batch.id
    for row in rows:
        try:
            async with session.begin_nested():
                product = Product(sku=row["sku"], name=row["name"], batch_id=batch_id)
                session.add(product)
                if count_in_savepoint:
                    batch.imported += 1
        except IntegrityError:
            log.warning("skipping duplicate sku %s", row["sku"])


async def scenario_ok_unmodified_batch_survives_savepoint_rollback():
    factory = await get_session_factory()
    async with factory() as session:
        batch = await session.get(ImportBatch, 1)
        await import_rows(session, batch, ROWS)
        print(f"import of {batch.filename} finished")
        await session.commit()


async def scenario_bad_batch_modified_in_failed_savepoint():
    factory = await get_session_factory()
    async with factory() as session:
        batch = await session.get(ImportBatch, 1)
        await import_rows(session, batch, ROWS, count_in_savepoint=True)
        print(f"import of {batch.filename} finished")  # expect: MissingGreenlet
        await session.commit()


async def scenario_ok_savepoint_release_keeps_state():
    factory = await get_session_factory()
    async with factory() as session:
        batch = await session.get(ImportBatch, 1)
        async with session.begin_nested():
            batch.imported += 1
        print(batch.imported, batch.filename)
        await session.commit()


async def scenario_bad_rollback_ignores_expire_on_commit_false():
    factory = await get_session_factory(expire_on_commit=False)
    async with factory() as session:
        batch = await session.get(ImportBatch, 1)
        try:
            session.add(Product(sku="Z-9", name="Zipper again", batch_id=batch.id))
            await session.commit()
        except IntegrityError:
            await session.rollback()
            log.error("batch %s failed", batch.filename)  # expect: MissingGreenlet


async def scenario_ok_commit_with_expire_on_commit_false():
    factory = await get_session_factory(expire_on_commit=False)
    async with factory() as session:
        batch = await session.get(ImportBatch, 1)
        session.add(Product(sku="Y-8", name="Yoyo", batch_id=batch.id))
        await session.commit()
        log.error("batch %s done", batch.filename)


async def scenario_ok_failed_product_still_readable_after_rollback():
    factory = await get_session_factory()
    async with factory() as session:
        product = Product(sku="Z-9", name="Zipper again")
        session.add(product)
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            print(f"could not import {product.sku}: {product.name}")


async def scenario_bad_flushed_product_then_rollback_reads_loaded_sibling():
    factory = await get_session_factory()
    async with factory() as session:
        existing = (await session.scalars(select(Product).where(Product.sku == "Z-9"))).one()
        fresh = Product(sku="Q-1", name="Quill")
        session.add(fresh)
        await session.flush()
        await session.rollback()
        print(fresh.id, fresh.name)
        print(existing.name)  # expect: MissingGreenlet
