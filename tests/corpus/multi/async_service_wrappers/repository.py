import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from models import ResourceGroup


class AgentRepository:
    def __init__(self, db):
        self._db = db

    async def _load_with_agents(self, db_sess, name):
        query = sa.select(ResourceGroup).where(ResourceGroup.name == name).options(joinedload(ResourceGroup.agents))
        return (await db_sess.execute(query)).unique().scalar_one_or_none()

    async def count_agent_resources(self, name):
        async with self._db.begin_readonly_session() as db_sess:
            group = await self._load_with_agents(db_sess, name)
            return sum(len(agent.resources) for agent in group.agents)  # expect: MissingGreenlet

    async def list_agent_ids(self, name):
        async with self._db.begin_readonly_session() as db_sess:
            group = await self._load_with_agents(db_sess, name)
            return [agent.id for agent in group.agents]

    async def describe_after_commit(self, name):
        async with self._db.begin_session(expire_on_commit=True) as session:
            group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            group.description = "GPU nodes (A100)"
            await session.commit()
            return group.description  # expect: MissingGreenlet

    async def describe_after_default_commit(self, name):
        async with self._db.begin_session() as session:
            group = await session.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            group.description = "GPU nodes (H100)"
            await session.commit()
            return group.description

    async def count_agents(self, name):
        async with self._db.begin_readonly_session() as db_sess:
            group = await db_sess.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
            return len(group.agents)  # expect: MissingGreenlet

    async def description(self, name):
        async with self._db.begin_readonly_session() as db_sess:
            group = await db_sess.scalar(sa.select(ResourceGroup).where(ResourceGroup.name == name))
        return group.description
