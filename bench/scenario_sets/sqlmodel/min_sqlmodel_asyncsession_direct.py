from typing import Optional

from sqlalchemy.ext.asyncio import AsyncSession as SAAsyncSession, create_async_engine
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str


async def _engine():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    return engine


async def scenario_bad_sqlmodel_asyncsession():
    engine = await _engine()
    async with AsyncSession(engine) as session:
        hero = Hero(name="x")
        session.add(hero)
        await session.commit()
        print(hero.name)  # expect: MissingGreenlet


async def scenario_bad_sqlalchemy_asyncsession():
    engine = await _engine()
    async with SAAsyncSession(engine) as session:
        hero = Hero(name="x")
        session.add(hero)
        await session.commit()
        print(hero.name)  # expect: MissingGreenlet


async def scenario_ok_sqlmodel_asyncsession_no_expire():
    engine = await _engine()
    async with AsyncSession(engine, expire_on_commit=False) as session:
        hero = Hero(name="x")
        session.add(hero)
        await session.commit()
        print(hero.name)
