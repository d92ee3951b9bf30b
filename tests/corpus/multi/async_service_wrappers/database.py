"""A database interface whose configuration object decides how sessions are made and begun."""

from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from models import Agent, AgentResource, Base, FlowRun, ResourceGroup, WorkQueue


class AioSqliteConfiguration:
    def __init__(self, connection_url):
        self.connection_url = connection_url
        self._engine = None

    async def engine(self):
        if self._engine is None:
            self._engine = create_async_engine(self.connection_url)
        return self._engine

    async def session(self, engine):
        return AsyncSession(engine, expire_on_commit=False)

    @asynccontextmanager
    async def begin_transaction(self, session):
        async with session.begin() as transaction:
            yield transaction


class DatabaseInterface:
    def __init__(self, database_config):
        self.database_config = database_config

    async def engine(self):
        return await self.database_config.engine()

    async def session(self):
        engine = await self.engine()
        return await self.database_config.session(engine)

    @asynccontextmanager
    async def session_context(self, begin_transaction=False):
        session = await self.session()
        async with session:
            if begin_transaction:
                async with self.database_config.begin_transaction(session):
                    yield session
            else:
                yield session

    @property
    def FlowRun(self):
        return FlowRun

    async def create_db(self):
        engine = await self.engine()
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with AsyncSession(engine) as session:
            session.add(FlowRun(id=1, name="nightly", state_name="Scheduled", work_queue=WorkQueue(id=1, name="default")))
            session.add(FlowRun(id=2, name="hourly", state_name="Running", work_queue_id=1))
            session.add(ResourceGroup(name="gpu", description="GPU nodes",
                                      agents=[Agent(id="a1", resources=[AgentResource(id=1, slot="cuda")])]))
            await session.commit()


async def provide_database_interface():
    db = DatabaseInterface(AioSqliteConfiguration("sqlite+aiosqlite://"))
    await db.create_db()
    return db
