from flow_runs import (
    name_after_rollback,
    name_in_transaction,
    name_inside_load_only,
    reload_in_second_session,
    rename_in_plain_session,
    state_name_outside_load_only,
    work_queue_name,
)
from engine_ext import ExtendedEngine
from interface import provide_database_interface
from repository import AgentRepository


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


CONTAINER: dict = {}


async def repository():
    if "agents" not in CONTAINER:
        engine = ExtendedEngine("sqlite+aiosqlite://")
        await engine.create_all()
        CONTAINER["agents"] = AgentRepository(engine)
    return CONTAINER["agents"]


async def scenario_bad_lazy_relationship_in_readonly_session():
    CONTAINER.clear()
    print(await (await repository()).count_agents("gpu"))


async def scenario_bad_commit_expiring_then_read():
    CONTAINER.clear()
    print(await (await repository()).description_after_commit("gpu"))


async def scenario_ok_commit_not_expiring_then_read():
    CONTAINER.clear()
    print(await (await repository()).description_after_default_commit("gpu"))


async def scenario_ok_column_copied_inside_readonly_session():
    CONTAINER.clear()
    print(await (await repository()).description("gpu"))
