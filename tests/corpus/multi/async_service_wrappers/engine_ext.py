"""An async engine with wrapper context managers for read-write and read-only sessions."""

from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from models import Agent, AgentResource, Base, ResourceGroup


class ExtendedAsyncSAEngine(AsyncEngine):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sess_factory = async_sessionmaker(self, expire_on_commit=False)
        self._readonly_sess_factory = async_sessionmaker(self)

    @asynccontextmanager
    async def begin_session(self, expire_on_commit=False, commit_on_end=True):
        async with self.connect() as conn:
            async with conn.begin():
                self._sess_factory.configure(bind=conn, expire_on_commit=expire_on_commit)
                session = self._sess_factory()
                yield session
                if commit_on_end:
                    await session.commit()

    @asynccontextmanager
    async def begin_readonly_session(self):
        async with self.connect() as conn:
            async with conn.begin():
                self._readonly_sess_factory.configure(bind=conn)
                session = self._readonly_sess_factory()
                yield session


async def connect_database():
    engine = ExtendedAsyncSAEngine(create_async_engine("sqlite+aiosqlite://").sync_engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(ResourceGroup(name="gpu", description="GPU nodes",
                                  agents=[Agent(id="a1", resources=[AgentResource(id=1, slot="cuda")])]))
        await session.commit()
    return engine
