"""A repository built by the application's container: nothing here constructs it, its methods only see `self`."""

import sqlalchemy as sa

from engine_ext import ExtendedEngine
from models import ResourceGroup


class AgentRepository:
    def __init__(self, db: ExtendedEngine) -> None:
        self._db = db

    async def count_agents(self, name: str) -> int:
        async with self._db.begin_readonly_session() as db_sess:
            group = await db_sess.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            return len(group.agents)  # expect: MissingGreenlet

    async def description_after_commit(self, name: str):
        async with self._db.begin_session(expire_on_commit=True) as session:
            group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            group.description = "GPU nodes (A100)"
            await session.commit()
            return group.description  # expect: MissingGreenlet

    async def description_after_default_commit(self, name: str):
        async with self._db.begin_session() as session:
            group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            group.description = "GPU nodes (H100)"
            await session.commit()
            return group.description

    async def description(self, name: str):
        async with self._db.begin_readonly_session() as db_sess:
            group = await db_sess.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            description = group.description
        return description
