"""Correct versions of async_single/abstract_bases.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from abstract_bases import FlowRun, make_engine


async def correct_inherited_column_after_rollback():
    engine = await make_engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        flow_run = await session.get(FlowRun, 1)
        await session.rollback()
        await session.refresh(flow_run)
        print(flow_run.name)


async def correct_inherited_column_outside_load_only():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        result = await session.execute(select(FlowRun).options(load_only(FlowRun.id, FlowRun.name, FlowRun.state_name)))
        flow_run = result.scalar_one_or_none()
        print(flow_run.state_name)


async def correct_subclass_relationship_lazy_load():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        flow_run = (await session.scalars(select(FlowRun).options(selectinload(FlowRun.flow)))).one()
        print(flow_run.flow.name)
