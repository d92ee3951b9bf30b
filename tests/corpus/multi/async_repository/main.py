from db import make_factory
from models import Article
from repository import ArticleRepository, bump_views


async def scenario_ok_column_after_repository_exit():
    repo = ArticleRepository(await make_factory())
    article = await repo.get(1)
    print(article.headline)


async def scenario_bad_relationship_after_repository_exit():
    repo = ArticleRepository(await make_factory())
    article = await repo.get(1)
    comments = article.comments  # expect: DetachedInstanceError
    print(len(comments))


async def scenario_ok_eager_repository_relationship():
    repo = ArticleRepository(await make_factory())
    article = await repo.get_with_comments(1)
    print([c.body for c in article.comments])


async def scenario_bad_column_after_begin_repository():
    repo = ArticleRepository(await make_factory())
    article = await repo.record_view(1)
    views = article.views  # expect: DetachedInstanceError
    print(views)


async def scenario_ok_begin_repository_no_expire_factory():
    repo = ArticleRepository(await make_factory(expire_on_commit=False))
    article = await repo.record_view(1)
    print(article.views)


async def scenario_bad_callee_commits_shared_session_then_column():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        await bump_views(session, article)
        headline = article.headline  # expect: MissingGreenlet
        print(headline)


async def scenario_ok_callee_commits_then_refresh():
    factory = await make_factory()
    async with factory() as session:
        article = await session.get(Article, 1)
        await bump_views(session, article)
        await session.refresh(article)
        print(article.headline, article.views)
