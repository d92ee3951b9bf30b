"""Async commit / rollback expiry while the AsyncSession is still open."""
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    stock: Mapped[int] = mapped_column(default=0)


async def make_factory(**options):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, **options)
    async with factory() as session:
        session.add_all([Product(id=1, sku="KB-01", stock=5), Product(id=2, sku="MS-02", stock=9)])
        await session.commit()
    return factory


async def scenario_bad_column_after_commit_while_open():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        product.stock -= 1
        await session.commit()
        remaining = product.stock  # expect: MissingGreenlet
        print(remaining)


async def scenario_bad_new_object_id_after_commit():
    factory = await make_factory()
    async with factory() as session:
        product = Product(sku="HD-03", stock=1)
        session.add(product)
        await session.commit()
        print("created", product.id)  # expect: MissingGreenlet


async def scenario_ok_column_read_before_commit():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        product.stock -= 1
        remaining = product.stock
        await session.commit()
    print(remaining)


async def scenario_ok_expire_on_commit_false():
    factory = await make_factory(expire_on_commit=False)
    async with factory() as session:
        product = await session.get(Product, 1)
        product.stock -= 1
        await session.commit()
        print(product.stock)
    print(product.sku)


async def scenario_ok_refresh_after_commit():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        product.stock -= 1
        await session.commit()
        await session.refresh(product)
        print(product.stock)


async def scenario_bad_column_after_rollback():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        product.sku = "MS-02"
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
        print("kept sku", product.sku)  # expect: MissingGreenlet


async def scenario_bad_column_after_plain_rollback():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 2)
        await session.rollback()
        stock = product.stock  # expect: MissingGreenlet
        print(stock)


async def scenario_ok_rollback_then_requery():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 2)
        await session.rollback()
        product = await session.get(Product, 2)
        print(product.stock)
