"""An engine wrapper whose constructor makes its own session factories, reached by services through a field."""

from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from models import Agent, Base, ResourceGroup


class ExtendedEngine:
    def __init__(self, url: str) -> None:
        self._engine = create_async_engine(url)
        self._sess_factory = async_sessionmaker(self._engine, expire_on_commit=False)
        self._readonly_sess_factory = async_sessionmaker(self._engine)

    @asynccontextmanager
    async def begin_session(self, expire_on_commit: bool = False):
        self._sess_factory.configure(expire_on_commit=expire_on_commit)
        session = self._sess_factory()
        yield session
        await session.commit()

    @asynccontextmanager
    async def begin_readonly_session(self):
        session = self._readonly_sess_factory()
        try:
            yield session
        finally:
            await session.close()

    async def create_all(self) -> None:
        async with self._engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with self.begin_session() as session:
            session.add(ResourceGroup(name="gpu", description="GPU nodes", agents=[Agent(id="a1")]))
