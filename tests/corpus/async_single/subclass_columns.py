"""Under AsyncSession, a subclass's own column that a query of its base class left unloaded needs IO to read:
MissingGreenlet. A query of the subclass loads it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Vehicle(Base):
    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str]
    kind: Mapped[str]

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "vehicle"}


class Truck(Vehicle):
    __tablename__ = "trucks"

    id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), primary_key=True)
    payload_kg: Mapped[int]

    __mapper_args__ = {"polymorphic_identity": "truck"}


async def _factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory = async_sessionmaker(engine)
    async with factory() as session:
        session.add(Truck(id=1, plate="XY-1", payload_kg=4000))
        await session.commit()
    return factory


async def scenario_bad_subclass_column_of_a_base_row():
    factory = await _factory()
    async with factory() as session:
        vehicle = (await session.scalars(select(Vehicle))).one()
        print(vehicle.plate, vehicle.payload_kg)  # expect: MissingGreenlet


async def scenario_ok_subclass_query():
    factory = await _factory()
    async with factory() as session:
        truck = (await session.scalars(select(Truck))).one()
        print(truck.plate, truck.payload_kg)
