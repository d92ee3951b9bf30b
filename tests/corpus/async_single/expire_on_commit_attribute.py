"""``session.expire_on_commit = False`` on an AsyncSession sets a plain attribute of the async wrapper: its commits
still expire every instance. Set on ``session.sync_session``, it does what it says."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str]


async def _engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Job(id=1, state="queued"))
        await session.commit()
    return engine


async def scenario_bad_flag_on_the_async_wrapper():
    engine = await _engine()
    async with AsyncSession(engine) as session:
        session.expire_on_commit = False
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)  # expect: MissingGreenlet


async def scenario_ok_flag_on_the_sync_session():
    engine = await _engine()
    async with AsyncSession(engine) as session:
        session.sync_session.expire_on_commit = False
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)


async def scenario_bad_flag_set_back_on_the_sync_session():
    engine = await _engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        session.sync_session.expire_on_commit = True
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)  # expect: MissingGreenlet
