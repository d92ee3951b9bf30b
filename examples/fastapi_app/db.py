"""Engines, session factories and the FastAPI session dependencies."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)

async_engine = create_async_engine("sqlite+aiosqlite://")
AsyncSessionLocal = async_sessionmaker(async_engine)


def get_db() -> Iterator[Session]:
    """One session per request, closed when the request is done."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db() -> AsyncIterator[AsyncSession]:
    async with AsyncSessionLocal() as db:
        yield db
