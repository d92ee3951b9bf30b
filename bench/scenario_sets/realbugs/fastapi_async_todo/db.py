from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Base, Item, TodoList

async_session = async_sessionmaker()
async_session_keep = async_sessionmaker(expire_on_commit=False)


async def init_db():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async_session.configure(bind=engine)
    async_session_keep.configure(bind=engine)
    async with async_session() as session:
        session.add(TodoList(id=1, title="groceries", items=[Item(text="milk"), Item(text="eggs")]))
        await session.commit()


@asynccontextmanager
async def lifespan(app):
    await init_db()
    yield


async def get_session():
    async with async_session() as session:
        yield session


async def get_session_keep():
    async with async_session_keep() as session:
        yield session
