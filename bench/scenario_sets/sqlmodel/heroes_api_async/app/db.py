from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import Hero, Team

engine = create_async_engine("sqlite+aiosqlite://")


async def init_db():
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    async with AsyncSession(engine) as session:
        team = Team(name="Preventers", headquarters="Sharp Tower")
        session.add(Hero(name="Rusty-Man", secret_name="Tommy Sharp", age=48, team=team))
        session.add(Hero(name="Deadpond", secret_name="Dive Wilson"))
        await session.commit()


async def get_session():
    async with AsyncSession(engine) as session:
        yield session


async def get_session_no_expire():
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session
