"""Under AsyncSession a many-to-one loaded by key needs no IO when the session holds its target: a query for every
row of the target's table, kept referenced and not expired, puts every target in the identity map. A result
thrown away, a commit that expires the targets, or a collection (loaded by a query, never by key) still does IO."""

from __future__ import annotations

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Region(Base):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    parent: Mapped[Region | None] = relationship(remote_side=[id])
    stores: Mapped[list[Store]] = relationship(back_populates="region")


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    city: Mapped[str]
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    region: Mapped[Region] = relationship(back_populates="stores")


async def _setup():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine, class_=AsyncSession)
    async with factory() as session:
        europe = Region(id=1, name="Europe")
        session.add(Region(id=2, name="Nordics", parent=europe, stores=[Store(id=1, city="Oslo")]))
        await session.commit()
    return factory


async def scenario_ok_targets_held_by_an_every_row_query():
    factory = await _setup()
    async with factory() as session:
        regions = (await session.scalars(select(Region))).all()
        store = await session.get(Store, 1)
        print(store.region.name, len(regions))


async def scenario_bad_target_not_held():
    factory = await _setup()
    async with factory() as session:
        store = await session.get(Store, 1)
        print(store.region.name)  # expect: MissingGreenlet


async def scenario_bad_every_row_result_thrown_away():
    factory = await _setup()
    async with factory() as session:
        (await session.scalars(select(Region))).all()
        store = await session.get(Store, 1)
        print(store.region.name)  # expect: MissingGreenlet


async def scenario_bad_targets_expired_by_commit():
    factory = await _setup()
    async with factory() as session:
        regions = (await session.scalars(select(Region))).all()
        store = await session.get(Store, 1)
        store.city = "Bergen"
        await session.commit()
        await session.refresh(store)
        print(store.region.name, len(regions))  # expect: MissingGreenlet


async def scenario_ok_self_referential_parent_held():
    factory = await _setup()
    async with factory() as session:
        regions = (await session.scalars(select(Region).order_by(Region.id))).all()
        nordics = await session.get(Region, 2)
        print(nordics.parent.name, len(regions))


async def scenario_bad_self_referential_parent_not_held():
    factory = await _setup()
    async with factory() as session:
        nordics = await session.get(Region, 2)
        print(nordics.parent.name)  # expect: MissingGreenlet


async def scenario_bad_collection_is_not_loaded_by_key():
    factory = await _setup()
    async with factory() as session:
        stores = (await session.scalars(select(Store))).all()
        nordics = await session.get(Region, 2)
        print(len(nordics.stores), len(stores))  # expect: MissingGreenlet


async def scenario_bad_get_options_of_an_every_row_result():
    factory = await _setup()
    async with factory() as session:
        regions = (await session.scalars(select(Region))).all()
        nordics = await session.get(Region, 2, options=[selectinload(Region.stores)])
        print(len(nordics.stores), len(regions))  # expect: MissingGreenlet


async def scenario_ok_get_options_populating_existing():
    factory = await _setup()
    async with factory() as session:
        regions = (await session.scalars(select(Region))).all()
        nordics = await session.get(Region, 2, options=[selectinload(Region.stores)], populate_existing=True)
        print(len(nordics.stores), len(regions))
