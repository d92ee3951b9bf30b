"""Looping over rows loaded with joinedload(Product.category), then one more lazy hop in a chained read."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    vendor: Mapped[Vendor | None] = relationship()


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    category: Mapped[Category] = relationship()


async def make_factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        phones = Category(id=2, name="Phones", vendor=Vendor(id=1, name="ACME"))
        session.add(Product(id=1, title="Pixel", category=phones))
        await session.commit()
    return factory


async def scenario_bad_loop_chained_hop_after_joinedload():
    factory = await make_factory()
    async with factory() as session:
        stmt = select(Product).options(joinedload(Product.category))
        products = (await session.scalars(stmt)).all()
        for product in products:
            print(product.category.vendor.name)  # expect: MissingGreenlet


async def scenario_ok_loop_chained_hop_after_chained_joinedload():
    factory = await make_factory()
    async with factory() as session:
        stmt = select(Product).options(joinedload(Product.category).joinedload(Category.vendor))
        products = (await session.scalars(stmt)).all()
        for product in products:
            print(product.category.vendor.name)
