from typing import Optional

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel import Field, Relationship, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    team: Optional[Team] = Relationship(back_populates="heroes")


async def _factory():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    return async_sessionmaker(engine, class_=AsyncSession)


async def scenario_ok_new_hero_without_team():
    factory = await _factory()
    async with factory() as session:
        hero = Hero(name="Tarantula")
        session.add(hero)
        await session.commit()
        await session.refresh(hero)
        print(hero.team)


async def scenario_bad_new_hero_with_team_id():
    factory = await _factory()
    async with factory() as session:
        session.add(Team(id=1, name="Preventers"))
        await session.commit()
        hero = Hero(name="Tarantula", team_id=1)
        session.add(hero)
        await session.commit()
        await session.refresh(hero)
        print(hero.team)  # expect: MissingGreenlet
