from typing import Optional

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel import Field, Relationship, SQLModel, select
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
    factory = async_sessionmaker(engine, class_=AsyncSession)
    async with factory() as session:
        session.add(Hero(id=1, name="Rusty-Man", team=Team(id=1, name="Preventers")))
        await session.commit()
    return factory


async def scenario_ok_team_already_in_identity_map():
    factory = await _factory()
    async with factory() as session:
        team = (await session.exec(select(Team).where(Team.id == 1))).one()
        hero = await session.get(Hero, 1)
        print(hero.team.name, team.name)


async def scenario_bad_team_not_loaded():
    factory = await _factory()
    async with factory() as session:
        hero = await session.get(Hero, 1)
        print(hero.team.name)  # expect: MissingGreenlet
