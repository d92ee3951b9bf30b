"""Correct versions of async_single/subclass_columns.py's bad scenarios (see tests/corpus/README.md, "Correct
versions")."""

from subclass_columns import Truck, Vehicle, _factory
from sqlalchemy import select
from sqlalchemy.orm import with_polymorphic


async def correct_subclass_column_of_a_base_row():
    factory = await _factory()
    async with factory() as session:
        vehicle = (await session.scalars(select(with_polymorphic(Vehicle, [Truck])))).one()
        print(vehicle.plate, vehicle.payload_kg)
