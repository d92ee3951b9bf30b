"""Correct versions of async_single/identity_map_targets.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from identity_map_targets import Region, Store, _setup
from sqlalchemy.orm import joinedload, selectinload


async def correct_target_not_held():
    factory = await _setup()
    async with factory() as session:
        store = await session.get(Store, 1, options=[joinedload(Store.region)])
        print(store.region.name)


async def correct_every_row_result_thrown_away():
    factory = await _setup()
    async with factory() as session:
        store = await session.get(Store, 1, options=[joinedload(Store.region)])
        print(store.region.name)


async def correct_targets_expired_by_commit():
    factory = await _setup()
    async with factory() as session:
        store = await session.get(Store, 1)
        store.city = "Bergen"
        await session.commit()
        await session.refresh(store, ["region"])
        print(store.region.name, 2)


async def correct_self_referential_parent_not_held():
    factory = await _setup()
    async with factory() as session:
        nordics = await session.get(Region, 2, options=[joinedload(Region.parent)])
        print(nordics.parent.name)


async def correct_collection_is_not_loaded_by_key():
    factory = await _setup()
    async with factory() as session:
        nordics = await session.get(Region, 2, options=[selectinload(Region.stores)])
        print(len(nordics.stores), 1)


async def correct_get_options_of_an_every_row_result():
    factory = await _setup()
    async with factory() as session:
        nordics = await session.get(Region, 2, options=[selectinload(Region.stores)], populate_existing=True)
        print(len(nordics.stores), 2)
