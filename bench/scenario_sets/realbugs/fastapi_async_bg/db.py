from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from models import Base, Event

SessionLocal = async_sessionmaker()


@asynccontextmanager
async def lifespan(app):
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionLocal.configure(bind=engine)
    async with SessionLocal.begin() as session:
        session.add(Event(id=1, name="pycon"))
    yield


async def get_db():
    async with SessionLocal() as session:
        yield session


DB = Annotated[AsyncSession, Depends(get_db)]
