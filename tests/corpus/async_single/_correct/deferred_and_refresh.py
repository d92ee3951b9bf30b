"""Correct versions of async_single/deferred_and_refresh.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from sqlalchemy.orm import undefer

from deferred_and_refresh import Article, count_comments, make_factory, word_count


async def correct_deferred_column_under_async_session():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1, options=[undefer(Article.body)])
        print(len(article.body))


async def correct_refresh_of_one_attribute_leaves_the_others_expired():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        article.title = "async, again"
        await session.commit()
        await session.refresh(article)
        print(article.title)


async def correct_sync_helper_called_directly_reads_deferred_column():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1, options=[undefer(Article.body)])
        print(word_count(article))


async def correct_run_sync_with_instance_of_a_closed_session():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        print(await session.run_sync(count_comments, article))
