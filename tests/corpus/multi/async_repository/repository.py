from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Article


class ArticleRepository:
    def __init__(self, factory):
        self.factory = factory

    async def get(self, article_id):
        async with self.factory() as session:
            return await session.get(Article, article_id)

    async def get_with_comments(self, article_id):
        async with self.factory() as session:
            stmt = select(Article).options(selectinload(Article.comments)).where(Article.id == article_id)
            return (await session.scalars(stmt)).one()

    async def record_view(self, article_id):
        async with self.factory.begin() as session:
            article = await session.get(Article, article_id)
            article.views += 1
        return article


async def bump_views(session, article):
    """Service helper that shares the caller's session and commits it."""
    article.views += 1
    await session.commit()
