"""Correct versions of multi/declared_dependencies's bad scenarios (tests/corpus/README.md, "Correct versions")."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from flow_runs import read_flow_run
from interface import provide_database_interface
from models import ResourceGroup

NOTHING_TO_COMPARE = {
    "scenario_bad_refresh_in_second_wrapper_session": "it only refreshes the run in the second session; nothing is printed",
}


async def ready():
    db = provide_database_interface()
    await db.create_db()
    return db


async def correct_rollback_then_read_in_wrapper():
    db = await ready()
    async with db.session_context() as session:
        flow_run = await read_flow_run(session=session, flow_run_id=1)
        await session.rollback()
        await session.refresh(flow_run)
        print(flow_run.name)


async def correct_column_outside_load_only():
    db = await ready()
    async with db.session_context() as session:
        result = await session.execute(
            sa.select(db.FlowRun).where(db.FlowRun.id == 1).options(load_only(db.FlowRun.id, db.FlowRun.name, db.FlowRun.state_name))
        )
        flow_run = result.scalar_one_or_none()
        print(flow_run.state_name if flow_run else None)


async def correct_plain_session_commit_then_read():
    db = await ready()
    engine = await db.database_config.engine()
    async with AsyncSession(engine) as session:
        flow_run = await read_flow_run(session=session, flow_run_id=1)
        flow_run.name = "hourly"
        await session.commit()
        await session.refresh(flow_run)
        print(flow_run.name)


async def _repository():
    from engine_ext import ExtendedEngine
    from repository import AgentRepository

    engine = ExtendedEngine("sqlite+aiosqlite://")
    await engine.create_all()
    return engine, AgentRepository(engine)


async def correct_lazy_relationship_in_readonly_session():
    engine, _ = await _repository()
    async with engine.begin_readonly_session() as db_sess:
        group = await db_sess.scalar(
            sa.select(ResourceGroup).where(ResourceGroup.name == "gpu").options(selectinload(ResourceGroup.agents))
        )
        print(len(group.agents))


async def correct_commit_expiring_then_read():
    engine, _ = await _repository()
    async with engine.begin_session(expire_on_commit=True) as session:
        group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == "gpu"))
        group.description = "GPU nodes (A100)"
        await session.commit()
        await session.refresh(group)
        print(group.description)
