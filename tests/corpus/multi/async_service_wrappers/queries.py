"""Query helpers that receive the caller's session as an annotated parameter."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from models import FlowRun


async def read_state_name(session: AsyncSession, flow_run_id: int):
    result = await session.execute(
        sa.select(FlowRun).where(FlowRun.id == flow_run_id).options(load_only(FlowRun.id, FlowRun.name))
    )
    flow_run = result.scalar_one_or_none()
    return flow_run.state_name if flow_run else None  # expect: MissingGreenlet


async def read_display_name(session: AsyncSession, flow_run_id: int):
    result = await session.execute(
        sa.select(FlowRun).where(FlowRun.id == flow_run_id).options(load_only(FlowRun.id, FlowRun.name))
    )
    flow_run = result.scalar_one_or_none()
    return flow_run.name if flow_run else None


async def rename_and_report(session: AsyncSession, flow_run_id: int, name: str):
    flow_run = await session.get(FlowRun, flow_run_id)
    flow_run.name = name
    await session.commit()
    return flow_run.name
