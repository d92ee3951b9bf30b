"""The database interface, built once and kept in a registry the code reaches by name."""

from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from configurations import AioSqliteConfiguration, BaseDatabaseConfiguration
from models import Base, FlowRun, WorkQueue

MODELS_DEPENDENCIES: dict = {}


class PrefectDBInterface:
    def __init__(self, database_config: BaseDatabaseConfiguration) -> None:
        self.database_config = database_config

    async def session(self) -> AsyncSession:
        engine = await self.database_config.engine()
        return await self.database_config.session(engine)

    @asynccontextmanager
    async def session_context(self, begin_transaction: bool = False):
        session = await self.session()
        async with session:
            if begin_transaction:
                async with session.begin():
                    yield session
            else:
                yield session

    @property
    def FlowRun(self) -> type[FlowRun]:
        return FlowRun

    async def create_db(self) -> None:
        engine = await self.database_config.engine()
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with AsyncSession(engine) as session:
            session.add(FlowRun(id=1, name="nightly", state_name="Scheduled", work_queue=WorkQueue(id=1, name="default")))
            await session.commit()


def provide_database_interface() -> PrefectDBInterface:
    interface = MODELS_DEPENDENCIES.get("interface")
    if interface is None:
        interface = PrefectDBInterface(AioSqliteConfiguration("sqlite+aiosqlite://"))
        MODELS_DEPENDENCIES["interface"] = interface
    return interface
