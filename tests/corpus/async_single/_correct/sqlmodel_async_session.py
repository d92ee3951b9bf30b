"""Correct versions of async_single/sqlmodel_async_session.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.ext.asyncio import AsyncSession as SAAsyncSession
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel_async_session import Hero, _engine


async def correct_sqlmodel_asyncsession():
    engine = await _engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        hero = Hero(name="x")
        session.add(hero)
        await session.commit()
        print(hero.name)


async def correct_sqlalchemy_asyncsession():
    engine = await _engine()
    async with SAAsyncSession(engine, expire_on_commit=False) as session:
        hero = Hero(name="x")
        session.add(hero)
        await session.commit()
        print(hero.name)
