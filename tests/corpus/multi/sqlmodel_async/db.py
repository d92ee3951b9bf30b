from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from models import Hero, Team


async def make_factory(expire_on_commit=True):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
    factory = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=expire_on_commit)
    async with factory() as session:
        session.add(Hero(id=1, name="Deadpond", team=Team(id=1, name="Preventers")))
        await session.commit()
    return factory
