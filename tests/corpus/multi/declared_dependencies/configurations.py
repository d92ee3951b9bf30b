"""An abstract configuration: what makes sessions is only declared here; a subclass implements it."""

from abc import ABC, abstractmethod

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine


class BaseDatabaseConfiguration(ABC):
    def __init__(self, connection_url: str) -> None:
        self.connection_url = connection_url
        self._engine = None

    async def engine(self) -> AsyncEngine:
        if self._engine is None:
            self._engine = create_async_engine(self.connection_url)
        return self._engine

    @abstractmethod
    async def session(self, engine: AsyncEngine) -> AsyncSession:
        """A new session for the engine."""


class AioSqliteConfiguration(BaseDatabaseConfiguration):
    async def session(self, engine: AsyncEngine) -> AsyncSession:
        return AsyncSession(engine, expire_on_commit=False)
