"""Correct versions of multi/async_service_wrappers's bad scenarios (tests/corpus/README.md, "Correct versions")."""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import load_only

from database import provide_database_interface
from engine_ext import connect_database
from models import FlowRun, ResourceGroup

NOTHING_TO_COMPARE = {
    "scenario_bad_refresh_in_second_session": "it only refreshes the run in the second session; nothing is printed",
}


async def correct_rollback_on_except_then_read():
    db = await provide_database_interface()
    async with db.session_context() as session:
        flow_run = await session.get(db.FlowRun, 1)
        try:
            flow_run.name = "hourly"
            await session.commit()
        except IntegrityError:
            await session.rollback()
            await session.refresh(flow_run)
        print(flow_run.name)


async def correct_begin_session_expire_on_commit_then_read():
    engine = await connect_database()
    async with engine.begin_session(expire_on_commit=True) as session:
        group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == "gpu"))
        group.description = "GPU nodes (A100)"
        description = group.description
        await session.commit()
    print(description)


async def correct_load_only_then_other_column():
    db = await provide_database_interface()
    async with db.session_context() as session:
        result = await session.execute(
            sa.select(db.FlowRun).where(db.FlowRun.id == 1)
            .options(load_only(db.FlowRun.id, db.FlowRun.name, db.FlowRun.state_name))
        )
        flow_run = result.scalar_one()
        print(flow_run.state_name)


async def _read_state_name(session, flow_run_id):
    result = await session.execute(
        sa.select(FlowRun).where(FlowRun.id == flow_run_id).options(load_only(FlowRun.id, FlowRun.state_name))
    )
    flow_run = result.scalar_one_or_none()
    return flow_run.state_name if flow_run else None


async def correct_helper_with_session_parameter_load_only():
    db = await provide_database_interface()
    async with db.session_context() as session:
        print(await _read_state_name(session, 1))
