from flow_runs import (
    name_after_rollback,
    name_in_transaction,
    name_inside_load_only,
    reload_in_second_session,
    rename_in_plain_session,
    state_name_outside_load_only,
    work_queue_name,
)
from interface import provide_database_interface


async def ready():
    db = provide_database_interface()
    await db.create_db()
    return db


async def scenario_bad_rollback_then_read_in_wrapper():
    db = await ready()
    print(await name_after_rollback(db, 1))


async def scenario_ok_transaction_then_column_after():
    db = await ready()
    print(await name_in_transaction(db, 1))


async def scenario_ok_selectin_relationship_after_wrapper():
    db = await ready()
    print(await work_queue_name(db, 1))


async def scenario_bad_refresh_in_second_wrapper_session():
    db = await ready()
    await reload_in_second_session(db, 1)


async def scenario_bad_column_outside_load_only():
    db = await ready()
    async with db.session_context() as session:
        print(await state_name_outside_load_only(db, session, 1))


async def scenario_ok_column_inside_load_only():
    db = await ready()
    async with db.session_context() as session:
        print(await name_inside_load_only(db, session, 1))


async def scenario_bad_plain_session_commit_then_read():
    await ready()
    print(await rename_in_plain_session(1, "hourly"))
