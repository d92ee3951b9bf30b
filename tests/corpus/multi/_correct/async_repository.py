"""Correct versions of multi/async_repository's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import make_factory
from models import Article


async def correct_relationship_after_repository_exit():
    factory = await make_factory()
    async with factory() as session:
        stmt = select(Article).options(selectinload(Article.comments)).where(Article.id == 1)
        article = (await session.scalars(stmt)).one()
    print(len(article.comments))


async def correct_column_after_begin_repository():
    factory = await make_factory()
    async with factory.begin() as session:
        article = await session.get(Article, 1)
        article.views += 1
        views = article.views
    print(views)


async def correct_callee_commits_shared_session_then_column():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        headline = article.headline
        article.views += 1
        await session.commit()
        print(headline)
