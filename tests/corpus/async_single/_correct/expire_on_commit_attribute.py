"""Correct versions of async_single/expire_on_commit_attribute.py's bad scenarios (see tests/corpus/README.md,
"Correct versions")."""

from expire_on_commit_attribute import Job, _engine
from sqlalchemy.ext.asyncio import AsyncSession


async def correct_flag_on_the_async_wrapper():
    engine = await _engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)


async def correct_flag_set_back_on_the_sync_session():
    engine = await _engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        job = await session.get(Job, 1)
        job.state = "done"
        await session.commit()
        print(job.state)
