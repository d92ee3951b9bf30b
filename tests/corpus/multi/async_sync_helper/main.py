from api import (
    get_user_detail,
    get_user_detail_eager,
    get_user_detail_run_sync,
    get_user_summary,
    rename_user,
)
from db import make_factory


async def scenario_bad_sync_serializer_lazy_relationship():
    factory = await make_factory()
    print(await get_user_detail(factory, 1))


async def scenario_ok_sync_serializer_after_selectinload():
    factory = await make_factory()
    print(await get_user_detail_eager(factory, 1))


async def scenario_ok_sync_serializer_through_run_sync():
    factory = await make_factory()
    print(await get_user_detail_run_sync(factory, 1))


async def scenario_ok_sync_serializer_columns_only():
    factory = await make_factory()
    print(await get_user_summary(factory, 1))


async def scenario_bad_repr_after_commit_in_async_session():
    factory = await make_factory()
    print(await rename_user(factory, 1, "countess"))
