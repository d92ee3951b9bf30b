from database import make_sessionmaker
from services import adopt, adopt_and_reread, owner_pets_after_close, pet_label, pet_label_eager, pet_names, pet_names_awaited


async def scenario_bad_property_reads_lazy_many_to_one():
    factory = await make_sessionmaker()
    print(await pet_label(factory, 1))


async def scenario_ok_property_after_joinedload():
    factory = await make_sessionmaker()
    print(await pet_label_eager(factory, 1))


async def scenario_bad_lazy_collection_in_async_service():
    factory = await make_sessionmaker()
    print(await pet_names(factory, 1))


async def scenario_ok_awaitable_attrs_collection():
    factory = await make_sessionmaker()
    print(await pet_names_awaited(factory, 1))


async def scenario_bad_begin_block_commit_expires_new_pet():
    factory = await make_sessionmaker()
    print(await adopt(factory, 1, "nermal"))


async def scenario_ok_begin_block_with_expire_on_commit_false():
    factory = await make_sessionmaker(expire_on_commit=False)
    print(await adopt(factory, 1, "nermal"))


async def scenario_ok_refresh_after_begin_block():
    factory = await make_sessionmaker()
    print(await adopt_and_reread(factory, 1, "nermal"))


async def scenario_ok_selectinload_collection_read_after_close():
    factory = await make_sessionmaker()
    print(await owner_pets_after_close(factory, 1))
