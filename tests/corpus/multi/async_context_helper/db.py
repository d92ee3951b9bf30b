from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Base, Board, Card

factory = async_sessionmaker()


async def init_db():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    factory.configure(bind=engine)
    async with factory.begin() as session:
        session.add(Board(id=1, title="launch", cards=[Card(text="write docs"), Card(text="ship")]))


@asynccontextmanager
async def reading():
    """A session for reads: closed when the block ends."""
    async with factory() as session:
        yield session


@asynccontextmanager
async def transaction():
    """Commit on success, roll back on error, always close."""
    session = factory()
    try:
        yield session
        await session.commit()
    except Exception:
        await session.rollback()
        raise
    finally:
        await session.close()
