"""An `__abstract__ = True` class between the declarative base and the models: it is not mapped itself, but its
columns are mapped on every subclass, and the subclasses are ordinary mapped classes."""
from typing import Optional

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, load_only, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Run(Base):
    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    state_name: Mapped[Optional[str]]


class Flow(Base):
    __tablename__ = "flows"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class FlowRun(Run):
    __tablename__ = "flow_runs"

    flow_id: Mapped[int] = mapped_column(ForeignKey("flows.id"))
    flow: Mapped[Flow] = relationship()


async def make_engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session, session.begin():
        session.add(FlowRun(id=1, name="nightly", state_name="Running", flow=Flow(id=1, name="etl")))
    return engine


async def scenario_bad_inherited_column_after_rollback():
    engine = await make_engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        flow_run = await session.get(FlowRun, 1)
        await session.rollback()
        print(flow_run.name)  # expect: MissingGreenlet


async def scenario_ok_inherited_column_read_before_rollback():
    engine = await make_engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        flow_run = await session.get(FlowRun, 1)
        name = flow_run.name
        await session.rollback()
        print(name)


async def scenario_bad_inherited_column_outside_load_only():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        result = await session.execute(select(FlowRun).options(load_only(FlowRun.id, FlowRun.name)))
        flow_run = result.scalar_one_or_none()
        print(flow_run.state_name)  # expect: MissingGreenlet


async def scenario_ok_inherited_column_inside_load_only():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        result = await session.execute(select(FlowRun).options(load_only(FlowRun.id, FlowRun.name)))
        flow_run = result.scalar_one_or_none()
        print(flow_run.name)


async def scenario_bad_subclass_relationship_lazy_load():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        flow_run = await session.get(FlowRun, 1)
        print(flow_run.flow.name)  # expect: MissingGreenlet
