from contextlib import asynccontextmanager

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from models import Base, Member, Team

AsyncSessionLocal = async_sessionmaker()
SessionLocal = sessionmaker()


def _seed():
    return Team(id=1, name="core", members=[Member(id=1, handle="ada")])


async def init_async_db():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    AsyncSessionLocal.configure(bind=engine)
    async with AsyncSessionLocal.begin() as session:
        session.add(_seed())


def init_sync_db():
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(_seed())


@asynccontextmanager
async def lifespan(app):
    await init_async_db()
    init_sync_db()
    yield


async def get_async_db():
    async with AsyncSessionLocal() as session:
        yield session


def get_db():
    with SessionLocal() as session:
        yield session
