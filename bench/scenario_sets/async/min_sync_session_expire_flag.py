"""Turning expire_on_commit off on the Session behind an AsyncSession (session.sync_session.expire_on_commit = False)
works; the same assignment on the AsyncSession itself is not proxied and changes nothing."""
from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20))


async def make_engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Job(id=1, state="queued"))
        await session.commit()
    return engine


async def scenario_ok_sync_session_flag_disables_expiry():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        session.sync_session.expire_on_commit = False
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)


async def scenario_bad_flag_set_on_async_session_is_not_proxied():
    engine = await make_engine()
    async with AsyncSession(engine) as session:
        session.expire_on_commit = False
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)  # expect: MissingGreenlet
