from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Base, Imprint, Publisher, Title

SessionLocal = async_sessionmaker()


async def init_db():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    SessionLocal.configure(bind=engine)
    async with SessionLocal.begin() as session:
        session.add(Publisher(id=1, name="tor", titles=[Title(name="Ancillary Justice")], imprints=[Imprint(name="forge")]))


@asynccontextmanager
async def lifespan(app):
    await init_db()
    yield


async def get_db():
    async with SessionLocal() as session:
        yield session
