from typing import Optional

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from injection import db_injector
from interface import PrefectDBInterface, provide_database_interface
from models import FlowRun


@db_injector
async def read_flow_run(db: PrefectDBInterface, session: AsyncSession, flow_run_id: int) -> Optional[FlowRun]:
    result = await session.execute(
        sa.select(db.FlowRun).where(db.FlowRun.id == flow_run_id).options(selectinload(db.FlowRun.work_queue))
    )
    return result.scalar()


async def name_after_rollback(db: PrefectDBInterface, flow_run_id: int) -> Optional[str]:
    async with db.session_context() as session:
        flow_run = await read_flow_run(session=session, flow_run_id=flow_run_id)
        await session.rollback()
        return flow_run.name if flow_run else None  # expect: MissingGreenlet


async def name_in_transaction(db: PrefectDBInterface, flow_run_id: int) -> Optional[str]:
    async with db.session_context(begin_transaction=True) as session:
        flow_run = await read_flow_run(session=session, flow_run_id=flow_run_id)
    return flow_run.name if flow_run else None


async def work_queue_name(db: PrefectDBInterface, flow_run_id: int) -> Optional[str]:
    async with db.session_context(begin_transaction=True) as session:
        flow_run = await read_flow_run(session=session, flow_run_id=flow_run_id)
    return flow_run.work_queue.name if flow_run and flow_run.work_queue else None


async def reload_in_second_session(db: PrefectDBInterface, flow_run_id: int) -> Optional[FlowRun]:
    async with db.session_context() as session:
        flow_run = await read_flow_run(session=session, flow_run_id=flow_run_id)
    async with db.session_context() as session:
        await session.refresh(flow_run)  # expect: InvalidRequestError
    return flow_run


async def state_name_outside_load_only(db: PrefectDBInterface, session: AsyncSession, flow_run_id: int):
    result = await session.execute(
        sa.select(db.FlowRun).where(db.FlowRun.id == flow_run_id).options(load_only(db.FlowRun.id, db.FlowRun.name))
    )
    flow_run = result.scalar_one_or_none()
    return flow_run.state_name if flow_run else None  # expect: MissingGreenlet


async def name_inside_load_only(db: PrefectDBInterface, session: AsyncSession, flow_run_id: int):
    result = await session.execute(
        sa.select(db.FlowRun).where(db.FlowRun.id == flow_run_id).options(load_only(db.FlowRun.id, db.FlowRun.name))
    )
    flow_run = result.scalar_one_or_none()
    return flow_run.name if flow_run else None


async def rename_in_plain_session(flow_run_id: int, name: str) -> Optional[str]:
    db = provide_database_interface()
    engine = await db.database_config.engine()
    async with AsyncSession(engine) as session:
        flow_run = await read_flow_run(session=session, flow_run_id=flow_run_id)
        flow_run.name = name
        await session.commit()
        return flow_run.name  # expect: MissingGreenlet
