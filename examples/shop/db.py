"""Engine, session factories and the unit-of-work helper."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine(os.environ.get("SHOP_DATABASE_URL", "sqlite://"))
SessionLocal = sessionmaker(bind=engine)
NoExpireSession = sessionmaker(bind=engine, expire_on_commit=False)

async_engine = create_async_engine(os.environ.get("SHOP_ASYNC_DATABASE_URL", "sqlite+aiosqlite://"))
AsyncSessionLocal = async_sessionmaker(async_engine)


@contextmanager
def session_scope() -> Iterator[Session]:
    """Unit of work: commit on success, roll back on error, always close."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
